# messages: plain.eml
require ["imap4flags", "fileinto"];
addflag "internal";
fileinto :flags ["\\Draft", "explicit"] "A";
fileinto "B";
setflag "";
fileinto "C";
