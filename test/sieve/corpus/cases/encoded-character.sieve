# messages: plain.eml encoded.eml
require ["encoded-character", "fileinto", "variables"];
set "r" "";
if header :contains "subject" "${hex:52 65 70 6f 72 74}" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :contains "subject" "${unicode:47 72 FC}" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if header :contains "subject" "${HEX:  71 75 61  }" { set "r" "${r}1"; } else { set "r" "${r}0"; }
set "x" "a${hex:zz}b";
if string :is "${x}" "a${hex:zz}b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
set "y" "${hex:24 7b}x}";
fileinto "enc-${r}-${y}";
