# messages: plain.eml
require ["vacation"];
vacation :days 400 "long";
