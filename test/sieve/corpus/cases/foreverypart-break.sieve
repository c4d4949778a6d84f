# messages: multipart.eml
require ["foreverypart", "mime", "variables", "fileinto"];
set "n" "0";
foreverypart :name "outer" {
  set "n" "${n}x";
  if header :mime :type "content-type" "application" { break :name "outer"; }
}
fileinto "brk-${n}";
