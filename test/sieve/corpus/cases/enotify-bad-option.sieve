# messages: plain.eml
require ["enotify"];
notify :options ["k1=v1", "k2"] "mailto:bob@example.net";
