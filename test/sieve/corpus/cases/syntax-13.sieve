# messages: plain.eml
frobnicate;
