# messages: plain.eml
require "vacation";
vacation "I am away.";
