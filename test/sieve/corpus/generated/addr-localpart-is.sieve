# messages: addresses.eml subaddress.eml plain.eml list.eml
require ["fileinto", "variables", "subaddress"];
set "r" "";
if address :localpart :is "from" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "from" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "from" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "from" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "from" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "from" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "from" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "from" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "from" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "from" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "from" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "from" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "from" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "from" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "from" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "from" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "from" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "from" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "from" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "from" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "to" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "to" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "to" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "to" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "to" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "to" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "to" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "to" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "to" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "to" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "to" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "to" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "to" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "to" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "to" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "to" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "to" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "to" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "to" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "ali-0-${r}";
set "r" "";
if address :localpart :is "cc" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "cc" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "cc" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "cc" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "cc" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "cc" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "cc" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "cc" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "cc" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "cc" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "cc" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "cc" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "cc" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "cc" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "cc" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "cc" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "cc" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "cc" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "cc" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "cc" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "bcc" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "bcc" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "bcc" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "bcc" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "bcc" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "bcc" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "bcc" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "bcc" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "bcc" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "bcc" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "bcc" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "bcc" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "bcc" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "bcc" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "bcc" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "bcc" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "bcc" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "bcc" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "bcc" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "bcc" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "ali-1-${r}";
set "r" "";
if address :localpart :is "reply-to" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "reply-to" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "reply-to" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "reply-to" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "reply-to" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "reply-to" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "reply-to" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "reply-to" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "reply-to" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "reply-to" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "reply-to" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "reply-to" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "reply-to" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "reply-to" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "reply-to" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "reply-to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "reply-to" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "reply-to" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "reply-to" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "reply-to" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "sender" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "sender" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "sender" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "sender" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "sender" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "sender" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "sender" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "sender" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "sender" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "sender" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "sender" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "sender" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "sender" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "sender" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "sender" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "sender" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "sender" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "sender" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "sender" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "sender" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "ali-2-${r}";
set "r" "";
if address :localpart :is "resent-from" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-from" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-from" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-from" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-from" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-from" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-from" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-from" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-from" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-from" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-from" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-from" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-from" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-from" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-from" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-from" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-from" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-from" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-from" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-from" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-to" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-to" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-to" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-to" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-to" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-to" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-to" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-to" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-to" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-to" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-to" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-to" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-to" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-to" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-to" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-to" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-to" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-to" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :localpart :is "resent-to" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "ali-3-${r}";
set "r" "";
