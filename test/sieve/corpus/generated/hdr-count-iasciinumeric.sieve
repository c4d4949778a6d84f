# messages: plain.eml numeric.eml headers.eml dates.eml
require ["fileinto", "variables", "relational", "comparator-i;ascii-numeric"];
set "r" "";
if header :count "gt" :comparator "i;ascii-numeric" ["x-tag"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-numeric" ["x-tag"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-numeric" ["x-tag"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-numeric" ["x-tag"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-numeric" ["x-tag"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-numeric" ["x-num"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-numeric" ["x-num"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-numeric" ["x-num"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-numeric" ["x-num"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-numeric" ["x-num"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-numeric" ["received"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-numeric" ["received"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-numeric" ["received"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-numeric" ["received"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-numeric" ["received"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-numeric" ["to", "cc"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-numeric" ["to", "cc"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-numeric" ["to", "cc"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-numeric" ["to", "cc"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-numeric" ["to", "cc"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-numeric" ["x-none"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-numeric" ["x-none"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-numeric" ["x-none"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-numeric" ["x-none"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-numeric" ["x-none"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-numeric" ["subject", "x-tag", "x-num"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-numeric" ["subject", "x-tag", "x-num"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-numeric" ["subject", "x-tag", "x-num"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-numeric" ["subject", "x-tag", "x-num"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-numeric" ["subject", "x-tag", "x-num"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-numeric" ["x-tag"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-numeric" ["x-tag"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-numeric" ["x-tag"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-numeric" ["x-tag"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-numeric" ["x-tag"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-numeric" ["x-num"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-numeric" ["x-num"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-numeric" ["x-num"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-numeric" ["x-num"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-numeric" ["x-num"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "c-0-${r}";
set "r" "";
if header :count "ge" :comparator "i;ascii-numeric" ["received"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-numeric" ["received"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-numeric" ["received"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-numeric" ["received"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-numeric" ["received"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-numeric" ["to", "cc"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-numeric" ["to", "cc"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-numeric" ["to", "cc"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-numeric" ["to", "cc"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-numeric" ["to", "cc"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-numeric" ["x-none"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-numeric" ["x-none"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-numeric" ["x-none"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-numeric" ["x-none"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-numeric" ["x-none"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-numeric" ["subject", "x-tag", "x-num"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-numeric" ["subject", "x-tag", "x-num"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-numeric" ["subject", "x-tag", "x-num"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-numeric" ["subject", "x-tag", "x-num"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-numeric" ["subject", "x-tag", "x-num"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-numeric" ["x-tag"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-numeric" ["x-tag"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-numeric" ["x-tag"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-numeric" ["x-tag"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-numeric" ["x-tag"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-numeric" ["x-num"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-numeric" ["x-num"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-numeric" ["x-num"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-numeric" ["x-num"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-numeric" ["x-num"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-numeric" ["received"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-numeric" ["received"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-numeric" ["received"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-numeric" ["received"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-numeric" ["received"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-numeric" ["to", "cc"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-numeric" ["to", "cc"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-numeric" ["to", "cc"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-numeric" ["to", "cc"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-numeric" ["to", "cc"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "c-1-${r}";
set "r" "";
if header :count "lt" :comparator "i;ascii-numeric" ["x-none"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-numeric" ["x-none"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-numeric" ["x-none"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-numeric" ["x-none"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-numeric" ["x-none"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-numeric" ["subject", "x-tag", "x-num"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-numeric" ["subject", "x-tag", "x-num"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-numeric" ["subject", "x-tag", "x-num"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-numeric" ["subject", "x-tag", "x-num"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-numeric" ["subject", "x-tag", "x-num"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-numeric" ["x-tag"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-numeric" ["x-tag"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-numeric" ["x-tag"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-numeric" ["x-tag"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-numeric" ["x-tag"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-numeric" ["x-num"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-numeric" ["x-num"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-numeric" ["x-num"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-numeric" ["x-num"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-numeric" ["x-num"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-numeric" ["received"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-numeric" ["received"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-numeric" ["received"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-numeric" ["received"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-numeric" ["received"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-numeric" ["to", "cc"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-numeric" ["to", "cc"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-numeric" ["to", "cc"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-numeric" ["to", "cc"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-numeric" ["to", "cc"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-numeric" ["x-none"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-numeric" ["x-none"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-numeric" ["x-none"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-numeric" ["x-none"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-numeric" ["x-none"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-numeric" ["subject", "x-tag", "x-num"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-numeric" ["subject", "x-tag", "x-num"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-numeric" ["subject", "x-tag", "x-num"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-numeric" ["subject", "x-tag", "x-num"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-numeric" ["subject", "x-tag", "x-num"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "c-2-${r}";
set "r" "";
if header :count "eq" :comparator "i;ascii-numeric" ["x-tag"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-numeric" ["x-tag"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-numeric" ["x-tag"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-numeric" ["x-tag"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-numeric" ["x-tag"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-numeric" ["x-num"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-numeric" ["x-num"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-numeric" ["x-num"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-numeric" ["x-num"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-numeric" ["x-num"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-numeric" ["received"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-numeric" ["received"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-numeric" ["received"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-numeric" ["received"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-numeric" ["received"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-numeric" ["to", "cc"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-numeric" ["to", "cc"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-numeric" ["to", "cc"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-numeric" ["to", "cc"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-numeric" ["to", "cc"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-numeric" ["x-none"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-numeric" ["x-none"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-numeric" ["x-none"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-numeric" ["x-none"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-numeric" ["x-none"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-numeric" ["subject", "x-tag", "x-num"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-numeric" ["subject", "x-tag", "x-num"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-numeric" ["subject", "x-tag", "x-num"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-numeric" ["subject", "x-tag", "x-num"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-numeric" ["subject", "x-tag", "x-num"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-numeric" ["x-tag"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-numeric" ["x-tag"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-numeric" ["x-tag"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-numeric" ["x-tag"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-numeric" ["x-tag"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-numeric" ["x-num"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-numeric" ["x-num"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-numeric" ["x-num"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-numeric" ["x-num"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-numeric" ["x-num"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "c-3-${r}";
set "r" "";
if header :count "ne" :comparator "i;ascii-numeric" ["received"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-numeric" ["received"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-numeric" ["received"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-numeric" ["received"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-numeric" ["received"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-numeric" ["to", "cc"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-numeric" ["to", "cc"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-numeric" ["to", "cc"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-numeric" ["to", "cc"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-numeric" ["to", "cc"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-numeric" ["x-none"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-numeric" ["x-none"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-numeric" ["x-none"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-numeric" ["x-none"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-numeric" ["x-none"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-numeric" ["subject", "x-tag", "x-num"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-numeric" ["subject", "x-tag", "x-num"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-numeric" ["subject", "x-tag", "x-num"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-numeric" ["subject", "x-tag", "x-num"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-numeric" ["subject", "x-tag", "x-num"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "c-4-${r}";
set "r" "";
