# messages: plain.eml list.eml spam.eml
require ["fileinto", "variables"];
set "r" "";
if allof (true, not false) { set "r" "${r}1"; } else { set "r" "${r}0"; }
if anyof (false, false) { set "r" "${r}1"; } else { set "r" "${r}0"; }
if allof (header :contains "subject" "e", anyof (exists "list-id", header :contains "from" "alice")) { set "r" "${r}1"; } else { set "r" "${r}0"; }
if not not anyof (not exists "x-spam-score", false) { set "r" "${r}1"; } else { set "r" "${r}0"; }
if allof (anyof (false, allof (true, true)), not anyof (false)) { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "logic-${r}";
