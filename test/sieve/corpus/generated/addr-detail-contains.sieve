# messages: addresses.eml subaddress.eml plain.eml list.eml
require ["fileinto", "variables", "subaddress"];
set "r" "";
if address :detail :contains "from" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "from" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "from" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "from" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "from" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "from" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "to" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "to" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "to" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "to" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "to" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "cc" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "cc" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "cc" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "cc" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "cc" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "cc" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "bcc" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "bcc" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "bcc" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "bcc" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "bcc" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "bcc" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "reply-to" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "reply-to" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "reply-to" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "reply-to" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "reply-to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "reply-to" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "sender" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "sender" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "sender" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "sender" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "sender" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "sender" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "resent-from" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "resent-from" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "resent-from" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "resent-from" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "adc-0-${r}";
set "r" "";
if address :detail :contains "resent-from" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "resent-from" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "resent-to" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "resent-to" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "resent-to" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "resent-to" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "resent-to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "resent-to" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "adc-1-${r}";
set "r" "";
