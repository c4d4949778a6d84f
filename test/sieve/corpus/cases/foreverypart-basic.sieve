# messages: multipart.eml plain.eml bounce.eml
require ["foreverypart", "mime", "variables", "fileinto"];
set "n" "";
foreverypart {
  if header :mime :contenttype :matches "content-type" "*" { set "n" "${n}[${1}]"; } else { set "n" "${n}[-]"; }
}
fileinto "${n}";
