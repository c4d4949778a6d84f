# messages: plain.eml
require ["fileinto", "imap4flags", "variables"];
addflag ["A", "B", "a"];
removeflag "b";
if hasflag :matches "*" { set "h" "yes"; } else { set "h" "no"; }
fileinto "flags-${h}";
