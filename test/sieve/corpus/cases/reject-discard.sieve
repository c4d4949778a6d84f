# messages: plain.eml
require ["reject"];
reject "no";
discard;
