# messages: plain.eml
require ["fileinto", "imap4flags", "variables"];
addflag "one";
fileinto "F";
removeflag "one";
fileinto "G";
if hasflag :matches "*" { set "h" "yes"; } else { set "h" "no"; }
fileinto "flags-${h}";
