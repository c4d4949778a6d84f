# messages: plain.eml
discard;
keep;
