# messages: plain.eml list.eml
require ["imap4flags", "fileinto", "variables"];
setflag "\\Seen";
addflag ["$Work", "\\Flagged"];
removeflag "\\seen";
if hasflag :contains "flag" { set "f" "1"; } else { set "f" "0"; }
if header :contains "subject" "Release" { addflag "\\Answered"; fileinto "Lists"; }
fileinto "f-${f}";
