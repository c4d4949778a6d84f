// Content-Transfer-Encoding and charset decoding. Everything here is tolerant:
// real mail contains broken base64/QP and mislabelled charsets, and a search
// index or a preview is better served by a best effort than by an exception.

/** Decode base64 (RFC 2045 6.8), ignoring every byte outside the alphabet. */
export function decodeBase64(input: Buffer | string): Buffer {
  const src = typeof input === 'string' ? Buffer.from(input, 'latin1') : input;
  const clean = Buffer.allocUnsafe(src.length);
  let n = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (
      (c >= 0x41 && c <= 0x5a) || // A-Z
      (c >= 0x61 && c <= 0x7a) || // a-z
      (c >= 0x30 && c <= 0x39) || // 0-9
      c === 0x2b || c === 0x2f // + /
    ) {
      clean[n++] = c;
    } else if (c === 0x2d) {
      clean[n++] = 0x2b; // URL-safe alphabet seen in the wild
    } else if (c === 0x5f) {
      clean[n++] = 0x2f;
    }
    // '=' padding, whitespace and garbage are skipped; a lone trailing
    // sextet (n % 4 === 1) carries no full byte and is dropped by Node.
  }
  return Buffer.from(clean.subarray(0, n).toString('latin1'), 'base64');
}

function hexVal(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/**
 * Decode quoted-printable (RFC 2045 6.7). Soft line breaks (`=` at end of
 * line, also with trailing whitespace or a bare LF) are removed, trailing
 * whitespace on lines is dropped (rule 3), invalid `=` sequences are kept
 * literally as the RFC suggests for robust decoders.
 */
export function decodeQuotedPrintable(input: Buffer | string): Buffer {
  const src = typeof input === 'string' ? Buffer.from(input, 'latin1') : input;
  const out = Buffer.allocUnsafe(src.length);
  let n = 0;
  let i = 0;
  const len = src.length;
  while (i < len) {
    const c = src[i];
    if (c === 0x3d /* = */) {
      // Soft line break: '=' [WSP*] (CRLF | LF | end of input)
      let j = i + 1;
      while (j < len && (src[j] === 0x20 || src[j] === 0x09)) j++;
      if (j >= len) { i = j; continue; }
      if (src[j] === 0x0a) { i = j + 1; continue; }
      if (src[j] === 0x0d && (j + 1 >= len || src[j + 1] === 0x0a)) { i = j + 2; continue; }
      if (i + 2 < len) {
        const h = hexVal(src[i + 1]);
        const l = hexVal(src[i + 2]);
        if (h >= 0 && l >= 0) { out[n++] = (h << 4) | l; i += 3; continue; }
      }
      out[n++] = c;
      i++;
      continue;
    }
    if (c === 0x20 || c === 0x09) {
      // Drop whitespace that ends a line (it was added by transport).
      let j = i;
      while (j < len && (src[j] === 0x20 || src[j] === 0x09)) j++;
      if (j >= len || src[j] === 0x0a || (src[j] === 0x0d && src[j + 1] === 0x0a)) { i = j; continue; }
      while (i < j) out[n++] = src[i++];
      continue;
    }
    out[n++] = c;
    i++;
  }
  return Buffer.from(out.subarray(0, n));
}

/** Decode a body according to its Content-Transfer-Encoding (null/unknown = identity). */
export function decodeTransferEncoding(body: Buffer, encoding: string | null | undefined): Buffer {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'base64':
      return decodeBase64(body);
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    default:
      return body;
  }
}

// windows-1252 code points for bytes 0x80-0x9F (WHATWG index). Node 20's
// TextDecoder decodes windows-1252 (which the labels latin1, iso-8859-1 and
// us-ascii map to) as plain latin1, so those bytes are done by hand.
const CP1252_C1 = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function hasC1(buf: Buffer): boolean {
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i]!;
    if (b >= 0x80 && b <= 0x9f) return true;
  }
  return false;
}

function decodeWindows1252(bytes: Uint8Array): string {
  // Most such text has no byte in 0x80-0x9F: then latin1 is the same thing, done natively.
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!hasC1(buf)) return buf.toString('latin1');
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = Array.from(bytes.subarray(i, i + 8192), (b) => (b >= 0x80 && b <= 0x9f ? CP1252_C1[b - 0x80] : b));
    out += String.fromCharCode(...chunk);
  }
  return out;
}

const decoderCache = new Map<string, TextDecoder | null>();

function decoderFor(charset: string): TextDecoder | null {
  const key = charset.trim().toLowerCase();
  const hit = decoderCache.get(key);
  if (hit !== undefined) return hit;
  let dec: TextDecoder | null = null;
  // Try the label as given, then common non-WHATWG spellings.
  const candidates = [key, key.replace(/^x-/, ''), key.replace(/_/g, '-'), key.replace(/^(iso)[-_ ]?(8859)[-_ ]?/, 'iso-8859-')];
  if (/^(cp|windows-?)125\d$/.test(key)) candidates.push('windows-' + key.slice(-4));
  for (const c of candidates) {
    try {
      dec = new TextDecoder(c);
      break;
    } catch {
      /* try next spelling */
    }
  }
  if (decoderCache.size > 200) decoderCache.clear();
  decoderCache.set(key, dec);
  return dec;
}

/**
 * Convert bytes in `charset` to a string using any encoding Node's
 * TextDecoder (WHATWG Encoding Standard, full ICU) knows. Unknown or missing
 * charsets fall back to UTF-8 with replacement characters.
 */
export function decodeCharset(bytes: Uint8Array, charset: string | null | undefined): string {
  const dec = charset ? decoderFor(charset) : null;
  if (dec) {
    if (dec.encoding === 'windows-1252') return decodeWindows1252(bytes);
    try {
      return dec.decode(bytes);
    } catch {
      /* fall through to UTF-8 */
    }
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}
