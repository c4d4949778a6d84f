# messages: plain.eml
require ["regex"];
if header :regex "subject" "a(b" { discard; }
