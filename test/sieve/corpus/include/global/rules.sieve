require ["fileinto", "variables"];
set "local" "inner";
if header :contains "subject" "report" { fileinto "global-report"; stop; }
