# messages: addresses.eml subaddress.eml plain.eml list.eml
require ["fileinto", "variables", "subaddress"];
set "r" "";
if address :user :is "from" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "from" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "from" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "from" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "from" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "from" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "from" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "from" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "from" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "from" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "from" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "from" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "from" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "from" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "from" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "from" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "from" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "from" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "from" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "from" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "to" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "to" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "to" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "to" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "to" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "to" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "to" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "to" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "to" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "to" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "to" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "to" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "to" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "to" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "to" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "to" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "to" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "to" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "to" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "aui-0-${r}";
set "r" "";
if address :user :is "cc" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "cc" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "cc" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "cc" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "cc" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "cc" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "cc" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "cc" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "cc" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "cc" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "cc" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "cc" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "cc" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "cc" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "cc" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "cc" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "cc" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "cc" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "cc" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "cc" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "bcc" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "bcc" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "bcc" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "bcc" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "bcc" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "bcc" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "bcc" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "bcc" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "bcc" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "bcc" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "bcc" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "bcc" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "bcc" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "bcc" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "bcc" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "bcc" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "bcc" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "bcc" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "bcc" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "bcc" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "aui-1-${r}";
set "r" "";
if address :user :is "reply-to" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "reply-to" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "reply-to" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "reply-to" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "reply-to" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "reply-to" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "reply-to" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "reply-to" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "reply-to" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "reply-to" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "reply-to" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "reply-to" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "reply-to" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "reply-to" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "reply-to" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "reply-to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "reply-to" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "reply-to" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "reply-to" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "reply-to" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "sender" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "sender" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "sender" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "sender" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "sender" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "sender" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "sender" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "sender" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "sender" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "sender" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "sender" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "sender" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "sender" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "sender" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "sender" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "sender" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "sender" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "sender" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "sender" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "sender" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "aui-2-${r}";
set "r" "";
if address :user :is "resent-from" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-from" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-from" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-from" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-from" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-from" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-from" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-from" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-from" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-from" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-from" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-from" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-from" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-from" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-from" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-from" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-from" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-from" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-from" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-from" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-to" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-to" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-to" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-to" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-to" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-to" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-to" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-to" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-to" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-to" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-to" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-to" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-to" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-to" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-to" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-to" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-to" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-to" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :user :is "resent-to" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "aui-3-${r}";
set "r" "";
