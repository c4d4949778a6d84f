import { describe, expect, it } from 'vitest';
import {
  decodeRfc2231Value,
  decodeWords,
  findHeaderEnd,
  getParam,
  mergeRfc2231,
  parseContentType,
  parseDisposition,
  parseHeaderFields,
  parseLanguage,
  parseParamHeader,
} from '../../src/mime/headers.js';

const LIMIT = 1 << 20;

describe('findHeaderEnd', () => {
  it('finds the CRLF blank line', () => {
    const b = Buffer.from('A: 1\r\nB: 2\r\n\r\nbody');
    const s = findHeaderEnd(b, 0, b.length, LIMIT);
    expect(b.subarray(0, s.headerEnd).toString()).toBe('A: 1\r\nB: 2\r\n');
    expect(b.subarray(s.bodyStart).toString()).toBe('body');
  });
  it('accepts bare LF and mixed endings', () => {
    const b = Buffer.from('A: 1\nB: 2\n\nbody');
    const s = findHeaderEnd(b, 0, b.length, LIMIT);
    expect(b.subarray(s.bodyStart).toString()).toBe('body');
    const m = Buffer.from('A: 1\n\r\nbody');
    expect(m.subarray(findHeaderEnd(m, 0, m.length, LIMIT).bodyStart).toString()).toBe('body');
  });
  it('treats a block without blank line as all header', () => {
    const b = Buffer.from('A: 1\r\nB: 2');
    expect(findHeaderEnd(b, 0, b.length, LIMIT)).toEqual({ headerEnd: b.length, bodyStart: b.length, truncated: false });
  });
  it('handles an empty header block', () => {
    const b = Buffer.from('\r\nbody');
    expect(findHeaderEnd(b, 0, b.length, LIMIT)).toEqual({ headerEnd: 0, bodyStart: 2, truncated: false });
  });
  it('respects the start/end window', () => {
    const b = Buffer.from('xxA: 1\r\n\r\nbodyyy');
    expect(findHeaderEnd(b, 2, b.length - 2, LIMIT)).toEqual({ headerEnd: 8, bodyStart: 10, truncated: false });
  });
  it('stops at the size cap on a line boundary', () => {
    const b = Buffer.from('A: ' + 'x'.repeat(50) + '\r\nB: ' + 'y'.repeat(50) + '\r\n\r\nbody');
    const s = findHeaderEnd(b, 0, b.length, 70);
    expect(s.truncated).toBe(true);
    expect(s.headerEnd).toBe(55);
    expect(s.bodyStart).toBe(55);
  });
});

describe('parseHeaderFields', () => {
  it('unfolds continuation lines and keeps raw values', () => {
    const b = Buffer.from('Subject: hello\r\n\tworld  \r\nX-Empty:\r\nTo: a@b,\r\n c@d\r\n');
    expect(parseHeaderFields(b, 0, b.length)).toEqual([
      { name: 'Subject', value: 'hello\tworld  ' },
      { name: 'X-Empty', value: '' },
      { name: 'To', value: 'a@b, c@d' },
    ]);
  });
  it('ignores lines without a colon, mbox From_ lines and stray continuations', () => {
    const b = Buffer.from(' stray\r\nFrom someone@x Mon Jan  1 00:00:00 2024\r\nnot a header\r\nSubject : ok\r\n');
    expect(parseHeaderFields(b, 0, b.length)).toEqual([{ name: 'Subject', value: 'ok' }]);
  });
  it('decodes UTF-8 header bytes, and keeps invalid 8-bit bytes as latin1', () => {
    const utf8 = Buffer.from('Subject: Grüße\r\n', 'utf8');
    expect(parseHeaderFields(utf8, 0, utf8.length)[0].value).toBe('Grüße');
    const latin1 = Buffer.from('Subject: Gr\xfc\xdfe\r\n', 'latin1');
    expect(parseHeaderFields(latin1, 0, latin1.length)[0].value).toBe('Gr\u00fc\u00dfe');
  });
});

describe('decodeWords (RFC 2047)', () => {
  it('decodes B and Q words', () => {
    expect(decodeWords('=?UTF-8?B?w6lsw6huZQ==?=')).toBe('élène');
    expect(decodeWords('=?iso-8859-1?q?caf=E9_cr=E8me?=')).toBe('café crème');
  });
  it('drops whitespace between adjacent encoded words only (RFC 2047 6.2)', () => {
    expect(decodeWords('=?utf-8?q?a?= =?utf-8?q?b?=')).toBe('ab');
    expect(decodeWords('=?utf-8?q?a?=\r\n =?utf-8?q?b?=')).toBe('ab');
    expect(decodeWords('x =?utf-8?q?a?= y')).toBe('x a y');
    expect(decodeWords('=?utf-8?q?a?= and =?utf-8?q?b?=')).toBe('a and b');
  });
  it('joins a multi-byte character split across words', () => {
    // "€" = E2 82 AC split over two B words
    expect(decodeWords('=?utf-8?B?4oI=?= =?utf-8?B?rA==?=')).toBe('€');
    expect(decodeWords('=?utf-8?Q?=E2=82?= =?utf-8?Q?=AC?=')).toBe('€');
  });
  it('knows the charsets of TextDecoder, with language suffix and fallback', () => {
    expect(decodeWords('=?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=')).toBe('テスト');
    expect(decodeWords('=?koi8-r?B?8NLJ18XU?=')).toBe('Привет');
    expect(decodeWords('=?windows-1252?Q?=93hi=94?=')).toBe('“hi”');
    expect(decodeWords('=?utf-8*en?q?hi?=')).toBe('hi');
    expect(decodeWords('=?x-unknown?q?caf=C3=A9?=')).toBe('café');
  });
  it('leaves malformed words alone', () => {
    expect(decodeWords('=?utf-8?x?abc?=')).toBe('=?utf-8?x?abc?=');
    expect(decodeWords('=?utf-8?q?unterminated')).toBe('=?utf-8?q?unterminated');
    expect(decodeWords('plain text')).toBe('plain text');
  });
});

describe('parameters', () => {
  it('parses quoted, unquoted and commented values', () => {
    expect(parseParamHeader('text/plain; charset="utf-8" (c); format=flowed ; delsp=yes')).toEqual({
      value: 'text/plain',
      params: [
        ['charset', 'utf-8'],
        ['format', 'flowed'],
        ['delsp', 'yes'],
      ],
    });
    expect(parseParamHeader('attachment; filename="a \\"b\\".txt"').params).toEqual([['filename', 'a "b".txt']]);
    expect(parseParamHeader('attachment; filename=my file.pdf').params).toEqual([['filename', 'my file.pdf']]);
    expect(parseParamHeader('attachment; filename=file(1).pdf').params).toEqual([['filename', 'file(1).pdf']]);
    expect(parseParamHeader('a; novalue; x=1;;').params).toEqual([['x', '1']]);
  });

  it('merges RFC 2231 continuations like Dovecot', () => {
    expect(
      mergeRfc2231([
        ['size', '12'],
        ['filename*1', '.pdf'],
        ['filename*0*', "utf-8''%E2%82%AC%20rates"],
      ]),
    ).toEqual([
      ['size', '12'],
      ['filename*', "utf-8''%E2%82%AC%20rates.pdf"],
    ]);
    expect(mergeRfc2231([['x*1', 'two'], ['x*0', 'one']])).toEqual([['x', 'onetwo']]);
    // A plain first section gets an empty charset prefix and percent-encoding.
    expect(mergeRfc2231([['n*0', 'a b'], ['n*1*', '%41']])).toEqual([['n*', "''a%20b%41"]]);
  });

  it('decodes RFC 2231 values with charset and language', () => {
    expect(decodeRfc2231Value("utf-8'en'%E2%82%AC%20rates.pdf")).toBe('€ rates.pdf');
    expect(decodeRfc2231Value("iso-8859-1''caf%E9")).toBe('café');
    expect(decodeRfc2231Value("''plain")).toBe('plain');
    expect(decodeRfc2231Value('bad%zzvalue')).toBe('bad%zzvalue');
  });

  it('getParam prefers the RFC 2231 value and decodes RFC 2047 in plain ones', () => {
    const { params } = parseContentType(
      "application/pdf; name=\"=?utf-8?q?b=C3=A4r.pdf?=\"; filename*0*=utf-8''%C3%BC; filename*1=ber.pdf; filename=ignored",
    );
    expect(getParam(params, 'NAME')).toBe('bär.pdf');
    expect(getParam(params, 'filename')).toBe('über.pdf');
    expect(getParam(params, 'missing')).toBeNull();
  });
});

describe('parseContentType', () => {
  it('keeps the case as written and lower-cases for logic', () => {
    const ct = parseContentType('TEXT/HTML (comment); CHARSET="UTF-8"');
    expect(ct).toMatchObject({ type: 'text', subtype: 'html', typeRaw: 'TEXT', subtypeRaw: 'HTML', valid: true });
    expect(ct.params).toEqual([['CHARSET', 'UTF-8']]);
  });
  it('defaults to text/plain; charset=us-ascii (RFC 2045 5.2)', () => {
    expect(parseContentType(null)).toMatchObject({ type: 'text', subtype: 'plain', params: [['charset', 'us-ascii']], valid: true });
    expect(parseContentType('text')).toMatchObject({ type: 'text', subtype: 'plain', valid: false });
    expect(parseContentType('')).toMatchObject({ type: 'text', subtype: 'plain', valid: false });
    expect(parseContentType('a/b/c')).toMatchObject({ type: 'text', subtype: 'plain', valid: false });
  });
  it('defaults to message/rfc822 in a digest', () => {
    expect(parseContentType(null, true)).toMatchObject({ type: 'message', subtype: 'rfc822', params: [] });
  });
  it('tolerates whitespace around the slash', () => {
    expect(parseContentType('multipart / mixed; boundary=x')).toMatchObject({ type: 'multipart', subtype: 'mixed' });
  });
});

describe('parseDisposition / parseLanguage', () => {
  it('parses disposition with parameters', () => {
    expect(parseDisposition('ATTACHMENT; FILENAME="q.bin"')).toEqual({ type: 'ATTACHMENT', params: [['FILENAME', 'q.bin']] });
    expect(parseDisposition('; filename=x')).toEqual({ type: '', params: [['filename', 'x']] });
  });
  it('parses language lists', () => {
    expect(parseLanguage('en, de (German)')).toEqual(['en', 'de']);
    expect(parseLanguage('(c) en-US')).toEqual(['en-US']);
    expect(parseLanguage(' , ')).toBeNull();
  });
});
