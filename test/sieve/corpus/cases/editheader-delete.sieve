# messages: headers.eml plain.eml
require ["editheader", "variables", "fileinto", "index"];
set "r" "";
deleteheader "x-priority";
if exists "x-priority" { set "r" "${r}1"; } else { set "r" "${r}0"; }
deleteheader :index 2 "x-tag";
if header :index 2 :matches "x-tag" "*" { set "r" "${r}[${1}]"; }
deleteheader :matches "x-tag" "f*";
if header :matches "x-tag" "*" { set "r" "${r}[${1}]"; }
deleteheader "received";
if exists "received" { set "r" "${r}R"; }
deleteheader :is "subject" "nomatch";
if exists "subject" { set "r" "${r}S"; }
fileinto "ed-${r}";
