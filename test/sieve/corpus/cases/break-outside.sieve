# messages: plain.eml
require ["foreverypart"];
break;
