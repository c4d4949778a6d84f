# messages: dates.eml plain.eml encoded.eml numeric.eml
require ["fileinto", "variables", "date"];
set "r" "";
if date :zone "-0830" :matches "date" "year" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date :zone "-0830" :matches "date" "month" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date :zone "-0830" :matches "date" "day" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
fileinto "dm0:${r}";
set "r" "";
if date :zone "-0830" :matches "date" "date" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date :zone "-0830" :matches "date" "julian" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date :zone "-0830" :matches "date" "hour" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
fileinto "dm1:${r}";
set "r" "";
if date :zone "-0830" :matches "date" "minute" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date :zone "-0830" :matches "date" "second" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date :zone "-0830" :matches "date" "time" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
fileinto "dm2:${r}";
set "r" "";
if date :zone "-0830" :matches "date" "iso8601" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date :zone "-0830" :matches "date" "std11" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date :zone "-0830" :matches "date" "zone" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
fileinto "dm3:${r}";
set "r" "";
if date :zone "-0830" :matches "date" "weekday" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
fileinto "dm4:${r}";
set "r" "";
