# messages: addresses.eml subaddress.eml plain.eml
require ["fileinto", "variables", "relational", "comparator-i;ascii-numeric"];
set "r" "";
if address :count "eq" :comparator "i;ascii-numeric" "from" "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "from" "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "from" "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "from" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "from" "4" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "to" "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "to" "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "to" "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "to" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "to" "4" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "cc" "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "cc" "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "cc" "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "cc" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "cc" "4" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "bcc" "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "bcc" "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "bcc" "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "bcc" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "bcc" "4" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "reply-to" "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "reply-to" "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "reply-to" "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "reply-to" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "reply-to" "4" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "sender" "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "sender" "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "sender" "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "sender" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "sender" "4" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "resent-from" "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "resent-from" "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "resent-from" "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "resent-from" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "resent-from" "4" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "resent-to" "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "resent-to" "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "resent-to" "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "resent-to" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" "resent-to" "4" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "ak-0-${r}";
set "r" "";
