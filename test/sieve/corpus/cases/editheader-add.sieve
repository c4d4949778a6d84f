# messages: plain.eml headers.eml
require ["editheader", "variables", "fileinto", "index"];
addheader "X-Filtered" "yes";
addheader :last "X-Filtered" "last";
set "r" "";
if header :is "x-filtered" "yes" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :index 1 :is "x-filtered" "yes" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :index 1 :last :is "x-filtered" "last" { set "r" "${r}1"; } else { set "r" "${r}0"; }
addheader "X-Unicode" "Grüße";
if header :is "x-unicode" "Grüße" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "eh-${r}";
