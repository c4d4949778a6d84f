// What a Sieve run sees of a message: the envelope, the top-level header fields, the MIME tree
// (from src/mime, parsed once by the delivery pipeline) and the size. Derived views (decoded header
// values, parsed addresses, body text) are computed on first use and memoised on the message, so
// every script run over the same message shares them.
import {
  decodeCharset,
  decodeTransferEncoding,
  decodeEntities,
  tagEnd,
  decodeWords,

  getParam,
  isGroup,
  parseAddressList,
  headerBytesToString,
  parseStructure,
  type HeaderField,
  type MimePart,
} from '../mime/index.js';

export interface SieveEnvelope {
  /** Envelope sender (MAIL FROM) without angle brackets; "" for the null sender "<>". */
  from: string;
  /** The recipient as given in RCPT TO: an alias or temporary alias stays as written (envelope "to"). */
  to: string;
  /** The mailbox's own address after alias resolution (vacation's "my address"); defaults to `to`. */
  recipient?: string;
  /** SMTP AUTH identity of the sender, when submitted by a local user. */
  auth?: string | null;
}

export interface SieveMessage {
  raw: Buffer;
  /** Top-level header fields in order; values raw (unfolded, not RFC 2047-decoded). */
  headers: SieveHeaderField[];
  root: MimePart;
  /** Size in octets (the size test). */
  size: number;
  envelope: SieveEnvelope;
  /** Memo of derived views, shared by every run over this message. */
  memo: Map<string, unknown>;
}

/**
 * The message view for a run. Pass the MIME tree when the pipeline already parsed the message
 * (`parseMessage(raw)` gives `root` and `headers`); otherwise it is parsed here.
 */
export function sieveMessage(raw: Buffer, envelope: SieveEnvelope, parsed?: { root: MimePart }): SieveMessage {
  const root = (parsed ?? parseStructure(raw)).root;
  return { raw, headers: unfoldHeaders(raw, root.headerStart, root.headerEnd), root, size: raw.length, envelope, memo: new Map() };
}

/** A header field as Sieve sees it, with the original bytes for writing the message back. */
export interface SieveHeaderField extends HeaderField {
  /** The field as it was in the message (folded, without the final line break); absent when added. */
  raw?: string;
}

/**
 * Header fields of [start, end): a line break followed by a space or tab becomes one space (the
 * way Dovecot unfolds, so "a\r\n\tb" reads "a b"); lines that are not fields are skipped like
 * src/mime does. Values are not RFC 2047-decoded here.
 */
export function unfoldHeaders(buf: Buffer, start: number, end: number): SieveHeaderField[] {
  const out: SieveHeaderField[] = [];
  const text = headerBytesToString(buf.subarray(start, end));
  const lines = text.split(/\r?\n/);
  let cur: { name: string; value: string; raw: string } | null = null;
  const flush = () => {
    if (cur) out.push(cur);
    cur = null;
  };
  for (const line of lines) {
    if (line === '') continue;
    const c = line.charCodeAt(0);
    if (c === 0x20 || c === 0x09) {
      if (cur) {
        const k: { name: string; value: string; raw: string } = cur;
        k.value += ' ' + line.slice(1);
        k.raw += '\r\n' + line;
      }
      continue;
    }
    flush();
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trimEnd();
    if (!name || /[\x00-\x20\x7f]/.test(name)) continue;
    cur = { name, value: line.slice(colon + 1).replace(/^[ \t]+/, ''), raw: line };
  }
  flush();
  return out;
}

/** Header value as the header test compares it: RFC 2047-decoded, trailing whitespace removed. */
export function decodeHeaderValue(raw: string): string {
  let v = raw;
  if (v.includes('\r') || v.includes('\n')) v = v.replace(/\r?\n([ \t])?/g, ' ');
  return decodeWords(v).trim();
}

export interface ParsedAddress {
  /** addr-spec as written (local@domain); for a mailbox without a domain, just the local part. */
  all: string;
  local: string;
  /** Null when the address has no domain (then :domain never matches, RFC 5228 2.7.4). */
  domain: string | null;
}

/** Mailboxes of an address header value, groups flattened. */
export function parseAddresses(value: string): ParsedAddress[] {
  const out: ParsedAddress[] = [];
  for (const node of parseAddressList(value, { maxAddresses: 1000 })) {
    const members = isGroup(node) ? node.members : [node];
    for (const m of members) {
      if (!m.mailbox) continue;
      out.push({ all: m.host ? `${m.mailbox}@${m.host}` : m.mailbox, local: m.mailbox, domain: m.host });
    }
  }
  return out;
}

/** Split an envelope address (no display name, maybe "<…>") into its parts. */
export function splitAddress(addr: string): ParsedAddress {
  let a = addr.trim();
  if (a.startsWith('<') && a.endsWith('>')) a = a.slice(1, -1);
  const at = a.lastIndexOf('@');
  if (at < 0) return { all: a, local: a, domain: null };
  return { all: a, local: a.slice(0, at), domain: a.slice(at + 1) };
}

/** The header fields of a MIME part (for the mime extension). */
export function partHeaders(msg: SieveMessage, part: MimePart): HeaderField[] {
  if (part === msg.root) return msg.headers;
  return unfoldHeaders(msg.raw, part.headerStart, part.headerEnd);
}

/** Every part in document order, descending into encapsulated messages (RFC 5703 foreverypart). */
export function allParts(root: MimePart): MimePart[] {
  const out: MimePart[] = [];
  const walk = (p: MimePart) => {
    out.push(p);
    for (const c of p.children) walk(c);
    if (p.message) walk(p.message.root);
  };
  walk(root);
  return out;
}

/** Decoded bytes of a leaf as text: transfer encoding, then the charset (UTF-8 when unknown). */
export function decodedPartText(msg: SieveMessage, part: MimePart, maxBytes: number): string {
  const end = Math.min(part.bodyEnd, part.bodyStart + maxBytes * 2);
  const bytes = decodeTransferEncoding(msg.raw.subarray(part.bodyStart, end), part.encoding);
  const limited = bytes.length > maxBytes ? bytes.subarray(0, maxBytes) : bytes;
  const charset = part.type === 'text' ? getParam(part.params, 'charset') : null;
  return decodeCharset(limited, charset);
}

/** Preamble and epilogue of a multipart (what RFC 5173 :content "multipart" matches). */
function multipartOuterText(msg: SieveMessage, part: MimePart): string {
  const boundary = getParam(part.params, 'boundary');
  if (!boundary) return '';
  const body = msg.raw.subarray(part.bodyStart, part.bodyEnd);
  const delim = Buffer.from('--' + boundary);
  let first = body.indexOf(delim);
  while (first > 0 && body[first - 1] !== 0x0a) first = body.indexOf(delim, first + 1);
  const preamble = first === -1 ? body : body.subarray(0, first);
  let epilogue: Buffer = Buffer.alloc(0);
  const close = body.lastIndexOf(Buffer.from('--' + boundary + '--'));
  if (close !== -1) {
    const nl = body.indexOf(0x0a, close);
    if (nl !== -1) epilogue = body.subarray(nl + 1);
  }
  return preamble.toString('utf8') + '\r\n' + epilogue.toString('utf8');
}

export interface BodyChunk {
  type: string;
  subtype: string;
  text: string;
}

/**
 * The chunks the body test compares against for `:content` (RFC 5173 5): every part whose
 * type matches, decoded; a multipart contributes its preamble and epilogue, a message/rfc822
 * part its header. Parts of attached messages are included.
 */
export function bodyContentChunks(msg: SieveMessage, maxBytes: number): BodyChunk[] {
  const key = 'body:content';
  const hit = msg.memo.get(key) as BodyChunk[] | undefined;
  if (hit) return hit;
  const out: BodyChunk[] = [];
  for (const p of allParts(msg.root)) {
    let text: string;
    if (p.type === 'multipart' && p.children.length) text = multipartOuterText(msg, p);
    else if (p.message) text = msg.raw.toString('utf8', p.message.root.headerStart, p.message.root.headerEnd);
    else text = decodedPartText(msg, p, maxBytes);
    out.push({ type: p.type, subtype: p.subtype, text });
  }
  msg.memo.set(key, out);
  return out;
}

/**
 * HTML as body :text sees it, the way Pigeonhole converts it: every run of tags becomes one
 * space (any "<" opens a tag), comments vanish, script and style vanish with their content,
 * entities are decoded and the text's own whitespace and line breaks are kept.
 */
export function htmlToSieveText(html: string): string {
  let out = '';
  let i = 0;
  let lower: string | null = null;
  let tagRun = false;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    const text = lt === -1 ? html.slice(i) : html.slice(i, lt);
    if (text) {
      out += decodeEntities(text);
      tagRun = false;
    }
    if (lt === -1) break;
    if (html.startsWith('<!--', lt)) {
      const e = html.indexOf('-->', lt + 4);
      i = e === -1 ? n : e + 3;
      continue;
    }
    const name = /^<([A-Za-z][A-Za-z0-9]*)/.exec(html.slice(lt, lt + 12))?.[1]?.toLowerCase();
    i = tagEnd(html, lt + 1) + 1;
    if (name === 'script' || name === 'style') {
      lower ??= html.toLowerCase();
      const close = lower.indexOf('</' + name, i);
      const e = close === -1 ? -1 : html.indexOf('>', close);
      i = e === -1 ? n : e + 1;
    }
    if (!tagRun) out += ' ';
    tagRun = true;
  }
  return out;
}

/** `body :text`: the text of every text/plain and text/html part (HTML as visible text). */
export function bodyTextChunks(msg: SieveMessage, maxBytes: number): string[] {
  const key = 'body:text';
  const hit = msg.memo.get(key) as string[] | undefined;
  if (hit) return hit;
  const out: string[] = [];
  for (const p of allParts(msg.root)) {
    if (p.type !== 'text' || (p.subtype !== 'plain' && p.subtype !== 'html')) continue;
    const t = decodedPartText(msg, p, maxBytes);
    out.push(p.subtype === 'html' ? htmlToSieveText(t) : t);
  }
  msg.memo.set(key, out);
  return out;
}

/** `body :raw`: the undecoded body after the top-level header. */
export function bodyRaw(msg: SieveMessage, maxBytes: number): string {
  const end = Math.min(msg.root.bodyEnd, msg.root.bodyStart + maxBytes);
  return msg.raw.toString('utf8', msg.root.bodyStart, end);
}

