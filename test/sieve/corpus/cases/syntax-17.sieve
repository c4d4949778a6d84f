# messages: plain.eml
if header :comparator "i;nonexistent" "subject" "x" { keep; }
