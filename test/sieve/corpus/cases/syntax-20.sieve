# messages: plain.eml
keep "extra";
