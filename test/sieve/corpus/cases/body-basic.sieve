# messages: multipart.eml html.eml plain.eml encoded.eml
require ["body", "fileinto", "variables"];
set "r" "";
if body :contains "invoice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "Café" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :raw :contains "Caf=C3=A9" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/html" :contains "<b>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text" :contains "kiwifruit" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "application" :contains "secretword" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "multipart" :contains "preamble" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "&amp;" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "quarterly numbers" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :contains "Grüße" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/plain" :contains "Friday" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :raw :contains "outer-XX" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "body-${r}";
