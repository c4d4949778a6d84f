# messages: list.eml plain.eml headers.eml
require ["variables", "fileinto"];
set "r" "none";
if header :matches "subject" "[*] *" { set "r" "1=${1};2=${2};0=${0}"; }
elsif header :matches "subject" "* for *" { set "r" "a=${1};b=${2}"; }
elsif header :matches "x-star" "*\\**" { set "r" "s=${1};t=${2}"; }
if header :matches "x-nothing" "*" { set "r" "never"; }
fileinto "${r}";
