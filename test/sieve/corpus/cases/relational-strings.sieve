# messages: plain.eml list.eml headers.eml
require ["relational", "fileinto", "variables"];
set "r" "";
if header :value "gt" "subject" "P" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :value "lt" "subject" "r" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :value "ge" :comparator "i;octet" "subject" "a" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :value "le" "subject" "quarterly report for review" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "ge" :comparator "i;ascii-numeric" ["to", "cc"] "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :count "eq" :comparator "i;ascii-numeric" :domain "to" "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "gt" :comparator "i;ascii-numeric" "x-tag" "2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :count "eq" "x-tag" "3" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "rels-${r}";
