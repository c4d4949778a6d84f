# messages: plain.eml
require ["fileinto", "imap4flags", "variables"];
addflag "$label1";
keep;
addflag "$label2";
if hasflag :matches "*" { set "h" "yes"; } else { set "h" "no"; }
fileinto "flags-${h}";
