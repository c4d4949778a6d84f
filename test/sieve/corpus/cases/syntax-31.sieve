# messages: plain.eml
if true { keep; } else { discard; } else { keep; }
