// FETCH attributes (RFC 9051 6.4.5 and 9 fetch-att; BINARY RFC 3516 4.2; CONDSTORE RFC 7162 3.1.4;
// OBJECTID RFC 8474 5; SAVEDATE RFC 8514) and the names they are answered under.
import { FETCH_SIMPLE_ITEMS, type FetchItem, type FetchMacro, type FetchPartial, type Section } from './ast.js';
import { imapString } from '../../mime/imap-form.js';
import { isAtomChar } from './reader.js';
import { LBRACKET, type Lexer, LPAREN, RBRACKET } from './lexer.js';
import { MAX_NUMBER64 } from './search.js';

const SIMPLE = new Set<string>(FETCH_SIMPLE_ITEMS);

/** RFC 9051 6.4.5: the macros. */
export const FETCH_MACROS: Record<FetchMacro, FetchItem[]> = {
  ALL: [{ type: 'FLAGS' }, { type: 'INTERNALDATE' }, { type: 'RFC822.SIZE' }, { type: 'ENVELOPE' }],
  FAST: [{ type: 'FLAGS' }, { type: 'INTERNALDATE' }, { type: 'RFC822.SIZE' }],
  FULL: [{ type: 'FLAGS' }, { type: 'INTERNALDATE' }, { type: 'RFC822.SIZE' }, { type: 'ENVELOPE' }, { type: 'BODY' }],
};

/** ("ALL" / "FULL" / "FAST" / fetch-att / "(" fetch-att *(SP fetch-att) ")") */
export function parseFetchAtts(lx: Lexer): { items: FetchItem[]; macro: FetchMacro | null } {
  if (lx.peek() === LPAREN) {
    const items = lx.list('FETCH attribute list', () => parseFetchAtt(lx), false);
    return { items, macro: null };
  }
  const start = lx.pos;
  const word = lx.readAtomChars((c) => isAtomChar(c) && c !== LBRACKET).toUpperCase();
  if (word === 'ALL' || word === 'FAST' || word === 'FULL') {
    return { items: FETCH_MACROS[word].map((i) => ({ ...i })), macro: word };
  }
  lx.pos = start;
  return { items: [parseFetchAtt(lx)], macro: null };
}

function parseFetchAtt(lx: Lexer): FetchItem {
  const name = lx.readAtomChars((c) => isAtomChar(c) && c !== LBRACKET).toUpperCase();
  if (!name) lx.fail(`Expected a FETCH attribute, got ${lx.excerpt()}`);
  const bracket = lx.peek() === LBRACKET;
  if (!bracket) {
    if (SIMPLE.has(name)) return { type: name as FetchItem['type'] } as FetchItem;
    if (name === 'BODY.PEEK' || name === 'BINARY' || name === 'BINARY.PEEK' || name === 'BINARY.SIZE') {
      lx.fail(`${name} needs a section: ${name}[...]`);
    }
    if (name === 'ALL' || name === 'FAST' || name === 'FULL') lx.fail(`FETCH macro ${name} can't be in a list`);
    lx.fail(`Unknown FETCH attribute ${name}`);
  }
  switch (name) {
    case 'BODY':
    case 'BODY.PEEK': {
      const section = parseSection(lx);
      return { type: 'BODYSECTION', peek: name === 'BODY.PEEK', section, partial: parsePartial(lx) };
    }
    case 'BINARY':
    case 'BINARY.PEEK': {
      const part = parseBinarySection(lx);
      return { type: 'BINARY', peek: name === 'BINARY.PEEK', part, partial: parsePartial(lx) };
    }
    case 'BINARY.SIZE':
      return { type: 'BINARY.SIZE', part: parseBinarySection(lx) };
  }
  return lx.fail(`Unknown FETCH attribute ${name}[`);
}

/**
 * section = "[" [section-spec] "]"
 * section-spec = section-msgtext / (section-part ["." section-text])
 * section-msgtext = "HEADER" / "HEADER.FIELDS" [".NOT"] SP header-list / "TEXT"
 * section-text = section-msgtext / "MIME"
 */
export function parseSection(lx: Lexer): Section {
  lx.expect(LBRACKET, 'Expected "[" to start a section');
  const section: Section = { part: [], text: null, fields: [] };
  if (lx.eat(RBRACKET)) return section;
  section.part = readPart(lx);
  if (section.part.length === 0 || lx.eat(0x2e /* . */)) {
    const word = lx.readAtomChars().toUpperCase();
    switch (word) {
      case 'HEADER':
      case 'TEXT':
        section.text = word;
        break;
      case 'MIME':
        // RFC 9051 6.4.5: MIME refers to the MIME header of a part, so it needs a part number.
        if (section.part.length === 0) lx.fail('Invalid section: MIME needs a part number (e.g. 1.MIME)');
        section.text = 'MIME';
        break;
      case 'HEADER.FIELDS':
      case 'HEADER.FIELDS.NOT':
        section.text = word;
        lx.sp(word);
        section.fields = lx.list(`${word} header list`, () => headerFieldName(lx), false);
        break;
      default:
        lx.fail(word ? `Invalid section: unknown section text ${word}` : `Invalid section: ${lx.excerpt()}`);
    }
  }
  if (!lx.eat(RBRACKET)) lx.fail(`Invalid section: expected "]", got ${lx.excerpt()}`);
  return section;
}

/** section-binary = "[" [section-part] "]" */
function parseBinarySection(lx: Lexer): number[] {
  lx.expect(LBRACKET, 'Expected "[" to start a section');
  const part = readPart(lx);
  if (!lx.eat(RBRACKET)) lx.fail(`Invalid BINARY section: expected part numbers and "]", got ${lx.excerpt()}`);
  return part;
}

/** section-part = nz-number *("." nz-number); [] when not at a digit. Leaves a trailing "." before text. */
function readPart(lx: Lexer): number[] {
  const part: number[] = [];
  for (;;) {
    const c = lx.peek();
    if (c < 0x30 || c > 0x39) break;
    const n = lx.digits('section part number');
    if (n === 0) lx.fail('Invalid section: part numbers start at 1');
    part.push(n);
    if (part.length > lx.limits.maxNestingDepth) lx.fail(`Invalid section: more than ${lx.limits.maxNestingDepth} part levels`, 'LIMIT');
    // Another number follows "."; otherwise the "." (if any) introduces section-text.
    const save = lx.pos;
    if (lx.eat(0x2e)) {
      const d = lx.peek();
      if (d >= 0x30 && d <= 0x39) continue;
      lx.pos = save;
    }
    break;
  }
  return part;
}

/** header-fld-name = astring; must be a valid field name (RFC 5322 ftext: printable, no ":"). */
function headerFieldName(lx: Lexer): string {
  const name = lx.astring('header field name');
  if (!/^[\x21-\x39\x3b-\x7e]+$/.test(name)) lx.fail(`Invalid header field name "${name.slice(0, 40)}"`);
  return name;
}

/** partial = "<" number64 "." nz-number64 ">" */
function parsePartial(lx: Lexer): FetchPartial | null {
  if (!lx.eat(0x3c /* < */)) return null;
  const offset = lx.digits('partial offset', MAX_NUMBER64);
  if (!lx.eat(0x2e)) lx.fail('Invalid partial: expected <offset.length>');
  const length = lx.digits('partial length', MAX_NUMBER64);
  if (length === 0) lx.fail('Invalid partial: length must not be zero');
  if (!lx.eat(0x3e /* > */)) lx.fail('Invalid partial: expected ">"');
  return { offset, length };
}

/** The section in IMAP syntax without brackets: "1.2.HEADER.FIELDS (DATE FROM)". */
export function formatSection(section: Section): string {
  let s = section.part.join('.');
  if (section.text) {
    if (s) s += '.';
    s += section.text;
    if (section.text === 'HEADER.FIELDS' || section.text === 'HEADER.FIELDS.NOT') {
      s += ' (' + section.fields.map(astringOut).join(' ') + ')';
    }
  }
  return s;
}

/** A field name as an atom when it is one, else as a string. */
function astringOut(s: string): string {
  for (let i = 0; i < s.length; i++) if (!isAtomChar(s.charCodeAt(i))) return imapString(s);
  return s || '""';
}

/**
 * The name a FETCH item is answered under (RFC 9051 7.5.2): BODY.PEEK is answered as BODY,
 * a partial as `<origin>` only, e.g. `BODY[1.TEXT]<0>`; `BINARY.SIZE[1]`.
 */
export function fetchItemName(item: FetchItem): string {
  switch (item.type) {
    case 'BODYSECTION':
      return `BODY[${formatSection(item.section)}]` + (item.partial ? `<${item.partial.offset}>` : '');
    case 'BINARY':
      return `BINARY[${item.part.join('.')}]` + (item.partial ? `<${item.partial.offset}>` : '');
    case 'BINARY.SIZE':
      return `BINARY.SIZE[${item.part.join('.')}]`;
    default:
      return item.type;
  }
}
