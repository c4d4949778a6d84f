// DKIM signing: relaxed canonicalization against the RFC's own example, signatures checked by
// mailauth's verifier (an implementation independent of ours), oversigning, and what breaks them.
import { beforeAll, describe, expect, it } from 'vitest';
import { relaxedBody, relaxedField, selectFields, splitMessage } from '../../src/dkim/canon.js';
import { dkimSign, signedFieldNames } from '../../src/dkim/sign.js';
import { formatSignatureHeader } from '../../src/dkim/signature.js';
import { CRLF, mailauthVerdicts, testKey, zoneOf, type TestKey } from './helpers.js';

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);

const MESSAGE = CRLF(`From: Alice <alice@example.test>
To: Bob <bob@remote.test>, carol@remote.test
Subject: Quarterly  report
	(folded subject)
Date: Thu, 26 Nov 2026 12:00:00 +0000
Message-ID: <q4@example.test>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
X-Unsigned: not in the list

Hello Bob,   with  spaces	and tabs   
Ünïcödé line.


`);

describe('relaxed canonicalization (RFC 6376 3.4.5 example)', () => {
  const example = 'A: X\r\nB : Y\t\r\n\tZ  \r\n\r\n C \r\nD \t E\r\n\r\n\r\n';
  it('headers', () => {
    const { fields } = splitMessage(Buffer.from(example));
    expect(fields.map((f) => relaxedField(f.raw))).toEqual(['a:X', 'b:Y Z']);
  });
  it('body', () => {
    const { body } = splitMessage(Buffer.from(example));
    expect(relaxedBody(body).toString()).toBe(' C\r\nD E\r\n');
  });
  it('an empty body stays empty; a last line without CRLF gets one; NBSP bytes are not whitespace', () => {
    expect(relaxedBody(Buffer.from('')).toString()).toBe('');
    expect(relaxedBody(Buffer.from('\r\n\r\n')).toString()).toBe('');
    expect(relaxedBody(Buffer.from('abc  ')).toString()).toBe('abc\r\n');
    const nbsp = Buffer.from('à\r\n'); // C3 A0: the A0 must survive
    expect(relaxedBody(nbsp)).toEqual(nbsp);
    const field = Buffer.from('Subject: à  ').toString('latin1'); // à is C3 A0
    expect(Buffer.from(relaxedField(field), 'latin1')).toEqual(Buffer.from('subject:à'));
  });
  it('body: the byte loop agrees with a plain reading of 3.4.4 on random bodies', () => {
    // The reference: the RFC's steps as regular expressions over the text.
    const reference = (b: Buffer) => {
      let s = b.toString('latin1').replace(/[ \t]+/g, ' ').replace(/ ?\r?\n/g, '\r\n').replace(/ $/, '').replace(/(?:\r\n)+$/, '');
      if (s !== '') s += '\r\n';
      return Buffer.from(s, 'latin1');
    };
    const alphabet = [' ', '\t', '\r', '\n', '\r\n', 'a', 'b', '\xa0', '\xff'];
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let i = 0; i < 3000; i++) {
      const body = Buffer.from(Array.from({ length: rand(40) }, () => alphabet[rand(alphabet.length)]).join(''), 'latin1');
      expect(relaxedBody(body), JSON.stringify(body.toString('latin1'))).toEqual(reference(body));
    }
  });
  it('picks instances from the bottom, one per listing (RFC 6376 5.4.2)', () => {
    const { fields } = splitMessage(Buffer.from('Received: 1\r\nX: a\r\nX: b\r\nY: c\r\n\r\n'));
    expect(selectFields(fields, ['x', 'x', 'x', 'y']).map((f) => f.raw)).toEqual(['X: b', 'X: a', 'Y: c']);
  });
});

describe('signature header layout', () => {
  it('h= and b= start their own lines; folds inside them depend on the value only', () => {
    const h = Array.from({ length: 30 }, (_, i) => `field-${i}`).join(':');
    const a = formatSignatureHeader('DKIM-Signature', [['v', '1'], ['d', 'example.test'], ['h', h], ['b', '']], 'A'.repeat(200));
    const lines = a.split('\r\n');
    expect(lines.every((l) => l.length <= 78)).toBe(true);
    expect(lines.slice(1).every((l) => l.startsWith('\t'))).toBe(true);
    const hLines = (s: string) => s.slice(s.indexOf('h='), s.indexOf(';', s.indexOf('h=')));
    const b = formatSignatureHeader('X-Other-Name', [['d', 'example.test'], ['h', h], ['b', '']], '');
    expect(hLines(a)).toBe(hLines(b));
  });
});

describe('dkimSign', () => {
  let rsa: TestKey;
  let ed: TestKey;
  beforeAll(async () => {
    rsa = await testKey('example.test', 'mc202611r', 'rsa');
    ed = await testKey('example.test', 'mc202611e', 'ed25519');
  });
  const zone = () => zoneOf([rsa.record, ed.record]);
  const sign = (msg: string, keys = [rsa, ed]) => Buffer.concat([Buffer.from(dkimSign(Buffer.from(msg), keys, NOW), 'latin1'), Buffer.from(msg)]);

  it('adds one DKIM-Signature per key, both verified by mailauth', async () => {
    const signed = sign(MESSAGE);
    const text = signed.toString();
    expect(text.match(/^DKIM-Signature:/gm)).toHaveLength(2);
    expect(text).toContain('a=rsa-sha256');
    expect(text).toContain('a=ed25519-sha256');
    expect(text).toContain(`t=${NOW / 1000}`);
    expect(text).toContain('c=relaxed/relaxed');
    expect(await mailauthVerdicts(signed, zone(), new Date(NOW))).toEqual([
      'pass d=example.test s=mc202611r a=rsa-sha256',
      'pass d=example.test s=mc202611e a=ed25519-sha256',
    ]);
  });

  it('lists present fields as often as they occur and oversigns From, Subject, Reply-To …', () => {
    const { fields } = splitMessage(Buffer.from(MESSAGE));
    const names = signedFieldNames(fields);
    expect(names.filter((n) => n === 'from')).toHaveLength(2);
    expect(names.filter((n) => n === 'reply-to')).toHaveLength(1); // absent, still listed: none may be added
    expect(names).not.toContain('x-unsigned');
    expect(names).not.toContain('received');
    const h = /h=([^;]+);/.exec(sign(MESSAGE).toString().replace(/\r\n\t/g, ''))![1]!;
    expect(h.split(':').slice(0, 2)).toEqual(['from', 'from']);
  });

  it('is the same bytes for the same message and time (a retry sends what was signed)', () => {
    expect(sign(MESSAGE)).toEqual(sign(MESSAGE));
  });

  it('survives re-folding and whitespace changes in signed fields and the body (relaxed)', async () => {
    const signed = sign(MESSAGE).toString('utf8');
    const refolded = signed.replace('Subject: Quarterly  report\r\n\t(folded subject)', 'Subject:   Quarterly report (folded subject)').replace('Hello Bob,   with', 'Hello Bob, with');
    expect(await mailauthVerdicts(Buffer.from(refolded), zone(), new Date(NOW))).toEqual([
      'pass d=example.test s=mc202611r a=rsa-sha256',
      'pass d=example.test s=mc202611e a=ed25519-sha256',
    ]);
  });

  it('fails when a From is added, the subject or the body changes', async () => {
    const signed = sign(MESSAGE).toString('utf8');
    const results = async (s: string) => (await mailauthVerdicts(Buffer.from(s), zone(), new Date(NOW))).map((v) => v.split(' ')[0]);
    expect(await results(signed.replace('From: Alice', 'From: Mallory <m@evil.test>\r\nFrom: Alice'))).toEqual(['fail', 'fail']);
    expect(await results(signed.replace('Subject: Quarterly', 'Subject: Urgent'))).toEqual(['fail', 'fail']);
    // mailauth words a body hash mismatch as "neutral" (RFC 6376 6.3 calls it a failure).
    expect(await mailauthVerdicts(Buffer.from(signed.replace('Ünïcödé', 'Unicode')), zone(), new Date(NOW))).toEqual([
      'neutral (body hash did not verify) d=example.test s=mc202611r a=rsa-sha256',
      'neutral (body hash did not verify) d=example.test s=mc202611e a=ed25519-sha256',
    ]);
    expect(await results(signed.replace('Content-Type:', 'Reply-To: m@evil.test\r\nContent-Type:'))).toEqual(['fail', 'fail']);
    // A field we do not sign may be added by a later hop.
    expect(await results(signed.replace('X-Unsigned:', 'X-Spam: no\r\nX-Unsigned:'))).toEqual(['pass', 'pass']);
  });

  it('signs bare-LF messages as the SMTP client sends them (CRLF)', async () => {
    const lf = MESSAGE.replace(/\r\n/g, '\n');
    const sigs = dkimSign(Buffer.from(lf), [rsa, ed], NOW);
    const wire = Buffer.from(CRLF(sigs + lf));
    expect((await mailauthVerdicts(wire, zone(), new Date(NOW))).map((v) => v.split(' ')[0])).toEqual(['pass', 'pass']);
  });

  it('signs a message without a body, and one with no fields we list', async () => {
    for (const msg of ['From: a@example.test\r\nSubject: empty\r\n\r\n', 'X-Only: this\r\n\r\nbody\r\n']) {
      expect((await mailauthVerdicts(sign(msg), zone(), new Date(NOW))).map((v) => v.split(' ')[0])).toEqual(['pass', 'pass']);
    }
  });

  // No "à" here: its UTF-8 form ends in byte A0, which mailauth's header canonicalization takes
  // for whitespace (a JS \s); python3-dkim verifies that case in interop.test.ts.
  it('keeps 8-bit and UTF-8 header bytes as they are', async () => {
    const msg = 'From: =?utf-8?q?J=C3=BCrgen?= <j@example.test>\r\nSubject: Grüße aus Köln\r\nTo: ü@example.test\r\n\r\nText\r\n';
    const signed = sign(msg);
    expect(signed.subarray(signed.length - Buffer.byteLength(msg))).toEqual(Buffer.from(msg));
    expect((await mailauthVerdicts(signed, zone(), new Date(NOW))).map((v) => v.split(' ')[0])).toEqual(['pass', 'pass']);
  });

  it('gives nothing without keys', () => {
    expect(dkimSign(Buffer.from(MESSAGE), [], NOW)).toBe('');
  });
});
