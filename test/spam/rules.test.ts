import { describe, expect, it } from 'vitest';
import { classify, type ClassifyContext } from '../../src/spam/index.js';
import { DATE, mail, RECEIVED_AT } from './helpers.js';

const ctx: ClassifyContext = { source: 'mx', recipient: 'alice@lakeside-studio.ch', receivedAt: RECEIVED_AT };
const rules = (m: ReturnType<typeof mail>, c: ClassifyContext = ctx) => classify(m, c, {}).spam.reasons;
const names = (m: ReturnType<typeof mail>, c: ClassifyContext = ctx) => rules(m, c).map((r) => r.rule);

describe('header rules', () => {
  it('a well-formed personal message fires none', () => {
    expect(names(mail())).toEqual([]);
  });

  it('missing and unreadable Date, Message-ID and From', () => {
    expect(names(mail({ headers: { Date: null } }))).toContain('MISSING_DATE');
    expect(names(mail({ headers: { Date: 'sometime last week' } }))).toContain('INVALID_DATE');
    expect(names(mail({ headers: { 'Message-ID': null } }))).toContain('MISSING_MESSAGE_ID');
    expect(names(mail({ headers: { 'Message-ID': 'no-angle-brackets' } }))).toContain('MESSAGE_ID_MALFORMED');
    expect(names(mail({ headers: { From: null } }))).toContain('MISSING_FROM');
  });

  it('a Date far from the arrival time', () => {
    expect(names(mail({ headers: { Date: 'Sun, 12 May 2024 10:00:00 +0000' } }))).toContain('DATE_IN_FUTURE');
    expect(names(mail({ headers: { Date: 'Mon, 1 Jan 2024 10:00:00 +0000' } }))).toContain('DATE_IN_PAST');
    expect(names(mail({ headers: { Date: 'Fri, 10 May 2024 13:00:00 +0200' } }))).not.toContain('DATE_IN_FUTURE');
  });

  it('a Received chain that goes back in time', () => {
    const m = mail({
      headers: {
        Received: `from relay.example (relay.example [192.0.2.1]) by mx1.lakeside-studio.ch; ${DATE}\nReceived: from bot (unknown [198.51.100.7]) by relay.example; Wed, 15 May 2024 09:00:00 +0000`,
      },
    });
    expect(names(m)).toContain('RCVD_TIME_TRAVEL');
  });

  it('HELO rules only for mail from the Internet', () => {
    expect(names(mail(), { ...ctx, helo: '203.0.113.9' })).toContain('HELO_NUMERIC');
    expect(names(mail(), { ...ctx, helo: 'DESKTOP-7F3K2' })).toContain('HELO_NO_DOT');
    expect(names(mail(), { ...ctx, helo: 'mail.lakeside-studio.ch' })).toContain('HELO_OWN_DOMAIN');
    expect(names(mail(), { ...ctx, source: 'submission', helo: 'DESKTOP-7F3K2' })).toEqual([]);
  });

  it('broken MIME', () => {
    const m = mail({ headers: { 'Content-Type': 'multipart/mixed; boundary="abc"' }, body: '--abc\nContent-Type: text/plain\n\nhello\n' });
    expect(names(m)).toContain('MIME_BROKEN');
  });

  it('subject shouting and a display name showing another address', () => {
    expect(names(mail({ headers: { Subject: 'FREE MONEY WAITING FOR YOU' } }))).toContain('SUBJECT_ALL_CAPS');
    expect(names(mail({ headers: { Subject: 'Act now!!!' } }))).toContain('SUBJECT_SHOUTING');
    expect(names(mail({ headers: { From: '"support@bank.example" <x@elsewhere.example>' } }))).toContain('FROM_NAME_HAS_OTHER_ADDRESS');
    expect(names(mail({ headers: { 'Reply-To': 'claims.office@gmail.com' } }))).toContain('REPLY_TO_FREEMAIL');
  });
});

describe('authentication rules', () => {
  const auth = (a: ClassifyContext['auth']) => names(mail(), { ...ctx, auth: a });
  it('reads SPF, DKIM and DMARC results', () => {
    expect(auth({ dmarc: { result: 'fail', fromDomain: 'bergwerk-design.ch', policy: 'none' } })).toContain('DMARC_FAIL');
    expect(auth({ spf: { result: 'fail', domain: 'bergwerk-design.ch' } })).toContain('SPF_FAIL');
    expect(auth({ spf: { result: 'softfail', domain: 'bergwerk-design.ch' } })).toContain('SPF_SOFTFAIL');
    expect(auth({ dkim: [{ domain: 'bergwerk-design.ch', result: 'fail' }] })).toContain('DKIM_FAIL');
    expect(auth({ dkim: [] })).toContain('DKIM_NONE');
    const pass = auth({ spf: { result: 'pass', domain: 'bergwerk-design.ch' }, dkim: [{ domain: 'bergwerk-design.ch', result: 'pass' }], dmarc: { result: 'pass', fromDomain: 'bergwerk-design.ch' } });
    expect(pass).toEqual(['DMARC_PASS']);
  });

  it('our own domain in From without authentication is forged', () => {
    const m = mail({ headers: { From: 'Alice <alice@lakeside-studio.ch>' } });
    const r = rules(m, { ...ctx, auth: { spf: { result: 'softfail', domain: 'lakeside-studio.ch' }, dkim: [], dmarc: { result: 'fail', fromDomain: 'lakeside-studio.ch' } } });
    expect(r.find((x) => x.rule === 'FROM_OWN_DOMAIN_UNAUTH')?.weight).toBeGreaterThan(3);
    const ok = names(m, { ...ctx, auth: { dkim: [{ domain: 'lakeside-studio.ch', result: 'pass' }], dmarc: { result: 'pass', fromDomain: 'lakeside-studio.ch' } } });
    expect(ok).not.toContain('FROM_OWN_DOMAIN_UNAUTH');
  });

  it('authenticated bulk mail with one-click unsubscribe is credited', () => {
    const m = mail({ headers: { 'List-Unsubscribe': '<https://news.example/u/1>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } });
    const r = rules(m, { ...ctx, auth: { dmarc: { result: 'pass', fromDomain: 'bergwerk-design.ch' }, dkim: [{ domain: 'bergwerk-design.ch', result: 'pass' }] } });
    expect(r.find((x) => x.rule === 'COMPLIANT_BULK_SENDER')?.weight).toBeLessThan(0);
  });
});

describe('HTML rules', () => {
  const page = (inner: string) => `<html><body style="background:#ffffff">${inner}<p>Hello Alice, here are this week's updates from our studio.</p></body></html>`;
  const lorem = 'Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua '.repeat(4);

  it('paragraphs hidden with display:none, white-on-white or tiny fonts', () => {
    expect(names(mail({ html: page(`<div style="display:none">${lorem}</div>`) }))).toContain('HIDDEN_TEXT');
    expect(names(mail({ html: page(`<font color="#ffffff">${lorem}</font>`) }))).toContain('SAME_COLOUR_TEXT');
    expect(names(mail({ html: page(`<table bgcolor="#000000"><tr><td><span style="color:#010101">${lorem}</span></td></tr></table>`) }))).toContain('SAME_COLOUR_TEXT');
    expect(names(mail({ html: page(`<span style="font-size:1px">${lorem}</span>`) }))).toContain('TINY_TEXT');
  });

  it('a newsletter preheader is not hidden text', () => {
    const r = names(mail({ html: page('<div style="display:none;max-height:0;overflow:hidden">Three days only, plus free shipping.</div>') }));
    expect(r).not.toContain('HIDDEN_TEXT');
    expect(r).toContain('HTML_ONLY');
  });

  it('an image with no text, and a password form in the body', () => {
    expect(names(mail({ html: '<html><body><a href="https://x.example/"><img src="https://x.example/offer.jpg"></a></body></html>' }))).toContain('IMAGE_ONLY');
    expect(names(mail({ html: page('<form action="https://x.example/p"><input type="password" name="p"></form>') }))).toContain('HTML_PASSWORD_FORM');
  });
});

describe('URL rules', () => {
  it('IP-literal hosts, shorteners, user info before the host', () => {
    expect(names(mail({ body: 'See http://203.0.113.5/offer now' }))).toContain('URL_IP_LITERAL');
    expect(names(mail({ body: 'See https://bit.ly/3xYz now' }))).toContain('URL_SHORTENER');
    expect(names(mail({ body: 'See http://www.bank.example@evil.example/login now' }))).toContain('URL_USERINFO');
  });

  it("a shortener run by the sender itself is not suspicious", () => {
    expect(names(mail({ headers: { From: 'X <notify@x.com>' }, body: 'New post https://t.co/abc123' }))).not.toContain('URL_SHORTENER');
  });

  it('link text naming another domain than its href', () => {
    const r = rules(mail({ html: '<p>Sign in at <a href="https://login.evil.example/s">https://www.mybank.com/login</a></p>' }));
    expect(r.find((x) => x.rule === 'LINK_TEXT_MISMATCH')?.detail).toMatch(/mybank\.com.*login\.evil\.example/);
  });

  it('no mismatch for click trackers, the sender’s own redirector, or ordinary link text', () => {
    const ok = (html: string, from = 'Shop <news@shop.example.com>') => names(mail({ headers: { From: from }, html }));
    expect(ok('<a href="https://shop.us5.list-manage.com/track/click?u=1">www.shop.example.com</a>')).not.toContain('LINK_TEXT_MISMATCH');
    expect(ok('<a href="https://click.example.com/r/1">www.shop.example.com</a>', 'Shop <news@example.com>')).not.toContain('LINK_TEXT_MISMATCH');
    expect(ok('<a href="https://elsewhere.example/x">click here</a>')).not.toContain('LINK_TEXT_MISMATCH');
  });
});

describe('blocklists and weights', () => {
  it('a blocklist hit in the context becomes a reason with its weight', () => {
    const r = rules(mail(), { ...ctx, blocklists: [{ zone: 'zen.spamhaus.org', query: '198.51.100.7', answer: '127.0.0.2', weight: 3 }] });
    expect(r).toContainEqual({ rule: 'DNSBL_ZEN_SPAMHAUS_ORG', weight: 3, detail: expect.stringContaining('198.51.100.7') });
  });

  it('weights can be overridden, 0 turns a rule off, and the score is their sum', () => {
    const m = mail({ headers: { Date: null, 'Message-ID': null } });
    const c = classify(m, ctx, {}, { weights: { MISSING_DATE: 2.5, MISSING_MESSAGE_ID: 0 } });
    expect(c.spam.reasons.map((r) => [r.rule, r.weight])).toEqual([['MISSING_DATE', 2.5]]);
    expect(c.spam.score).toBe(2.5);
    expect(c.spam.isSpam).toBe(false);
    expect(classify(m, ctx, {}, { threshold: 2 }).spam.isSpam).toBe(true);
  });

  it('X-Mailcove-Spam names the verdict, score, type and tags', () => {
    const c = classify(mail({ headers: { Date: null } }), ctx, {});
    expect(c.header).toBe('no; score=1.0; threshold=5.0; type=normal; tags=MISSING_DATE');
  });
});
