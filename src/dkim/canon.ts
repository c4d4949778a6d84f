// RFC 6376 "relaxed" canonicalization of header fields (3.4.2) and body (3.4.4), shared by DKIM
// signing and ARC sealing. Header fields are handled as latin1 strings (one char per byte, so
// every byte survives the round trip), the body as bytes; only ASCII SP, HTAB, CR and LF are ever
// touched. No `\s` or trim(): they would also eat NBSP (0xA0), a byte of many UTF-8 characters.
import crypto from 'node:crypto';
import { findHeaderEnd } from '../mime/headers.js';

/** One header field as it appears in the message: name and value, folds kept, no final CRLF. */
export interface RawField {
  /** Lower-case field name. */
  key: string;
  raw: string;
}

export interface SplitMessage {
  fields: RawField[];
  body: Buffer;
}

/** Header fields (in message order) and body. A line that is neither a field nor a fold is skipped. */
export function splitMessage(message: Buffer): SplitMessage {
  const { headerEnd, bodyStart } = findHeaderEnd(message, 0, message.length, message.length);
  const fields: RawField[] = [];
  for (const line of message.subarray(0, headerEnd).toString('latin1').split(/\r?\n/)) {
    if (line === '') continue;
    if ((line[0] === ' ' || line[0] === '\t') && fields.length) {
      fields[fields.length - 1]!.raw += `\r\n${line}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    fields.push({ key: line.slice(0, colon).replace(/[ \t]+$/, '').toLowerCase(), raw: line });
  }
  return { fields, body: message.subarray(bodyStart) };
}

const stripWsp = (s: string) => s.replace(/^[ \t]+|[ \t]+$/g, '');

/** RFC 6376 3.4.2: lower-case name, unfolded value, WSP runs to one SP, none around the colon or at the end. */
export function relaxedField(raw: string): string {
  const colon = raw.indexOf(':');
  const name = raw.slice(0, colon).replace(/[ \t]+$/, '').toLowerCase();
  return `${name}:${stripWsp(raw.slice(colon + 1).replace(/\r?\n/g, '').replace(/[ \t]+/g, ' '))}`;
}

const SP = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const LF = 0x0a;
const CHUNK = 64 * 1024;

/**
 * RFC 6376 3.4.4 in one pass over the bytes, handed to `sink` in chunks: WSP runs become one SP,
 * WSP at line ends goes, empty lines at the end go, and a non-empty body ends in CRLF. Bare LF
 * counts as a line end (the SMTP client sends it as CRLF). A byte loop, because regular
 * expressions over the text took over a second for 25 MB of text on the event loop.
 */
export function relaxedBodyChunks(body: Buffer, sink: (chunk: Buffer) => void): void {
  let out = Buffer.allocUnsafe(CHUNK);
  let n = 0;
  const flush = () => {
    if (n > 0) sink(out.subarray(0, n));
    out = Buffer.allocUnsafe(CHUNK);
    n = 0;
  };
  const put = (c: number) => {
    if (n === CHUNK) flush();
    out[n++] = c;
  };
  let wsp = false; // WSP seen, written only if more of the line follows
  let lineEnds = 0; // CRLFs held back until we know they are not trailing empty lines
  let any = false;
  for (let i = 0; i < body.length; ) {
    const c = body[i]!;
    if (c === SP || c === TAB) {
      wsp = true;
      i++;
      continue;
    }
    if (c === LF || (c === CR && body[i + 1] === LF)) {
      i += c === CR ? 2 : 1;
      wsp = false;
      lineEnds++;
      continue;
    }
    for (; lineEnds > 0; lineEnds--) {
      put(CR);
      put(LF);
    }
    if (wsp) put(SP);
    wsp = false;
    any = true;
    // The run of ordinary bytes (a lone CR among them) is copied as it is, in this loop: a
    // call per byte or per run cost more than the copying.
    do {
      if (n === CHUNK) flush();
      out[n++] = body[i++]!;
    } while (i < body.length && body[i] !== SP && body[i] !== TAB && body[i] !== LF && body[i] !== CR);
  }
  if (any) {
    put(CR);
    put(LF);
  }
  if (n > 0) sink(out.subarray(0, n));
}

export function relaxedBody(body: Buffer): Buffer {
  const chunks: Buffer[] = [];
  relaxedBodyChunks(body, (c) => chunks.push(c));
  return Buffer.concat(chunks);
}

export function bodyHash(body: Buffer): string {
  const hash = crypto.createHash('sha256');
  relaxedBodyChunks(body, (c) => hash.update(c));
  return hash.digest('base64');
}

/**
 * The fields a signature covers, for an h= list: RFC 6376 5.4.2, each occurrence of a name takes
 * the next instance from the bottom; a name listed more often than it occurs adds nothing.
 */
export function selectFields(fields: RawField[], names: string[]): RawField[] {
  const used = new Map<string, number>();
  const out: RawField[] = [];
  for (const name of names) {
    const key = name.toLowerCase();
    const skip = used.get(key) ?? 0;
    used.set(key, skip + 1);
    let seen = 0;
    for (let i = fields.length - 1; i >= 0; i--) {
      if (fields[i]!.key !== key) continue;
      if (seen++ === skip) {
        out.push(fields[i]!);
        break;
      }
    }
  }
  return out;
}
