# messages: addresses.eml subaddress.eml plain.eml list.eml
require ["fileinto", "variables", "subaddress"];
set "r" "";
if address :domain :is "from" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "from" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "from" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "from" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "from" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "from" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "from" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "from" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "from" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "from" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "from" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "from" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "from" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "from" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "from" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "from" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "from" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "from" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "from" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "from" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "to" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "to" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "to" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "to" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "to" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "to" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "to" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "to" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "to" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "to" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "to" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "to" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "to" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "to" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "to" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "to" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "to" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "to" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "to" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "adi-0-${r}";
set "r" "";
if address :domain :is "cc" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "cc" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "cc" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "cc" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "cc" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "cc" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "cc" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "cc" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "cc" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "cc" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "cc" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "cc" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "cc" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "cc" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "cc" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "cc" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "cc" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "cc" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "cc" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "cc" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "bcc" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "bcc" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "bcc" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "bcc" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "bcc" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "bcc" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "bcc" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "bcc" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "bcc" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "bcc" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "bcc" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "bcc" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "bcc" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "bcc" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "bcc" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "bcc" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "bcc" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "bcc" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "bcc" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "bcc" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "adi-1-${r}";
set "r" "";
if address :domain :is "reply-to" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "reply-to" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "reply-to" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "reply-to" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "reply-to" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "reply-to" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "reply-to" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "reply-to" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "reply-to" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "reply-to" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "reply-to" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "reply-to" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "reply-to" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "reply-to" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "reply-to" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "reply-to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "reply-to" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "reply-to" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "reply-to" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "reply-to" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "sender" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "sender" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "sender" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "sender" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "sender" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "sender" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "sender" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "sender" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "sender" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "sender" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "sender" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "sender" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "sender" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "sender" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "sender" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "sender" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "sender" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "sender" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "sender" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "sender" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "adi-2-${r}";
set "r" "";
if address :domain :is "resent-from" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-from" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-from" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-from" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-from" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-from" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-from" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-from" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-from" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-from" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-from" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-from" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-from" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-from" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-from" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-from" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-from" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-from" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-from" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-from" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-to" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-to" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-to" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-to" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-to" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-to" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-to" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-to" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-to" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-to" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-to" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-to" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-to" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-to" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-to" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-to" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-to" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-to" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :domain :is "resent-to" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "adi-3-${r}";
set "r" "";
