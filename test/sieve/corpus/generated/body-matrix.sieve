# messages: multipart.eml html.eml plain.eml encoded.eml bounce.eml big.eml
require ["fileinto", "variables", "body"];
set "r" "";
if body :text :contains "invoice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "Friday" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "Café" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "Caf=C3=A9" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "<b>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "&amp;" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "kiwifruit" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "secretword" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "preamble" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "epilogue" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "Content-Type" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "quarterly" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "Grüße" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "offers" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "Save 50" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "delivery-status" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :text :contains "needle" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :raw :contains "invoice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :raw :contains "Friday" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :raw :contains "Café" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :raw :contains "Caf=C3=A9" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :raw :contains "<b>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :raw :contains "&amp;" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :raw :contains "kiwifruit" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :raw :contains "secretword" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :raw :contains "preamble" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :raw :contains "epilogue" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :raw :contains "Content-Type" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :raw :contains "quarterly" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :raw :contains "Grüße" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :raw :contains "offers" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :raw :contains "Save 50" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :raw :contains "delivery-status" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :raw :contains "needle" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text" :contains "invoice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text" :contains "Friday" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text" :contains "Café" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text" :contains "Caf=C3=A9" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text" :contains "<b>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text" :contains "&amp;" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "b-0-${r}";
set "r" "";
if body :content "text" :contains "kiwifruit" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text" :contains "secretword" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text" :contains "preamble" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text" :contains "epilogue" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text" :contains "Content-Type" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text" :contains "quarterly" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text" :contains "Grüße" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text" :contains "offers" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text" :contains "Save 50" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text" :contains "delivery-status" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text" :contains "needle" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/plain" :contains "invoice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/plain" :contains "Friday" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/plain" :contains "Café" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/plain" :contains "Caf=C3=A9" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/plain" :contains "<b>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/plain" :contains "&amp;" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/plain" :contains "kiwifruit" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/plain" :contains "secretword" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/plain" :contains "preamble" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/plain" :contains "epilogue" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/plain" :contains "Content-Type" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/plain" :contains "quarterly" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/plain" :contains "Grüße" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/plain" :contains "offers" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/plain" :contains "Save 50" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/plain" :contains "delivery-status" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/plain" :contains "needle" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/html" :contains "invoice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/html" :contains "Friday" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/html" :contains "Café" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/html" :contains "Caf=C3=A9" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/html" :contains "<b>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/html" :contains "&amp;" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/html" :contains "kiwifruit" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/html" :contains "secretword" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/html" :contains "preamble" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/html" :contains "epilogue" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/html" :contains "Content-Type" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/html" :contains "quarterly" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "b-1-${r}";
set "r" "";
if body :content "text/html" :contains "Grüße" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/html" :contains "offers" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/html" :contains "Save 50" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/html" :contains "delivery-status" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "text/html" :contains "needle" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "" :contains "invoice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "" :contains "Friday" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "" :contains "Café" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "" :contains "Caf=C3=A9" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "" :contains "<b>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "" :contains "&amp;" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "" :contains "kiwifruit" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "" :contains "secretword" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "" :contains "preamble" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "" :contains "epilogue" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "" :contains "Content-Type" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "" :contains "quarterly" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "" :contains "Grüße" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "" :contains "offers" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "" :contains "Save 50" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "" :contains "delivery-status" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "" :contains "needle" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "multipart" :contains "invoice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "multipart" :contains "Friday" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "multipart" :contains "Café" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "multipart" :contains "Caf=C3=A9" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "multipart" :contains "<b>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "multipart" :contains "&amp;" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "multipart" :contains "kiwifruit" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "multipart" :contains "secretword" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "multipart" :contains "preamble" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "multipart" :contains "epilogue" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "multipart" :contains "Content-Type" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "multipart" :contains "quarterly" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "multipart" :contains "Grüße" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "multipart" :contains "offers" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "multipart" :contains "Save 50" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "multipart" :contains "delivery-status" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "multipart" :contains "needle" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "message" :contains "invoice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "b-2-${r}";
set "r" "";
if body :content "message" :contains "Friday" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "message" :contains "Café" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "message" :contains "Caf=C3=A9" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "message" :contains "<b>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "message" :contains "&amp;" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "message" :contains "kiwifruit" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "message" :contains "secretword" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "message" :contains "preamble" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "message" :contains "epilogue" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "message" :contains "Content-Type" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "message" :contains "quarterly" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "message" :contains "Grüße" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "message" :contains "offers" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "message" :contains "Save 50" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "message" :contains "delivery-status" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content "message" :contains "needle" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content ["application", "image"] :contains "invoice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content ["application", "image"] :contains "Friday" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content ["application", "image"] :contains "Café" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content ["application", "image"] :contains "Caf=C3=A9" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content ["application", "image"] :contains "<b>" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content ["application", "image"] :contains "&amp;" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content ["application", "image"] :contains "kiwifruit" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content ["application", "image"] :contains "secretword" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content ["application", "image"] :contains "preamble" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content ["application", "image"] :contains "epilogue" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content ["application", "image"] :contains "Content-Type" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content ["application", "image"] :contains "quarterly" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content ["application", "image"] :contains "Grüße" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content ["application", "image"] :contains "offers" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content ["application", "image"] :contains "Save 50" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content ["application", "image"] :contains "delivery-status" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if body :content ["application", "image"] :contains "needle" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "b-3-${r}";
set "r" "";
