# messages: plain.eml
require ["include"];
include "broken";
