# messages: addresses.eml subaddress.eml plain.eml encoded.eml
require ["fileinto", "variables", "subaddress"];
set "r" "";
if address :all :matches "from" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if address :all :matches "to" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if address :all :matches "cc" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if address :all :matches ["to", "cc"] "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
fileinto "ac0:${r}";
set "r" "";
if address :all :matches "bcc" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if address :localpart :matches "from" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if address :localpart :matches "to" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if address :localpart :matches "cc" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
fileinto "ac1:${r}";
set "r" "";
if address :localpart :matches ["to", "cc"] "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if address :localpart :matches "bcc" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if address :domain :matches "from" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if address :domain :matches "to" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
fileinto "ac2:${r}";
set "r" "";
if address :domain :matches "cc" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if address :domain :matches ["to", "cc"] "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if address :domain :matches "bcc" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if address :user :matches "from" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
fileinto "ac3:${r}";
set "r" "";
if address :user :matches "to" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if address :user :matches "cc" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if address :user :matches ["to", "cc"] "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if address :user :matches "bcc" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
fileinto "ac4:${r}";
set "r" "";
if address :detail :matches "from" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if address :detail :matches "to" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if address :detail :matches "cc" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if address :detail :matches ["to", "cc"] "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
fileinto "ac5:${r}";
set "r" "";
if address :detail :matches "bcc" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
fileinto "ac6:${r}";
set "r" "";
