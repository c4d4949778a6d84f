# messages: score-0.eml score-25.eml score-49.eml score-10.eml score-abc.eml score-1.eml spam.eml plain.eml
require ["fileinto", "variables", "spamtestplus", "virustest", "relational", "comparator-i;ascii-numeric"];
set "r" "";
if spamtest :value "eq" :comparator "i;ascii-numeric" "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if spamtest :value "eq" :comparator "i;ascii-numeric" "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if spamtest :value "eq" :comparator "i;ascii-numeric" "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if spamtest :value "eq" :comparator "i;ascii-numeric" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if spamtest :value "eq" :comparator "i;ascii-numeric" "5" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if spamtest :value "eq" :comparator "i;ascii-numeric" "9" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if spamtest :value "eq" :comparator "i;ascii-numeric" "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if virustest :value "eq" :comparator "i;ascii-numeric" "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if virustest :value "eq" :comparator "i;ascii-numeric" "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if virustest :value "eq" :comparator "i;ascii-numeric" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if virustest :value "eq" :comparator "i;ascii-numeric" "4" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if virustest :value "eq" :comparator "i;ascii-numeric" "5" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if spamtest :percent :value "eq" :comparator "i;ascii-numeric" "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if spamtest :percent :value "eq" :comparator "i;ascii-numeric" "25" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if spamtest :percent :value "eq" :comparator "i;ascii-numeric" "49" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if spamtest :percent :value "eq" :comparator "i;ascii-numeric" "50" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if spamtest :percent :value "eq" :comparator "i;ascii-numeric" "100" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if spamtest :value "ge" :comparator "i;ascii-numeric" "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if spamtest :value "ge" :comparator "i;ascii-numeric" "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if spamtest :value "ge" :comparator "i;ascii-numeric" "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if spamtest :value "ge" :comparator "i;ascii-numeric" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if spamtest :value "ge" :comparator "i;ascii-numeric" "5" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if spamtest :value "ge" :comparator "i;ascii-numeric" "9" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if spamtest :value "ge" :comparator "i;ascii-numeric" "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if virustest :value "ge" :comparator "i;ascii-numeric" "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if virustest :value "ge" :comparator "i;ascii-numeric" "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if virustest :value "ge" :comparator "i;ascii-numeric" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if virustest :value "ge" :comparator "i;ascii-numeric" "4" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if virustest :value "ge" :comparator "i;ascii-numeric" "5" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if spamtest :percent :value "ge" :comparator "i;ascii-numeric" "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if spamtest :percent :value "ge" :comparator "i;ascii-numeric" "25" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if spamtest :percent :value "ge" :comparator "i;ascii-numeric" "49" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if spamtest :percent :value "ge" :comparator "i;ascii-numeric" "50" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if spamtest :percent :value "ge" :comparator "i;ascii-numeric" "100" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if spamtest :value "lt" :comparator "i;ascii-numeric" "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if spamtest :value "lt" :comparator "i;ascii-numeric" "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if spamtest :value "lt" :comparator "i;ascii-numeric" "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if spamtest :value "lt" :comparator "i;ascii-numeric" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if spamtest :value "lt" :comparator "i;ascii-numeric" "5" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if spamtest :value "lt" :comparator "i;ascii-numeric" "9" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "sp-0-${r}";
set "r" "";
if spamtest :value "lt" :comparator "i;ascii-numeric" "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if virustest :value "lt" :comparator "i;ascii-numeric" "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if virustest :value "lt" :comparator "i;ascii-numeric" "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if virustest :value "lt" :comparator "i;ascii-numeric" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if virustest :value "lt" :comparator "i;ascii-numeric" "4" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if virustest :value "lt" :comparator "i;ascii-numeric" "5" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if spamtest :percent :value "lt" :comparator "i;ascii-numeric" "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if spamtest :percent :value "lt" :comparator "i;ascii-numeric" "25" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if spamtest :percent :value "lt" :comparator "i;ascii-numeric" "49" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if spamtest :percent :value "lt" :comparator "i;ascii-numeric" "50" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if spamtest :percent :value "lt" :comparator "i;ascii-numeric" "100" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if spamtest :is "0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if virustest :matches "?" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if spamtest :percent :matches "*0" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if spamtest :count "eq" :comparator "i;ascii-numeric" "1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "sp-1-${r}";
set "r" "";
