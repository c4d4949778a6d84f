# messages: plain.eml
require ["fileinto", "imap4flags", "variables"];
setflag "X Y Z";
removeflag ["y", "Q"];
addflag "z W";
if hasflag :matches "*" { set "h" "yes"; } else { set "h" "no"; }
fileinto "flags-${h}";
