# messages: dates.eml plain.eml encoded.eml numeric.eml
require ["fileinto", "variables", "date"];
set "r" "";
if date  :matches "date" "year" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date  :matches "date" "month" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date  :matches "date" "day" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
fileinto "dl0:${r}";
set "r" "";
if date  :matches "date" "date" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date  :matches "date" "julian" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date  :matches "date" "hour" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
fileinto "dl1:${r}";
set "r" "";
if date  :matches "date" "minute" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date  :matches "date" "second" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date  :matches "date" "time" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
fileinto "dl2:${r}";
set "r" "";
if date  :matches "date" "iso8601" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date  :matches "date" "std11" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date  :matches "date" "zone" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
fileinto "dl3:${r}";
set "r" "";
if date  :matches "date" "weekday" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
fileinto "dl4:${r}";
set "r" "";
