// Raw UTF-8 header values signed with relaxed canonicalization verify: mailauth 4.13 treated byte
// A0 (in "à", "Р", many CJK characters), VT and FF as whitespace and failed such signatures; our
// patch (src/authentication/mailauth-patch.ts) applies RFC 6376 3.4.2's rule (SP and HTAB only).
import { describe, expect, it } from 'vitest';
import { verifyDkim } from '../../src/authentication/dkim.js';
import { dkimSign } from '../../src/dkim/sign.js';
import { mailauthVerdicts, testKey, txtResolver, zoneOf } from '../dkim/helpers.js';

const MESSAGE = Buffer.from(
  [
    'From: Renée <renee@utf8.test>',
    'To: Zoë <zoe@example.net>',
    'Subject: Voilà le résumé — Рынок 市场 à\u00a0venir',
    'Date: Thu, 26 Nov 2026 10:00:00 +0000',
    'Message-ID: <utf8-1@utf8.test>',
    '',
    'Corps du message.',
    '',
  ].join('\r\n'),
  'utf8',
);

describe('DKIM over raw UTF-8 headers', () => {
  it('bytes A0 inside header values are not whitespace', async () => {
    expect(MESSAGE.includes(Buffer.from([0xc3, 0xa0]))).toBe(true); // "à"
    expect(MESSAGE.includes(Buffer.from([0xd0, 0xa0]))).toBe(true); // "Р"
    const rsa = await testKey('utf8.test', 'r', 'rsa');
    const ed = await testKey('utf8.test', 'e', 'ed25519');
    const signed = Buffer.concat([Buffer.from(dkimSign(MESSAGE, [rsa, ed], Date.now())), MESSAGE]);
    const zone = zoneOf([rsa.record, ed.record]);
    expect(await mailauthVerdicts(signed, zone)).toEqual([expect.stringMatching(/^pass d=utf8\.test s=r /), expect.stringMatching(/^pass d=utf8\.test s=e /)]);
    const ours = await verifyDkim(signed, txtResolver(zone));
    expect(ours.outcomes.map((o) => o.result)).toEqual(['pass', 'pass']);
    // A changed byte in the same header still fails.
    const tampered = Buffer.from(signed.toString('utf8').replace('Рынок', 'Рынак'), 'utf8');
    expect((await verifyDkim(tampered, txtResolver(zone))).outcomes.map((o) => o.result)).not.toContain('pass');
  });
});
