# messages: multipart.eml
require ["foreverypart", "mime", "variables", "fileinto"];
set "n" "";
foreverypart {
  if header :mime :subtype "content-type" "alternative" {
    foreverypart {
      if header :mime :subtype :matches "content-type" "*" { set "n" "${n}<${1}>"; }
    }
  }
}
fileinto "nested${n}";
