# messages: plain.eml numeric.eml headers.eml dates.eml
require ["fileinto", "variables", "relational"];
set "r" "";
if header :count "gt" :comparator "i;octet" ["x-tag"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;octet" ["x-tag"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;octet" ["x-tag"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;octet" ["x-tag"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;octet" ["x-tag"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;octet" ["x-num"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;octet" ["x-num"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;octet" ["x-num"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;octet" ["x-num"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;octet" ["x-num"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;octet" ["received"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;octet" ["received"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;octet" ["received"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;octet" ["received"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;octet" ["received"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;octet" ["to", "cc"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;octet" ["to", "cc"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;octet" ["to", "cc"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;octet" ["to", "cc"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;octet" ["to", "cc"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;octet" ["x-none"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;octet" ["x-none"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;octet" ["x-none"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;octet" ["x-none"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;octet" ["x-none"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;octet" ["subject", "x-tag", "x-num"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;octet" ["subject", "x-tag", "x-num"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;octet" ["subject", "x-tag", "x-num"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;octet" ["subject", "x-tag", "x-num"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;octet" ["subject", "x-tag", "x-num"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;octet" ["x-tag"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;octet" ["x-tag"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;octet" ["x-tag"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;octet" ["x-tag"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;octet" ["x-tag"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;octet" ["x-num"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;octet" ["x-num"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;octet" ["x-num"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;octet" ["x-num"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;octet" ["x-num"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "c-0-${r}";
set "r" "";
if header :count "ge" :comparator "i;octet" ["received"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;octet" ["received"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;octet" ["received"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;octet" ["received"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;octet" ["received"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;octet" ["to", "cc"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;octet" ["to", "cc"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;octet" ["to", "cc"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;octet" ["to", "cc"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;octet" ["to", "cc"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;octet" ["x-none"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;octet" ["x-none"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;octet" ["x-none"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;octet" ["x-none"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;octet" ["x-none"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;octet" ["subject", "x-tag", "x-num"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;octet" ["subject", "x-tag", "x-num"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;octet" ["subject", "x-tag", "x-num"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;octet" ["subject", "x-tag", "x-num"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ge" :comparator "i;octet" ["subject", "x-tag", "x-num"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;octet" ["x-tag"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;octet" ["x-tag"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;octet" ["x-tag"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;octet" ["x-tag"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;octet" ["x-tag"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;octet" ["x-num"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;octet" ["x-num"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;octet" ["x-num"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;octet" ["x-num"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;octet" ["x-num"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;octet" ["received"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;octet" ["received"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;octet" ["received"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;octet" ["received"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;octet" ["received"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;octet" ["to", "cc"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;octet" ["to", "cc"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;octet" ["to", "cc"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;octet" ["to", "cc"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;octet" ["to", "cc"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "c-1-${r}";
set "r" "";
if header :count "lt" :comparator "i;octet" ["x-none"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;octet" ["x-none"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;octet" ["x-none"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;octet" ["x-none"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;octet" ["x-none"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;octet" ["subject", "x-tag", "x-num"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;octet" ["subject", "x-tag", "x-num"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;octet" ["subject", "x-tag", "x-num"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;octet" ["subject", "x-tag", "x-num"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "lt" :comparator "i;octet" ["subject", "x-tag", "x-num"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;octet" ["x-tag"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;octet" ["x-tag"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;octet" ["x-tag"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;octet" ["x-tag"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;octet" ["x-tag"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;octet" ["x-num"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;octet" ["x-num"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;octet" ["x-num"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;octet" ["x-num"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;octet" ["x-num"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;octet" ["received"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;octet" ["received"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;octet" ["received"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;octet" ["received"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;octet" ["received"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;octet" ["to", "cc"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;octet" ["to", "cc"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;octet" ["to", "cc"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;octet" ["to", "cc"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;octet" ["to", "cc"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;octet" ["x-none"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;octet" ["x-none"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;octet" ["x-none"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;octet" ["x-none"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;octet" ["x-none"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;octet" ["subject", "x-tag", "x-num"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;octet" ["subject", "x-tag", "x-num"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;octet" ["subject", "x-tag", "x-num"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;octet" ["subject", "x-tag", "x-num"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "le" :comparator "i;octet" ["subject", "x-tag", "x-num"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "c-2-${r}";
set "r" "";
if header :count "eq" :comparator "i;octet" ["x-tag"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;octet" ["x-tag"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;octet" ["x-tag"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;octet" ["x-tag"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;octet" ["x-tag"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;octet" ["x-num"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;octet" ["x-num"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;octet" ["x-num"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;octet" ["x-num"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;octet" ["x-num"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;octet" ["received"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;octet" ["received"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;octet" ["received"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;octet" ["received"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;octet" ["received"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;octet" ["to", "cc"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;octet" ["to", "cc"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;octet" ["to", "cc"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;octet" ["to", "cc"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;octet" ["to", "cc"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;octet" ["x-none"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;octet" ["x-none"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;octet" ["x-none"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;octet" ["x-none"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;octet" ["x-none"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;octet" ["subject", "x-tag", "x-num"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;octet" ["subject", "x-tag", "x-num"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;octet" ["subject", "x-tag", "x-num"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;octet" ["subject", "x-tag", "x-num"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" :comparator "i;octet" ["subject", "x-tag", "x-num"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;octet" ["x-tag"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;octet" ["x-tag"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;octet" ["x-tag"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;octet" ["x-tag"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;octet" ["x-tag"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;octet" ["x-num"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;octet" ["x-num"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;octet" ["x-num"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;octet" ["x-num"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;octet" ["x-num"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "c-3-${r}";
set "r" "";
if header :count "ne" :comparator "i;octet" ["received"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;octet" ["received"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;octet" ["received"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;octet" ["received"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;octet" ["received"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;octet" ["to", "cc"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;octet" ["to", "cc"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;octet" ["to", "cc"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;octet" ["to", "cc"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;octet" ["to", "cc"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;octet" ["x-none"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;octet" ["x-none"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;octet" ["x-none"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;octet" ["x-none"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;octet" ["x-none"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;octet" ["subject", "x-tag", "x-num"] "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;octet" ["subject", "x-tag", "x-num"] "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;octet" ["subject", "x-tag", "x-num"] "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;octet" ["subject", "x-tag", "x-num"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "ne" :comparator "i;octet" ["subject", "x-tag", "x-num"] "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "c-4-${r}";
set "r" "";
