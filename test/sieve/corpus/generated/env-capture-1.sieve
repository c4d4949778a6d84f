# messages: plain.eml
# envelope-from: Alice.Smith@Example.ORG
# envelope-to: bob+lists@example.com
require ["fileinto", "variables", "envelope", "subaddress"];
set "r" "";
if envelope :all :matches "from" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if envelope :all :matches "to" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if envelope :localpart :matches "from" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if envelope :localpart :matches "to" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
fileinto "e0:${r}";
set "r" "";
if envelope :domain :matches "from" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if envelope :domain :matches "to" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if envelope :user :matches "from" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if envelope :user :matches "to" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
fileinto "e1:${r}";
set "r" "";
if envelope :detail :matches "from" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if envelope :detail :matches "to" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
fileinto "e2:${r}";
set "r" "";
