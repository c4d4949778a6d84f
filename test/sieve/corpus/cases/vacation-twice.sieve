# messages: plain.eml
require ["vacation"];
vacation "one";
vacation "two";
