# messages: plain.eml
require ["imap4flags", "fileinto", "copy"];
addflag "\\Flagged";
fileinto :copy "Copy";
addflag "Later";
