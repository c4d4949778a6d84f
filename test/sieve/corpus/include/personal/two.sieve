require ["variables", "include"];
global "shared";
set "shared" "${shared}+two";
return;
set "shared" "never";
