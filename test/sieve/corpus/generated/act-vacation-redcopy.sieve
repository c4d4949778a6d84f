# messages: plain.eml
require ["fileinto", "copy", "reject", "vacation", "imap4flags"];
vacation "away";
redirect :copy "y@example.net";
