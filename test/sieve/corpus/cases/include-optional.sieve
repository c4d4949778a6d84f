# messages: plain.eml
require ["include", "fileinto"];
include :optional "does-not-exist";
include :optional :global "nor-this";
fileinto "ok";
