# messages: plain.eml
require ["variables", "fileinto"];
if header :matches "from" "*<*@*>" { set "u" "${2}"; }
if header :matches "subject" "nomatch*" { set "u" "x${1}"; }
fileinto "u-${u}-${1}-${3}";
