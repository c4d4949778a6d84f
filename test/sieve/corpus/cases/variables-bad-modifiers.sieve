# messages: plain.eml
require "variables";
set :lower :upper "a" "x";
