# messages: plain.eml
elsif true { keep; }
