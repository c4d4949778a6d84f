# messages: plain.eml
require "reject";
reject "I do not accept mail from you.";
