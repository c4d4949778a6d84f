import { describe, expect, it } from 'vitest';
import {
  buildBodyStructure,
  buildEnvelope,
  formatBodyStructure,
  formatEnvelope,
  imapString,
  parseMessage,
  type BodyStructure,
  type HeaderField,
} from '../../src/mime/index.js';
import { crlf, dedent } from './helpers.js';
import { parseImapValue } from './imap-value.js';

describe('imapString', () => {
  it('quotes 7-bit text and escapes quote and backslash', () => {
    expect(imapString('plain')).toBe('"plain"');
    expect(imapString('')).toBe('""');
    expect(imapString('a "b" \\c')).toBe('"a \\"b\\" \\\\c"');
  });
  it('uses a literal with the UTF-8 octet count for 8-bit or CR/LF', () => {
    expect(imapString('café')).toBe('{5}\r\ncafé');
    expect(imapString('a\r\nb')).toBe('{4}\r\na\r\nb');
    expect(imapString('€')).toBe('{3}\r\n€');
  });
  it('drops NUL, which no IMAP string may carry', () => {
    expect(imapString('a\0b')).toBe('"ab"');
  });
});

describe('ENVELOPE', () => {
  const h = (pairs: [string, string][]): HeaderField[] => pairs.map(([name, value]) => ({ name, value }));

  it('defaults sender and reply-to to from (RFC 3501 7.4.2)', () => {
    const env = buildEnvelope(h([['From', 'A <a@x.test>'], ['Subject', 'hi']]));
    expect(env.sender).toEqual(env.from);
    expect(env.replyTo).toEqual(env.from);
    expect(formatEnvelope(env)).toBe(
      '(NIL "hi" (("A" NIL "a" "x.test")) (("A" NIL "a" "x.test")) (("A" NIL "a" "x.test")) NIL NIL NIL NIL NIL)',
    );
  });

  it('keeps raw strings and marks groups', () => {
    const env = buildEnvelope(
      h([
        ['Date', 'Mon, 1 Jan 2024 00:00:00 +0000  '],
        ['Subject', '=?utf-8?q?caf=C3=A9?='],
        ['From', 'x@y'],
        ['Sender', 's@y'],
        ['Reply-To', 'r@y'],
        ['To', 'team: a@x, b@x;, c@x'],
        ['Cc', 'undisclosed-recipients:;'],
        ['Bcc', '"Q \\"uote\\"" <q@x>'],
        ['In-Reply-To', '<p@x>'],
        ['Message-ID', '<m@x>'],
      ]),
    );
    expect(env.date).toBe('Mon, 1 Jan 2024 00:00:00 +0000');
    expect(env.subject).toBe('=?utf-8?q?caf=C3=A9?=');
    expect(env.to).toEqual([
      { name: null, adl: null, mailbox: 'team', host: null },
      { name: null, adl: null, mailbox: 'a', host: 'x' },
      { name: null, adl: null, mailbox: 'b', host: 'x' },
      { name: null, adl: null, mailbox: null, host: null },
      { name: null, adl: null, mailbox: 'c', host: 'x' },
    ]);
    expect(formatEnvelope(env)).toBe(
      '("Mon, 1 Jan 2024 00:00:00 +0000" "=?utf-8?q?caf=C3=A9?=" ((NIL NIL "x" "y")) ((NIL NIL "s" "y")) ((NIL NIL "r" "y")) ' +
        '((NIL NIL "team" NIL)(NIL NIL "a" "x")(NIL NIL "b" "x")(NIL NIL NIL NIL)(NIL NIL "c" "x")) ' +
        '((NIL NIL "undisclosed-recipients" NIL)(NIL NIL NIL NIL)) (("Q \\"uote\\"" NIL "q" "x")) "<p@x>" "<m@x>")',
    );
  });

  it('fills missing parts so an address never reads as a group marker', () => {
    const env = buildEnvelope(h([['To', 'nodomain, <>']]));
    expect(env.to).toEqual([
      { name: null, adl: null, mailbox: 'nodomain', host: 'MISSING_DOMAIN' },
      { name: null, adl: null, mailbox: 'MISSING_MAILBOX', host: 'MISSING_DOMAIN' },
    ]);
  });

  it('uses the last occurrence of string fields and all occurrences of address fields (like Dovecot)', () => {
    const env = buildEnvelope(h([['Subject', 'one'], ['Subject', 'two'], ['From', 'a@b'], ['From', 'c@d']]));
    expect(env.subject).toBe('two');
    expect(env.from!.map((a) => a.mailbox)).toEqual(['a', 'c']);
  });

  it('is NIL for absent or empty address headers', () => {
    const env = buildEnvelope(h([['To', ''], ['Cc', '(comment only)']]));
    expect(env).toMatchObject({ from: null, sender: null, replyTo: null, to: null, cc: null, subject: null });
  });

  it('writes 8-bit strings as literals', () => {
    const env = buildEnvelope(h([['Subject', 'Grüße'], ['From', 'Jörg <j@x>']]));
    expect(formatEnvelope(env)).toBe('(NIL {7}\r\nGrüße (({5}\r\nJörg NIL "j" "x")) (({5}\r\nJörg NIL "j" "x")) (({5}\r\nJörg NIL "j" "x")) NIL NIL NIL NIL NIL)');
  });
});

describe('BODY / BODYSTRUCTURE', () => {
  const buf = crlf(dedent(`
    Content-Type: multipart/mixed; boundary=b

    --b
    Content-Type: text/plain; charset=utf-8
    Content-Language: en

    hi
    --b
    Content-Type: message/rfc822
    Content-Description: fwd

    Subject: inner

    inner body
    --b
    Content-Type: image/png; name=x.png
    Content-ID: <x@y>
    Content-MD5: abc=
    Content-Disposition: inline; filename=x.png
    Content-Location: http://x/y.png
    Content-Transfer-Encoding: base64

    AAAA
    --b--
  `));
  const m = parseMessage(buf);

  it('BODY omits extension data', () => {
    expect(formatBodyStructure(m.bodyStructure, { extended: false })).toBe(
      '(("text" "plain" ("charset" "utf-8") NIL NIL "7bit" 2 0)' +
        '("message" "rfc822" NIL NIL "fwd" "7bit" 28 (NIL "inner" NIL NIL NIL NIL NIL NIL NIL NIL) ("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 10 0) 2)' +
        '("image" "png" ("name" "x.png") "<x@y>" NIL "base64" 4) "mixed")',
    );
  });

  it('BODYSTRUCTURE includes md5, disposition, language and location', () => {
    expect(formatBodyStructure(m.bodyStructure, { extended: true })).toBe(
      '(("text" "plain" ("charset" "utf-8") NIL NIL "7bit" 2 0 NIL NIL ("en") NIL)' +
        '("message" "rfc822" NIL NIL "fwd" "7bit" 28 (NIL "inner" NIL NIL NIL NIL NIL NIL NIL NIL) ("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 10 0 NIL NIL NIL NIL) 2 NIL NIL NIL NIL)' +
        '("image" "png" ("name" "x.png") "<x@y>" NIL "base64" 4 "abc=" ("inline" ("filename" "x.png")) NIL "http://x/y.png") "mixed" ("boundary" "b") NIL NIL NIL)',
    );
  });

  it('survives a JSON round trip (stored in the database)', () => {
    const json = JSON.parse(JSON.stringify(m.bodyStructure)) as BodyStructure;
    expect(json).toEqual(m.bodyStructure);
    expect(formatBodyStructure(json, { extended: true })).toBe(formatBodyStructure(m.bodyStructure, { extended: true }));
    const root = JSON.parse(JSON.stringify(m.root));
    expect(buildBodyStructure(root)).toEqual(m.bodyStructure);
  });

  it('produces parseable IMAP syntax for odd values', () => {
    const odd = parseMessage(crlf('Content-Type: text/plain; name="a\\"b\\\\c"; x="é"\nContent-Description: line1\n  line2\n\nx\n'));
    const s = formatBodyStructure(odd.bodyStructure, { extended: true });
    expect(parseImapValue(s)).toEqual(['text', 'plain', ['name', 'a"b\\c', 'x', 'é', 'charset', 'us-ascii'], null, 'line1  line2', '7bit', 3, 1, null, null, null, null]);
  });
});
