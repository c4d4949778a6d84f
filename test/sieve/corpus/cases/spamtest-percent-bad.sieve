# messages: plain.eml
require ["spamtest"];
if spamtest :percent "5" { discard; }
