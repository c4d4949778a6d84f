# messages: dates.eml plain.eml encoded.eml numeric.eml
require ["fileinto", "variables", "date"];
set "r" "";
if date :originalzone :matches "date" "year" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date :originalzone :matches "date" "month" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date :originalzone :matches "date" "day" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
fileinto "do0:${r}";
set "r" "";
if date :originalzone :matches "date" "date" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date :originalzone :matches "date" "julian" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date :originalzone :matches "date" "hour" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
fileinto "do1:${r}";
set "r" "";
if date :originalzone :matches "date" "minute" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date :originalzone :matches "date" "second" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date :originalzone :matches "date" "time" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
fileinto "do2:${r}";
set "r" "";
if date :originalzone :matches "date" "iso8601" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date :originalzone :matches "date" "std11" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date :originalzone :matches "date" "zone" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
fileinto "do3:${r}";
set "r" "";
if date :originalzone :matches "date" "weekday" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
fileinto "do4:${r}";
set "r" "";
