# messages: multipart.eml
require ["foreverypart", "mime", "extracttext", "variables", "fileinto"];
set "t" "";
foreverypart {
  if header :mime :subtype "content-type" "plain" {
    extracttext :first 20 "t";
    break;
  }
}
fileinto "x-${t}";
