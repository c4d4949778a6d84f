# messages: invalid-addr.eml
require ["variables", "fileinto"];
set "r" "";
if address :all :is "to" "not an address at all" { set "r" "${r}A"; }
if address :localpart :matches "to" "*" { set "r" "${r}L"; }
if address :domain :matches "to" "*" { set "r" "${r}D"; }
if address :all :matches "cc" "*" { set "r" "${r}[${1}]"; }
if address :localpart :matches "cc" "*" { set "r" "${r}[${1}]"; }
if address :all :matches "bcc" "*" { set "r" "${r}[${1}]"; }
if address :domain :matches "bcc" "*" { set "r" "${r}[${1}]"; }
if address :all :matches "reply-to" "*" { set "r" "${r}[${1}]"; }
fileinto "inv${r}";
