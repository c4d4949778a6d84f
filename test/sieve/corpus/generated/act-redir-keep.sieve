# messages: plain.eml
require ["fileinto", "copy", "reject", "vacation", "imap4flags"];
redirect "x@example.net";
keep;
