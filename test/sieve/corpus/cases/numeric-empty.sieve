# messages: headers.eml
require ["comparator-i;ascii-numeric", "variables", "fileinto"];
set "r" "";
if header :is :comparator "i;ascii-numeric" "x-empty" "abc" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-empty" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-case" "abc" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "num-${r}";
