# messages: plain.eml
require "nonexistent-extension";
