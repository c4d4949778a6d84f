# messages: plain.eml
require ["fileinto", "copy", "reject", "vacation", "imap4flags"];
fileinto :copy "B";
redirect :copy "y@example.net";
