# messages: plain.eml list.eml spam.eml multipart.eml
require "fileinto";
if header :contains "subject" "prize" {
  fileinto "Spam";
} elsif header :contains "list-id" "dev" {
  fileinto "Dev";
} elsif address :is "from" "alice@example.org" {
  fileinto "Alice";
} else {
  fileinto "Other";
}
