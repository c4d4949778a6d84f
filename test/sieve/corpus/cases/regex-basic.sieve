# messages: plain.eml list.eml spam.eml headers.eml
require ["regex", "variables", "fileinto"];
set "r" "";
if header :regex "subject" "^\\[([a-z]+)\\] (.*)$" { set "r" "${r}[${1}|${2}]"; }
if header :regex "subject" "report|prize" { set "r" "${r}[${0}]"; }
if header :regex "subject" "^QUARTERLY" { set "r" "${r}i"; }
if header :regex :comparator "i;octet" "subject" "^QUARTERLY" { set "r" "${r}o"; }
if header :regex "from" "([a-z]+)@([a-z.]+)" { set "r" "${r}[${1}@${2}]"; }
if header :regex "x-star" "a\\*b\\?c\\\\d" { set "r" "${r}s"; }
if header :regex "subject" "!{3}$" { set "r" "${r}!"; }
if header :regex "subject" "[[:upper:]]{3}" { set "r" "${r}U"; }
fileinto "re${r}";
