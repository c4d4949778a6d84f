# messages: plain.eml multipart.eml
require ["regex", "body", "envelope", "variables", "fileinto"];
set "r" "";
if body :text :regex "grew by ([0-9]+) percent" { set "r" "${r}[${1}]"; }
if address :regex :domain "from" "^example\\.(org|net)$" { set "r" "${r}[${1}]"; }
if envelope :regex "from" "^(.+)@" { set "r" "${r}[${1}]"; }
fileinto "rb${r}";
