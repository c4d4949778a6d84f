# messages: plain.eml
require ["enotify", "variables", "fileinto"];
set "r" "";
if valid_notify_method "mailto:a@example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if valid_notify_method ["mailto:a@example.net", "xmpp:a@example.net"] { set "r" "${r}1"; } else { set "r" "${r}0"; }
if valid_notify_method "mailto:" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if notify_method_capability "mailto:a@example.net" "online" "maybe" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if notify_method_capability "mailto:a@example.net" "Online" ["yes", "no"] { set "r" "${r}1"; } else { set "r" "${r}0"; }
set :encodeurl "e" "a b&c=d/é";
fileinto "nt-${r}-${e}";
