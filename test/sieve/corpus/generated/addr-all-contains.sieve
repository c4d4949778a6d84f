# messages: addresses.eml subaddress.eml plain.eml list.eml
require ["fileinto", "variables", "subaddress"];
set "r" "";
if address :all :contains "from" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "from" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "from" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "from" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "from" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "from" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "to" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "to" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "to" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "to" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "to" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "cc" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "cc" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "cc" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "cc" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "cc" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "cc" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "bcc" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "bcc" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "bcc" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "bcc" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "bcc" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "bcc" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "reply-to" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "reply-to" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "reply-to" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "reply-to" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "reply-to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "reply-to" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "sender" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "sender" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "sender" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "sender" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "sender" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "sender" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "resent-from" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "resent-from" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "resent-from" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "resent-from" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "aac-0-${r}";
set "r" "";
if address :all :contains "resent-from" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "resent-from" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "resent-to" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "resent-to" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "resent-to" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "resent-to" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "resent-to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :contains "resent-to" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "aac-1-${r}";
set "r" "";
