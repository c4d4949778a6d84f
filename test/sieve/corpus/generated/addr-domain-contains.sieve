# messages: addresses.eml subaddress.eml plain.eml list.eml
require ["fileinto", "variables", "subaddress"];
set "r" "";
if address :domain :contains "from" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "from" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "from" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "from" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "from" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "from" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "to" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "to" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "to" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "to" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "to" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "cc" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "cc" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "cc" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "cc" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "cc" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "cc" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "bcc" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "bcc" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "bcc" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "bcc" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "bcc" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "bcc" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "reply-to" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "reply-to" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "reply-to" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "reply-to" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "reply-to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "reply-to" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "sender" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "sender" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "sender" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "sender" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "sender" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "sender" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "resent-from" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "resent-from" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "resent-from" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "resent-from" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "adc-0-${r}";
set "r" "";
if address :domain :contains "resent-from" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "resent-from" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "resent-to" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "resent-to" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "resent-to" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "resent-to" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "resent-to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :contains "resent-to" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "adc-1-${r}";
set "r" "";
