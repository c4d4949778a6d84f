# messages: plain.eml
require ["fileinto", "copy", "reject", "vacation", "imap4flags"];
vacation "away";
fileinto "A";
