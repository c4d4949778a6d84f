# messages: plain.eml
stop
