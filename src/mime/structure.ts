// MIME structure (RFC 2045/2046) of a message buffer as a tree of parts with
// byte offsets, so the IMAP server can serve BODY[section] straight from the
// stored blob. Parsing never throws; hard limits bound the work and anything
// broken is recorded in `problems` and degraded to a plain leaf.
import { buildEnvelope, type Envelope } from './envelope.js';
import {
  decodeRfc2231Value,
  findHeaderEnd,
  getHeader,
  getParam,
  parseContentType,
  parseDisposition,
  parseHeaderFields,
  parseLanguage,
  stripComments,
  type Disposition,
  type HeaderField,
  type Param,
} from './headers.js';

export interface MimeLimits {
  /** Deepest nesting of parts (root = 0); a container at this depth is not descended into. */
  maxDepth: number;
  /** Most parts in the whole tree (including encapsulated messages). */
  maxParts: number;
  /** Largest header block of any part; the rest is treated as body. */
  maxHeaderBytes: number;
  /** Most addresses parsed per address header (and per ENVELOPE field set). */
  maxAddresses: number;
  /** Cap for the searchable text, in UTF-8 bytes. */
  maxTextBytes: number;
}

export const DEFAULT_LIMITS: MimeLimits = {
  maxDepth: 32,
  maxParts: 1000,
  maxHeaderBytes: 1024 * 1024,
  maxAddresses: 1000,
  maxTextBytes: 256 * 1024,
};

export interface EncapsulatedMessage {
  envelope: Envelope;
  /** Root part of the encapsulated message; its headerStart is the rfc822 part's bodyStart. */
  root: MimePart;
}

/**
 * One MIME entity. Offsets are absolute into the message buffer:
 * [headerStart, headerEnd) are the header lines, [headerEnd, bodyStart) the
 * blank separator line (if any), [bodyStart, bodyEnd) the body. For a part
 * inside a multipart the range excludes the boundary lines and the CRLF
 * before a delimiter, which belongs to the delimiter (RFC 2046 5.1.1).
 */
export interface MimePart {
  /**
   * IMAP section number (RFC 3501 6.4.5). A non-multipart message root is
   * "1" (or "N.1" inside message/rfc822 part N). A multipart message root
   * has no number of its own and carries the number of the message it
   * belongs to: "" at top level, "N" inside part N; its children are
   * "1", "2"... / "N.1", "N.2"...
   */
  path: string;
  headerStart: number;
  headerEnd: number;
  bodyStart: number;
  bodyEnd: number;
  /** Lower-cased media type, for program logic. */
  type: string;
  subtype: string;
  /** As written; this is what BODYSTRUCTURE reports (like Dovecot). */
  typeRaw: string;
  subtypeRaw: string;
  /** Content-Type parameters, RFC 2231 continuations merged (see mergeRfc2231). */
  params: Param[];
  id: string | null;
  description: string | null;
  /** Content-Transfer-Encoding as written; null when absent (7bit). */
  encoding: string | null;
  md5: string | null;
  disposition: Disposition | null;
  language: string[] | null;
  location: string | null;
  /** Body size in octets. */
  size: number;
  /** Number of LF-terminated lines in the body (what Dovecot reports); 0 for multipart. */
  lines: number;
  /** Sub-parts of a multipart; always non-empty when type is "multipart". */
  children: MimePart[];
  /** Set for message/rfc822 parts. */
  message: EncapsulatedMessage | null;
  /** Why this part was degraded to a text/plain leaf or synthesised, if it was. */
  degraded?: string;
}

export interface StructureResult {
  root: MimePart;
  /** Top-level header fields. */
  headers: HeaderField[];
  problems: string[];
}

const LF = 0x0a;
const CR = 0x0d;
const MAX_PROBLEMS = 100;

/** Count LF bytes in [start, end). */
export function countLines(buf: Buffer, start: number, end: number): number {
  const view = buf.subarray(0, end);
  let n = 0;
  let p = view.indexOf(LF, start);
  while (p !== -1) {
    n++;
    p = view.indexOf(LF, p + 1);
  }
  return n;
}

/**
 * Find the body parts of a multipart body [start, end) (RFC 2046 5.1.1). A
 * delimiter is "--boundary" at the start of a line followed only by
 * whitespace (so a longer boundary that merely starts with ours does not
 * match), or "--boundary--" for the close delimiter. Preamble and epilogue
 * are skipped. Without a close delimiter the last part runs to `end`
 * (`closed` false). Each range is [start, end, eolEnd]: `end` excludes the
 * line break before the next delimiter, `eolEnd` includes it (for that last
 * part: the caller's `eolEnd`).
 */
export function splitMultipart(
  buf: Buffer,
  start: number,
  end: number,
  boundary: string,
  eolEnd = end,
): { ranges: [number, number, number][]; closed: boolean; closeLineEnd: number } {
  const delim = Buffer.from('--' + boundary, 'utf8');
  const view = buf.subarray(0, end);
  const ranges: [number, number, number][] = [];
  let partStart = -1;
  let pos = start;
  while (pos <= end) {
    const idx = view.indexOf(delim, pos);
    if (idx === -1) break;
    pos = idx + 1;
    if (idx > start && buf[idx - 1] !== LF) continue;
    const after = idx + delim.length;
    const isClose = after + 1 < end && buf[after] === 0x2d && buf[after + 1] === 0x2d;
    if (!isClose) {
      let j = after;
      while (j < end && (buf[j] === 0x20 || buf[j] === 0x09)) j++;
      if (j < end && buf[j] !== CR && buf[j] !== LF) continue;
    }
    if (partStart >= 0) {
      let e = idx;
      if (e > start && buf[e - 1] === LF) {
        e--;
        if (e > start && buf[e - 1] === CR) e--;
      }
      ranges.push([partStart, Math.max(partStart, e), Math.max(partStart, idx)]);
    }
    if (isClose) {
      const nl = view.indexOf(LF, after);
      const closeLineEnd = nl === -1 ? end : buf[nl - 1] === CR ? nl - 1 : nl;
      return { ranges, closed: true, closeLineEnd };
    }
    const nl = view.indexOf(LF, after);
    partStart = nl === -1 ? end : nl + 1;
    pos = partStart;
  }
  if (partStart >= 0) ranges.push([partStart, end, eolEnd]);
  return { ranges, closed: false, closeLineEnd: end };
}

function rawParam(params: Param[], name: string): string | null {
  const n = name.toLowerCase();
  const plain = params.find((p) => p[0].toLowerCase() === n);
  if (plain) return plain[1];
  const ext = params.find((p) => p[0].toLowerCase() === n + '*');
  return ext ? decodeRfc2231Value(ext[1]) : null;
}

function trimmedOrNull(v: string | null): string | null {
  if (v === null) return null;
  const t = v.trim();
  return t === '' ? null : t;
}

class StructureParser {
  problems: string[] = [];
  count = 0;

  constructor(
    private buf: Buffer,
    private limits: MimeLimits,
  ) {}

  problem(path: string, msg: string): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(`${path === '' ? 'message' : 'part ' + path}: ${msg}`);
  }

  /** An empty text/plain part, standing in where IMAP syntax needs a part but there is none. */
  synthetic(path: string, at: number, reason: string): MimePart {
    this.count++;
    return {
      path, headerStart: at, headerEnd: at, bodyStart: at, bodyEnd: at,
      type: 'text', subtype: 'plain', typeRaw: 'text', subtypeRaw: 'plain',
      params: [['charset', 'us-ascii']],
      id: null, description: null, encoding: null, md5: null,
      disposition: null, language: null, location: null,
      size: 0, lines: 0, children: [], message: null, degraded: reason,
    };
  }

  /** Report a part as a text/plain leaf instead of descending into it. */
  degrade(part: MimePart, path: string, reason: string): void {
    this.problem(path, reason);
    part.path = path;
    part.type = part.typeRaw = 'text';
    part.subtype = part.subtypeRaw = 'plain';
    part.params = [['charset', 'us-ascii']];
    part.children = [];
    part.message = null;
    part.degraded = reason;
  }

  /**
   * Parse the entity in [start, end). `leafPath` is its section number if it
   * turns out to be a leaf, `multipartPath` if it is a multipart (they differ
   * only for message roots, see MimePart.path).
   *
   * `eolEnd` is `end` plus the line break that precedes the parent's next
   * boundary delimiter. RFC 2046 5.1.1 gives that CRLF to the delimiter and
   * leaves exclude it. Like Dovecot, a multipart whose close delimiter line
   * is directly followed by the parent's delimiter keeps that line's CRLF
   * (and so does a message/rfc822 around it), so BODY[n] of such an
   * attached message ends with its line break and sizes match Dovecot's.
   */
  entity(
    start: number,
    end: number,
    eolEnd: number,
    depth: number,
    leafPath: string,
    multipartPath: string,
    digestChild: boolean,
  ): { part: MimePart; headers: HeaderField[] } {
    this.count++;
    const { buf, limits } = this;
    const split = findHeaderEnd(buf, start, end, limits.maxHeaderBytes);
    if (!split.truncated && split.bodyStart === end && end > start && eolEnd > end && buf[end - 1] !== LF) {
      // Only header lines, the last one cut short by the parent's delimiter:
      // that line keeps its line break.
      split.headerEnd = split.bodyStart = end = eolEnd;
    }
    if (split.truncated) this.problem(leafPath, `header block larger than ${limits.maxHeaderBytes} bytes, rest treated as body`);
    const headers = parseHeaderFields(buf, start, split.headerEnd);
    const ct = parseContentType(getHeader(headers, 'content-type'), digestChild);
    if (!ct.valid) this.problem(leafPath, 'invalid Content-Type, using text/plain');
    const cte = getHeader(headers, 'content-transfer-encoding');
    const disp = getHeader(headers, 'content-disposition');
    const lang = getHeader(headers, 'content-language');
    const part: MimePart = {
      path: leafPath,
      headerStart: start,
      headerEnd: split.headerEnd,
      bodyStart: split.bodyStart,
      bodyEnd: end,
      type: ct.type,
      subtype: ct.subtype,
      typeRaw: ct.typeRaw,
      subtypeRaw: ct.subtypeRaw,
      params: ct.params,
      id: trimmedOrNull(getHeader(headers, 'content-id')),
      description: trimmedOrNull(getHeader(headers, 'content-description')),
      encoding: cte === null ? null : stripComments(cte).trim().split(/\s+/)[0] || null,
      md5: trimmedOrNull(getHeader(headers, 'content-md5')),
      disposition: disp === null ? null : parseDisposition(disp),
      language: lang === null ? null : parseLanguage(lang),
      location: trimmedOrNull(getHeader(headers, 'content-location')),
      size: end - split.bodyStart,
      lines: 0,
      children: [],
      message: null,
    };
    if (part.type === 'multipart') this.multipart(part, depth, leafPath, multipartPath, eolEnd);
    else if (part.type === 'message' && part.subtype === 'rfc822') this.message(part, depth, eolEnd);
    part.size = part.bodyEnd - part.bodyStart; // containers may have extended bodyEnd
    if (part.type === 'text' || part.message) part.lines = countLines(buf, part.bodyStart, part.bodyEnd);
    return { part, headers };
  }

  multipart(part: MimePart, depth: number, leafPath: string, path: string, eolEnd: number): void {
    const { limits } = this;
    if (depth >= limits.maxDepth) {
      this.degrade(part, leafPath, `nesting deeper than ${limits.maxDepth}, not descending`);
      return;
    }
    part.path = path;
    const childPath = (k: number) => (path === '' ? String(k) : `${path}.${k}`);
    const boundary = rawParam(part.params, 'boundary');
    if (boundary === null) {
      // Dovecot reports such a multipart with one empty text/plain child.
      this.problem(path, 'multipart without boundary parameter');
      part.children.push(this.synthetic(childPath(1), part.bodyEnd, 'multipart without boundary'));
      return;
    }
    const strictEnd = part.bodyEnd;
    const { ranges, closed, closeLineEnd } = splitMultipart(this.buf, part.bodyStart, strictEnd, boundary, eolEnd);
    if (ranges.length && !closed) this.problem(path, `missing close boundary "${boundary}"`);
    for (let k = 0; k < ranges.length; k++) {
      if (this.count >= limits.maxParts) {
        this.problem(path, `more than ${limits.maxParts} parts, rest ignored`);
        break;
      }
      const [s, e, eol] = ranges[k];
      const p = childPath(k + 1);
      part.children.push(this.entity(s, e, eol, depth + 1, p, p, part.subtype === 'digest').part);
    }
    if (part.children.length === 0) {
      if (ranges.length) {
        this.degrade(part, leafPath, `more than ${limits.maxParts} parts, not descending`);
        return;
      }
      this.problem(path, `boundary "${boundary}" not found`);
      part.children.push(this.synthetic(childPath(1), part.bodyEnd, 'multipart without body parts'));
    }
    if (closed && closeLineEnd >= strictEnd) part.bodyEnd = eolEnd;
  }

  message(part: MimePart, depth: number, eolEnd: number): void {
    const { limits } = this;
    if (depth >= limits.maxDepth) {
      this.degrade(part, part.path, `nesting deeper than ${limits.maxDepth}, not descending`);
      return;
    }
    if (this.count >= limits.maxParts) {
      this.degrade(part, part.path, `more than ${limits.maxParts} parts, not descending`);
      return;
    }
    // An encoded message/rfc822 (forbidden by RFC 2046 5.2.1) is parsed as is,
    // like Dovecot does: the encoded text yields no usable header fields.
    const enc = (part.encoding ?? '7bit').toLowerCase();
    if (enc !== '7bit' && enc !== '8bit' && enc !== 'binary') {
      this.problem(part.path, `message/rfc822 with Content-Transfer-Encoding ${part.encoding}`);
    }
    const inner = this.entity(part.bodyStart, part.bodyEnd, eolEnd, depth + 1, part.path + '.1', part.path, false);
    part.message = { envelope: buildEnvelope(inner.headers, limits.maxAddresses), root: inner.part };
    part.bodyEnd = inner.part.bodyEnd;
  }
}

/** Parse the MIME structure of a whole message. Never throws for any input bytes. */
export function parseStructure(buf: Buffer, limits: MimeLimits = DEFAULT_LIMITS): StructureResult {
  const p = new StructureParser(buf, limits);
  const { part, headers } = p.entity(0, buf.length, buf.length, 0, '1', '', false);
  return { root: part, headers, problems: p.problems };
}

/** Decoded attachment file name: Content-Disposition filename, else Content-Type name. */
export function partFilename(part: MimePart): string | null {
  return getParam(part.disposition?.params, 'filename') ?? getParam(part.params, 'name');
}

/**
 * Whether a leaf part is an attachment rather than message text: an explicit
 * "attachment" disposition, a file name without one, or an "inline" file
 * that is not text and not referenced by Content-ID (Apple Mail marks
 * ordinary attachments inline; multipart/related images carry a Content-ID).
 */
export function isAttachment(part: MimePart): boolean {
  if (part.children.length) return false;
  const disp = part.disposition?.type.toLowerCase();
  if (disp === 'attachment') return true;
  if (part.message) return disp !== 'inline';
  if (partFilename(part) === null) return false;
  if (disp === 'inline') return part.type !== 'text' && part.id === null;
  return true;
}
