# messages: plain.eml
require ["vacation", "variables"];
if header :matches "subject" "*" { set "s" "${1}"; }
vacation :subject "Re: ${s}" "Thanks for your mail about ${s}.";
