# messages: headers.eml list.eml
require ["editheader", "variables", "fileinto", "regex", "index"];
deleteheader :regex "x-tag" "^(first|third)$";
if header :count "eq" "x-tag" "1" { set "a" "one"; } else { set "a" "not-one"; }
deleteheader :index 1 :last "received";
addheader :last "X-Tag" "fourth";
if header :index 2 :matches "x-tag" "*" { set "b" "${1}"; }
deleteheader "list-id";
if exists "list-id" { set "c" "L"; } else { set "c" "-"; }
deleteheader :contains "subject" "Release";
if exists "subject" { set "d" "S"; } else { set "d" "-"; }
fileinto "${a}-${b}-${c}-${d}";
