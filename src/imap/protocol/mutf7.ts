// Modified UTF-7 mailbox names (RFC 3501 5.1.3; RFC 9051 5.1 keeps it for clients without UTF8=ACCEPT).
//
// Printable US-ASCII (0x20-0x7e) stands for itself, except "&" which is written "&-". Everything
// else is UTF-16, in base64 with "," for "/", no padding, between "&" and "-".
//
// The decoder is strict, because the session relies on it to refuse tricks: a name must have
// exactly one spelling, so that "&AC8-" can't smuggle a "/" (the hierarchy delimiter) or "&AC4ALg-"
// a "..", and two spellings of one name can't reach two folders. Refused: characters outside
// 0x20-0x7e, an "&" without its "-", characters outside the modified base64 alphabet, base64 of
// printable US-ASCII, leftover bits that are not zero, a partial UTF-16 unit, unpaired surrogates,
// NUL, and adjacent shifts ("&AOk-&AOk-" must be "&AOkA6Q-"): whatever doesn't re-encode to itself.
import { ImapParseError } from './errors.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,';
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

function isPrintable(c: number): boolean {
  return c >= 0x20 && c <= 0x7e;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a JS string is well-formed UTF-16 (no lone surrogates). */
export function isWellFormedUnicode(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

/** Encode a mailbox name (a well-formed Unicode string) to modified UTF-7. */
export function encodeMUtf7(name: string): string {
  if (!isWellFormedUnicode(name)) throw new RangeError('encodeMUtf7: lone UTF-16 surrogate in mailbox name');
  let out = '';
  let i = 0;
  while (i < name.length) {
    const c = name.charCodeAt(i);
    if (isPrintable(c)) {
      out += c === 0x26 ? '&-' : name[i];
      i++;
      continue;
    }
    // A run of non-printable characters, as UTF-16 code units.
    const units: number[] = [];
    while (i < name.length && !isPrintable(name.charCodeAt(i))) units.push(name.charCodeAt(i++));
    out += '&' + base64Units(units) + '-';
  }
  return out;
}

function base64Units(units: number[]): string {
  let out = '';
  let bits = 0;
  let acc = 0;
  for (const u of units) {
    acc = (acc << 16) | u;
    bits += 16;
    while (bits >= 6) {
      bits -= 6;
      out += ALPHABET[(acc >> bits) & 0x3f];
    }
    acc &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(acc << (6 - bits)) & 0x3f];
  return out;
}

/** Decode a modified UTF-7 mailbox name; ImapParseError with the reason when it is not valid. */
export function decodeMUtf7(name: string): string {
  const fail = (why: string): never => {
    throw new ImapParseError(`Invalid mailbox name (modified UTF-7, RFC 3501 5.1.3): ${why}`);
  };
  let out = '';
  let i = 0;
  while (i < name.length) {
    const c = name.charCodeAt(i);
    if (!isPrintable(c)) fail('characters outside printable US-ASCII must be encoded');
    if (c !== 0x26 /* & */) {
      out += name[i++];
      continue;
    }
    const end = name.indexOf('-', i + 1);
    if (end === -1) fail('"&" without a closing "-"');
    if (end === i + 1) {
      out += '&';
      i = end + 1;
      continue;
    }
    let acc = 0;
    let bits = 0;
    const units: number[] = [];
    for (let j = i + 1; j < end; j++) {
      const code = name.charCodeAt(j);
      const v = code < 128 ? VALUE[code] : -1;
      if (v < 0) fail(`"${name[j]}" is not modified base64`);
      acc = ((acc << 6) | v) & 0xffffff;
      bits += 6;
      if (bits >= 16) {
        bits -= 16;
        units.push((acc >> bits) & 0xffff);
      }
    }
    // RFC 3501 5.1.3 (via RFC 2152): at most 5 padding bits, all zero.
    if (bits >= 6 || (acc & ((1 << bits) - 1)) !== 0) fail('base64 does not end on a UTF-16 unit');
    if (units.length === 0) fail('empty shift');
    for (let k = 0; k < units.length; k++) {
      const u = units[k];
      if (u >= 0xd800 && u <= 0xdbff) {
        const lo = units[k + 1];
        if (lo === undefined || lo < 0xdc00 || lo > 0xdfff) fail('unpaired UTF-16 surrogate');
        out += String.fromCharCode(u, lo);
        k++;
        continue;
      }
      if (u >= 0xdc00 && u <= 0xdfff) fail('unpaired UTF-16 surrogate');
      if (u === 0) fail('NUL');
      if (isPrintable(u)) fail(`printable character "${String.fromCharCode(u)}" must not be encoded`);
      out += String.fromCharCode(u);
    }
    i = end + 1;
  }
  // One spelling per name: adjacent shifts and the like don't re-encode to the input.
  if (encodeMUtf7(out) !== name) fail('not in canonical form');
  return out;
}

/** Whether `name` is valid, canonical modified UTF-7. */
export function isValidMUtf7(name: string): boolean {
  try {
    decodeMUtf7(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * A mailbox name as the client sent it, to Unicode: UTF-8 as is once UTF8=ACCEPT (RFC 6855 3) or
 * IMAP4rev2 (RFC 9051 5.1) is enabled, modified UTF-7 otherwise.
 */
export function mailboxNameFromClient(name: string, utf8: boolean): string {
  if (utf8) {
    if (!isWellFormedUnicode(name) || name.includes('\0')) throw new ImapParseError('Invalid mailbox name: not well-formed Unicode');
    return name;
  }
  return decodeMUtf7(name);
}

/** A mailbox name for a response: UTF-8 once UTF8=ACCEPT is enabled, modified UTF-7 otherwise. */
export function mailboxNameToClient(name: string, utf8: boolean): string {
  return utf8 ? name : encodeMUtf7(name);
}
