# messages: plain.eml
if true keep;
