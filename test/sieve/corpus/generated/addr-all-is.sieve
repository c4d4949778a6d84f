# messages: addresses.eml subaddress.eml plain.eml list.eml
require ["fileinto", "variables", "subaddress"];
set "r" "";
if address :all :is "from" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "from" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "from" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "from" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "from" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "from" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "from" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "from" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "from" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "from" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "from" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "from" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "from" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "from" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "from" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "from" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "from" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "from" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "from" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "from" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "to" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "to" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "to" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "to" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "to" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "to" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "to" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "to" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "to" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "to" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "to" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "to" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "to" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "to" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "to" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "to" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "to" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "to" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "to" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "aai-0-${r}";
set "r" "";
if address :all :is "cc" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "cc" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "cc" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "cc" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "cc" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "cc" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "cc" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "cc" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "cc" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "cc" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "cc" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "cc" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "cc" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "cc" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "cc" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "cc" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "cc" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "cc" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "cc" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "cc" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "bcc" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "bcc" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "bcc" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "bcc" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "bcc" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "bcc" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "bcc" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "bcc" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "bcc" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "bcc" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "bcc" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "bcc" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "bcc" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "bcc" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "bcc" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "bcc" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "bcc" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "bcc" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "bcc" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "bcc" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "aai-1-${r}";
set "r" "";
if address :all :is "reply-to" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "reply-to" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "reply-to" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "reply-to" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "reply-to" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "reply-to" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "reply-to" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "reply-to" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "reply-to" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "reply-to" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "reply-to" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "reply-to" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "reply-to" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "reply-to" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "reply-to" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "reply-to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "reply-to" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "reply-to" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "reply-to" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "reply-to" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "sender" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "sender" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "sender" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "sender" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "sender" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "sender" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "sender" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "sender" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "sender" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "sender" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "sender" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "sender" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "sender" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "sender" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "sender" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "sender" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "sender" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "sender" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "sender" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "sender" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "aai-2-${r}";
set "r" "";
if address :all :is "resent-from" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-from" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-from" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-from" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-from" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-from" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-from" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-from" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-from" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-from" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-from" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-from" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-from" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-from" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-from" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-from" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-from" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-from" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-from" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-from" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-to" "alice@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-to" "bob@example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-to" "example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-to" "EXAMPLE.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-to" "example.com" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-to" "bob" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-to" "alice" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-to" "lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-to" "newsletter" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-to" "dave" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-to" "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-to" "quoted local" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-to" "sybil@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-to" "trent@Example.ORG" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-to" "example.net" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-to" "" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-to" "bob+lists" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-to" "lists+extra" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-to" "peggy" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if address :all :is "resent-to" "rupert@example.org" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "aai-3-${r}";
set "r" "";
