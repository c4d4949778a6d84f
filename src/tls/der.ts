/**
 * A minimal DER (ASN.1 Distinguished Encoding Rules, X.690) encoder: just
 * enough to build an X.509 certificate. Every function returns the complete
 * TLV (tag, length, value) as a Buffer, so values nest by plain composition:
 *
 *   sequence(integer(2n), oid('2.5.4.3'), utf8String('example'))
 *
 * Only encoding is provided; parsing is left to node:crypto.
 */

/** Universal tag numbers (class universal, primitive unless noted). */
export const Tag = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30, // constructed
  SET: 0x31, // constructed
} as const;

/** Encodes a definite length: short form below 128, long form otherwise. */
export function encodeLength(length: number): Buffer {
  if (!Number.isSafeInteger(length) || length < 0) throw new RangeError(`invalid DER length ${length}`);
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** A TLV with a single-octet identifier (tag numbers up to 30 are all we need). */
export function tlv(tag: number, value: Uint8Array): Buffer {
  if (!Number.isInteger(tag) || tag < 0 || tag > 0xff || (tag & 0x1f) === 0x1f) {
    throw new RangeError(`unsupported DER tag 0x${tag.toString(16)}`);
  }
  return Buffer.concat([Buffer.from([tag]), encodeLength(value.length), value]);
}

export function sequence(...items: Uint8Array[]): Buffer {
  return tlv(Tag.SEQUENCE, Buffer.concat(items));
}

/**
 * SET OF: DER requires the encodings to be sorted as octet strings
 * (X.690 11.6), which we do, so callers may pass elements in any order.
 */
export function set(...items: Uint8Array[]): Buffer {
  const sorted = [...items].map((i) => Buffer.from(i)).sort(Buffer.compare);
  return tlv(Tag.SET, Buffer.concat(sorted));
}

export function boolean(value: boolean): Buffer {
  return tlv(Tag.BOOLEAN, Buffer.from([value ? 0xff : 0x00]));
}

export function nullValue(): Buffer {
  return tlv(Tag.NULL, Buffer.alloc(0));
}

/**
 * INTEGER from a bigint/number (two's complement, minimal length), or from a
 * Buffer holding an unsigned big-endian magnitude (leading zero octets are
 * stripped and one is added back when the high bit would make it negative).
 */
export function integer(value: bigint | number | Uint8Array): Buffer {
  if (value instanceof Uint8Array) {
    let start = 0;
    while (start < value.length - 1 && value[start] === 0) start++;
    let body = Buffer.from(value.subarray(start));
    if (body.length === 0) body = Buffer.from([0]);
    if (body[0]! & 0x80) body = Buffer.concat([Buffer.from([0]), body]);
    return tlv(Tag.INTEGER, body);
  }
  let n = BigInt(value);
  const bytes: number[] = [];
  if (n >= 0n) {
    do {
      bytes.unshift(Number(n & 0xffn));
      n >>= 8n;
    } while (n > 0n);
    if (bytes[0]! & 0x80) bytes.unshift(0);
  } else {
    do {
      bytes.unshift(Number(n & 0xffn));
      n >>= 8n; // arithmetic shift: converges to -1
    } while (n < -1n || (bytes[0]! & 0x80) === 0);
  }
  return tlv(Tag.INTEGER, Buffer.from(bytes));
}

/** OBJECT IDENTIFIER from dotted form, e.g. '1.2.840.10045.2.1'. */
export function oid(dotted: string): Buffer {
  if (!/^[0-2](\.(0|[1-9]\d*))+$/.test(dotted)) throw new RangeError(`invalid OID ${dotted}`);
  const arcs = dotted.split('.').map((a) => BigInt(a));
  const [first, second, ...rest] = arcs as [bigint, bigint, ...bigint[]];
  if (first < 2n && second > 39n) throw new RangeError(`invalid OID ${dotted}`);
  const out: number[] = [];
  for (const arc of [first * 40n + second, ...rest]) {
    const chunk: number[] = [];
    let n = arc;
    do {
      chunk.unshift(Number(n & 0x7fn) | (chunk.length ? 0x80 : 0));
      n >>= 7n;
    } while (n > 0n);
    out.push(...chunk);
  }
  return tlv(Tag.OID, Buffer.from(out));
}

export function octetString(value: Uint8Array): Buffer {
  return tlv(Tag.OCTET_STRING, value);
}

/** BIT STRING of whole octets (unused-bits count 0), e.g. a public key or signature. */
export function bitString(value: Uint8Array, unusedBits = 0): Buffer {
  if (!Number.isInteger(unusedBits) || unusedBits < 0 || unusedBits > 7 || (value.length === 0 && unusedBits !== 0)) {
    throw new RangeError(`invalid unused bit count ${unusedBits}`);
  }
  return tlv(Tag.BIT_STRING, Buffer.concat([Buffer.from([unusedBits]), value]));
}

/**
 * A named-bit BIT STRING such as keyUsage: `bits` lists the set bit numbers
 * (bit 0 is the most significant bit of the first octet). DER drops trailing
 * zero bits (X.690 11.2.2), so the encoding is as short as possible.
 */
export function namedBitString(bits: readonly number[]): Buffer {
  if (bits.length === 0) return bitString(Buffer.alloc(0));
  const highest = Math.max(...bits);
  if (bits.some((b) => !Number.isInteger(b) || b < 0)) throw new RangeError('invalid bit number');
  const octets = Buffer.alloc(Math.floor(highest / 8) + 1);
  for (const bit of bits) octets[Math.floor(bit / 8)]! |= 0x80 >> bit % 8;
  return bitString(octets, 7 - (highest % 8));
}

function checkChars(value: string, re: RegExp, type: string): void {
  if (!re.test(value)) throw new RangeError(`value not representable as ${type}: ${JSON.stringify(value)}`);
}

export function utf8String(value: string): Buffer {
  return tlv(Tag.UTF8_STRING, Buffer.from(value, 'utf8'));
}

export function printableString(value: string): Buffer {
  checkChars(value, /^[A-Za-z0-9 '()+,\-./:=?]*$/, 'PrintableString');
  return tlv(Tag.PRINTABLE_STRING, Buffer.from(value, 'latin1'));
}

export function ia5String(value: string): Buffer {
  checkChars(value, /^[\x00-\x7f]*$/, 'IA5String');
  return tlv(Tag.IA5_STRING, Buffer.from(value, 'latin1'));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function timeDigits(date: Date, fourDigitYear: boolean): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('invalid date');
  const year = date.getUTCFullYear();
  return (
    (fourDigitYear ? pad(year, 4) : pad(year % 100)) +
    pad(date.getUTCMonth() + 1) +
    pad(date.getUTCDate()) +
    pad(date.getUTCHours()) +
    pad(date.getUTCMinutes()) +
    pad(date.getUTCSeconds()) +
    'Z'
  );
}

/** UTCTime, YYMMDDHHMMSSZ (seconds precision; milliseconds are dropped). */
export function utcTime(date: Date): Buffer {
  const year = date.getUTCFullYear();
  if (year < 1950 || year > 2049) throw new RangeError(`UTCTime cannot hold year ${year}`);
  return tlv(Tag.UTC_TIME, Buffer.from(timeDigits(date, false), 'latin1'));
}

/** GeneralizedTime, YYYYMMDDHHMMSSZ (no fractional seconds, as RFC 5280 requires). */
export function generalizedTime(date: Date): Buffer {
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) throw new RangeError(`GeneralizedTime cannot hold year ${year}`);
  return tlv(Tag.GENERALIZED_TIME, Buffer.from(timeDigits(date, true), 'latin1'));
}

/** X.509 Time (RFC 5280 4.1.2.5): UTCTime through 2049, GeneralizedTime from 2050. */
export function x509Time(date: Date): Buffer {
  const year = date.getUTCFullYear();
  return year >= 1950 && year <= 2049 ? utcTime(date) : generalizedTime(date);
}

/** [n] EXPLICIT: a constructed context-specific tag wrapping a complete TLV. */
export function explicit(tagNumber: number, inner: Uint8Array): Buffer {
  if (!Number.isInteger(tagNumber) || tagNumber < 0 || tagNumber > 30) throw new RangeError('tag number out of range');
  return tlv(0xa0 | tagNumber, inner);
}

/**
 * [n] IMPLICIT over a primitive type: context-specific primitive tag with the
 * raw contents octets of the underlying type (e.g. dNSName is [2] IA5String).
 */
export function implicitPrimitive(tagNumber: number, contents: Uint8Array): Buffer {
  if (!Number.isInteger(tagNumber) || tagNumber < 0 || tagNumber > 30) throw new RangeError('tag number out of range');
  return tlv(0x80 | tagNumber, contents);
}

/** Wraps DER in PEM armour with 64-column base64 lines. */
export function toPem(der: Uint8Array, label: string): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** Location of one TLV inside a DER buffer, as read by {@link readTlv}. */
export interface TlvSpan {
  tag: number;
  /** Offset of the first contents octet. */
  start: number;
  /** Offset just past the last contents octet. */
  end: number;
}

/**
 * Reads the TLV header at `offset` (single-octet tags, definite lengths only:
 * all DER has). Just enough reading to pick fields out of the DER that
 * node:crypto exports, e.g. the public key bits of a SubjectPublicKeyInfo.
 */
export function readTlv(der: Uint8Array, offset = 0): TlvSpan {
  const fail = () => {
    throw new RangeError(`malformed DER at offset ${offset}`);
  };
  if (offset + 2 > der.length) fail();
  const tag = der[offset]!;
  if ((tag & 0x1f) === 0x1f) fail();
  let pos = offset + 1;
  let length = der[pos++]!;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || pos + count > der.length) fail();
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + der[pos++]!;
  }
  if (pos + length > der.length) fail();
  return { tag, start: pos, end: pos + length };
}
