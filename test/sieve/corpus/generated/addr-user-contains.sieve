# messages: addresses.eml subaddress.eml plain.eml list.eml
require ["fileinto", "variables", "subaddress"];
set "r" "";
if address :user :contains "from" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "from" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "from" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "from" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "from" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "from" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "to" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "to" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "to" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "to" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "to" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "cc" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "cc" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "cc" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "cc" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "cc" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "cc" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "bcc" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "bcc" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "bcc" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "bcc" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "bcc" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "bcc" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "reply-to" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "reply-to" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "reply-to" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "reply-to" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "reply-to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "reply-to" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "sender" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "sender" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "sender" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "sender" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "sender" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "sender" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "resent-from" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "resent-from" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "resent-from" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "resent-from" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "auc-0-${r}";
set "r" "";
if address :user :contains "resent-from" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "resent-from" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "resent-to" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "resent-to" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "resent-to" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "resent-to" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "resent-to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :contains "resent-to" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "auc-1-${r}";
set "r" "";
