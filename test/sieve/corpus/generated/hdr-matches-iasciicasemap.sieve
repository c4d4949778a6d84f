# messages: plain.eml headers.eml encoded.eml numeric.eml
require ["fileinto", "variables"];
set "r" "";
if header :matches :comparator "i;ascii-casemap" "subject" "*report*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "subject" "*REPORT*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "subject" "Quart*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "subject" "Q?arterly*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "subject" "*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "subject" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "subject" "*@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "subject" "* *" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "subject" "*\\**" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "subject" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "subject" "???" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "subject" "*e*e*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "subject" "padded*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "subject" "*lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "subject" "[*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "from" "*report*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "from" "*REPORT*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "from" "Quart*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "from" "Q?arterly*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "from" "*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "from" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "from" "*@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "from" "* *" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "from" "*\\**" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "from" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "from" "???" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "from" "*e*e*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "from" "padded*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "from" "*lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "from" "[*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "to" "*report*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "to" "*REPORT*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "to" "Quart*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "to" "Q?arterly*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "to" "*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "to" "*@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "to" "* *" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "to" "*\\**" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "to" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "hmatches-0-${r}";
set "r" "";
if header :matches :comparator "i;ascii-casemap" "to" "???" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "to" "*e*e*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "to" "padded*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "to" "*lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "to" "[*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-priority" "*report*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-priority" "*REPORT*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-priority" "Quart*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-priority" "Q?arterly*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-priority" "*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-priority" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-priority" "*@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-priority" "* *" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-priority" "*\\**" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-priority" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-priority" "???" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-priority" "*e*e*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-priority" "padded*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-priority" "*lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-priority" "[*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-count" "*report*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-count" "*REPORT*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-count" "Quart*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-count" "Q?arterly*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-count" "*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-count" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-count" "*@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-count" "* *" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-count" "*\\**" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-count" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-count" "???" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-count" "*e*e*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-count" "padded*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-count" "*lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-count" "[*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-num" "*report*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-num" "*REPORT*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-num" "Quart*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-num" "Q?arterly*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-num" "*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "hmatches-1-${r}";
set "r" "";
if header :matches :comparator "i;ascii-casemap" "x-num" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-num" "*@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-num" "* *" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-num" "*\\**" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-num" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-num" "???" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-num" "*e*e*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-num" "padded*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-num" "*lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-num" "[*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-tag" "*report*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-tag" "*REPORT*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-tag" "Quart*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-tag" "Q?arterly*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-tag" "*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-tag" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-tag" "*@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-tag" "* *" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-tag" "*\\**" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-tag" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-tag" "???" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-tag" "*e*e*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-tag" "padded*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-tag" "*lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-tag" "[*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-case" "*report*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-case" "*REPORT*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-case" "Quart*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-case" "Q?arterly*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-case" "*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-case" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-case" "*@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-case" "* *" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-case" "*\\**" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-case" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-case" "???" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-case" "*e*e*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-case" "padded*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-case" "*lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-case" "[*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "hmatches-2-${r}";
set "r" "";
if header :matches :comparator "i;ascii-casemap" "x-folded" "*report*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-folded" "*REPORT*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-folded" "Quart*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-folded" "Q?arterly*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-folded" "*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-folded" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-folded" "*@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-folded" "* *" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-folded" "*\\**" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-folded" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-folded" "???" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-folded" "*e*e*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-folded" "padded*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-folded" "*lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-folded" "[*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-empty" "*report*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-empty" "*REPORT*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-empty" "Quart*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-empty" "Q?arterly*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-empty" "*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-empty" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-empty" "*@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-empty" "* *" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-empty" "*\\**" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-empty" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-empty" "???" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-empty" "*e*e*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-empty" "padded*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-empty" "*lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-empty" "[*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-note" "*report*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-note" "*REPORT*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-note" "Quart*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-note" "Q?arterly*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-note" "*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-note" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-note" "*@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-note" "* *" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-note" "*\\**" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-note" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "hmatches-3-${r}";
set "r" "";
if header :matches :comparator "i;ascii-casemap" "x-note" "???" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-note" "*e*e*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-note" "padded*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-note" "*lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;ascii-casemap" "x-note" "[*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "hmatches-4-${r}";
set "r" "";
