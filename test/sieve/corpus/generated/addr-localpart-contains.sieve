# messages: addresses.eml subaddress.eml plain.eml list.eml
require ["fileinto", "variables", "subaddress"];
set "r" "";
if address :localpart :contains "from" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "from" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "from" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "from" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "from" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "from" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "to" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "to" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "to" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "to" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "to" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "cc" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "cc" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "cc" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "cc" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "cc" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "cc" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "bcc" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "bcc" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "bcc" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "bcc" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "bcc" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "bcc" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "reply-to" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "reply-to" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "reply-to" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "reply-to" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "reply-to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "reply-to" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "sender" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "sender" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "sender" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "sender" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "sender" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "sender" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "resent-from" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "resent-from" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "resent-from" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "resent-from" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "alc-0-${r}";
set "r" "";
if address :localpart :contains "resent-from" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "resent-from" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "resent-to" "example" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "resent-to" "ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "resent-to" "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "resent-to" "+" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "resent-to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :contains "resent-to" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "alc-1-${r}";
set "r" "";
