# messages: plain.eml
require ["fileinto", "copy"];
fileinto :copy "A";
fileinto :copy "A";
fileinto :copy "INBOX";
