# messages: plain.eml
require ["include"];
include "loop-a";
