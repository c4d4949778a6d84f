// Searchable text of a message and RFC 5256 base subjects for threading.
import { decodeCharset, decodeTransferEncoding } from './decode.js';
import { decodeWords, getParam, type HeaderField } from './headers.js';
import { isAttachment, type MimePart } from './structure.js';

// ---------------------------------------------------------------------------
// HTML to text

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', shy: '',
  copy: '©', reg: '®', trade: '™', hellip: '…', mdash: '—', ndash: '–',
  lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„',
  laquo: '«', raquo: '»', lsaquo: '‹', rsaquo: '›', bull: '•', middot: '·',
  euro: '€', pound: '£', yen: '¥', cent: '¢', curren: '¤', sect: '§', para: '¶',
  deg: '°', plusmn: '±', times: '×', divide: '÷', micro: 'µ', frac12: '½',
  frac14: '¼', frac34: '¾', sup1: '¹', sup2: '²', sup3: '³', iexcl: '¡',
  iquest: '¿', ordf: 'ª', ordm: 'º', not: '¬', macr: '¯', acute: '´',
  cedil: '¸', uml: '¨', brvbar: '¦', zwnj: '', zwj: '', lrm: '', rlm: '',
  ensp: ' ', emsp: ' ', thinsp: ' ', dagger: '†', Dagger: '‡', permil: '‰',
  larr: '←', rarr: '→', uarr: '↑', darr: '↓', hearts: '♥', check: '✓',
  szlig: 'ß', AElig: 'Æ', aelig: 'æ', OElig: 'Œ', oelig: 'œ', ETH: 'Ð', eth: 'ð',
  THORN: 'Þ', thorn: 'þ', Oslash: 'Ø', oslash: 'ø', Aring: 'Å', aring: 'å',
};

// Latin-1 letters with diacritics: &Auml; &eacute; ... built from a table
// rather than listed one by one.
const DIACRITICS: Record<string, Record<string, string>> = {
  grave: { A: 'À', E: 'È', I: 'Ì', O: 'Ò', U: 'Ù', a: 'à', e: 'è', i: 'ì', o: 'ò', u: 'ù' },
  acute: { A: 'Á', E: 'É', I: 'Í', O: 'Ó', U: 'Ú', Y: 'Ý', a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú', y: 'ý' },
  circ: { A: 'Â', E: 'Ê', I: 'Î', O: 'Ô', U: 'Û', a: 'â', e: 'ê', i: 'î', o: 'ô', u: 'û' },
  tilde: { A: 'Ã', N: 'Ñ', O: 'Õ', a: 'ã', n: 'ñ', o: 'õ' },
  uml: { A: 'Ä', E: 'Ë', I: 'Ï', O: 'Ö', U: 'Ü', a: 'ä', e: 'ë', i: 'ï', o: 'ö', u: 'ü', y: 'ÿ' },
  cedil: { C: 'Ç', c: 'ç' },
};
for (const [suffix, letters] of Object.entries(DIACRITICS)) {
  for (const [l, ch] of Object.entries(letters)) NAMED_ENTITIES[l + suffix] = ch;
}

export function decodeEntities(s: string): string {
  return s.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?/g, (m, body: string) => {
    if (body[0] === '#') {
      const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) return String.fromCodePoint(cp);
      return m;
    }
    const v = NAMED_ENTITIES[body];
    return v !== undefined && Object.prototype.hasOwnProperty.call(NAMED_ENTITIES, body) ? v : m;
  });
}

const BLOCK_TAGS = /^(br|p|div|tr|li|ul|ol|table|h[1-6]|blockquote|pre|hr|section|article|header|footer|dt|dd)$/i;
const CELL_TAGS = /^(td|th)$/i;

/** Index of the `>` that ends the tag whose name ends before `from` (quoted attribute values skipped), or the length. */
export function tagEnd(html: string, from: number): number {
  let quote = '';
  for (let j = from; j < html.length; j++) {
    const c = html[j];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return j;
  }
  return html.length;
}

/** Visible text of an HTML document: tags stripped, script/style/comments dropped, entities decoded. */
export function htmlToText(html: string): string {
  let out = '';
  let i = 0;
  const n = html.length;
  let lower: string | null = null;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      out += html.slice(i);
      break;
    }
    out += html.slice(i, lt);
    if (html.startsWith('<!--', lt)) {
      const e = html.indexOf('-->', lt + 4);
      i = e === -1 ? n : e + 3;
      continue;
    }
    const m = /^<\/?([A-Za-z][A-Za-z0-9-]*)/.exec(html.slice(lt, lt + 64));
    if (!m) {
      if (/^<[!?]/.test(html.slice(lt, lt + 2))) {
        const e = html.indexOf('>', lt);
        i = e === -1 ? n : e + 1;
      } else {
        out += '<';
        i = lt + 1;
      }
      continue;
    }
    const tag = m[1].toLowerCase();
    i = tagEnd(html, lt + m[0].length) + 1;
    const closing = html[lt + 1] === '/';
    if (!closing && (tag === 'script' || tag === 'style' || tag === 'head' || tag === 'title')) {
      lower ??= html.toLowerCase();
      const close = lower.indexOf('</' + tag, i);
      i = close === -1 ? n : close;
      continue;
    }
    if (BLOCK_TAGS.test(tag)) out += '\n';
    else if (CELL_TAGS.test(tag)) out += ' ';
  }
  return decodeEntities(out)
    .replace(/[ \t\r\f\v\u00a0]+/g, ' ')
    .replace(/ ?\n[\s]*/g, '\n')
    .trim();
}

// ---------------------------------------------------------------------------
// Searchable text

/** Decoded text of a text/* leaf (transfer encoding, then charset). `maxRaw` bounds the work. */
export function partText(buf: Buffer, part: MimePart, maxRaw = Infinity): string {
  const end = Math.min(part.bodyEnd, part.bodyStart + maxRaw);
  const raw = buf.subarray(part.bodyStart, end);
  const bytes = decodeTransferEncoding(raw, part.encoding);
  const charset = getParam(part.params, 'charset');
  const text = decodeCharset(bytes, charset);
  return part.subtype === 'html' ? htmlToText(text) : text;
}

/** Pick the text leaves worth indexing: in multipart/alternative only the best one. */
function collectTextParts(part: MimePart, out: MimePart[]): void {
  if (part.message) {
    collectTextParts(part.message.root, out);
    return;
  }
  if (part.type === 'multipart') {
    if (part.subtype === 'alternative') {
      const plain = part.children.find((c) => c.type === 'text' && c.subtype === 'plain' && !isAttachment(c));
      const html = part.children.find((c) => c.type === 'text' && c.subtype === 'html' && !isAttachment(c));
      const pick = plain ?? html ?? part.children.find((c) => c.type === 'multipart') ?? null;
      if (pick) collectTextParts(pick, out);
      return;
    }
    for (const c of part.children) collectTextParts(c, out);
    return;
  }
  if (part.type === 'text' && (part.subtype === 'plain' || part.subtype === 'html')) out.push(part);
}

/** Truncate to at most `maxBytes` UTF-8 bytes without splitting a character. */
export function truncateUtf8(s: string, maxBytes: number): string {
  if (s.length <= maxBytes / 3 || Buffer.byteLength(s, 'utf8') <= maxBytes) return s;
  let t = Buffer.from(s, 'utf8').subarray(0, maxBytes).toString('utf8');
  if (t.endsWith('\ufffd')) t = t.slice(0, -1);
  return t;
}

/**
 * Searchable body text: the decoded text of every text part (HTML as visible text), including
 * those of attached messages. Capped at `maxBytes` UTF-8 bytes. Header values are indexed apart
 * (see headerText) so that SEARCH BODY does not match the subject.
 */
export function extractText(buf: Buffer, root: MimePart, maxBytes: number): string {
  const chunks: string[] = [];
  let size = 0;
  const parts: MimePart[] = [];
  collectTextParts(root, parts);
  for (const p of parts) {
    if (size >= maxBytes) break;
    // Raw bytes needed: base64 inflates by 4/3, HTML markup by far more.
    const s = partText(buf, p, (maxBytes - size) * 8 + 1024).trim();
    if (!s) continue;
    chunks.push(s);
    size += Buffer.byteLength(s, 'utf8') + 1;
  }
  return truncateUtf8(chunks.join('\n'), maxBytes);
}

/**
 * The top-level header block as searchable text: one line per field, `name: value` with encoded
 * words decoded and folding removed. SEARCH TEXT, FROM, SUBJECT and HEADER read this instead of
 * the blob. Capped at `maxBytes`; fields past the cap are left out whole.
 */
export function headerText(headers: HeaderField[], maxBytes = 64 * 1024): string {
  const lines: string[] = [];
  let size = 0;
  for (const h of headers) {
    const line = `${h.name.toLowerCase()}: ${decodeWords(h.value).replace(/[\r\n\t]+/g, ' ').trim()}`;
    size += Buffer.byteLength(line, 'utf8') + 1;
    if (size > maxBytes) break;
    lines.push(line);
  }
  return lines.join('\n');
}

/** Fields of a headerText() block back as name/value pairs (names lower-case). */
export function parseHeaderText(text: string): Array<{ name: string; value: string }> {
  const out: Array<{ name: string; value: string }> = [];
  for (const line of text.split('\n')) {
    const i = line.indexOf(': ');
    if (i > 0) out.push({ name: line.slice(0, i), value: line.slice(i + 2) });
  }
  return out;
}

// ---------------------------------------------------------------------------
// RFC 5256 2.1 base subject

const BLOB = String.raw`\[[^\[\]]*\][ \t]*`;
const LEADER = new RegExp(String.raw`^(?:(?:${BLOB})*(?:re|fwd?)[ \t]*(?:${BLOB})?:|[ \t]+)`, 'i');
const BLOB_PREFIX = new RegExp('^' + BLOB);
const TRAILER = /(?:[ \t]+|\(fwd\))$/i;

/**
 * Base subject per RFC 5256 2.1: decode encoded words, collapse whitespace,
 * then repeatedly strip "(fwd)" trailers, "Re:"/"Fw:"/"Fwd:" leaders with
 * optional [blob]s, a leading [blob] when something remains, and a
 * "[fwd: ... ]" wrapper.
 */
export function baseSubject(subject: string): string {
  // (1) decode and normalise whitespace
  let s = decodeWords(subject).replace(/[\t\r\n ]+/g, ' ');
  for (;;) {
    // (2) remove trailers
    let prev: string;
    do {
      prev = s;
      s = s.replace(TRAILER, '');
    } while (s !== prev);
    // (3)-(5) remove leaders and blobs until nothing changes
    do {
      prev = s;
      let m: RegExpExecArray | null;
      while ((m = LEADER.exec(s)) && m[0].length > 0) s = s.slice(m[0].length);
      const b = BLOB_PREFIX.exec(s);
      if (b && s.length > b[0].length) s = s.slice(b[0].length);
    } while (s !== prev);
    // (6) "[fwd: ... ]" wrapper
    if (/^\[fwd:/i.test(s) && s.endsWith(']')) {
      s = s.slice(5, -1);
      continue;
    }
    return s;
  }
}
