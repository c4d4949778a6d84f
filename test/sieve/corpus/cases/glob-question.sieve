# messages: plain.eml
require ["variables", "fileinto"];
set "r" "";
if string :matches "Alice" "?x*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if string :matches "Alice" "A?x*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if string :matches "Alice" "?l*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if string :matches "Alice" "?zz" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "q-${r}";
