# messages: plain.eml spam.eml
require ["ereject"];
if header :contains "subject" "prize" { ereject "No prizes please."; }
