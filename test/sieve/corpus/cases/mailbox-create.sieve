# messages: plain.eml
# mailboxes: Work
require ["mailbox", "fileinto"];
fileinto :create "New";
if mailboxexists "Work" { fileinto :create "Work"; }
