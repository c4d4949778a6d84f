# messages: spam.eml plain.eml
if anyof (header :contains "subject" "prize", header :is "x-spam-flag" "YES") {
  discard;
  stop;
}
keep;
