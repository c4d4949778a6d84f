# messages: plain.eml
require ["variables", "fileinto", "relational", "comparator-i;ascii-numeric"];
set "a" "abc";
set "b" "";
set "r" "";
if string :is "${a}" "ABC" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if string :is :comparator "i;octet" "${a}" "ABC" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if string :count "eq" :comparator "i;ascii-numeric" ["${a}", "${b}", "x"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if string :value "gt" "${a}" "abb" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if string :matches "${a}" "a*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if string :is "${b}" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if string :contains ["x", "yz"] "z" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "str-${r}";
