# messages: plain.eml
require ["encoded-character", "fileinto"];
fileinto "${unicode:D800}";
