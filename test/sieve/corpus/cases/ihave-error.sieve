# messages: plain.eml
require ["ihave", "fileinto"];
fileinto "before";
error "Script refuses this message.";
