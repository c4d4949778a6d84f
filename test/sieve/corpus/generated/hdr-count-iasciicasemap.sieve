# messages: plain.eml numeric.eml headers.eml dates.eml
require ["fileinto", "variables", "relational"];
set "r" "";
if header :count "gt" :comparator "i;ascii-casemap" ["x-tag"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-casemap" ["x-tag"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-casemap" ["x-tag"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-casemap" ["x-tag"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-casemap" ["x-tag"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-casemap" ["x-num"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-casemap" ["x-num"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-casemap" ["x-num"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-casemap" ["x-num"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-casemap" ["x-num"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-casemap" ["received"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-casemap" ["received"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-casemap" ["received"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-casemap" ["received"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-casemap" ["received"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-casemap" ["to", "cc"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-casemap" ["to", "cc"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-casemap" ["to", "cc"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-casemap" ["to", "cc"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-casemap" ["to", "cc"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-casemap" ["x-none"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-casemap" ["x-none"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-casemap" ["x-none"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-casemap" ["x-none"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-casemap" ["x-none"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-casemap" ["subject", "x-tag", "x-num"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-casemap" ["subject", "x-tag", "x-num"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-casemap" ["subject", "x-tag", "x-num"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-casemap" ["subject", "x-tag", "x-num"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-casemap" ["subject", "x-tag", "x-num"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-casemap" ["x-tag"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-casemap" ["x-tag"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-casemap" ["x-tag"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-casemap" ["x-tag"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-casemap" ["x-tag"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-casemap" ["x-num"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-casemap" ["x-num"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-casemap" ["x-num"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-casemap" ["x-num"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-casemap" ["x-num"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "c-0-${r}";
set "r" "";
if header :count "ge" :comparator "i;ascii-casemap" ["received"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-casemap" ["received"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-casemap" ["received"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-casemap" ["received"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-casemap" ["received"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-casemap" ["to", "cc"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-casemap" ["to", "cc"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-casemap" ["to", "cc"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-casemap" ["to", "cc"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-casemap" ["to", "cc"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-casemap" ["x-none"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-casemap" ["x-none"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-casemap" ["x-none"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-casemap" ["x-none"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-casemap" ["x-none"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-casemap" ["subject", "x-tag", "x-num"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-casemap" ["subject", "x-tag", "x-num"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-casemap" ["subject", "x-tag", "x-num"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-casemap" ["subject", "x-tag", "x-num"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;ascii-casemap" ["subject", "x-tag", "x-num"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-casemap" ["x-tag"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-casemap" ["x-tag"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-casemap" ["x-tag"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-casemap" ["x-tag"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-casemap" ["x-tag"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-casemap" ["x-num"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-casemap" ["x-num"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-casemap" ["x-num"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-casemap" ["x-num"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-casemap" ["x-num"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-casemap" ["received"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-casemap" ["received"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-casemap" ["received"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-casemap" ["received"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-casemap" ["received"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-casemap" ["to", "cc"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-casemap" ["to", "cc"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-casemap" ["to", "cc"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-casemap" ["to", "cc"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-casemap" ["to", "cc"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "c-1-${r}";
set "r" "";
if header :count "lt" :comparator "i;ascii-casemap" ["x-none"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-casemap" ["x-none"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-casemap" ["x-none"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-casemap" ["x-none"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-casemap" ["x-none"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-casemap" ["subject", "x-tag", "x-num"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-casemap" ["subject", "x-tag", "x-num"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-casemap" ["subject", "x-tag", "x-num"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-casemap" ["subject", "x-tag", "x-num"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;ascii-casemap" ["subject", "x-tag", "x-num"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-casemap" ["x-tag"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-casemap" ["x-tag"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-casemap" ["x-tag"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-casemap" ["x-tag"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-casemap" ["x-tag"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-casemap" ["x-num"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-casemap" ["x-num"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-casemap" ["x-num"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-casemap" ["x-num"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-casemap" ["x-num"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-casemap" ["received"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-casemap" ["received"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-casemap" ["received"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-casemap" ["received"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-casemap" ["received"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-casemap" ["to", "cc"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-casemap" ["to", "cc"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-casemap" ["to", "cc"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-casemap" ["to", "cc"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-casemap" ["to", "cc"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-casemap" ["x-none"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-casemap" ["x-none"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-casemap" ["x-none"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-casemap" ["x-none"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-casemap" ["x-none"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-casemap" ["subject", "x-tag", "x-num"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-casemap" ["subject", "x-tag", "x-num"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-casemap" ["subject", "x-tag", "x-num"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-casemap" ["subject", "x-tag", "x-num"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;ascii-casemap" ["subject", "x-tag", "x-num"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "c-2-${r}";
set "r" "";
if header :count "eq" :comparator "i;ascii-casemap" ["x-tag"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-casemap" ["x-tag"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-casemap" ["x-tag"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-casemap" ["x-tag"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-casemap" ["x-tag"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-casemap" ["x-num"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-casemap" ["x-num"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-casemap" ["x-num"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-casemap" ["x-num"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-casemap" ["x-num"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-casemap" ["received"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-casemap" ["received"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-casemap" ["received"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-casemap" ["received"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-casemap" ["received"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-casemap" ["to", "cc"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-casemap" ["to", "cc"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-casemap" ["to", "cc"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-casemap" ["to", "cc"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-casemap" ["to", "cc"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-casemap" ["x-none"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-casemap" ["x-none"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-casemap" ["x-none"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-casemap" ["x-none"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-casemap" ["x-none"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-casemap" ["subject", "x-tag", "x-num"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-casemap" ["subject", "x-tag", "x-num"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-casemap" ["subject", "x-tag", "x-num"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-casemap" ["subject", "x-tag", "x-num"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;ascii-casemap" ["subject", "x-tag", "x-num"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-casemap" ["x-tag"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-casemap" ["x-tag"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-casemap" ["x-tag"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-casemap" ["x-tag"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-casemap" ["x-tag"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-casemap" ["x-num"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-casemap" ["x-num"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-casemap" ["x-num"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-casemap" ["x-num"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-casemap" ["x-num"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "c-3-${r}";
set "r" "";
if header :count "ne" :comparator "i;ascii-casemap" ["received"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-casemap" ["received"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-casemap" ["received"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-casemap" ["received"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-casemap" ["received"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-casemap" ["to", "cc"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-casemap" ["to", "cc"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-casemap" ["to", "cc"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-casemap" ["to", "cc"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-casemap" ["to", "cc"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-casemap" ["x-none"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-casemap" ["x-none"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-casemap" ["x-none"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-casemap" ["x-none"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-casemap" ["x-none"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-casemap" ["subject", "x-tag", "x-num"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-casemap" ["subject", "x-tag", "x-num"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-casemap" ["subject", "x-tag", "x-num"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-casemap" ["subject", "x-tag", "x-num"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;ascii-casemap" ["subject", "x-tag", "x-num"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "c-4-${r}";
set "r" "";
