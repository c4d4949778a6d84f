# messages: plain.eml
require ["fileinto", "copy", "reject", "vacation", "imap4flags"];
addflag "\\Flagged";
vacation "away";
