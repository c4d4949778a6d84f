# messages: plain.eml
require ["editheader"];
addheader "Bad Name" "x";
