# messages: plain.eml
if header :is "subject" ["a", ] { keep; }
