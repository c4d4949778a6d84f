# messages: plain.eml
require ["fileinto", "imap4flags", "variables"];
setflag "\\Seen";
addflag "\\seen";
if hasflag :matches "*" { set "h" "yes"; } else { set "h" "no"; }
fileinto "flags-${h}";
