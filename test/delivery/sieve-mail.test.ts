// The messages Sieve actions make at delivery, checked by parsing them back with src/mime.
import { describe, expect, it } from 'vitest';
import { decodeWords, parseMessage } from '../../src/mime/index.js';
import { sieveMessage, unfoldHeaders } from '../../src/sieve/message.js';
import { editedHeaderBlock, encodeHeaderValue, notificationMessage, refusalMessage, vacationMessage } from '../../src/delivery/sieve-mail.js';

const NOW = Date.UTC(2026, 10, 26, 10, 0, 0);

describe('encodeHeaderValue', () => {
  it('leaves ASCII alone and encodes anything else as UTF-8 encoded words that decode back', () => {
    expect(encodeHeaderValue('plain text')).toBe('plain text');
    const long = 'Größenänderung überall — 日本語のテキスト '.repeat(4);
    const enc = encodeHeaderValue(long);
    expect(enc).toMatch(/^=\?utf-8\?B\?/);
    for (const line of enc.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
    expect(decodeWords(enc.replace(/\r\n /g, ' '))).toBe(long);
  });
});

describe('editedHeaderBlock', () => {
  it('writes untouched fields byte for byte and added ones encoded', () => {
    const raw = Buffer.from('Subject: =?utf-8?Q?caf=C3=A9?=\r\nX-Long: a\r\n\tb\r\n\r\nbody\r\n');
    const msg = sieveMessage(raw, { from: 'a@b', to: 'c@d' });
    const fields = [{ name: 'X-Added', value: 'naïve' }, ...msg.headers];
    const block = editedHeaderBlock(fields, raw.subarray(msg.root.headerStart, msg.root.headerEnd)).toString('utf8');
    expect(block).toBe(`X-Added: =?utf-8?B?${Buffer.from('naïve').toString('base64')}?=\r\nSubject: =?utf-8?Q?caf=C3=A9?=\r\nX-Long: a\r\n\tb\r\n`);
  });

  it('keeps legacy 8-bit header bytes as they were', () => {
    const raw = Buffer.concat([Buffer.from('Subject: '), Buffer.from([0xe9, 0x74, 0xe9]), Buffer.from('\r\n\r\nx\r\n')]);
    const msg = sieveMessage(raw, { from: '', to: 'c@d' });
    const block = editedHeaderBlock(unfoldHeaders(raw, msg.root.headerStart, msg.root.headerEnd), raw.subarray(msg.root.headerStart, msg.root.headerEnd));
    expect(block).toEqual(Buffer.concat([Buffer.from('Subject: '), Buffer.from([0xe9, 0x74, 0xe9]), Buffer.from('\r\n')]));
  });
});

describe('vacationMessage', () => {
  it('answers the message it replies to (RFC 5230 5)', () => {
    const raw = vacationMessage({ from: 'alice@example.test', to: 'bob@sender.test', subject: 'Absent: réunion', reason: 'Back on Monday.\nAlice', mime: false, inReplyTo: '<m1@x>', references: ['<m0@x>'], messageId: '<r1@host>', now: NOW });
    const p = parseMessage(raw);
    expect(p.subject).toBe('Absent: réunion');
    expect(p.inReplyTo).toBe('<m1@x>');
    expect(p.references).toEqual(['<m0@x>', '<m1@x>']);
    expect(p.headers.find((h) => h.name === 'Auto-Submitted')?.value).toBe('auto-replied');
    expect(p.text).toContain('Back on Monday.');
    expect(raw.toString()).toContain('\r\nAlice\r\n');
  });

  it('uses the MIME entity a script gave with :mime as it is', () => {
    const raw = vacationMessage({ from: 'alice@example.test', to: 'bob@sender.test', subject: 'Away', reason: 'Content-Type: text/html\n\n<p>Away</p>', mime: true, inReplyTo: null, references: [], messageId: '<r2@host>', now: NOW });
    const p = parseMessage(raw);
    expect(p.bodyStructure).toMatchObject({ type: 'text', subtype: 'html' });
    expect(raw.toString()).toContain('\r\n\r\n<p>Away</p>');
  });
});

describe('notificationMessage and refusalMessage', () => {
  it('a notification says it is automatic (RFC 5436 2.7)', () => {
    const p = parseMessage(notificationMessage({ from: 'alice@example.test', to: ['carol@example.test'], subject: 'New mail', text: 'From: x', messageId: '<n1@host>', now: NOW }));
    expect(p.headers.find((h) => h.name === 'Auto-Submitted')?.value).toBe('auto-notified');
    expect(p.subject).toBe('New mail');
  });

  it('a refusal is a disposition-notification report with the reason and the original header', () => {
    const raw = refusalMessage({ hostname: 'mx.example.test', to: 'bob@sender.test', recipient: 'alice@example.test', reason: 'No thanks.', originalSubject: 'Offer', originalMessageId: '<o1@sender.test>', originalHeaders: Buffer.from('Subject: Offer\r\nMessage-ID: <o1@sender.test>\r\n\r\n'), messageId: '<d1@mx.example.test>', now: NOW });
    const p = parseMessage(raw);
    expect(p.subject).toBe('Rejected: Offer');
    expect(p.root.children.map((c) => `${c.type}/${c.subtype}`)).toEqual(['text/plain', 'message/disposition-notification', 'text/rfc822-headers']);
    const text = raw.toString();
    expect(text).toContain('Disposition: automatic-action/MDN-sent-automatically; deleted');
    expect(text).toContain('No thanks.');
    expect(text).toContain('Original-Message-ID: <o1@sender.test>');
  });
});
