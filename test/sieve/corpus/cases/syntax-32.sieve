# messages: plain.eml
require ["copy"]; keep :copy;
