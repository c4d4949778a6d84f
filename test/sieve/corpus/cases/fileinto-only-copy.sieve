# messages: plain.eml
require ["fileinto", "copy"];
fileinto :copy "Copies";
redirect :copy "other@example.net";
