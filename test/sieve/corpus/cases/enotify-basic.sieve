# messages: plain.eml
require ["enotify", "variables"];
notify :importance "1" :message "New mail from Alice" :from "bob@example.com" "mailto:bob@example.net";
