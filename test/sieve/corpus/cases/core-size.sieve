# messages: plain.eml big.eml minimal.eml
require ["fileinto", "variables"];
set "r" "";
if size :over 100 { set "r" "${r}1"; } else { set "r" "${r}0"; }
if size :under 615 { set "r" "${r}1"; } else { set "r" "${r}0"; }
if size :over 614 { set "r" "${r}1"; } else { set "r" "${r}0"; }
if size :under 616 { set "r" "${r}1"; } else { set "r" "${r}0"; }
if size :over 100K { set "r" "${r}1"; } else { set "r" "${r}0"; }
if size :under 1M { set "r" "${r}1"; } else { set "r" "${r}0"; }
if size :over 0 { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "size-${r}";
