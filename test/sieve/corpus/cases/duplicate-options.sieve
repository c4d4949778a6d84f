# messages: plain.eml list.eml
require ["duplicate", "variables", "fileinto"];
if header :matches "subject" "*" { set "s" "${1}"; }
if duplicate :handle "subj" :uniqueid "${s}" :seconds 3600 { discard; }
if duplicate :header "from" :last { fileinto "seen-from"; }
