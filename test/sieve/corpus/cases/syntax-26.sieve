# messages: plain.eml
require ["envelope"]; if envelope :is "frm" "x" { keep; }
