# messages: plain.eml
require ["vacation", "vacation-seconds"];
vacation :seconds 7200 :from "Bob <bob@example.com>" :addresses ["bob@example.org"] :mime :handle "ooo-2025" text:
Content-Type: text/plain; charset=utf-8

Away for now.
.
;
