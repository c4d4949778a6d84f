# messages: plain.eml
require ["environment", "variables", "fileinto"];
set "r" "";
if environment :is "name" "Pigeonhole Sieve" { set "r" "${r}N"; }
if environment :matches "location" "*" { set "r" "${r}[${1}]"; }
if environment :matches "phase" "*" { set "r" "${r}[${1}]"; }
if environment :contains "version" "." { set "r" "${r}V"; }
if environment :matches "no-such-item" "*" { set "r" "${r}X"; }
if environment :matches "host" "?*" { set "r" "${r}H"; }
fileinto "env${r}";
