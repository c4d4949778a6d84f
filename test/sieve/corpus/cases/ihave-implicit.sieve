# messages: plain.eml
require ["ihave"];
if ihave "fileinto" { fileinto "implicitly-required"; }
