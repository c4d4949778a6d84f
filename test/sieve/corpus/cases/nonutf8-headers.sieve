# messages: nonutf8.eml
require ["fileinto", "variables", "body"];
set "r" "";
if header :contains "subject" "caf" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches "x-raw" "na*ve" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :contains "vu" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "n-${r}";
