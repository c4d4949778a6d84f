# messages: plain.eml
if true { require "fileinto"; }
