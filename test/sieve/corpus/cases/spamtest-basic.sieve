# messages: spam.eml plain.eml
require ["spamtest", "relational", "comparator-i;ascii-numeric", "variables", "fileinto"];
set "r" "";
if spamtest :value "ge" :comparator "i;ascii-numeric" "5" { set "r" "${r}S"; }
if spamtest :value "eq" :comparator "i;ascii-numeric" "0" { set "r" "${r}U"; }
if spamtest :matches "*" { set "r" "${r}[${1}]"; }
if virustest :value "eq" :comparator "i;ascii-numeric" "1" { set "r" "${r}C"; }
if virustest :matches "*" { set "r" "${r}[${1}]"; }
fileinto "sp${r}";
