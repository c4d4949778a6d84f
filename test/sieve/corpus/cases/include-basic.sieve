# messages: plain.eml list.eml
require ["include", "fileinto"];
include :personal "one";
include :global "one";
include :global "rules";
fileinto "after-includes";
