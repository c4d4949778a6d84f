# messages: plain.eml headers.eml encoded.eml numeric.eml
require ["fileinto", "variables"];
set "r" "";
if header :is :comparator "i;octet" "subject" "report" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "subject" "REPORT" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "subject" "Quarterly" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "subject" "e" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "subject" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "subject" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "subject" "padded subject" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "subject" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "subject" "Alice Example <alice@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "subject" "café" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "subject" "CAFÉ" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "subject" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "subject" "0042" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "subject" "42" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "subject" "17" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "subject" "abc" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "subject" "second" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "subject" "mixed case value" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "subject" "three lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "from" "report" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "from" "REPORT" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "from" "Quarterly" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "from" "e" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "from" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "from" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "from" "padded subject" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "from" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "from" "Alice Example <alice@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "from" "café" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "from" "CAFÉ" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "from" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "from" "0042" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "from" "42" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "from" "17" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "from" "abc" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "from" "second" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "from" "mixed case value" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "from" "three lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "to" "report" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "to" "REPORT" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "his-0-${r}";
set "r" "";
if header :is :comparator "i;octet" "to" "Quarterly" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "to" "e" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "to" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "to" "padded subject" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "to" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "to" "Alice Example <alice@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "to" "café" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "to" "CAFÉ" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "to" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "to" "0042" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "to" "42" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "to" "17" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "to" "abc" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "to" "second" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "to" "mixed case value" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "to" "three lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-priority" "report" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-priority" "REPORT" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-priority" "Quarterly" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-priority" "e" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-priority" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-priority" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-priority" "padded subject" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-priority" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-priority" "Alice Example <alice@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-priority" "café" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-priority" "CAFÉ" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-priority" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-priority" "0042" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-priority" "42" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-priority" "17" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-priority" "abc" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-priority" "second" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-priority" "mixed case value" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-priority" "three lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-count" "report" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-count" "REPORT" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-count" "Quarterly" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-count" "e" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "his-1-${r}";
set "r" "";
if header :is :comparator "i;octet" "x-count" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-count" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-count" "padded subject" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-count" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-count" "Alice Example <alice@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-count" "café" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-count" "CAFÉ" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-count" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-count" "0042" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-count" "42" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-count" "17" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-count" "abc" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-count" "second" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-count" "mixed case value" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-count" "three lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-num" "report" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-num" "REPORT" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-num" "Quarterly" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-num" "e" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-num" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-num" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-num" "padded subject" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-num" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-num" "Alice Example <alice@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-num" "café" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-num" "CAFÉ" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-num" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-num" "0042" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-num" "42" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-num" "17" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-num" "abc" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-num" "second" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-num" "mixed case value" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-num" "three lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-tag" "report" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-tag" "REPORT" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-tag" "Quarterly" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-tag" "e" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-tag" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-tag" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "his-2-${r}";
set "r" "";
if header :is :comparator "i;octet" "x-tag" "padded subject" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-tag" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-tag" "Alice Example <alice@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-tag" "café" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-tag" "CAFÉ" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-tag" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-tag" "0042" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-tag" "42" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-tag" "17" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-tag" "abc" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-tag" "second" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-tag" "mixed case value" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-tag" "three lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-case" "report" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-case" "REPORT" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-case" "Quarterly" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-case" "e" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-case" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-case" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-case" "padded subject" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-case" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-case" "Alice Example <alice@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-case" "café" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-case" "CAFÉ" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-case" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-case" "0042" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-case" "42" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-case" "17" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-case" "abc" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-case" "second" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-case" "mixed case value" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-case" "three lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-folded" "report" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-folded" "REPORT" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-folded" "Quarterly" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-folded" "e" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-folded" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-folded" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-folded" "padded subject" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-folded" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "his-3-${r}";
set "r" "";
if header :is :comparator "i;octet" "x-folded" "Alice Example <alice@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-folded" "café" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-folded" "CAFÉ" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-folded" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-folded" "0042" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-folded" "42" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-folded" "17" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-folded" "abc" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-folded" "second" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-folded" "mixed case value" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-folded" "three lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-empty" "report" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-empty" "REPORT" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-empty" "Quarterly" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-empty" "e" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-empty" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-empty" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-empty" "padded subject" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-empty" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-empty" "Alice Example <alice@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-empty" "café" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-empty" "CAFÉ" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-empty" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-empty" "0042" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-empty" "42" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-empty" "17" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-empty" "abc" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-empty" "second" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-empty" "mixed case value" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-empty" "three lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-note" "report" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-note" "REPORT" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-note" "Quarterly" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-note" "e" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-note" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-note" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-note" "padded subject" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-note" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-note" "Alice Example <alice@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-note" "café" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "his-4-${r}";
set "r" "";
if header :is :comparator "i;octet" "x-note" "CAFÉ" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-note" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-note" "0042" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-note" "42" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-note" "17" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-note" "abc" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-note" "second" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-note" "mixed case value" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "x-note" "three lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "his-5-${r}";
set "r" "";
