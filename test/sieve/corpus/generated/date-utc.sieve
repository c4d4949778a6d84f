# messages: dates.eml plain.eml encoded.eml numeric.eml
require ["fileinto", "variables", "date"];
set "r" "";
if date :zone "+0000" :matches "date" "year" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date :zone "+0000" :matches "date" "month" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date :zone "+0000" :matches "date" "day" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
fileinto "du0:${r}";
set "r" "";
if date :zone "+0000" :matches "date" "date" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date :zone "+0000" :matches "date" "julian" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date :zone "+0000" :matches "date" "hour" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
fileinto "du1:${r}";
set "r" "";
if date :zone "+0000" :matches "date" "minute" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date :zone "+0000" :matches "date" "second" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date :zone "+0000" :matches "date" "time" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
fileinto "du2:${r}";
set "r" "";
if date :zone "+0000" :matches "date" "iso8601" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date :zone "+0000" :matches "date" "std11" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date :zone "+0000" :matches "date" "zone" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
fileinto "du3:${r}";
set "r" "";
if date :zone "+0000" :matches "date" "weekday" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
fileinto "du4:${r}";
set "r" "";
