# messages: plain.eml
keep; require "fileinto";
