import { describe, expect, it } from 'vitest';
import { firstReceivedTime, loadSamples } from '../../src/spam/corpus.js';
import { classify, type ClassifyContext } from '../../src/spam/index.js';
import { mail, message, RECEIVED_AT, shipped } from './helpers.js';

const base: ClassifyContext = { source: 'mx', recipient: 'alice@lakeside-studio.ch' };
// The samples' senders would pass DMARC and DKIM for their domains; phishing would not.
const passing = { spf: { result: 'pass' as const }, dkim: [{ domain: 'sender', result: 'pass' as const }], dmarc: { result: 'pass' as const } };

function typeOf(raw: Buffer, kind: string) {
  const ctx: ClassifyContext = { ...base, auth: kind === 'phishing' ? { spf: { result: 'pass' }, dkim: [], dmarc: { result: 'none' } } : passing, receivedAt: firstReceivedTime(raw) ?? RECEIVED_AT, mailFrom: kind === 'bounce' ? '' : 'bounces@sender.example' };
  return classify(message(raw), ctx, shipped());
}

describe('email type on the held-out samples (the type model never learned them)', () => {
  const heldOut = loadSamples('test');

  it('has held-out samples of every kind', () => {
    for (const kind of ['promotion', 'social', 'transactional', 'bounce', 'phishing']) expect(heldOut.some((s) => s.kind === kind), kind).toBe(true);
  });

  for (const s of heldOut) {
    const expected = s.kind === 'phishing' ? 'spam' : s.kind;
    it(`${s.name} is ${expected}`, () => {
      const c = typeOf(s.raw, s.kind);
      expect(c.type, c.typeReasons.map((r) => `${r.rule} ${r.weight}`).join(', ') + ` / spam ${c.spam.score} ${c.spam.tags}`).toBe(expected);
    });
  }
});

describe('email type on the training samples too (rules and model together)', () => {
  it('at least 95 % right', () => {
    const all = loadSamples('train');
    const wrong = all.filter((s) => typeOf(s.raw, s.kind).type !== (s.kind === 'phishing' ? 'spam' : s.kind)).map((s) => s.name);
    expect(wrong.length / all.length, wrong.join(', ')).toBeLessThanOrEqual(0.05);
  });
});

describe('type signals', () => {
  const ctx = { ...base, receivedAt: RECEIVED_AT };
  it('a social network login code is transactional, its notification social', () => {
    const code = mail({ headers: { From: 'Facebook <security@facebookmail.com>', Subject: '482913 is your Facebook login code' }, body: 'Your login code is 482913. If you did not request it, ignore this email.\n' });
    expect(classify(code, ctx, shipped()).type).toBe('transactional');
    const note = mail({ headers: { From: 'Facebook <notification@facebookmail.com>', Subject: 'Marco commented on your photo', 'X-Facebook-Notify': 'photo_comment' }, body: 'Marco commented on your photo: "Nice view!"\n' });
    expect(classify(note, ctx, shipped()).type).toBe('social');
  });

  it('a discussion list is normal even with List-Unsubscribe and Precedence: list', () => {
    const m = mail({
      headers: { From: 'Peter <peter@posteo.de>', Subject: '[typo-list] Hinting question', 'List-Id': '<typo-list.lists.example.org>', 'List-Post': '<mailto:typo-list@lists.example.org>', 'List-Unsubscribe': '<mailto:typo-list-request@lists.example.org?subject=unsubscribe>', Precedence: 'list' },
      body: 'Has anyone kept hinting working across the weight axis?\n\nPeter\n',
    });
    expect(classify(m, ctx, shipped()).type).toBe('normal');
  });

  it('an ESP newsletter with one-click unsubscribe is a promotion', () => {
    const m = mail({
      headers: { From: 'Nordlys Home <studio@nordlyshome.example>', Subject: 'Summer sale: 30% off linen', 'X-MC-User': 'abc', 'List-Unsubscribe': '<https://x.list-manage.com/u>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      html: '<html><body><p>Our summer sale takes 30% off all linen. Shop now.</p><p><a href="https://x.list-manage.com/track/click?u=1">Unsubscribe</a></p></body></html>',
    });
    const c = classify(m, { ...ctx, auth: passing }, shipped());
    expect(c.type).toBe('promotion');
    expect(c.typeReasons.map((r) => r.rule)).toEqual(expect.arrayContaining(['PROMOTION:LIST_UNSUBSCRIBE', 'PROMOTION:BULK_ESP']));
  });

  it('a DSN is a bounce', () => {
    const raw = [
      'From: MAILER-DAEMON@mx.example (Mail Delivery System)', 'To: alice@lakeside-studio.ch', 'Subject: Undelivered Mail Returned to Sender', 'Date: Fri, 10 May 2024 09:58:00 +0000', 'Message-ID: <d1@mx.example>', 'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="r"', '', '--r', 'Content-Type: text/plain', '', 'Your message could not be delivered.', '--r',
      'Content-Type: message/delivery-status', '', 'Reporting-MTA: dns; mx.example', '', 'Final-Recipient: rfc822; bob@example.net', 'Action: failed', 'Status: 5.1.1', '--r--', '',
    ].join('\r\n');
    expect(classify(message(raw), { ...ctx, mailFrom: '' }, shipped()).type).toBe('bounce');
  });
});
