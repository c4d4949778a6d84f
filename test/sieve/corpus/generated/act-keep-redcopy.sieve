# messages: plain.eml
require ["fileinto", "copy", "reject", "vacation", "imap4flags"];
keep;
redirect :copy "y@example.net";
