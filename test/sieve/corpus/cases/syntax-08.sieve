# messages: plain.eml
fileinto "x";
