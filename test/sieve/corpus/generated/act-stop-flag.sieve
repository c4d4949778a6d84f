# messages: plain.eml
require ["fileinto", "copy", "reject", "vacation", "imap4flags"];
stop;
addflag "\\Flagged";
