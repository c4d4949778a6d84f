# messages: plain.eml
require ["enotify"];
notify :importance "4" "mailto:a@example.net";
