# messages: plain.eml headers.eml encoded.eml numeric.eml
require ["fileinto", "variables"];
set "r" "";
if header :matches :comparator "i;octet" "subject" "*report*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "subject" "*REPORT*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "subject" "Quart*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "subject" "Q?arterly*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "subject" "*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "subject" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "subject" "*@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "subject" "* *" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "subject" "*\\**" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "subject" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "subject" "???" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "subject" "*e*e*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "subject" "padded*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "subject" "*lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "subject" "[*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "from" "*report*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "from" "*REPORT*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "from" "Quart*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "from" "Q?arterly*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "from" "*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "from" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "from" "*@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "from" "* *" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "from" "*\\**" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "from" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "from" "???" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "from" "*e*e*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "from" "padded*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "from" "*lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "from" "[*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "to" "*report*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "to" "*REPORT*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "to" "Quart*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "to" "Q?arterly*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "to" "*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "to" "*@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "to" "* *" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "to" "*\\**" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "to" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "hmatches-0-${r}";
set "r" "";
if header :matches :comparator "i;octet" "to" "???" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "to" "*e*e*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "to" "padded*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "to" "*lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "to" "[*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-priority" "*report*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-priority" "*REPORT*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-priority" "Quart*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-priority" "Q?arterly*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-priority" "*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-priority" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-priority" "*@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-priority" "* *" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-priority" "*\\**" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-priority" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-priority" "???" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-priority" "*e*e*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-priority" "padded*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-priority" "*lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-priority" "[*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-count" "*report*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-count" "*REPORT*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-count" "Quart*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-count" "Q?arterly*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-count" "*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-count" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-count" "*@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-count" "* *" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-count" "*\\**" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-count" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-count" "???" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-count" "*e*e*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-count" "padded*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-count" "*lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-count" "[*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-num" "*report*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-num" "*REPORT*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-num" "Quart*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-num" "Q?arterly*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-num" "*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "hmatches-1-${r}";
set "r" "";
if header :matches :comparator "i;octet" "x-num" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-num" "*@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-num" "* *" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-num" "*\\**" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-num" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-num" "???" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-num" "*e*e*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-num" "padded*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-num" "*lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-num" "[*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-tag" "*report*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-tag" "*REPORT*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-tag" "Quart*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-tag" "Q?arterly*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-tag" "*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-tag" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-tag" "*@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-tag" "* *" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-tag" "*\\**" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-tag" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-tag" "???" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-tag" "*e*e*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-tag" "padded*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-tag" "*lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-tag" "[*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-case" "*report*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-case" "*REPORT*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-case" "Quart*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-case" "Q?arterly*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-case" "*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-case" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-case" "*@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-case" "* *" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-case" "*\\**" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-case" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-case" "???" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-case" "*e*e*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-case" "padded*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-case" "*lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-case" "[*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "hmatches-2-${r}";
set "r" "";
if header :matches :comparator "i;octet" "x-folded" "*report*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-folded" "*REPORT*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-folded" "Quart*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-folded" "Q?arterly*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-folded" "*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-folded" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-folded" "*@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-folded" "* *" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-folded" "*\\**" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-folded" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-folded" "???" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-folded" "*e*e*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-folded" "padded*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-folded" "*lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-folded" "[*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-empty" "*report*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-empty" "*REPORT*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-empty" "Quart*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-empty" "Q?arterly*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-empty" "*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-empty" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-empty" "*@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-empty" "* *" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-empty" "*\\**" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-empty" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-empty" "???" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-empty" "*e*e*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-empty" "padded*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-empty" "*lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-empty" "[*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-note" "*report*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-note" "*REPORT*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-note" "Quart*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-note" "Q?arterly*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-note" "*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-note" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-note" "*@example.org>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-note" "* *" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-note" "*\\**" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-note" "x" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "hmatches-3-${r}";
set "r" "";
if header :matches :comparator "i;octet" "x-note" "???" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-note" "*e*e*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-note" "padded*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-note" "*lines" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :matches :comparator "i;octet" "x-note" "[*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "hmatches-4-${r}";
set "r" "";
