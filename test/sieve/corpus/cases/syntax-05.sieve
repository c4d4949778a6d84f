# messages: plain.eml
require "fileinto"; fileinto 42;
