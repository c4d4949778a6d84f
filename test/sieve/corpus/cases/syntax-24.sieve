# messages: plain.eml
"just a string";
