# messages: plain.eml
if header :is "subject" 99999999999999999999 { keep; }
