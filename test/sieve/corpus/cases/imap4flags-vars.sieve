# messages: plain.eml
require ["imap4flags", "fileinto", "variables"];
set "mine" "";
setflag "mine" "A B";
addflag "mine" ["C", "a"];
removeflag "mine" "B";
set "r" "";
if hasflag "mine" "c" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if hasflag :comparator "i;octet" "mine" "c" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if hasflag :count "eq" :comparator "i;ascii-numeric" "mine" "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if hasflag "b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "v-${r}-${mine}";
