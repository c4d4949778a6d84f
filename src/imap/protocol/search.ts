// SEARCH program parsing (RFC 9051 6.4.4 / RFC 3501 6.4.4; ESEARCH RFC 4731, SEARCHRES RFC 5182,
// CONDSTORE MODSEQ RFC 7162 3.1.5, WITHIN RFC 5032, OBJECTID RFC 8474, SAVEDATE RFC 8514).
import {
  SEARCH_DATE_KEYS,
  SEARCH_FLAG_KEYS,
  SEARCH_STRING_KEYS,
  type SearchKey,
  type SearchReturnOption,
} from './ast.js';
import { type ImapDate, parseDateText } from './datetime.js';
import { AT_LITERAL, DQUOTE, LPAREN, type Lexer, RPAREN, SP } from './lexer.js';
import { parseSequenceSet } from './sequence.js';

const FLAG_KEYS = new Set<string>(SEARCH_FLAG_KEYS);
const STRING_KEYS = new Set<string>(SEARCH_STRING_KEYS);
const DATE_KEYS = new Set<string>(SEARCH_DATE_KEYS);
const RETURN_OPTIONS = new Set<string>(['MIN', 'MAX', 'ALL', 'COUNT', 'SAVE']);

/** number64 (RFC 9051 9), as far as a JS number is exact. */
export const MAX_NUMBER64 = Number.MAX_SAFE_INTEGER;

/** RFC 4466 2.6 / RFC 4731 3: `RETURN (opt ...)` after SEARCH. Null when absent. */
export function parseSearchReturn(lx: Lexer): SearchReturnOption[] | null {
  if (!lx.eatWord('RETURN')) return null;
  lx.sp('RETURN');
  const opts = lx.list('SEARCH return options', () => {
    const opt = lx.keyword('SEARCH return option');
    if (!RETURN_OPTIONS.has(opt)) lx.fail(`Unknown SEARCH return option ${opt}`);
    return opt as SearchReturnOption;
  });
  lx.sp('RETURN options');
  return Array.from(new Set(opts));
}

/** charset = atom / quoted */
export function parseCharset(lx: Lexer): string {
  const c = lx.peek();
  if (c === DQUOTE) return lx.string('charset').toUpperCase();
  if (c === AT_LITERAL) lx.fail('Expected a charset, got a literal');
  return lx.atom('charset').toUpperCase();
}

/**
 * Strings of a SEARCH in a charset other than UTF-8 or US-ASCII are read as latin1 so the session
 * can answer NO [BADCHARSET] (not BAD for the bytes).
 */
export function setSearchCharset(lx: Lexer, charset: string | null): void {
  lx.strictUtf8 = charset === null || charset === 'UTF-8' || charset === 'US-ASCII' || charset === 'UTF8';
}

/** search-key *(SP search-key), to the end of the command. */
export function parseSearchKeys(lx: Lexer): SearchKey[] {
  const keys: SearchKey[] = [parseSearchKey(lx)];
  while (!lx.atEnd()) {
    if (lx.peek() === RPAREN) lx.fail('Unbalanced ")" in search keys');
    lx.sp('search key');
    keys.push(parseSearchKey(lx));
  }
  return keys;
}

function date(lx: Lexer, key: string): ImapDate {
  // date = date-text / DQUOTE date-text DQUOTE
  const text = lx.peek() === DQUOTE ? lx.string(`${key} date`) : lx.readAtomChars();
  const d = parseDateText(text);
  if (!d) lx.fail(`Invalid date for ${key}: "${text.slice(0, 20)}" (expected d-Mon-yyyy)`);
  return d;
}

/** objectid = 1*255(ALPHA / DIGIT / "_" / "-") (RFC 8474 5) */
function objectId(lx: Lexer, key: string): string {
  const id = lx.readAtomChars((c) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2d);
  if (!id || id.length > 255) lx.fail(`Invalid object id for ${key}`);
  return id;
}

export function parseSearchKey(lx: Lexer): SearchKey {
  const c = lx.peek();
  if (c === LPAREN) {
    lx.expect(LPAREN, '');
    lx.enter();
    const keys: SearchKey[] = [parseSearchKey(lx)];
    while (!lx.eat(RPAREN)) {
      if (lx.atEnd()) lx.fail('Missing ")" to close a search key group');
      if (!lx.eat(SP)) lx.fail(`Expected SP or ")" in search key group, got ${lx.excerpt()}`);
      keys.push(parseSearchKey(lx));
    }
    lx.leave();
    return { type: 'AND', keys };
  }
  if ((c >= 0x30 && c <= 0x39) || c === 0x2a || c === 0x24) {
    return { type: 'SEQUENCE', set: parseSequenceSet(lx.sequenceText(), { maxRanges: lx.limits.maxSequenceRanges, tag: lx.tag }) };
  }
  if (c === RPAREN) lx.fail('Unbalanced ")" in search keys');
  if (c === AT_LITERAL || c === DQUOTE) lx.fail('Expected a search key, got a string');
  if (c < 0) lx.fail('Expected a search key');
  const key = lx.readAtomChars().toUpperCase();
  if (!key) lx.fail(`Expected a search key, got ${lx.excerpt()}`);
  if (FLAG_KEYS.has(key)) return { type: key as (typeof SEARCH_FLAG_KEYS)[number] };
  if (STRING_KEYS.has(key)) {
    lx.sp(key);
    return { type: key as (typeof SEARCH_STRING_KEYS)[number], value: lx.astring(`${key} value`) };
  }
  if (DATE_KEYS.has(key)) {
    lx.sp(key);
    return { type: key as (typeof SEARCH_DATE_KEYS)[number], date: date(lx, key) };
  }
  switch (key) {
    case 'KEYWORD':
    case 'UNKEYWORD': {
      lx.sp(key);
      const flag = lx.atom(`${key} flag`);
      return { type: key, flag };
    }
    case 'HEADER': {
      lx.sp(key);
      const field = lx.astring('HEADER field name');
      lx.sp('HEADER field name');
      return { type: 'HEADER', field, value: lx.astring('HEADER value') };
    }
    case 'LARGER':
    case 'SMALLER':
      lx.sp(key);
      return { type: key, size: lx.number(`${key} size`, MAX_NUMBER64) };
    case 'UID':
      lx.sp(key);
      return { type: 'UID', set: parseSequenceSet(lx.sequenceText(), { maxRanges: lx.limits.maxSequenceRanges, tag: lx.tag }) };
    case 'NOT': {
      lx.sp(key);
      lx.enter();
      const inner = parseSearchKey(lx);
      lx.leave();
      return { type: 'NOT', key: inner };
    }
    case 'OR': {
      lx.sp(key);
      lx.enter();
      const left = parseSearchKey(lx);
      lx.sp('first OR key');
      const right = parseSearchKey(lx);
      lx.leave();
      return { type: 'OR', left, right };
    }
    case 'MODSEQ': {
      // search-modsequence = "MODSEQ" [search-modseq-ext] SP mod-sequence-valzer
      // search-modseq-ext = SP entry-name SP entry-type-req
      lx.sp(key);
      let entry: Extract<SearchKey, { type: 'MODSEQ' }>['entry'] = null;
      if (lx.peek() === DQUOTE) {
        const name = lx.string('MODSEQ entry name');
        // entry-flag-name = DQUOTE "/flags/" attr-flag DQUOTE
        if (!name.toLowerCase().startsWith('/flags/') || name.length === 7) lx.fail(`Invalid MODSEQ entry name "${name}"`);
        lx.sp('MODSEQ entry name');
        const kind = lx.atom('MODSEQ entry type').toLowerCase();
        if (kind !== 'priv' && kind !== 'shared' && kind !== 'all') lx.fail(`Invalid MODSEQ entry type ${kind}`);
        lx.sp('MODSEQ entry type');
        entry = { flag: name.slice(7), kind };
      }
      return { type: 'MODSEQ', modseq: lx.modseq('MODSEQ', true), entry };
    }
    case 'OLDER':
    case 'YOUNGER':
      lx.sp(key);
      return { type: key, seconds: lx.nzNumber(`${key} interval`) };
    case 'EMAILID':
    case 'THREADID':
      lx.sp(key);
      return { type: key, id: objectId(lx, key) };
  }
  return lx.fail(`Unknown search key ${key}`);
}
