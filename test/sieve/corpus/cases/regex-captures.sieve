# messages: plain.eml list.eml
require ["regex", "variables", "fileinto"];
set "r" "";
if header :regex "subject" "(a|b)+" { set "r" "${r}[${0}|${1}]"; }
if header :regex "subject" "(e)(x)?" { set "r" "${r}[${1}|${2}]"; }
if header :regex "subject" "r(.*)r" { set "r" "${r}[${1}]"; }
if header :regex "subject" "([0-9]+)\\.([0-9]+)" { set "r" "${r}[${1}.${2}]"; }
if header :regex "subject" "^(.*)$" { set "r" "${r}<${1}>"; }
fileinto "rc${r}";
