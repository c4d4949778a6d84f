# messages: plain.eml headers.eml list.eml
require ["variables", "fileinto"];
set "r" "";
if header :matches "subject" "*report*" { set "r" "${r}[${1}|${2}]"; } else { set "r" "${r}0"; }
if header :matches "subject" "????????? *" { set "r" "${r}[${1}${9}|${10}]"; } else { set "r" "${r}0"; }
if header :matches "subject" "*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches "subject" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches "x-star" "a\\*b\\?c\\\\d" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches "subject" "**r**" { set "r" "${r}[${1}|${2}|${3}|${4}]"; } else { set "r" "${r}0"; }
if header :matches "subject" "*e*e*" { set "r" "${r}[${1}|${2}|${3}]"; } else { set "r" "${r}0"; }
fileinto "g${r}";
