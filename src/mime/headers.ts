// Header block handling: locating the header/body split, unfolding fields,
// RFC 2047 encoded words, RFC 2045/2183 parameters and RFC 2231 extensions.
import { isUtf8 } from 'node:buffer';
import { decodeBase64, decodeCharset } from './decode.js';

/** One header field. `value` is raw: unfolded (CRLF removed, the WSP kept), not decoded. */
export interface HeaderField {
  name: string;
  value: string;
}

/** A MIME parameter as IMAP reports it: [attribute, value]. */
export type Param = [name: string, value: string];

const LF = 0x0a;
const CR = 0x0d;

export interface HeaderSplit {
  /** End of the last header line (exclusive); the blank separator line is not included. */
  headerEnd: number;
  /** First body byte: just after the blank line (or `end` when there is none). */
  bodyStart: number;
  /** True when the header block hit `maxBytes` before a blank line was seen. */
  truncated: boolean;
}

/**
 * Find the empty line that ends the header block (RFC 5322 2.1). Accepts CRLF
 * and bare LF. A block with no empty line is all header (RFC 5322 allows a
 * message without a body). Stops at `maxBytes` so a hostile message cannot
 * make us treat megabytes of body as header lines.
 */
export function findHeaderEnd(buf: Buffer, start: number, end: number, maxBytes: number): HeaderSplit {
  const limit = Math.min(end, start + maxBytes);
  // A view ending at `limit` keeps absolute offsets but bounds indexOf.
  const view = buf.subarray(0, limit);
  let p = start;
  while (p < limit) {
    if (buf[p] === LF) return { headerEnd: p, bodyStart: p + 1, truncated: false };
    if (buf[p] === CR && p + 1 < end && buf[p + 1] === LF) return { headerEnd: p, bodyStart: p + 2, truncated: false };
    const nl = view.indexOf(LF, p);
    if (nl === -1) break;
    p = nl + 1;
  }
  if (limit === end) return { headerEnd: end, bodyStart: end, truncated: false };
  // Cap reached: cut at the last line start (or mid-line if it is one huge line).
  const cut = p > start && p < limit ? p : limit;
  return { headerEnd: cut, bodyStart: cut, truncated: true };
}

/**
 * Header bytes to string. RFC 6532 allows UTF-8 in headers; anything that is
 * not valid UTF-8 is legacy 8-bit of unknown charset, kept byte-for-byte as
 * latin1 so nothing is lost or replaced.
 */
export function headerBytesToString(b: Buffer): string {
  return isUtf8(b) ? b.toString('utf8') : b.toString('latin1');
}

function isWsp(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/**
 * Parse header lines in [start, end) into fields, in order. Continuation lines
 * (leading WSP) are unfolded per RFC 5322 2.2.3. Lines without a colon or with
 * a name containing whitespace (e.g. an mbox "From " line) are ignored, as
 * Dovecot does.
 */
export function parseHeaderFields(buf: Buffer, start: number, end: number): HeaderField[] {
  const fields: HeaderField[] = [];
  let name: string | null = null;
  let chunks: Buffer[] = [];
  const flush = () => {
    if (name !== null) {
      const v = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      fields.push({ name, value: headerBytesToString(v) });
    }
    name = null;
    chunks = [];
  };
  const view = buf.subarray(0, end); // absolute offsets, bounded search
  let p = start;
  while (p < end) {
    let nl = view.indexOf(LF, p);
    if (nl === -1) nl = end;
    let lineEnd = nl;
    if (lineEnd > p && buf[lineEnd - 1] === CR) lineEnd--;
    if (isWsp(buf[p])) {
      if (name !== null) chunks.push(buf.subarray(p, lineEnd));
    } else {
      flush();
      const colon = buf.subarray(0, lineEnd).indexOf(0x3a, p);
      if (colon !== -1) {
        const n = buf.toString('latin1', p, colon).trimEnd();
        if (n.length > 0 && !/[\x00-\x20\x7f]/.test(n)) {
          name = n;
          let vs = colon + 1;
          while (vs < lineEnd && isWsp(buf[vs])) vs++;
          chunks.push(buf.subarray(vs, lineEnd));
        }
      }
    }
    p = nl + 1;
  }
  flush();
  return fields;
}

/** First value of a header (case-insensitive), or null. */
export function getHeader(headers: HeaderField[], name: string): string | null {
  const n = name.toLowerCase();
  for (const h of headers) if (h.name.toLowerCase() === n) return h.value;
  return null;
}

/** Last value of a header, or null. Dovecot's ENVELOPE uses the last occurrence. */
export function getLastHeader(headers: HeaderField[], name: string): string | null {
  const n = name.toLowerCase();
  for (let i = headers.length - 1; i >= 0; i--) if (headers[i].name.toLowerCase() === n) return headers[i].value;
  return null;
}

/** All values of a header, in order. */
export function getHeaders(headers: HeaderField[], name: string): string[] {
  const n = name.toLowerCase();
  return headers.filter((h) => h.name.toLowerCase() === n).map((h) => h.value);
}

// ---------------------------------------------------------------------------
// RFC 2047 encoded words

const ENCODED_WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g;

function decodeQWord(text: string): Buffer {
  // RFC 2047 4.2: like quoted-printable, but "_" is always 0x20.
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5f) out.push(0x20);
    else if (c === 0x3d && i + 2 < text.length && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      out.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(c & 0xff);
  }
  return Buffer.from(out);
}

/**
 * Decode RFC 2047 encoded words anywhere in `input`. Whitespace between two
 * adjacent encoded words is dropped (RFC 2047 6.2), and adjacent words in
 * the same charset are decoded together so that a multi-byte character
 * split across words survives. A language suffix (`utf-8*en`, RFC 2231 5)
 * is ignored. Tolerant: words glued to other text are decoded too.
 */
export function decodeWords(input: string): string {
  if (!input.includes('=?')) return input;
  let out = '';
  let last = 0;
  let pending: { charset: string; bytes: Buffer[] } | null = null;
  const flush = () => {
    if (pending) out += decodeCharset(Buffer.concat(pending.bytes), pending.charset);
    pending = null;
  };
  for (const m of input.matchAll(ENCODED_WORD)) {
    const gap = input.slice(last, m.index);
    if (!(pending && /^[ \t\r\n]*$/.test(gap))) {
      flush();
      out += gap;
    }
    const charset = m[1].split('*')[0].toLowerCase();
    const bytes = m[2] === 'b' || m[2] === 'B' ? decodeBase64(m[3]) : decodeQWord(m[3]);
    const p = pending as { charset: string; bytes: Buffer[] } | null;
    if (p && p.charset === charset) p.bytes.push(bytes);
    else {
      flush();
      pending = { charset, bytes: [bytes] };
    }
    last = m.index + m[0].length;
  }
  flush();
  return out + input.slice(last);
}

// ---------------------------------------------------------------------------
// Structured values with parameters (Content-Type, Content-Disposition)

/** Index just past the comment starting at s[i] === '(' (nested, with quoted-pairs). */
export function skipComment(s: string, i: number): number {
  let depth = 0;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return s.length;
}

/** Read a quoted-string starting at s[i] === '"'; unterminated runs to the end. */
export function readQuoted(s: string, i: number): { value: string; end: number } {
  let v = '';
  for (i++; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) v += s[++i];
    else if (c === '"') return { value: v, end: i + 1 };
    else v += c;
  }
  return { value: v, end: s.length };
}

/** Remove RFC 5322 comments outside quoted strings. */
export function stripComments(s: string): string {
  if (!s.includes('(')) return s;
  let out = '';
  for (let i = 0; i < s.length; ) {
    const c = s[i];
    if (c === '"') {
      const q = readQuoted(s, i);
      out += s.slice(i, q.end);
      i = q.end;
    } else if (c === '(') {
      i = skipComment(s, i);
      out += ' ';
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * Split `value; a=b; c="d"` into the leading value and raw parameters
 * (RFC 2045 5.1, RFC 2183 2). Tolerant beyond the grammar: an unquoted value
 * runs to the next ';' (so `name=my file.pdf` keeps its space), a comment is
 * only recognised after whitespace, parameters without '=' are dropped.
 */
export function parseParamHeader(input: string): { value: string; params: Param[] } {
  const s = input;
  let i = 0;
  let main = '';
  while (i < s.length && s[i] !== ';') {
    const c = s[i];
    if (c === '(') i = skipComment(s, i);
    else if (c === '"') {
      const q = readQuoted(s, i);
      main += q.value;
      i = q.end;
    } else {
      main += c;
      i++;
    }
  }
  const params: Param[] = [];
  while (i < s.length) {
    if (s[i] === ';' || /\s/.test(s[i])) { i++; continue; }
    if (s[i] === '(') { i = skipComment(s, i); continue; }
    let name = '';
    while (i < s.length && s[i] !== '=' && s[i] !== ';') {
      if (s[i] === '(') i = skipComment(s, i);
      else name += s[i++];
    }
    name = name.trim();
    if (s[i] !== '=') continue;
    i++;
    while (i < s.length && /[ \t\r\n]/.test(s[i])) i++;
    let value = '';
    if (s[i] === '"') {
      const q = readQuoted(s, i);
      value = q.value;
      i = q.end;
      while (i < s.length && s[i] !== ';') i++; // garbage after the closing quote
    } else {
      let raw = '';
      let afterSpace = true; // a '(' here starts a comment
      while (i < s.length && s[i] !== ';') {
        const c = s[i];
        if (c === '(' && afterSpace) {
          i = skipComment(s, i);
          continue;
        }
        raw += c;
        afterSpace = c === ' ' || c === '\t' || c === '\r' || c === '\n';
        i++;
      }
      value = raw.trim();
    }
    if (name) params.push([name, value]);
  }
  return { value: main.trim(), params };
}

const ATTR_CHAR = /[A-Za-z0-9!#$&+\-.^_`|~]/;

function pctEncode(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const ch = String.fromCharCode(b);
    out += b < 0x80 && ATTR_CHAR.test(ch) ? ch : '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/**
 * Merge RFC 2231 continuations (`name*0*`, `name*1`, ...) into one parameter,
 * the way Dovecot reports them in BODYSTRUCTURE: `name*` with the still
 * percent-encoded `charset'lang'value` if any section was extended, else
 * plain `name` with the sections joined. Plain parameters come first, merged
 * ones after, each in order of first appearance.
 */
export function mergeRfc2231(raw: Param[]): Param[] {
  const plain: Param[] = [];
  const groups = new Map<string, { base: string; seen: Set<number>; sections: { index: number; ext: boolean; value: string }[] }>();
  for (const [name, value] of raw) {
    const m = /^([^*]+)\*(\d+)?(\*)?$/.exec(name);
    if (!m) {
      plain.push([name, value]);
      continue;
    }
    const key = m[1].toLowerCase();
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { base: m[1], seen: new Set(), sections: [] }));
    const index = m[2] === undefined ? 0 : Number(m[2]);
    if (g.seen.has(index)) continue; // duplicate section: first wins
    g.seen.add(index);
    g.sections.push({ index, ext: m[2] === undefined || m[3] !== undefined, value });
  }
  const merged: Param[] = [];
  for (const g of groups.values()) {
    g.sections.sort((a, b) => a.index - b.index);
    const anyExt = g.sections.some((s) => s.ext);
    if (!anyExt) {
      merged.push([g.base, g.sections.map((s) => s.value).join('')]);
      continue;
    }
    let v = g.sections[0].ext ? '' : "''";
    for (const s of g.sections) v += s.ext ? s.value : pctEncode(s.value);
    merged.push([g.base + '*', v]);
  }
  return plain.concat(merged);
}

/** Decode an RFC 2231 extended value `charset'lang'%XX...`. */
export function decodeRfc2231Value(v: string): string {
  const m = /^([^']*)'[^']*'([\s\S]*)$/.exec(v);
  const charset = m ? m[1] || 'utf-8' : 'utf-8';
  const text = m ? m[2] : v;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '%' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      for (const b of Buffer.from(c, 'utf8')) bytes.push(b);
    }
  }
  return decodeCharset(Buffer.from(bytes), charset);
}

/**
 * Decoded value of a parameter (case-insensitive) from a merged list:
 * RFC 2231 `name*` wins over plain `name`; plain values get RFC 2047
 * decoding, which is not standard in parameters but universal in practice.
 */
export function getParam(params: Param[] | null | undefined, name: string): string | null {
  if (!params) return null;
  const n = name.toLowerCase();
  const ext = params.find((p) => p[0].toLowerCase() === n + '*');
  if (ext) return decodeRfc2231Value(ext[1]);
  const plain = params.find((p) => p[0].toLowerCase() === n);
  return plain ? decodeWords(plain[1]) : null;
}

const TOKEN = /^[!#$%&'*+\-.^_`{|}~0-9A-Za-z]+$/;

export interface ContentType {
  /** Lower-cased, for program logic. */
  type: string;
  subtype: string;
  /** As written in the message; this is what Dovecot reports in BODYSTRUCTURE. */
  typeRaw: string;
  subtypeRaw: string;
  /** Merged parameters in IMAP form (see mergeRfc2231). */
  params: Param[];
  /** False when the header was present but not parseable and the default was used. */
  valid: boolean;
}

/**
 * Parse a Content-Type value (RFC 2045 5.1). A missing header gives the
 * context default: text/plain; charset=us-ascii (RFC 2045 5.2), or
 * message/rfc822 inside multipart/digest (RFC 2046 5.1.5). A syntactically
 * invalid one falls back to text/plain as RFC 2045 5.2 asks. text/* without
 * a charset gets charset=us-ascii like Dovecot reports.
 */
export function parseContentType(value: string | null, digestChild = false): ContentType {
  let ct: ContentType;
  if (value === null) {
    ct = digestChild
      ? { type: 'message', subtype: 'rfc822', typeRaw: 'message', subtypeRaw: 'rfc822', params: [], valid: true }
      : { type: 'text', subtype: 'plain', typeRaw: 'text', subtypeRaw: 'plain', params: [], valid: true };
  } else {
    const parsed = parseParamHeader(value);
    const main = parsed.value.replace(/\s+/g, '');
    const slash = main.indexOf('/');
    const t = slash > 0 ? main.slice(0, slash) : '';
    const st = slash > 0 ? main.slice(slash + 1) : '';
    const params = mergeRfc2231(parsed.params);
    if (TOKEN.test(t) && TOKEN.test(st)) {
      ct = { type: t.toLowerCase(), subtype: st.toLowerCase(), typeRaw: t, subtypeRaw: st, params, valid: true };
    } else {
      ct = { type: 'text', subtype: 'plain', typeRaw: 'text', subtypeRaw: 'plain', params, valid: false };
    }
  }
  if (ct.type === 'text' && !ct.params.some((p) => p[0].toLowerCase() === 'charset')) {
    ct.params.push(['charset', 'us-ascii']);
  }
  return ct;
}

export interface Disposition {
  /** As written (may be "" when the header has only parameters, as Dovecot reports). */
  type: string;
  params: Param[];
}

/** Parse Content-Disposition (RFC 2183). */
export function parseDisposition(value: string): Disposition {
  const parsed = parseParamHeader(value);
  return { type: parsed.value.replace(/\s+/g, ''), params: mergeRfc2231(parsed.params) };
}

/** Parse Content-Language (RFC 3282): comma list of tags, comments dropped. */
export function parseLanguage(value: string): string[] | null {
  const tags = stripComments(value)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return tags.length ? tags : null;
}
