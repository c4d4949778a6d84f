# messages: plain.eml list.eml
require ["enotify", "variables"];
if header :matches "subject" "*" { set :encodeurl "s" "${1}"; }
notify "mailto:a@example.net,b@example.net?cc=c@example.net&subject=${s}";
