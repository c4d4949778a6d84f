# messages: plain.eml
require ["reject"];
redirect "a@example.net";
reject "no";
