# messages: multipart.eml plain.eml
require ["foreverypart", "mime", "fileinto"];
foreverypart {
  if header :mime :param "filename" :matches "content-disposition" "*.pdf" {
    fileinto "Invoices";
    break;
  }
}
