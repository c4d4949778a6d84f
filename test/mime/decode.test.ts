import { describe, expect, it } from 'vitest';
import { decodeBase64, decodeCharset, decodeQuotedPrintable, decodeTransferEncoding } from '../../src/mime/decode.js';

describe('base64', () => {
  it('decodes across lines and ignores junk', () => {
    expect(decodeBase64('SGVs\r\nbG8g\r\nd29y bGQh').toString()).toBe('Hello world!');
    expect(decodeBase64('SGVsbG8*#gd29ybGQh').toString()).toBe('Hello world!');
  });
  it('tolerates missing padding and the URL-safe alphabet', () => {
    expect(decodeBase64('SGk').toString()).toBe('Hi');
    expect(decodeBase64('-_8=')).toEqual(Buffer.from([0xfb, 0xff]));
  });
  it('returns empty for empty input', () => {
    expect(decodeBase64('')).toEqual(Buffer.alloc(0));
  });
});

describe('quoted-printable (RFC 2045 6.7)', () => {
  it('decodes escapes and soft line breaks', () => {
    expect(decodeQuotedPrintable('caf=C3=A9 =\r\nau lait').toString()).toBe('café au lait');
    expect(decodeQuotedPrintable('soft=\nbreak').toString()).toBe('softbreak');
    expect(decodeQuotedPrintable('pad=  \r\nded').toString()).toBe('padded');
    expect(decodeQuotedPrintable('lower =c3=a9').toString()).toBe('lower é');
  });
  it('drops trailing whitespace on lines but keeps inner whitespace', () => {
    expect(decodeQuotedPrintable('a  b   \r\nc\t\n').toString()).toBe('a  b\r\nc\n');
  });
  it('keeps invalid sequences literally', () => {
    expect(decodeQuotedPrintable('100=%, =ZZ, end=').toString()).toBe('100=%, =ZZ, end');
    expect(decodeQuotedPrintable('x=4').toString()).toBe('x=4');
  });
});

describe('decodeTransferEncoding', () => {
  it('dispatches on the encoding name, case-insensitively', () => {
    expect(decodeTransferEncoding(Buffer.from('SGk='), 'Base64').toString()).toBe('Hi');
    expect(decodeTransferEncoding(Buffer.from('=41'), 'QUOTED-PRINTABLE').toString()).toBe('A');
    expect(decodeTransferEncoding(Buffer.from('=41'), '8bit').toString()).toBe('=41');
    expect(decodeTransferEncoding(Buffer.from('=41'), null).toString()).toBe('=41');
  });
});

describe('decodeCharset', () => {
  it('decodes common mail charsets', () => {
    expect(decodeCharset(Buffer.from([0x63, 0x61, 0x66, 0xe9]), 'ISO-8859-1')).toBe('café');
    expect(decodeCharset(Buffer.from([0x93, 0x80, 0x94]), 'windows-1252')).toBe('“€”');
    // Mislabelled cp1252 is the norm: latin1/us-ascii labels mean windows-1252 (WHATWG).
    expect(decodeCharset(Buffer.from([0x93, 0x94]), 'iso-8859-1')).toBe('“”');
    expect(decodeCharset(Buffer.from([0xa4]), 'iso-8859-15')).toBe('€');
    expect(decodeCharset(Buffer.from('8PDw', 'base64'), 'koi8-r')).toBe('ППП');
    expect(decodeCharset(Buffer.from([0x82, 0xa0]), 'Shift_JIS')).toBe('あ');
    expect(decodeCharset(Buffer.from([0xc4, 0xe3]), 'gb2312')).toBe('你');
    expect(decodeCharset(Buffer.from([0xa4, 0xa4]), 'big5')).toBe('中');
  });
  it('accepts non-WHATWG spellings', () => {
    expect(decodeCharset(Buffer.from([0xe9]), 'iso8859-1')).toBe('é');
    expect(decodeCharset(Buffer.from([0xe9]), 'ISO_8859-1')).toBe('é');
    expect(decodeCharset(Buffer.from([0xe8]), 'cp1250')).toBe('č');
  });
  it('falls back to UTF-8 for unknown or missing charsets', () => {
    expect(decodeCharset(Buffer.from('é'), 'x-no-such')).toBe('é');
    expect(decodeCharset(Buffer.from('é'), null)).toBe('é');
    expect(decodeCharset(Buffer.from([0xff]), 'utf-8')).toBe('\ufffd');
  });
});
