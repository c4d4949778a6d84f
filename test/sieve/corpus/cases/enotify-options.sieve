# messages: plain.eml
require ["enotify", "variables"];
notify :options ["k1=v1", "k2=", "x.y-z_1=a=b"] :from "alerts@example.com" :importance "3" :message "Subject was: Quarterly" "mailto:bob@example.net?subject=Alert&body=see%20mail";
notify :importance "2" "mailto:bob@example.net";
notify "mailto:carol@example.net?cc=dave@example.net";
