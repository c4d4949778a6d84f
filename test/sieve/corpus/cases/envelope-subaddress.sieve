# messages: subaddress.eml
# envelope-to: bob+lists@example.com
require ["envelope", "subaddress", "fileinto", "variables"];
set "r" "";
if envelope :user :is "to" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :detail :is "to" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :detail :matches "to" "*" { set "r" "${r}[${1}]"; }
if envelope :localpart :is "to" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "sub-${r}";
