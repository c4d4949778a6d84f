# messages: plain.eml
require ["reject", "fileinto"];
fileinto "A";
reject "no";
