# messages: plain.eml
require ["ihave", "fileinto"];
if ihave "fileinto" { fileinto "has-fileinto"; }
if ihave "x-no-such-extension" {
  frobnicate :wildly "everything";
  fileinto "impossible";
}
if ihave ["vacation", "x-nope"] { vacation "x"; }
