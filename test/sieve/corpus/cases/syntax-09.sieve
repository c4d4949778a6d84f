# messages: plain.eml
if header "subject" { keep; }
