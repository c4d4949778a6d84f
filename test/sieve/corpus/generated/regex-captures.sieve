# messages: plain.eml list.eml multipart.eml encoded.eml dates.eml
require ["regex", "variables", "fileinto"];
set "r" "";
if header :regex "subject" "^([^ ]+) (.*)$" { set "r" "${r}[${0}|${1}|${2}]"; } else { set "r" "${r}-"; }
if header :regex "subject" "(e|o)+" { set "r" "${r}[${0}|${1}|${2}]"; } else { set "r" "${r}-"; }
fileinto "rx0:${r}";
set "r" "";
if header :regex "subject" "[aeiou]{2,}" { set "r" "${r}[${0}|${1}|${2}]"; } else { set "r" "${r}-"; }
if header :regex "subject" "([[:alpha:]]+)[[:space:]]+([[:alpha:]]+)$" { set "r" "${r}[${0}|${1}|${2}]"; } else { set "r" "${r}-"; }
fileinto "rx1:${r}";
set "r" "";
if header :regex "from" "<([^@]+)@([^>]+)>" { set "r" "${r}[${0}|${1}|${2}]"; } else { set "r" "${r}-"; }
if header :regex "from" "^(.*) <" { set "r" "${r}[${0}|${1}|${2}]"; } else { set "r" "${r}-"; }
fileinto "rx2:${r}";
set "r" "";
if header :regex "subject" "(r)(e)?(v)?" { set "r" "${r}[${0}|${1}|${2}]"; } else { set "r" "${r}-"; }
if header :regex "subject" "x*" { set "r" "${r}[${0}|${1}|${2}]"; } else { set "r" "${r}-"; }
fileinto "rx3:${r}";
set "r" "";
if header :regex "subject" "(a|ab)(c|bcd)" { set "r" "${r}[${0}|${1}|${2}]"; } else { set "r" "${r}-"; }
if header :regex "subject" "^(Re: )?\\[?([a-z]+)" { set "r" "${r}[${0}|${1}|${2}]"; } else { set "r" "${r}-"; }
fileinto "rx4:${r}";
set "r" "";
if header :regex "message-id" "^<([^-]+)-([0-9]+)@" { set "r" "${r}[${0}|${1}|${2}]"; } else { set "r" "${r}-"; }
if header :regex "date" "([0-9]{2}):([0-9]{2}):([0-9]{2})" { set "r" "${r}[${0}|${1}|${2}]"; } else { set "r" "${r}-"; }
fileinto "rx5:${r}";
set "r" "";
