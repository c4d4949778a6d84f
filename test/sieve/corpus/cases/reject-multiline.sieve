# messages: spam.eml
require "reject";
if header :contains "subject" "prize" {
  reject text:
Your message was refused.
.. This line started with two dots.
Goodbye.
.
;
}
