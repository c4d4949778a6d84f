# messages: plain.eml
require ["reject"];
reject "no";
reject "again";
