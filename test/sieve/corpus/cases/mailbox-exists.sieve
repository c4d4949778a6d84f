# messages: plain.eml
# mailboxes: Work Lists
require ["mailbox", "fileinto", "variables"];
set "r" "";
if mailboxexists "Work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if mailboxexists ["Work", "Lists"] { set "r" "${r}1"; } else { set "r" "${r}0"; }
if mailboxexists ["Work", "Nope"] { set "r" "${r}1"; } else { set "r" "${r}0"; }
if mailboxexists "INBOX" { set "r" "${r}1"; } else { set "r" "${r}0"; }
if mailboxexists "work" { set "r" "${r}1"; } else { set "r" "${r}0"; }
fileinto "mb-${r}";
