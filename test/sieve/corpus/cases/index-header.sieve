# messages: headers.eml numeric.eml
require ["index", "variables", "fileinto"];
set "r" "";
if header :index 1 :matches "x-tag" "*" { set "r" "${r}[${1}]"; }
if header :index 2 :matches "x-tag" "*" { set "r" "${r}[${1}]"; }
if header :index 1 :last :matches "x-tag" "*" { set "r" "${r}[${1}]"; }
if header :index 3 :last :matches "x-tag" "*" { set "r" "${r}[${1}]"; }
if header :index 4 :matches "x-tag" "*" { set "r" "${r}[bad]"; }
if header :index 2 :is "x-num" "17" { set "r" "${r}N"; }
fileinto "idx${r}";
