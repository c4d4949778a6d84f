# messages: plain.eml
require ["include"];
include "does-not-exist";
