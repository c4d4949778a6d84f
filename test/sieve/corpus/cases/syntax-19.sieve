# messages: plain.eml
if header :is "subject" [] { keep; }
