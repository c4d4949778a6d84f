# messages: plain.eml big.eml
require ["body", "fileinto", "variables"];
set "r" "";
if body :text :matches "*numbers*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :raw :matches "Hello*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :contains "needle at the end" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :is "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "bm-${r}";
