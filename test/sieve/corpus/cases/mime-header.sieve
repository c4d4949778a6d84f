# messages: multipart.eml plain.eml html.eml
require ["mime", "variables", "fileinto"];
set "r" "";
if header :mime :type "content-type" "multipart" { set "r" "${r}M"; }
if header :mime :subtype "content-type" "html" { set "r" "${r}H"; }
if header :mime :anychild :subtype "content-type" "pdf" { set "r" "${r}P"; }
if header :mime :anychild :param "filename" :matches "content-disposition" "*.pdf" { set "r" "${r}[${1}]"; }
if header :mime :anychild :contenttype "content-type" "message/rfc822" { set "r" "${r}R"; }
if header :mime :param "boundary" :matches "content-type" "*" { set "r" "${r}[${1}]"; }
if header :mime :anychild :type "content-disposition" "attachment" { set "r" "${r}A"; }
if exists :mime :anychild "content-transfer-encoding" { set "r" "${r}E"; }
if address :mime :anychild :is "from" "grace@example.net" { set "r" "${r}G"; }
fileinto "mime${r}";
