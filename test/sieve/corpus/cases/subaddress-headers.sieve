# messages: subaddress.eml plain.eml
require ["subaddress", "fileinto", "variables"];
set "r" "";
if address :user :is "from" "judy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "from" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "to" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "cc" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "cc" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :matches "to" "*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :contains "cc" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "cc" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "subaddr-${r}";
