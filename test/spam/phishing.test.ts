import { describe, expect, it } from 'vitest';
import { firstReceivedTime, loadSamples } from '../../src/spam/corpus.js';
import { classify, type ClassifyContext } from '../../src/spam/index.js';
import { editDistance, lookalikeOf, mixedScriptLabel, skeleton } from '../../src/spam/lookalike.js';
import { brandInName } from '../../src/spam/phishing.js';
import { mail, message, RECEIVED_AT, shipped } from './helpers.js';

const ctx: ClassifyContext = { source: 'mx', recipient: 'alice@lakeside-studio.ch', receivedAt: RECEIVED_AT };
const phish = (m: ReturnType<typeof mail>, c: ClassifyContext = ctx) => classify(m, c, {}).phishing;
const rulesOf = (m: ReturnType<typeof mail>, c: ClassifyContext = ctx) => phish(m, c).reasons.map((r) => r.rule);

describe('look-alike domains', () => {
  it('skeletons map confusable letters', () => {
    expect(skeleton('раypal')).toBe('paypal'); // Cyrillic р and а
    expect(skeleton('paypa1')).toBe('paypal');
    expect(skeleton('arnazon')).toBe('amazon');
  });

  it('edit distance with swaps', () => {
    expect(editDistance('paypal', 'paypai')).toBe(1);
    expect(editDistance('linkedin', 'linkedni')).toBe(1);
    expect(editDistance('microsoft', 'rnicrosoft', 3)).toBe(2);
    expect(editDistance('abc', 'xyzabcxyz', 2)).toBe(3);
  });

  it('finds homographs and typos of brand or own domains, not the domains themselves', () => {
    expect(lookalikeOf('xn--pple-43d.com', ['apple.com'])).toEqual({ target: 'apple.com', how: 'homograph' });
    expect(lookalikeOf('linkedln.com', ['linkedin.com'])).toEqual({ target: 'linkedin.com', how: 'typo' });
    expect(lookalikeOf('lakeside-studi0.ch', ['lakeside-studio.ch'])?.target).toBe('lakeside-studio.ch');
    expect(lookalikeOf('linkedin.com', ['linkedin.com'])).toBeNull();
    expect(lookalikeOf('paypal.de', ['paypal.com'])).toBeNull();
    expect(lookalikeOf('ups.com', ['ups.com', 'usps.com'])).toBeNull();
  });

  it('mixed scripts in one label', () => {
    expect(mixedScriptLabel('xn--ypal-43d9g.com')).toMatch(/Cyrillic/);
    expect(mixedScriptLabel('xn--mnchen-3ya.de')).toBeNull(); // münchen: all Latin
  });

  it('brands in display names, common words only beside a service word', () => {
    expect(brandInName('PayPal Service')?.name).toBe('PayPal');
    expect(brandInName('Apple')?.name).toBe('Apple');
    expect(brandInName('Apple Support')?.name).toBe('Apple');
    expect(brandInName('Chase Miller')).toBeNull();
    expect(brandInName('Green Apple Bakery')).toBeNull();
  });
});

describe('phishing signals', () => {
  const html = (inner: string) => `<html><body><p>Dear customer,</p>${inner}</body></html>`;

  it('a brand display name from elsewhere with urgent wording is phishing', () => {
    const m = mail({ headers: { From: 'PayPal <service@pp-alerts.example>', Subject: 'Your account has been limited' }, body: 'Verify your account within 24 hours or your account will be suspended. Sign in: https://pp-alerts.example/login\n' });
    const p = phish(m);
    expect(p.reasons.map((r) => r.rule)).toEqual(expect.arrayContaining(['BRAND_IMPERSONATION', 'URGENT_WORDING_STRONG', 'CREDENTIAL_REQUEST']));
    expect(p.isPhishing).toBe(true);
    const c = classify(m, ctx, {});
    expect(c.spam.tags).toContain('PHISHING');
    expect(c.spam.isSpam).toBe(true);
    expect(c.type).toBe('spam');
    expect(c.header).toMatch(/^yes; .*phishing=yes/);
  });

  it('the brand itself, authenticated, is not impersonating anyone', () => {
    const m = mail({ headers: { From: 'PayPal <service@paypal.com>', Subject: 'Confirm your email address' }, body: 'Please verify your email address to finish setting up your account: https://www.paypal.com/verify\n' });
    const p = phish(m, { ...ctx, auth: { dmarc: { result: 'pass', fromDomain: 'paypal.com' }, dkim: [{ domain: 'paypal.com', result: 'pass' }] } });
    expect(p.isPhishing).toBe(false);
    expect(p.reasons.map((r) => r.rule)).not.toContain('BRAND_IMPERSONATION');
  });

  it("a brand's domain in From with failed authentication is spoofed", () => {
    const m = mail({ headers: { From: 'Netflix <info@netflix.com>' } });
    expect(rulesOf(m, { ...ctx, auth: { dmarc: { result: 'fail', fromDomain: 'netflix.com' }, spf: { result: 'fail', domain: 'netflix.com' } } })).toContain('BRAND_SPOOFED');
  });

  it('our own domain named in the display name of outside mail', () => {
    const m = mail({ headers: { From: '"lakeside-studio.ch Mail Admin" <admin@quota-center.example>', Subject: 'Mailbox full' }, body: 'Your mailbox is full. Validate your mailbox to release 12 pending messages.\n' });
    expect(rulesOf(m)).toContain('OWN_DOMAIN_IMPERSONATION');
    expect(phish(m).isPhishing).toBe(true);
  });

  it('IDN homograph and look-alike sender domains', () => {
    expect(rulesOf(mail({ headers: { From: 'Apple <id@xn--pple-43d.com>' } }))).toContain('IDN_HOMOGRAPH');
    expect(rulesOf(mail({ headers: { From: 'Security <security@linkedln.com>' } }))).toContain('LOOKALIKE_DOMAIN');
    expect(rulesOf(mail({ headers: { From: 'Admin <admin@lakeside-studi0.ch>' } }))).toContain('LOOKALIKE_DOMAIN');
    expect(rulesOf(mail({ body: 'Track it at https://dhl-parcel-fees.example/track\n' }))).toContain('BRAND_IN_DOMAIN');
  });

  it('a link look-alike counts fully only when the mail names what it resembles', () => {
    // A list mail about qmail linking to qmail.org (one letter from gmail.com) is not posing as Gmail.
    const topic = mail({ headers: { Subject: 'Re: integration with qmail' }, body: 'Urgent: the qmail docs at http://www.qmail.org/top.html cover it.\n' });
    expect(rulesOf(topic)).toContain('LOOKALIKE_LINK_UNNAMED');
    expect(rulesOf(topic)).not.toContain('LOOKALIKE_DOMAIN');
    expect(phish(topic).isPhishing).toBe(false);
    const posing = mail({ headers: { Subject: 'Your Gmail storage is full' }, body: 'Sign in at http://www.qmail.org/login to keep your Gmail account.\n' });
    expect(rulesOf(posing)).toContain('LOOKALIKE_DOMAIN');
  });

  it('link text showing a trusted domain while the link goes elsewhere', () => {
    expect(rulesOf(mail({ html: html('<a href="https://secure-check.example/g">https://accounts.google.com/security</a>') }))).toContain('LINK_TEXT_MISMATCH_TRUSTED');
    expect(rulesOf(mail({ html: html('<a href="https://a.example/">www.b-shop.com</a>') }))).toContain('LINK_TEXT_MISMATCH');
  });

  it('an attached web page with a password field is a fake sign-in page', () => {
    const page = Buffer.from('<html><body><form action="https://collect.example/p.php" method="post"><input name="u"><input type="password" name="p"><button>Sign in</button></form></body></html>').toString('base64');
    const raw = [
      'From: Accounts <ap@supplier.example>', 'To: alice@lakeside-studio.ch', 'Subject: Remittance advice', 'Date: Fri, 10 May 2024 09:58:00 +0000', 'Message-ID: <r1@supplier.example>', 'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"', '', '--b1', 'Content-Type: text/plain; charset=utf-8', '', 'Please find the remittance advice attached.', '--b1',
      'Content-Type: text/html; name="advice.html"', 'Content-Disposition: attachment; filename="advice.html"', 'Content-Transfer-Encoding: base64', '', page, '--b1--', '',
    ].join('\r\n');
    const p = phish(message(raw));
    expect(p.reasons.find((r) => r.rule === 'LOGIN_FORM_ATTACHMENT')?.detail).toContain('advice.html');
    expect(p.isPhishing).toBe(true);
  });

  it('urgency alone (a real password reset) is not phishing', () => {
    const m = mail({ headers: { From: 'CloudNest <security@cloudnest.io>', Subject: 'Reset your password' }, body: 'Someone asked to reset your password. This link expires in 30 minutes: https://app.cloudnest.io/reset?t=1\nIf you did not request a reset, ignore this email.\n' });
    expect(phish(m).isPhishing).toBe(false);
  });
});

describe('samples', () => {
  const samples = loadSamples();
  const run = (raw: Buffer, kind: string) =>
    classify(message(raw), { ...ctx, receivedAt: firstReceivedTime(raw) ?? RECEIVED_AT, mailFrom: kind === 'bounce' ? '' : 'sender@example.org' }, shipped());

  it('every phishing sample is found', () => {
    const missed = samples.filter((s) => s.kind === 'phishing').filter((s) => !run(s.raw, s.kind).phishing.isPhishing).map((s) => s.name);
    expect(missed).toEqual([]);
  });

  it('no legitimate sample is called phishing', () => {
    const flagged = samples.filter((s) => s.kind !== 'phishing').filter((s) => run(s.raw, s.kind).phishing.isPhishing).map((s) => s.name);
    expect(flagged).toEqual([]);
  });
});
