# messages: addresses.eml plain.eml
require ["index", "variables", "fileinto"];
set "r" "";
if address :index 1 :matches "from" "*" { set "r" "${r}[${1}]"; }
if address :index 1 :last :all :is "to" "carol@example.net" { set "r" "${r}L"; }
if address :index 2 :is "from" "rupert@example.org" { set "r" "${r}X"; }
fileinto "ia${r}";
