# messages: dates.eml
require ["date", "variables", "fileinto"];
set "r" "";
if date :zone "bogus" :is "date" "year" "2025" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if date :is "date" "century" "20" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if date :is "x-missing" "year" "2025" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "inv-${r}";
