# messages: plain.eml
if true { keep; } else if false { keep; }
