# messages: plain.eml
require ["fileinto", "copy", "reject", "vacation", "imap4flags"];
redirect :copy "y@example.net";
keep;
