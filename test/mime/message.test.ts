import { describe, expect, it } from 'vitest';
import { parseDate, parseMessage, toCrlf } from '../../src/mime/index.js';
import { crlf, dedent } from './helpers.js';

describe('parseMessage', () => {
  const buf = crlf(dedent(`
    Received: from a by b; Mon, 3 Jun 2024 10:00:00 +0000
    Received: from c by d; Mon, 3 Jun 2024 09:59:59 +0000
    Date: Mon, 3 Jun 2024 11:59:58 +0200
    Message-ID: <CAF=abc123@mail.example.org> (comment)
    In-Reply-To: <two@example.org> (Bob's message of Monday)
    References: <one@example.org>
     <two@example.org> junk <>
    Subject: =?UTF-8?Q?Re=3A_Quarterly_r=C3=A9port?=
     =?UTF-8?Q?_again?=
    From: =?UTF-8?B?QWxpY2Ugw4lsaXNl?= <alice@example.org>, bob@example.org
    To: Bob <bob@example.net>
    Content-Type: text/plain

    hello
  `));
  const m = parseMessage(buf);

  it('extracts the summary fields', () => {
    expect(m).toMatchObject({
      messageId: '<CAF=abc123@mail.example.org>',
      inReplyTo: '<two@example.org>',
      references: ['<one@example.org>', '<two@example.org>'],
      subject: 'Re: Quarterly réport again',
      from: { name: 'Alice Élise', address: 'alice@example.org' },
      fromAddresses: ['alice@example.org', 'bob@example.org'],
      hasAttachments: false,
      problems: [],
    });
    expect(m.date?.toISOString()).toBe('2024-06-03T09:59:58.000Z');
    expect(m.headers.filter((h) => h.name === 'Received')).toHaveLength(2);
    expect(m.envelope.subject).toBe('=?UTF-8?Q?Re=3A_Quarterly_r=C3=A9port?= =?UTF-8?Q?_again?=');
  });

  it('is JSON-serialisable', () => {
    const copy = JSON.parse(JSON.stringify({ ...m, date: null }));
    expect(copy.root).toEqual(m.root);
    expect(copy.envelope).toEqual(m.envelope);
  });

  it('handles a message with nothing in it', () => {
    const e = parseMessage(Buffer.alloc(0));
    expect(e).toMatchObject({ messageId: null, inReplyTo: null, references: [], subject: '', from: null, date: null, text: '' });
    expect(e.root).toMatchObject({ path: '1', type: 'text', size: 0 });
  });

  it('keeps a Message-ID without angle brackets as written', () => {
    expect(parseMessage(crlf('Message-ID: abc@x\n\n')).messageId).toBe('abc@x');
  });
});

describe('hasAttachments', () => {
  const withPart = (headers: string) =>
    parseMessage(crlf(`Content-Type: multipart/mixed; boundary=b\n\n--b\n\ntext\n--b\n${headers}\n\nAAAA\n--b--\n`)).hasAttachments;

  it('detects attachments the way mail clients show them', () => {
    expect(withPart('Content-Type: application/pdf\nContent-Disposition: attachment')).toBe(true);
    expect(withPart('Content-Type: application/pdf; name=x.pdf')).toBe(true);
    expect(withPart('Content-Type: text/plain; name=notes.txt')).toBe(true);
    expect(withPart('Content-Type: image/jpeg\nContent-Disposition: inline; filename=photo.jpg')).toBe(true);
    expect(withPart('Content-Type: message/rfc822')).toBe(true);
  });
  it('ignores body parts and inline images referenced by Content-ID', () => {
    expect(withPart('Content-Type: text/html')).toBe(false);
    expect(withPart('Content-Type: image/png; name=logo.png\nContent-ID: <logo>\nContent-Disposition: inline; filename=logo.png')).toBe(false);
    expect(withPart('Content-Type: image/png')).toBe(false);
    expect(withPart('Content-Type: text/plain\nContent-Disposition: inline; filename=sig.txt')).toBe(false);
  });
});

describe('parseDate (RFC 5322 3.3, 4.3)', () => {
  it.each([
    ['Fri, 21 Nov 1997 09:55:06 -0600', '1997-11-21T15:55:06.000Z'],
    ['21 Nov 97 09:55:06 GMT', '1997-11-21T09:55:06.000Z'],
    ['Thu,\r\n      13\r\n        Feb\r\n          1969\r\n      23:32\r\n               -0330 (Newfoundland Time)', '1969-02-14T03:02:00.000Z'],
    ['Mon, 3 Jun 2024 11:59 EDT', '2024-06-03T15:59:00.000Z'],
    ['Mon, 03 Jun 2024 11:59:58 +02:00', '2024-06-03T09:59:58.000Z'],
    ['3 June 2024 11:59:58 z', '2024-06-03T11:59:58.000Z'],
    ['Mon, 3 Jun 2024 11:59:58', '2024-06-03T11:59:58.000Z'],
    ['Mon, 3 Jun 05 11:59:58 +0000', '2005-06-03T11:59:58.000Z'],
    ['Mon, 3 Jun 105 11:59:58 +0000', '2005-06-03T11:59:58.000Z'],
    ['2024-06-03T11:59:58Z', '2024-06-03T11:59:58.000Z'],
  ])('%j', (input, iso) => {
    expect(parseDate(input)?.toISOString()).toBe(iso);
  });
  it.each(['', 'yesterday', '32 Jan 2024 10:00:00 +0000', '1 Foo 2024 10:00:00', '1 Jan 2024 25:00:00'])('rejects %j', (input) => {
    expect(parseDate(input)).toBeNull();
  });
});

describe('toCrlf', () => {
  it('converts bare LF and lone CR, and returns canonical input unchanged', () => {
    expect(toCrlf(Buffer.from('a\nb\r\nc\rd')).toString()).toBe('a\r\nb\r\nc\r\nd');
    const ok = Buffer.from('a\r\nb\r\n');
    expect(toCrlf(ok)).toBe(ok);
  });
  it('makes offsets and sizes match the CRLF form IMAP sends', () => {
    const lf = Buffer.from('Subject: x\n\none\ntwo\n');
    const m = parseMessage(toCrlf(lf));
    expect(m.root.size).toBe(10);
    expect(m.root.lines).toBe(2);
  });
});
