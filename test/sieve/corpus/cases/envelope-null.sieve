# messages: bounce.eml
# envelope-from:
require ["envelope", "fileinto", "variables"];
set "r" "";
if envelope :is "from" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :localpart :is "from" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :domain :is "from" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :matches "from" "*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :contains "from" "@" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "null-${r}";
