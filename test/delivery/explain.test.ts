import { describe, expect, it } from 'vitest';
import { explainReply } from '../../src/delivery/explain.js';

describe('explainReply', () => {
  it.each([
    ['550 5.7.26 Unauthenticated email from example.com is not accepted due to domain\'s DMARC policy', /DMARC policy/],
    ['550 5.7.1 Message rejected per DMARC policy', /DMARC policy/],
    ['550 5.7.23 The message was rejected because of Sender Policy Framework violation', /SPF/],
    ['550 5.7.1 SPF check failed: 203.0.113.5 not permitted', /SPF/],
    ['550 5.7.20 No passing DKIM signature found', /DKIM signature/],
    ['550 5.7.25 The IP address sending this message does not have a PTR record setup', /reverse DNS/],
    ['554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.org', /blocklist/],
    ['550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown', /does not exist/],
    ['452 4.2.2 The email account that you tried to reach is over quota', /mailbox is full/],
    ['421 4.7.0 Too many connections, try again later', /limits how much mail/],
    ['554 5.7.1 Message rejected as spam', /own policy/],
  ])('%s', (reply, expected) => {
    expect(explainReply(reply)).toMatch(expected);
  });

  it('says nothing of replies it does not recognise, or of none', () => {
    expect(explainReply('250 2.0.0 OK')).toBeNull();
    expect(explainReply('451 4.3.0 Temporary local problem')).toBeNull();
    expect(explainReply(null)).toBeNull();
  });
});
