// A small, strict XML parser for DMARC aggregate reports (RFC 7489 appendix C). Pure code, no I/O.
// Rules that keep it safe on input from anyone:
// - No DTD at all: `<!DOCTYPE` (and so `<!ENTITY`) is refused, which rules out entity expansion
//   ("billion laughs") and external entities; only the five predefined entities and numeric
//   character references are decoded, anything else is an error.
// - Limits are checked before work: input size, element depth, element count, attribute count.
// - Namespace prefixes are dropped (Microsoft and DMARCbis reports carry namespaces; element
//   local names are what the report schema means), xmlns attributes are kept like any other.
// - Whitespace-only text between elements is ignored; an element's text is its own character data.

export interface XmlElement {
  /** Local name (prefix removed), as written (case kept). */
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Character data directly inside this element (CDATA included), entities decoded, not trimmed. */
  text: string;
}

export interface XmlLimits {
  maxBytes: number;
  maxDepth: number;
  maxElements: number;
  maxAttributes: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxDepth: 32,
  maxElements: 500_000,
  maxAttributes: 32,
};

export class XmlError extends Error {
  constructor(message: string, readonly offset?: number) {
    super(offset === undefined ? message : `${message} (at character ${offset})`);
    this.name = 'XmlError';
  }
}

const NAME = /^[A-Za-z_][A-Za-z0-9._:-]*$/;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Bytes to text: UTF-8 (BOM skipped), or Latin-1 when the declaration says so. */
function decodeBytes(buf: Buffer): string {
  let start = 0;
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) start = 3;
  if ((buf[0] === 0xfe && buf[1] === 0xff) || (buf[0] === 0xff && buf[1] === 0xfe)) {
    throw new XmlError('UTF-16 documents are not accepted');
  }
  const head = buf.subarray(start, start + 200).toString('latin1');
  const enc = /^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase();
  if (enc === undefined || enc === 'utf-8' || enc === 'utf8' || enc === 'us-ascii' || enc === 'ascii') return buf.subarray(start).toString('utf8');
  if (enc === 'iso-8859-1' || enc === 'latin1' || enc === 'latin-1') return buf.subarray(start).toString('latin1');
  throw new XmlError(`encoding ${enc} is not supported`);
}

function decodeEntities(s: string, offset: number): string {
  if (!s.includes('&')) return s;
  return s.replace(/&([^;&\s]{0,12});?/g, (whole, ref: string, at: number) => {
    if (!whole.endsWith(';')) throw new XmlError('unterminated entity reference', offset + at);
    if (ref in PREDEFINED) return PREDEFINED[ref]!;
    const m = /^#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}))$/.exec(ref);
    if (!m) throw new XmlError(`entity &${ref}; is not allowed (no DTD, only the predefined entities)`, offset + at);
    const cp = m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2]);
    // XML 1.0 Char production: no NUL, no surrogates, nothing above U+10FFFF.
    if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw new XmlError(`character reference &${ref}; is not a valid character`, offset + at);
    return String.fromCodePoint(cp);
  });
}

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}

/** Parses one document and returns its root element; throws XmlError with the reason. */
export function parseXml(input: Buffer | string, limits: Partial<XmlLimits> = {}): XmlElement {
  const lim = { ...DEFAULT_XML_LIMITS, ...limits };
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
  if (size > lim.maxBytes) throw new XmlError(`document of ${size} bytes exceeds the limit of ${lim.maxBytes}`);
  const src = typeof input === 'string' ? input : decodeBytes(input);

  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let elements = 0;
  let i = 0;
  const n = src.length;

  const addText = (text: string, at: number) => {
    const top = stack[stack.length - 1];
    if (!top) {
      if (text.trim() !== '') throw new XmlError('text outside the root element', at);
      return;
    }
    top.text += text;
  };

  while (i < n) {
    const lt = src.indexOf('<', i);
    if (lt < 0) {
      addText(decodeEntities(src.slice(i), i), i);
      break;
    }
    if (lt > i) addText(decodeEntities(src.slice(i, lt), i), i);
    i = lt;
    if (src.startsWith('<?', i)) {
      const end = src.indexOf('?>', i + 2);
      if (end < 0) throw new XmlError('unterminated processing instruction', i);
      i = end + 2;
      continue;
    }
    if (src.startsWith('<!--', i)) {
      const end = src.indexOf('-->', i + 4);
      if (end < 0) throw new XmlError('unterminated comment', i);
      i = end + 3;
      continue;
    }
    if (src.startsWith('<![CDATA[', i)) {
      const end = src.indexOf(']]>', i + 9);
      if (end < 0) throw new XmlError('unterminated CDATA section', i);
      if (!stack.length) throw new XmlError('CDATA outside the root element', i);
      addText(src.slice(i + 9, end), i);
      i = end + 3;
      continue;
    }
    if (src.startsWith('<!', i)) {
      const what = /^<!([A-Za-z]*)/.exec(src.slice(i, i + 12))?.[1] || 'declaration';
      throw new XmlError(`<!${what}> is not accepted: reports must not carry a DTD or entity declarations`, i);
    }
    if (src.startsWith('</', i)) {
      const end = src.indexOf('>', i + 2);
      if (end < 0) throw new XmlError('unterminated end tag', i);
      const name = src.slice(i + 2, end).trim();
      const top = stack.pop();
      if (!top) throw new XmlError(`end tag </${name}> without a start tag`, i);
      if (localName(name) !== top.name) throw new XmlError(`end tag </${name}> does not close <${top.name}>`, i);
      i = end + 1;
      continue;
    }
    // A start tag: name, attributes, optional '/'.
    const tag = readStartTag(src, i, lim.maxAttributes);
    if (++elements > lim.maxElements) throw new XmlError(`more than ${lim.maxElements} elements`, i);
    const el: XmlElement = { name: localName(tag.name), attrs: tag.attrs, children: [], text: '' };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else if (root) throw new XmlError('more than one root element', i);
    else root = el;
    if (!tag.selfClosing) {
      if (stack.length >= lim.maxDepth) throw new XmlError(`elements nested deeper than ${lim.maxDepth}`, i);
      stack.push(el);
    }
    i = tag.end;
  }
  if (stack.length) throw new XmlError(`document ends inside <${stack[stack.length - 1]!.name}>`);
  if (!root) throw new XmlError('no root element');
  return root;
}

const TAG_NAME = /[^\s/>]{1,256}/y;
const ATTRIBUTE = /([^\s=/>]{1,256})\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const SPACE = /\s*/y;

function readStartTag(src: string, start: number, maxAttributes: number): { name: string; attrs: Record<string, string>; selfClosing: boolean; end: number } {
  TAG_NAME.lastIndex = start + 1;
  const name = TAG_NAME.exec(src)?.[0] ?? '';
  if (!NAME.test(name)) throw new XmlError(`invalid element name "${name.slice(0, 40)}"`, start);
  let i = start + 1 + name.length;
  const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
  let count = 0;
  for (;;) {
    SPACE.lastIndex = i;
    SPACE.exec(src);
    i = SPACE.lastIndex;
    if (i >= src.length) throw new XmlError(`unterminated start tag <${name}>`, start);
    if (src[i] === '>') return { name, attrs, selfClosing: false, end: i + 1 };
    if (src[i] === '/' && src[i + 1] === '>') return { name, attrs, selfClosing: true, end: i + 2 };
    // Attributes must be separated from the name and from each other by whitespace.
    if (!/\s/.test(src[i - 1]!)) throw new XmlError(`malformed start tag <${name}>`, i);
    ATTRIBUTE.lastIndex = i;
    const m = ATTRIBUTE.exec(src);
    if (!m || !NAME.test(m[1]!)) throw new XmlError(`malformed attribute in <${name}>`, i);
    if (++count > maxAttributes) throw new XmlError(`more than ${maxAttributes} attributes in <${name}>`, i);
    if (m[1]! in attrs) throw new XmlError(`attribute ${m[1]} repeated in <${name}>`, i);
    attrs[m[1]!] = decodeEntities(m[2] ?? m[3] ?? '', i);
    i = ATTRIBUTE.lastIndex;
  }
}

// ---------------------------------------------------------------------------
// Reading helpers for schema code

/** The first child with this local name (case-insensitive), or undefined. */
export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!el) return undefined;
  const lower = name.toLowerCase();
  return el.children.find((c) => c.name.toLowerCase() === lower);
}

export function childrenNamed(el: XmlElement | undefined, name: string): XmlElement[] {
  if (!el) return [];
  const lower = name.toLowerCase();
  return el.children.filter((c) => c.name.toLowerCase() === lower);
}

/** Trimmed text of the child, or undefined when it is missing or empty. */
export function childText(el: XmlElement | undefined, name: string): string | undefined {
  const t = child(el, name)?.text.trim();
  return t ? t : undefined;
}
