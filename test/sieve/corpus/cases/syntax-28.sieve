# messages: plain.eml
keep; # fine
if true { keep; } }
