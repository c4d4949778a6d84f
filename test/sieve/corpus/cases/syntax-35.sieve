# messages: plain.eml
discard :foo;
