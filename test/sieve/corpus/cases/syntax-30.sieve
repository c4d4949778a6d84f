# messages: plain.eml
require "fileinto"; fileinto text:
no terminator
