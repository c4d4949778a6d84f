# messages: plain.eml
require ["include", "fileinto"];
if true { return; }
fileinto "not-reached";
