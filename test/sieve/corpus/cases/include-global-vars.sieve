# messages: plain.eml
require ["include", "variables", "fileinto"];
global "shared";
set "shared" "main";
set "local" "outer";
include "two";
include :once "two";
include :once "two";
include :global "rules";
fileinto "${shared}-${local}";
