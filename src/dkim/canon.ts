// RFC 6376 "relaxed" canonicalization of header fields (3.4.2) and body (3.4.4), shared by DKIM
// signing and ARC sealing. Messages are handled as latin1 strings: one char per byte, so every
// byte survives the round trip and only ASCII SP, HTAB, CR and LF are ever touched. No `\s` or
// trim() here: they would also eat NBSP (0xA0), which is a byte of many UTF-8 characters.
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

/** RFC 6376 3.4.4, with bare LF read as a line end (the SMTP client sends it as CRLF). */
export function relaxedBody(body: Buffer): Buffer {
  let s = body
    .toString('latin1')
    .replace(/[ \t]+/g, ' ')
    .replace(/ ?\r?\n/g, '\r\n')
    .replace(/ $/, '')
    .replace(/(?:\r\n)+$/, '');
  if (s !== '') s += '\r\n';
  return Buffer.from(s, 'latin1');
}

export function bodyHash(body: Buffer): string {
  return crypto.createHash('sha256').update(relaxedBody(body)).digest('base64');
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
