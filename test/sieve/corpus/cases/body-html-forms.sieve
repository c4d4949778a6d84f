# messages: html-forms.eml html.eml multipart.eml
require ["body", "fileinto", "variables"];
set "r" "";
if body :text :contains "[a b]" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "[a  b]" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "[ab]" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "[c d]" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "[cd]" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "[e f]" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "[ef]" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "[g  h]" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "[g h]" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "[i j]" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "k&l<m>n\"oApéq" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "[rs]" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "[r s]" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "[tu]" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "[t u]" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "TT" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "p{}" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "1 < 2" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "bo ld" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "bold" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains " [a" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "h-${r}";
if body :text :contains "alpha\r\nbeta" { keep; }
