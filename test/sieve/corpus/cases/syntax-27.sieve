# messages: plain.eml
/* unterminated comment
