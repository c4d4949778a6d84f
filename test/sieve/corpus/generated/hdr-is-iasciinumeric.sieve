# messages: plain.eml headers.eml encoded.eml numeric.eml
require ["fileinto", "variables", "comparator-i;ascii-numeric"];
set "r" "";
if header :is :comparator "i;ascii-numeric" "subject" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "subject" "42" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "subject" "0042" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "subject" "17" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "subject" "abc" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "subject" "x1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "from" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "from" "42" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "from" "0042" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "from" "17" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "from" "abc" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "from" "x1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "to" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "to" "42" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "to" "0042" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "to" "17" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "to" "abc" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "to" "x1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-priority" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-priority" "42" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-priority" "0042" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-priority" "17" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-priority" "abc" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-priority" "x1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-count" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-count" "42" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-count" "0042" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-count" "17" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-count" "abc" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-count" "x1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-num" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-num" "42" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-num" "0042" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-num" "17" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-num" "abc" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-num" "x1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-tag" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-tag" "42" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-tag" "0042" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-tag" "17" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "his-0-${r}";
set "r" "";
if header :is :comparator "i;ascii-numeric" "x-tag" "abc" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-tag" "x1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-case" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-case" "42" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-case" "0042" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-case" "17" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-case" "abc" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-case" "x1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-folded" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-folded" "42" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-folded" "0042" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-folded" "17" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-folded" "abc" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-folded" "x1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-note" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-note" "42" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-note" "0042" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-note" "17" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-note" "abc" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-numeric" "x-note" "x1" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "his-1-${r}";
set "r" "";
