# messages: plain.eml list.eml
require ["envelope", "fileinto", "variables"];
set "r" "";
if envelope :is "from" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :domain :is "from" "lists.example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :localpart :matches "from" "dev-bounces*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :is "to" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :all :is ["from", "to"] "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :matches "from" "*" { set "r" "${r}[${1}]"; }
fileinto "env-${r}";
