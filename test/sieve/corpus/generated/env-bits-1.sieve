# messages: plain.eml
# envelope-from: Alice.Smith@Example.ORG
# envelope-to: bob+lists@example.com
require ["fileinto", "variables", "envelope", "subaddress"];
set "r" "";
if envelope :all :is "from" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :all :is "from" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :all :is "from" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :all :is "from" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :all :is "from" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :all :is "from" "a+b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :all :is "from" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :all :is "to" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :all :is "to" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :all :is "to" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :all :is "to" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :all :is "to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :all :is "to" "a+b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :all :is "to" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :all :is ["from", "to"] "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :all :is ["from", "to"] "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :all :is ["from", "to"] "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :all :is ["from", "to"] "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :all :is ["from", "to"] "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :all :is ["from", "to"] "a+b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :all :is ["from", "to"] "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :localpart :is "from" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :localpart :is "from" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :localpart :is "from" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :localpart :is "from" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :localpart :is "from" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :localpart :is "from" "a+b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :localpart :is "from" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :localpart :is "to" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :localpart :is "to" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :localpart :is "to" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :localpart :is "to" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :localpart :is "to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :localpart :is "to" "a+b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :localpart :is "to" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :localpart :is ["from", "to"] "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :localpart :is ["from", "to"] "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :localpart :is ["from", "to"] "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :localpart :is ["from", "to"] "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :localpart :is ["from", "to"] "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "eb-0-${r}";
set "r" "";
if envelope :localpart :is ["from", "to"] "a+b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :localpart :is ["from", "to"] "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :domain :is "from" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :domain :is "from" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :domain :is "from" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :domain :is "from" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :domain :is "from" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :domain :is "from" "a+b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :domain :is "from" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :domain :is "to" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :domain :is "to" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :domain :is "to" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :domain :is "to" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :domain :is "to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :domain :is "to" "a+b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :domain :is "to" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :domain :is ["from", "to"] "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :domain :is ["from", "to"] "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :domain :is ["from", "to"] "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :domain :is ["from", "to"] "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :domain :is ["from", "to"] "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :domain :is ["from", "to"] "a+b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :domain :is ["from", "to"] "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :user :is "from" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :user :is "from" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :user :is "from" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :user :is "from" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :user :is "from" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :user :is "from" "a+b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :user :is "from" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :user :is "to" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :user :is "to" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :user :is "to" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :user :is "to" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :user :is "to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :user :is "to" "a+b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :user :is "to" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :user :is ["from", "to"] "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :user :is ["from", "to"] "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :user :is ["from", "to"] "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "eb-1-${r}";
set "r" "";
if envelope :user :is ["from", "to"] "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :user :is ["from", "to"] "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :user :is ["from", "to"] "a+b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :user :is ["from", "to"] "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :detail :is "from" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :detail :is "from" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :detail :is "from" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :detail :is "from" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :detail :is "from" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :detail :is "from" "a+b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :detail :is "from" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :detail :is "to" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :detail :is "to" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :detail :is "to" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :detail :is "to" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :detail :is "to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :detail :is "to" "a+b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :detail :is "to" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :detail :is ["from", "to"] "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :detail :is ["from", "to"] "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :detail :is ["from", "to"] "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :detail :is ["from", "to"] "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :detail :is ["from", "to"] "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :detail :is ["from", "to"] "a+b" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if envelope :detail :is ["from", "to"] "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "eb-2-${r}";
set "r" "";
