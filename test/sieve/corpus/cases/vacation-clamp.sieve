# messages: plain.eml
require ["vacation", "vacation-seconds"];
if true { vacation :seconds 10 "short"; }
