# messages: plain.eml
require ["variables", "regex", "fileinto"];
if string :regex "abc" "(a|ab)(bc|c)" { fileinto "1[${1}|${2}]"; }
if string :regex "aaa" "(a*)(a*)" { fileinto "2[${1}|${2}]"; }
if string :regex "abcd" "(a|ab)(c|bcd)(d*)" { fileinto "3[${1}|${2}|${3}]"; }
if string :regex "xyz" "(x|xy)(z|yz)?" { fileinto "4[${1}|${2}]"; }
if string :regex "aaaa" "(a|aa)*" { fileinto "5[${0}|${1}]"; }
if string :regex "ab" "(a?)((ab)?)(b?)" { fileinto "6[${1}|${2}|${3}|${4}]"; }
if string :regex "xaaay" "a+|x" { fileinto "7[${0}]"; }
if string :regex :comparator "i;ascii-casemap" "Hello" "^(h)(e)" { fileinto "8[${1}${2}]"; }
