# messages: plain.eml
require "fileinto"; fileinto;
