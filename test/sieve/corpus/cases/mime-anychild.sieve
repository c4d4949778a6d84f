# messages: multipart.eml bounce.eml html.eml plain.eml
require ["mime", "variables", "fileinto", "relational", "comparator-i;ascii-numeric"];
set "r" "";
if header :mime :anychild :count "ge" :comparator "i;ascii-numeric" "content-type" "4" { set "r" "${r}4"; }
if header :mime :anychild :type :count "eq" :comparator "i;ascii-numeric" "content-type" "2" { set "r" "${r}c"; }
if header :mime :anychild :contenttype :is "content-type" "text/plain" { set "r" "${r}T"; }
if header :mime :anychild :param "charset" :is "content-type" "utf-8" { set "r" "${r}U"; }
if header :mime :anychild :param ["name", "filename"] :matches ["content-type", "content-disposition"] "*.pdf" { set "r" "${r}P"; }
if header :mime :anychild :matches "subject" "*" { set "r" "${r}[${1}]"; }
if exists :mime :anychild "content-disposition" { set "r" "${r}D"; }
if address :mime :anychild :domain :is "from" "example.net" { set "r" "${r}N"; }
fileinto "any${r}";
