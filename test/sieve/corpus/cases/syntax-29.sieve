# messages: plain.eml
if header :is "subject" "unterminated { keep; }
