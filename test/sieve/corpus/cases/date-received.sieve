# messages: dates.eml
require ["date", "index", "variables", "fileinto"];
set "r" "";
if date :matches "received" "iso8601" "*" { set "r" "${r}a${1}"; }
if date :index 2 :matches "received" "date" "*" { set "r" "${r}b${1}"; }
if date :index 1 :last :originalzone :matches "received" "zone" "*" { set "r" "${r}c${1}"; }
if date :matches "resent-date" "time" "*" { set "r" "${r}d${1}"; }
if date :is "subject" "year" "2025" { set "r" "${r}BAD"; }
fileinto "${r}";
