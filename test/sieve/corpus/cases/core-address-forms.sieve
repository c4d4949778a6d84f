# messages: addresses.eml plain.eml
require ["fileinto", "variables"];
set "r" "";
if address :is "from" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :is :localpart "from" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :is :domain "cc" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :is :domain :comparator "i;octet" "cc" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :is "to" "undisclosed-recipients" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :is "bcc" "victor@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :is "reply-to" "walter@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :is "resent-from" "yasmin@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :is :localpart "cc" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :matches "x-original-to" "bob@*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :contains "delivered-to" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :is :all "cc" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :is :domain ["to", "cc"] "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "addr-${r}";
