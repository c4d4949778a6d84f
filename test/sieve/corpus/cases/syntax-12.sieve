# messages: plain.eml
if foo "x" { keep; }
