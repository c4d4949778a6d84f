# messages: plain.eml list.eml multipart.eml
require ["fileinto", "copy", "imap4flags"];
if header :contains "subject" "report" {
  fileinto :copy "Reports";
}
if address :domain :is "from" "example.net" {
  fileinto :flags "\\Seen" "Net";
} elsif exists "list-id" {
  fileinto "Lists";
  stop;
} else {
  addflag "$Checked";
}
redirect "archive@example.com";
