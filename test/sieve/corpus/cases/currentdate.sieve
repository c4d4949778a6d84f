# messages: plain.eml
require ["date", "relational", "variables", "fileinto"];
set "r" "";
if currentdate :value "ge" "year" "2024" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if currentdate :value "lt" "year" "2200" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if currentdate :zone "+0100" :is "zone" "+0100" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if currentdate :matches "iso8601" "????-??-??T??:??:??*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if currentdate :value "ge" "julian" "60000" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if currentdate :matches "weekday" "[0-6]" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "now-${r}";
