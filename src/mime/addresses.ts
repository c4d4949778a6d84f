// RFC 5322 3.4 address-list parser. It never throws: whatever it cannot make
// sense of is skipped or kept as a mailbox with missing parts, and it stops
// after `maxAddresses` entries so a header with a million commas is cheap.
import { decodeWords } from './headers.js';

/** A single mailbox. Strings are raw: quotes/comments removed, RFC 2047 words still encoded. */
export interface AddressMailbox {
  name: string | null;
  /** Obsolete source route (RFC 5322 4.4), e.g. "@a,@b" — IMAP's "adl". */
  route: string | null;
  /** Local part, unquoted (as IMAP ENVELOPE reports it). Null when missing. */
  mailbox: string | null;
  host: string | null;
}

/** `name: member, member;` (RFC 5322 3.4). */
export interface AddressGroup {
  group: string;
  members: AddressMailbox[];
}

export type AddressNode = AddressMailbox | AddressGroup;

/** A flattened, display-ready address: decoded name ("" if none) and addr-spec. */
export interface MailAddress {
  name: string;
  address: string;
}

export const DEFAULT_MAX_ADDRESSES = 1000;

export function isGroup(n: AddressNode): n is AddressGroup {
  return (n as AddressGroup).group !== undefined;
}

type TokKind = 'atom' | 'quoted' | 'special' | 'literal' | 'comment';
interface Tok {
  k: TokKind;
  v: string;
  /** Whitespace or a comment came right before this token (phrases keep one space there). */
  sp: boolean;
}

const SPECIALS = '<>@,;:.';

function tokenize(s: string): Tok[] {
  const toks: Tok[] = [];
  let sp = false;
  let i = 0;
  let quotesBroken = false; // after one unterminated quote, '"' is junk (keeps this linear)
  while (i < s.length) {
    const c = s[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      sp = true;
      i++;
    } else if (c === '(') {
      // Comment: nested parens and quoted-pairs (RFC 5322 3.2.2).
      let depth = 0;
      let v = '';
      for (; i < s.length; i++) {
        const d = s[i];
        if (d === '\\' && i + 1 < s.length) { v += s[++i]; continue; }
        if (d === '(') { if (depth++ === 0) continue; }
        else if (d === ')') { if (--depth === 0) { i++; break; } }
        v += d;
      }
      toks.push({ k: 'comment', v: v.trim().replace(/\s+/g, ' '), sp });
      sp = true;
    } else if (c === '"' && quotesBroken) {
      i++;
    } else if (c === '"') {
      let v = '';
      let j = i + 1;
      let closed = false;
      for (; j < s.length; j++) {
        const d = s[j];
        if (d === '\\' && j + 1 < s.length) v += s[++j];
        else if (d === '"') { closed = true; j++; break; }
        else if (d !== '\r' && d !== '\n') v += d;
      }
      if (!closed) {
        // Unterminated quote: drop the stray '"' and tokenize the rest normally.
        quotesBroken = true;
        i++;
        continue;
      }
      toks.push({ k: 'quoted', v, sp });
      i = j;
      sp = false;
    } else if (c === '[') {
      const close = s.indexOf(']', i);
      const e = close === -1 ? s.length : close + 1;
      toks.push({ k: 'literal', v: s.slice(i, e), sp });
      i = e;
      sp = false;
    } else if (c === ')') {
      // A stray ')' outside any comment is junk: skip it (the atom branch below stops on it and
      // would never advance).
      i++;
    } else if (SPECIALS.includes(c)) {
      toks.push({ k: 'special', v: c, sp });
      i++;
      sp = false;
    } else {
      let e = i;
      while (e < s.length && !' \t\r\n()"['.includes(s[e]) && !SPECIALS.includes(s[e])) e++;
      // Whatever this character is, the loop must move on: never an empty atom.
      if (e === i) e = i + 1;
      toks.push({ k: 'atom', v: s.slice(i, e), sp });
      i = e;
      sp = false;
    }
  }
  return toks;
}

const isSpecial = (t: Tok | undefined, v: string) => t !== undefined && t.k === 'special' && t.v === v;

/** Display-name text: words joined with one space where the source had whitespace. */
function phraseText(toks: Tok[]): string {
  let out = '';
  for (const t of toks) {
    if (t.k === 'comment') continue;
    if (out && t.sp) out += ' ';
    out += t.v;
  }
  return out;
}

function addrSpec(toks: Tok[]): { mailbox: string | null; host: string | null } {
  const clean = toks.filter((t) => t.k !== 'comment');
  let at = -1;
  for (let i = clean.length - 1; i >= 0; i--) if (isSpecial(clean[i], '@')) { at = i; break; }
  const local = at === -1 ? clean : clean.slice(0, at);
  const domain = at === -1 ? [] : clean.slice(at + 1);
  const lp = local
    .filter((t) => t.k === 'atom' || t.k === 'quoted' || isSpecial(t, '.'))
    .map((t) => t.v)
    .join('');
  const dom = domain
    .filter((t) => t.k === 'atom' || t.k === 'literal' || isSpecial(t, '.'))
    .map((t) => t.v)
    .join('');
  return { mailbox: lp || null, host: at === -1 ? null : dom || null };
}

/** Turn the tokens of one mailbox (up to a top-level ',' or ';') into a structure. */
function interpretMailbox(toks: Tok[]): AddressMailbox | null {
  if (!toks.some((t) => t.k !== 'comment')) return null;
  const lt = toks.findIndex((t) => isSpecial(t, '<'));
  if (lt >= 0) {
    let gt = toks.findIndex((t, i) => i > lt && isSpecial(t, '>'));
    if (gt === -1) gt = toks.length;
    let inner = toks.slice(lt + 1, gt);
    let name: string | null = phraseText(toks.slice(0, lt)) || null;
    if (name === null) {
      // `<a@b> (Real Name)`: use a trailing comment as the name, like Dovecot.
      const c = toks.slice(gt + 1).find((t) => t.k === 'comment' && t.v);
      name = c ? c.v : null;
    }
    let route: string | null = null;
    if (isSpecial(inner.find((t) => t.k !== 'comment'), '@')) {
      const colon = inner.findIndex((t) => isSpecial(t, ':'));
      if (colon >= 0) {
        route = inner.slice(0, colon).filter((t) => t.k !== 'comment').map((t) => t.v).join('') || null;
        inner = inner.slice(colon + 1);
      }
    }
    return { name, route, ...addrSpec(inner) };
  }
  const words = toks.filter((t) => t.k !== 'comment');
  const hasAt = words.some((t) => isSpecial(t, '@'));
  const comments = toks.filter((t) => t.k === 'comment' && t.v);
  if (!hasAt && words.length > 1 && !words.some((t) => isSpecial(t, '.'))) {
    // "John Smith" with no address at all: keep it as a name.
    return { name: phraseText(words), route: null, mailbox: null, host: null };
  }
  // `addr@host (Real Name)`: the comment is the name (RFC 822 habit).
  const name = comments.length ? comments[comments.length - 1].v : null;
  return { name, route: null, ...addrSpec(toks) };
}

class Parser {
  i = 0;
  count = 0;
  constructor(
    private toks: Tok[],
    private max: number,
  ) {}

  /** Index of the token that ends the group name, if the item at i is `name:`. */
  private groupColon(): number {
    for (let j = this.i; j < this.toks.length; j++) {
      const t = this.toks[j];
      if (t.k !== 'special' || t.v === '.') continue;
      return t.v === ':' ? j : -1;
    }
    return -1;
  }

  /** Collect tokens of one mailbox; ',' / ';' end it except inside <...>. */
  private mailbox(): AddressMailbox | null {
    const start = this.i;
    let angle = false;
    while (this.i < this.toks.length) {
      const t = this.toks[this.i];
      if (t.k === 'special') {
        if (t.v === '<') angle = true;
        else if (t.v === '>') angle = false;
        else if (t.v === ',' || t.v === ';') {
          // Inside <...> a ',' only continues an obsolete route ("<@a,@b:x@y>");
          // otherwise the '>' is missing and the comma ends the mailbox.
          if (!angle || !(t.v === ',' && isSpecial(this.toks[this.i + 1], '@'))) break;
        }
      }
      this.i++;
    }
    const mb = interpretMailbox(this.toks.slice(start, this.i));
    if (mb) this.count++;
    return mb;
  }

  parse(): AddressNode[] {
    const out: AddressNode[] = [];
    const toks = this.toks;
    while (this.i < toks.length && this.count < this.max) {
      const t = toks[this.i];
      if (isSpecial(t, ',') || isSpecial(t, ';')) {
        this.i++; // empty item, or ';' used as a separator (common user habit)
        continue;
      }
      const colon = this.groupColon();
      if (colon >= 0) {
        const group = phraseText(toks.slice(this.i, colon));
        this.i = colon + 1;
        this.count++;
        const members: AddressMailbox[] = [];
        while (this.i < toks.length && this.count < this.max) {
          const u = toks[this.i];
          if (isSpecial(u, ';')) { this.i++; break; }
          if (isSpecial(u, ',')) { this.i++; continue; }
          const mb = this.mailbox();
          if (mb) members.push(mb);
        }
        out.push({ group, members });
        continue;
      }
      const mb = this.mailbox();
      if (mb) out.push(mb);
    }
    return out;
  }
}

/** Parse an address-list header value (From, To, Cc, ...). */
export function parseAddressList(input: string, opts: { maxAddresses?: number } = {}): AddressNode[] {
  const max = opts.maxAddresses ?? DEFAULT_MAX_ADDRESSES;
  // A hard bound on work too: a header this long has no business being parsed fully.
  const text = input.length > 1_000_000 ? input.slice(0, 1_000_000) : input;
  return new Parser(tokenize(text), max).parse();
}

/** mailbox@host, quoting the local part when it is not a dot-atom (RFC 5322 3.4.1). */
export function formatAddrSpec(mailbox: string | null, host: string | null): string {
  if (!mailbox) return host ? '@' + host : '';
  const dotAtom = /^[^\s"(),.:;<>@[\\\]]+(\.[^\s"(),.:;<>@[\\\]]+)*$/.test(mailbox);
  const local = dotAtom ? mailbox : '"' + mailbox.replace(/(["\\])/g, '\\$1') + '"';
  return host ? local + '@' + host : local;
}

/** Group members flattened, names RFC 2047-decoded; entries without a mailbox are dropped. */
export function flattenAddresses(nodes: AddressNode[]): MailAddress[] {
  const out: MailAddress[] = [];
  const add = (m: AddressMailbox) => {
    if (!m.mailbox) return;
    out.push({ name: m.name ? decodeWords(m.name).trim() : '', address: formatAddrSpec(m.mailbox, m.host) });
  };
  for (const n of nodes) {
    if (isGroup(n)) n.members.forEach(add);
    else add(n);
  }
  return out;
}
