# messages: plain.eml
require ["reject", "vacation"];
vacation "away";
reject "no";
