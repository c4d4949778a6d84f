# messages: plain.eml minimal.eml
require ["duplicate", "fileinto"];
if duplicate { fileinto "Dup"; } else { fileinto "New"; }
