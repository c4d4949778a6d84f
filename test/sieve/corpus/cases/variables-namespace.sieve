# messages: plain.eml
require ["variables", "fileinto"];
fileinto "a${foo.bar}b";
