# messages: plain.eml
require "fileinto";
if true { stop; }
fileinto "never";
