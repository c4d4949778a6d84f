# messages: plain.eml subaddress.eml
require ["vacation", "variables"];
if header :matches "subject" "*" { set "s" "${1}"; }
vacation :addresses ["carol@example.net", "dave@example.com"] :subject "Re: ${s}" :from "bob@example.com" "Auto reply";
