# messages: numeric.eml plain.eml
require ["relational", "comparator-i;ascii-numeric", "fileinto", "variables"];
set "r" "";
if header :value "eq" :comparator "i;ascii-numeric" "x-priority" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :value "gt" :comparator "i;ascii-numeric" "x-count" "41" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :value "eq" :comparator "i;ascii-numeric" "x-count" "42" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :value "gt" :comparator "i;ascii-numeric" "x-num" "1000" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :value "lt" :comparator "i;ascii-numeric" "x-num" "18" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :value "ge" :comparator "i;ascii-numeric" "x-big" "12345678901234567889" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :value "lt" :comparator "i;ascii-numeric" "x-score" "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :value "ne" :comparator "i;ascii-numeric" "x-priority" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-numeric" "x-num" "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-numeric" ["x-num", "x-count"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-numeric" "x-none" "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-count" "42" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-num" "xyz" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "rel-${r}";
