# messages: html.eml multipart.eml
require ["body", "fileinto", "variables"];
set "r" "";
if body :text :contains "Save 50" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "<shoes>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "color:red" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "visit" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "href" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/html" :contains "&lt;shoes&gt;" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "by Friday" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "html-${r}";
