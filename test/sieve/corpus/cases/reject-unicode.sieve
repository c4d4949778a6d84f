# messages: plain.eml
require ["reject", "encoded-character"];
reject "Nicht zustellbar: ${unicode:00FC}berf${unicode:00FC}llt";
