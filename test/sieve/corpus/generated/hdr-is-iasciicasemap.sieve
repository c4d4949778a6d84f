# messages: plain.eml headers.eml encoded.eml numeric.eml
require ["fileinto", "variables"];
set "r" "";
if header :is :comparator "i;ascii-casemap" "subject" "report" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "subject" "REPORT" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "subject" "Quarterly" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "subject" "e" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "subject" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "subject" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "subject" "padded subject" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "subject" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "subject" "Alice Example <alice@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "subject" "café" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "subject" "CAFÉ" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "subject" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "subject" "0042" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "subject" "42" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "subject" "17" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "subject" "abc" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "subject" "second" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "subject" "mixed case value" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "subject" "three lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "from" "report" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "from" "REPORT" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "from" "Quarterly" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "from" "e" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "from" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "from" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "from" "padded subject" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "from" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "from" "Alice Example <alice@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "from" "café" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "from" "CAFÉ" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "from" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "from" "0042" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "from" "42" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "from" "17" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "from" "abc" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "from" "second" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "from" "mixed case value" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "from" "three lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "to" "report" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "to" "REPORT" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "his-0-${r}";
set "r" "";
if header :is :comparator "i;ascii-casemap" "to" "Quarterly" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "to" "e" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "to" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "to" "padded subject" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "to" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "to" "Alice Example <alice@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "to" "café" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "to" "CAFÉ" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "to" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "to" "0042" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "to" "42" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "to" "17" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "to" "abc" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "to" "second" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "to" "mixed case value" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "to" "three lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-priority" "report" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-priority" "REPORT" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-priority" "Quarterly" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-priority" "e" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-priority" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-priority" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-priority" "padded subject" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-priority" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-priority" "Alice Example <alice@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-priority" "café" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-priority" "CAFÉ" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-priority" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-priority" "0042" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-priority" "42" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-priority" "17" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-priority" "abc" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-priority" "second" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-priority" "mixed case value" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-priority" "three lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-count" "report" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-count" "REPORT" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-count" "Quarterly" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-count" "e" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "his-1-${r}";
set "r" "";
if header :is :comparator "i;ascii-casemap" "x-count" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-count" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-count" "padded subject" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-count" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-count" "Alice Example <alice@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-count" "café" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-count" "CAFÉ" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-count" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-count" "0042" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-count" "42" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-count" "17" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-count" "abc" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-count" "second" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-count" "mixed case value" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-count" "three lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-num" "report" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-num" "REPORT" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-num" "Quarterly" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-num" "e" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-num" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-num" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-num" "padded subject" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-num" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-num" "Alice Example <alice@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-num" "café" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-num" "CAFÉ" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-num" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-num" "0042" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-num" "42" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-num" "17" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-num" "abc" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-num" "second" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-num" "mixed case value" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-num" "three lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-tag" "report" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-tag" "REPORT" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-tag" "Quarterly" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-tag" "e" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-tag" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-tag" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "his-2-${r}";
set "r" "";
if header :is :comparator "i;ascii-casemap" "x-tag" "padded subject" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-tag" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-tag" "Alice Example <alice@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-tag" "café" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-tag" "CAFÉ" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-tag" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-tag" "0042" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-tag" "42" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-tag" "17" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-tag" "abc" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-tag" "second" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-tag" "mixed case value" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-tag" "three lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-case" "report" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-case" "REPORT" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-case" "Quarterly" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-case" "e" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-case" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-case" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-case" "padded subject" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-case" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-case" "Alice Example <alice@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-case" "café" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-case" "CAFÉ" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-case" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-case" "0042" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-case" "42" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-case" "17" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-case" "abc" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-case" "second" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-case" "mixed case value" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-case" "three lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-folded" "report" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-folded" "REPORT" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-folded" "Quarterly" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-folded" "e" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-folded" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-folded" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-folded" "padded subject" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-folded" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "his-3-${r}";
set "r" "";
if header :is :comparator "i;ascii-casemap" "x-folded" "Alice Example <alice@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-folded" "café" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-folded" "CAFÉ" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-folded" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-folded" "0042" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-folded" "42" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-folded" "17" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-folded" "abc" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-folded" "second" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-folded" "mixed case value" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-folded" "three lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-empty" "report" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-empty" "REPORT" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-empty" "Quarterly" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-empty" "e" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-empty" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-empty" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-empty" "padded subject" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-empty" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-empty" "Alice Example <alice@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-empty" "café" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-empty" "CAFÉ" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-empty" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-empty" "0042" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-empty" "42" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-empty" "17" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-empty" "abc" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-empty" "second" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-empty" "mixed case value" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-empty" "three lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-note" "report" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-note" "REPORT" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-note" "Quarterly" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-note" "e" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-note" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-note" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-note" "padded subject" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-note" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-note" "Alice Example <alice@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-note" "café" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "his-4-${r}";
set "r" "";
if header :is :comparator "i;ascii-casemap" "x-note" "CAFÉ" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-note" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-note" "0042" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-note" "42" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-note" "17" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-note" "abc" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-note" "second" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-note" "mixed case value" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;ascii-casemap" "x-note" "three lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "his-5-${r}";
set "r" "";
