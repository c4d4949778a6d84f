# messages: plain.eml list.eml headers.eml encoded.eml
require ["fileinto", "variables"];
set "r" "";
if header :contains ["to", "cc"] ["carol", "dev@"] { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is "subject" "Quarterly report for review" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is "subject" "quarterly REPORT for review" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is :comparator "i;octet" "subject" "quarterly REPORT for review" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is "subject" "padded subject" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is "x-folded" "this header  is folded over	three lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :contains "x-folded" "header is folded" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is "x-empty" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :contains "x-nope" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :contains "subject" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :is "subject" "Große aus München" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :contains "x-note" "café and crème" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :contains "from" "Jürgen" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "hdr-${r}";
