# messages: plain.eml list.eml headers.eml minimal.eml
require ["fileinto", "variables"];
set "r" "";
if exists "from" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if exists ["from", "to"] { set "r" "${r}1"; } else { set "r" "${r}0"; }
if exists ["from", "x-nope"] { set "r" "${r}1"; } else { set "r" "${r}0"; }
if exists "list-id" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if exists "X-EMPTY" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if exists "message-id" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if not exists "x-tag" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "exists-${r}";
