# messages: plain.eml
require ["fileinto", "imap4flags", "variables"];
setflag "\\Answered \\Flagged";
fileinto :flags "own" "H";
if hasflag :matches "*" { set "h" "yes"; } else { set "h" "no"; }
fileinto "flags-${h}";
