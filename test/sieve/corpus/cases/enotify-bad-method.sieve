# messages: plain.eml
require ["enotify"];
notify "xmpp:someone@example.net";
