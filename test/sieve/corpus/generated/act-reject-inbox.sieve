# messages: plain.eml
require ["fileinto", "copy", "reject", "vacation", "imap4flags"];
reject "refused";
fileinto "INBOX";
