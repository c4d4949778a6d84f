# messages: addresses.eml subaddress.eml plain.eml list.eml
require ["fileinto", "variables", "subaddress"];
set "r" "";
if address :detail :is "from" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "from" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "from" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "from" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "from" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "from" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "from" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "from" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "from" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "from" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "from" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "from" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "from" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "from" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "from" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "from" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "from" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "from" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "from" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "from" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "to" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "to" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "to" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "to" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "to" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "to" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "to" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "to" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "to" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "to" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "to" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "to" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "to" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "to" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "to" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "to" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "to" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "to" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "to" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "adi-0-${r}";
set "r" "";
if address :detail :is "cc" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "cc" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "cc" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "cc" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "cc" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "cc" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "cc" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "cc" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "cc" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "cc" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "cc" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "cc" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "cc" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "cc" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "cc" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "cc" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "cc" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "cc" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "cc" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "cc" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "bcc" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "bcc" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "bcc" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "bcc" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "bcc" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "bcc" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "bcc" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "bcc" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "bcc" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "bcc" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "bcc" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "bcc" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "bcc" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "bcc" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "bcc" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "bcc" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "bcc" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "bcc" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "bcc" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "bcc" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "adi-1-${r}";
set "r" "";
if address :detail :is "reply-to" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "reply-to" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "reply-to" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "reply-to" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "reply-to" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "reply-to" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "reply-to" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "reply-to" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "reply-to" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "reply-to" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "reply-to" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "reply-to" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "reply-to" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "reply-to" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "reply-to" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "reply-to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "reply-to" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "reply-to" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "reply-to" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "reply-to" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "sender" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "sender" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "sender" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "sender" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "sender" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "sender" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "sender" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "sender" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "sender" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "sender" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "sender" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "sender" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "sender" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "sender" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "sender" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "sender" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "sender" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "sender" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "sender" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "sender" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "adi-2-${r}";
set "r" "";
if address :detail :is "resent-from" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-from" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-from" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-from" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-from" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-from" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-from" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-from" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-from" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-from" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-from" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-from" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-from" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-from" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-from" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-from" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-from" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-from" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-from" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-from" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-to" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-to" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-to" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-to" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-to" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-to" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-to" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-to" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-to" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-to" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-to" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-to" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-to" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-to" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-to" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-to" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-to" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-to" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :detail :is "resent-to" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "adi-3-${r}";
set "r" "";
