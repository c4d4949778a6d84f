# messages: plain.eml
require "imap4flags";
keep :flags "a b";
keep :flags "c";
