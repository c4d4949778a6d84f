// "Why was it rejected?": a receiving server's refusal in plain words, for the trace of an
// outbound message (the seed's DMARC/SPF error guide, turned into hints). Pure; the reply is the
// text the remote server sent, enhanced status code included when it gave one.

interface Rule {
  test: RegExp;
  why: string;
}

// First match wins: the specific authentication failures before the generic policy codes.
const RULES: Rule[] = [
  {
    test: /\bdmarc\b|5\.7\.26\b/i,
    why: "The receiving server applied the From domain's DMARC policy: at its end the message had neither an SPF pass nor a DKIM pass aligned with the From domain. Run `mailcove dns check <your domain>`: every DKIM key must be published and this server must be in SPF. For mail from other domains that you redirect, the original sender's DMARC decides; Mailcove rewrites the sender with SRS and keeps the sender's signature intact, which is all a forwarder can do.",
  },
  {
    test: /\bspf\b|5\.7\.23\b/i,
    why: "The receiving server checked SPF for the envelope sender's domain and this server is not allowed to send for it. Add this server to the domain's SPF record (`mailcove dns check <domain>` prints the record to publish).",
  },
  {
    test: /\bdkim\b|5\.7\.(20|21|22)\b/i,
    why: "The receiving server could not verify the DKIM signature. Check that the records printed by `mailcove domain dkim <domain>` are published exactly (a rotated key must stay published for its grace period).",
  },
  {
    test: /\b(ptr|rdns|reverse dns|reverse (dns|lookup)|5\.7\.25)\b/i,
    why: "The receiving server requires this server's IP address to have a reverse DNS name (PTR) that resolves back to it and matches the HELO name. Ask your hosting provider to set the PTR; `mailcove dns check` shows what it is now.",
  },
  {
    test: /\b(spamhaus|blocklist|blacklist|block ?list|listed|rbl|dnsbl)\b/i,
    why: "The receiving server found this server's IP address on a blocklist. Look the address up on the list named in the reply and follow its delisting procedure; find out first why it was listed (a compromised account sending spam?).",
  },
  {
    test: /\b(user unknown|no such user|unknown user|does not exist|mailbox unavailable|recipient rejected|address rejected|5\.1\.1)\b/i,
    why: 'The recipient address does not exist at the receiving server: check its spelling.',
  },
  {
    test: /\b(quota|mailbox full|over quota|insufficient storage|5\.2\.2)\b/i,
    why: "The recipient's mailbox is full; the message can be sent again once they make room.",
  },
  {
    test: /\b(rate|too many|throttl|try again later)\b/i,
    why: 'The receiving server limits how much mail it accepts from this server at a time; the queue retries on its own.',
  },
  {
    test: /\b(spam|content rejected|message rejected|5\.7\.1)\b/i,
    why: "The receiving server refused the message by its own policy (often its spam filter). The text of its reply is the best guide; if it names authentication, check `mailcove dns check <domain>`.",
  },
];

/** A plain explanation of a refusal, or null when the reply says nothing we recognise. */
export function explainReply(reply: string | null): string | null {
  if (!reply) return null;
  for (const r of RULES) if (r.test.test(reply)) return r.why;
  return null;
}
