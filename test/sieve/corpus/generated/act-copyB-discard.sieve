# messages: plain.eml
require ["fileinto", "copy", "reject", "vacation", "imap4flags"];
fileinto :copy "B";
discard;
