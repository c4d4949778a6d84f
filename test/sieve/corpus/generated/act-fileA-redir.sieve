# messages: plain.eml
require ["fileinto", "copy", "reject", "vacation", "imap4flags"];
fileinto "A";
redirect "x@example.net";
