# messages: plain.eml
require ["relational"];
if header :value "bigger" "subject" "a" { discard; }
