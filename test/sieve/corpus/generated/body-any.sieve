# messages: multipart.eml minimal.eml html.eml
require ["fileinto", "variables", "body"];
set "r" "";
if body :text :matches "*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :raw :matches "*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text" :matches "*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/plain" :matches "*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/html" :matches "*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "" :matches "*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "multipart" :matches "*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "message" :matches "*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content ["application", "image"] :matches "*" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "ba-0-${r}";
set "r" "";
