# messages: dates.eml plain.eml encoded.eml numeric.eml
require ["fileinto", "variables", "date"];
set "r" "";
if date :zone "+1345" :matches "date" "year" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date :zone "+1345" :matches "date" "month" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date :zone "+1345" :matches "date" "day" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
fileinto "dp0:${r}";
set "r" "";
if date :zone "+1345" :matches "date" "date" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date :zone "+1345" :matches "date" "julian" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date :zone "+1345" :matches "date" "hour" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
fileinto "dp1:${r}";
set "r" "";
if date :zone "+1345" :matches "date" "minute" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date :zone "+1345" :matches "date" "second" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date :zone "+1345" :matches "date" "time" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
fileinto "dp2:${r}";
set "r" "";
if date :zone "+1345" :matches "date" "iso8601" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date :zone "+1345" :matches "date" "std11" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
if date :zone "+1345" :matches "date" "zone" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
fileinto "dp3:${r}";
set "r" "";
if date :zone "+1345" :matches "date" "weekday" "*" { set "r" "${r}[${1}]"; } else { set "r" "${r}-"; }
fileinto "dp4:${r}";
set "r" "";
