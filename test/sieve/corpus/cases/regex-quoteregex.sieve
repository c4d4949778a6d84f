# messages: headers.eml plain.eml
require ["regex", "variables", "fileinto"];
set :quoteregex "q" "a*b?c.d";
if header :regex "x-star" "^${q}$" { set "r" "match"; } else { set "r" "no"; }
if header :regex "subject" "(port|view)$" { set "r" "${r}-${1}"; }
fileinto "qr-${r}-${q}";
