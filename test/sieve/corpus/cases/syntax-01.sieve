# messages: plain.eml
keep
