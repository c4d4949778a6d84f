# messages: plain.eml
require "variables";
set "1" "x";
