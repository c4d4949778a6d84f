# messages: plain.eml
redirect "not an address";
