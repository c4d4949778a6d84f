// Mailcove MIME: parse a message once at delivery into data that is stored
// (part offsets, ENVELOPE, BODYSTRUCTURE, search text) so IMAP never
// re-parses. Pure functions; no I/O.
import { flattenAddresses, parseAddressList, type MailAddress } from './addresses.js';
import { buildBodyStructure, type BodyStructure } from './bodystructure.js';
import { parseDate } from './date.js';
import { buildEnvelope, type Envelope } from './envelope.js';
import { decodeWords, getHeaders, getLastHeader, type HeaderField } from './headers.js';
import { DEFAULT_LIMITS, isAttachment, parseStructure, type MimeLimits, type MimePart } from './structure.js';
import { extractText, headerText } from './text.js';

export * from './addresses.js';
export * from './bodystructure.js';
export * from './date.js';
export * from './decode.js';
export * from './envelope.js';
export * from './headers.js';
export * from './imap-form.js';
export * from './structure.js';
export * from './text.js';

export interface ParsedMessage {
  root: MimePart;
  envelope: Envelope;
  bodyStructure: BodyStructure;
  /** Top-level header fields, raw values. */
  headers: HeaderField[];
  /** First <msg-id> of Message-ID, with angle brackets; or the trimmed raw value; or null. */
  messageId: string | null;
  /** First <msg-id> of In-Reply-To, with angle brackets, or null. */
  inReplyTo: string | null;
  /** All <msg-id>s of References, in order, with angle brackets. */
  references: string[];
  /** Decoded subject ("" when there is no Subject header). */
  subject: string;
  /** First From mailbox (decoded name), or null. */
  from: MailAddress | null;
  /** addr-specs of every From mailbox (all From headers, groups flattened). */
  fromAddresses: string[];
  date: Date | null;
  hasAttachments: boolean;
  /** Searchable body text (see extractText). */
  text: string;
  /** Searchable header text (see headerText). */
  headerText: string;
  problems: string[];
}

const MSG_ID = /<[^<>\s]*>/g;
const MAX_REFERENCES = 500;

function msgIds(v: string | null): string[] {
  return v === null ? [] : (v.match(MSG_ID) ?? []).filter((m) => m.length > 2);
}

function walk(part: MimePart, fn: (p: MimePart) => boolean): boolean {
  if (fn(part)) return true;
  for (const c of part.children) if (walk(c, fn)) return true;
  return part.message ? walk(part.message.root, fn) : false;
}

/** Parse a complete message. Never throws; problems are reported in `problems`. */
export function parseMessage(buf: Buffer, limits: Partial<MimeLimits> = {}): ParsedMessage {
  const lim: MimeLimits = { ...DEFAULT_LIMITS, ...limits };
  const { root, headers, problems } = parseStructure(buf, lim);
  const envelope = buildEnvelope(headers, lim.maxAddresses);

  const mid = getLastHeader(headers, 'message-id');
  const references = msgIds(getLastHeader(headers, 'references')).slice(0, MAX_REFERENCES);
  const rawSubject = getLastHeader(headers, 'subject');
  const fromList = getHeaders(headers, 'from').flatMap((v) => flattenAddresses(parseAddressList(v, { maxAddresses: lim.maxAddresses })));

  return {
    root,
    envelope,
    bodyStructure: buildBodyStructure(root),
    headers,
    messageId: msgIds(mid)[0] ?? (mid?.trim() || null),
    inReplyTo: msgIds(getLastHeader(headers, 'in-reply-to'))[0] ?? null,
    references,
    subject: rawSubject === null ? '' : decodeWords(rawSubject).replace(/[\t\r\n]/g, ' ').trim(),
    from: fromList[0] ?? null,
    fromAddresses: fromList.map((a) => a.address),
    date: parseDate(getLastHeader(headers, 'date')),
    hasAttachments: walk(root, isAttachment),
    text: extractText(buf, root, lim.maxTextBytes),
    headerText: headerText(headers),
    problems,
  };
}

// ---------------------------------------------------------------------------
// Section lookup for FETCH BODY[section] (RFC 3501 6.4.5, RFC 9051 6.4.5)

/**
 * The part with IMAP section number `path` ("1", "2.1.3"), or null
 * (RFC 3501 6.4.5). "1" of a non-multipart message is the root itself;
 * numbers below a message/rfc822 part address the encapsulated message's
 * parts. Like Dovecot, a final ".1" on any other leaf is that leaf again
 * (RFC 3501 leaves it undefined; answering beats failing).
 */
export function partByPath(root: MimePart, path: string): MimePart | null {
  if (!/^[1-9][0-9]*(\.[1-9][0-9]*)*$/.test(path)) return null;
  const nums = path.split('.').map(Number);
  let cur: MimePart | undefined = root;
  for (let k = 0; k < nums.length; k++) {
    const last = k === nums.length - 1;
    if (cur.type === 'multipart' && cur.children.length) cur = cur.children[nums[k] - 1];
    else if (nums[k] !== 1 || (!last && !cur.message)) return null;
    if (!cur) return null;
    if (cur.message && !last) cur = cur.message.root;
  }
  return cur;
}

/** A byte range [start, end) of the message buffer. */
export interface ByteRange {
  start: number;
  end: number;
}

/** Header block including the blank separator line: what BODY[HEADER] / BODY[n.MIME] return. */
export function headerRange(part: MimePart): ByteRange {
  return { start: part.headerStart, end: part.bodyStart };
}

/** The body: BODY[TEXT] of a message, BODY[n] of a part. */
export function bodyRange(part: MimePart): ByteRange {
  return { start: part.bodyStart, end: part.bodyEnd };
}

/**
 * Byte range for a FETCH BODY[section] spec, e.g. "", "HEADER", "TEXT",
 * "1.2", "1.2.MIME", "3.HEADER", "3.TEXT". HEADER.FIELDS[.NOT] (with or
 * without the field list) yields the header range; the caller filters lines.
 * Returns null for a section that does not exist (e.g. 9, or 1.HEADER on a
 * part that is not message/rfc822).
 */
export function sectionRange(root: MimePart, section: string): ByteRange | null {
  const m =
    /^(?:([1-9][0-9]*(?:\.[1-9][0-9]*)*)(?:\.(HEADER(?:\.FIELDS(?:\.NOT)?)?|TEXT|MIME))?|(HEADER(?:\.FIELDS(?:\.NOT)?)?|TEXT))?(?:\s+\(.*)?$/i.exec(
      section.trim(),
    );
  if (!m) return null;
  const path = m[1];
  const spec = (m[2] ?? m[3] ?? '').toUpperCase();
  if (!path) {
    if (spec === '') return { start: root.headerStart, end: root.bodyEnd };
    return spec === 'TEXT' ? bodyRange(root) : headerRange(root);
  }
  const part = partByPath(root, path);
  if (!part) return null;
  if (spec === '') return bodyRange(part);
  if (spec === 'MIME') return headerRange(part);
  if (!part.message) return null; // HEADER/TEXT only exist for message/rfc822 parts
  return spec === 'TEXT' ? bodyRange(part.message.root) : headerRange(part.message.root);
}

/**
 * Convert bare LF (and lone CR) line endings to CRLF. IMAP requires CRLF
 * (RFC 3501 2.3.1 / RFC 9051 2.3.1): a delivery path that stores messages
 * as received should normalise before parsing, so offsets, sizes and line
 * counts match what is sent. Returns the input when already canonical.
 */
export function toCrlf(buf: Buffer): Buffer {
  let needs = false;
  for (let i = buf.indexOf(0x0a); i !== -1; i = buf.indexOf(0x0a, i + 1)) {
    if (i === 0 || buf[i - 1] !== 0x0d) { needs = true; break; }
  }
  if (!needs) {
    for (let i = buf.indexOf(0x0d); i !== -1; i = buf.indexOf(0x0d, i + 1)) {
      if (buf[i + 1] !== 0x0a) { needs = true; break; }
    }
  }
  if (!needs) return buf;
  const out = Buffer.allocUnsafe(buf.length * 2);
  let n = 0;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (c === 0x0d) {
      out[n++] = 0x0d;
      out[n++] = 0x0a;
      if (buf[i + 1] === 0x0a) i++;
    } else if (c === 0x0a) {
      out[n++] = 0x0d;
      out[n++] = 0x0a;
    } else out[n++] = c;
  }
  return Buffer.from(out.subarray(0, n));
}
