# messages: dates.eml plain.eml encoded.eml
require ["date", "variables", "fileinto", "relational"];
set "r" "";
if date :matches "date" "date" "*" { set "r" "${r}d${1}"; }
if date :matches "date" "time" "*" { set "r" "${r}t${1}"; }
if date :matches "date" "julian" "*" { set "r" "${r}j${1}"; }
if date :matches "date" "weekday" "*" { set "r" "${r}w${1}"; }
if date :matches "date" "zone" "*" { set "r" "${r}z${1}"; }
fileinto "${r}";
set "r" "";
if date :originalzone :matches "date" "iso8601" "*" { set "r" "${r}i${1}"; }
if date :originalzone :matches "date" "zone" "*" { set "r" "${r}z${1}"; }
if date :zone "+0530" :matches "date" "hour" "*" { set "r" "${r}h${1}"; }
if date :zone "-1000" :matches "date" "day" "*" { set "r" "${r}D${1}"; }
fileinto "${r}";
set "r" "";
if date :zone "+0000" :matches "date" "std11" "*" { set "r" "${r}s${1}"; }
if date :value "ge" "date" "year" "2025" { set "r" "${r}Y"; }
if date :is "date" "month" "01" { set "r" "${r}M"; }
if date :zone "+1400" :matches "date" "minute" "*" { set "r" "${r}m${1}"; }
if date :zone "+0000" :matches "date" "second" "*" { set "r" "${r}S${1}"; }
fileinto "${r}";
