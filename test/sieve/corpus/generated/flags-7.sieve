# messages: plain.eml
require ["fileinto", "imap4flags", "variables"];
addflag "  spaced   words ";
if hasflag :matches "*" { set "h" "yes"; } else { set "h" "no"; }
fileinto "flags-${h}";
