# messages: dates.eml plain.eml encoded.eml
require ["fileinto", "variables", "date", "relational", "comparator-i;ascii-numeric"];
set "r" "";
if date :value "gt" :comparator "i;ascii-numeric" "date" "year" "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if date :value "lt" :comparator "i;ascii-numeric" "date" "year" "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if date :value "eq" :comparator "i;ascii-numeric" "date" "year" "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if date :value "gt" :comparator "i;ascii-numeric" "date" "month" "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if date :value "lt" :comparator "i;ascii-numeric" "date" "month" "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if date :value "eq" :comparator "i;ascii-numeric" "date" "month" "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if date :value "gt" :comparator "i;ascii-numeric" "date" "day" "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if date :value "lt" :comparator "i;ascii-numeric" "date" "day" "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if date :value "eq" :comparator "i;ascii-numeric" "date" "day" "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if date :value "gt" :comparator "i;ascii-numeric" "date" "hour" "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if date :value "lt" :comparator "i;ascii-numeric" "date" "hour" "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if date :value "eq" :comparator "i;ascii-numeric" "date" "hour" "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if date :value "gt" :comparator "i;ascii-numeric" "date" "weekday" "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if date :value "lt" :comparator "i;ascii-numeric" "date" "weekday" "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if date :value "eq" :comparator "i;ascii-numeric" "date" "weekday" "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if date :value "gt" :comparator "i;ascii-numeric" "date" "julian" "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if date :value "lt" :comparator "i;ascii-numeric" "date" "julian" "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if date :value "eq" :comparator "i;ascii-numeric" "date" "julian" "10" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if date :is "date" "year" "2025" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if date :is "resent-date" "year" "2025" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if date :is "received" "year" "2025" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if date :is "x-none" "year" "2025" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if date :is "subject" "year" "2025" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "dr-0-${r}";
set "r" "";
