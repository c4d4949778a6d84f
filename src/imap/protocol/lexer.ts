// Token-level reading of one command (RFC 9051 9 formal syntax): atoms, numbers, quoted strings,
// literals, astrings, flags, nesting. Works on the RawCommand the reader produced: the text lives
// in segments, and the end of every segment but the last is where a literal stands.
import { ImapParseError } from './errors.js';
import type { ImapLimits } from './limits.js';
import { isAtomChar, type RawCommand, type RawLiteral } from './reader.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export const SP = 0x20;
export const LPAREN = 0x28;
export const RPAREN = 0x29;
export const DQUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const LBRACKET = 0x5b;
export const RBRACKET = 0x5d;

/** RFC 7162 7: mod-sequence values are positive 63-bit integers. */
export const MAX_MODSEQ = 2n ** 63n - 1n;

/** RFC 9051 9: `number` is an unsigned 32-bit integer. */
export const MAX_NUMBER = 0xffff_ffff;

/** What `peek()` returns at the end of a segment that a literal follows. */
export const AT_LITERAL = -2;
/** What `peek()` returns at the end of the command. */
export const AT_END = -1;

/** ASTRING-CHAR = ATOM-CHAR / resp-specials ("]"). */
export function isAstringChar(c: number): boolean {
  return isAtomChar(c) || c === RBRACKET;
}

/** list-char = ATOM-CHAR / list-wildcards / resp-specials (RFC 9051 9). */
export function isListChar(c: number): boolean {
  return isAtomChar(c) || c === 0x25 || c === 0x2a || c === RBRACKET;
}

export class Lexer {
  tag: string | null = null;
  /** Decode strings as UTF-8 and refuse invalid ones (off for SEARCH in another charset). */
  strictUtf8 = true;
  private seg = 0;
  private buf: Buffer;
  pos = 0;
  private depth = 0;

  constructor(
    readonly command: RawCommand,
    readonly limits: ImapLimits,
  ) {
    this.buf = command.segments[0] ?? Buffer.alloc(0);
  }

  fail(message: string, code: ImapParseError['code'] = null): never {
    throw new ImapParseError(message, this.tag, code);
  }

  /** The next byte, AT_LITERAL where a literal follows, AT_END at the end of the command. */
  peek(): number {
    if (this.pos < this.buf.length) return this.buf[this.pos];
    return this.seg < this.command.literals.length ? AT_LITERAL : AT_END;
  }

  atEnd(): boolean {
    return this.peek() === AT_END;
  }

  /** Consume `c` if it is next. */
  eat(c: number): boolean {
    if (this.pos < this.buf.length && this.buf[this.pos] === c) {
      this.pos++;
      return true;
    }
    return false;
  }

  /** Consume the ASCII text `s` (case-insensitive) if it is next and not followed by an atom char. */
  eatWord(s: string): boolean {
    const end = this.pos + s.length;
    if (end > this.buf.length) return false;
    if (this.buf.toString('latin1', this.pos, end).toUpperCase() !== s) return false;
    if (end < this.buf.length && isAtomChar(this.buf[end])) return false;
    this.pos = end;
    return true;
  }

  expect(c: number, message: string): void {
    if (!this.eat(c)) this.fail(message);
  }

  /** Exactly one SP: "Expected SP after <after>". */
  sp(after: string): void {
    if (!this.eat(SP)) this.fail(`Expected SP after ${after}`);
  }

  /** The command must end here. */
  end(what: string): void {
    const c = this.peek();
    if (c === AT_END) return;
    if (c === SP && this.pos + 1 >= this.buf.length) {
      this.fail(this.seg < this.command.literals.length ? `Unexpected literal after ${what}` : `Unexpected trailing space after ${what}`);
    }
    if (c === AT_LITERAL) this.fail(`Unexpected literal after ${what}`);
    this.fail(`Unexpected characters after ${what}: ${this.excerpt()}`);
  }

  /** A short printable excerpt of what follows, for error messages. */
  excerpt(): string {
    const c = this.peek();
    if (c === AT_LITERAL) return 'a literal';
    if (c === AT_END) return 'end of command';
    let s = this.buf.toString('latin1', this.pos, Math.min(this.buf.length, this.pos + 24)).replace(/[^\x20-\x7e]/g, '?');
    if (this.pos + 24 < this.buf.length) s += '...';
    return `"${s}"`;
  }

  /** Enter a nesting level (a parenthesised list, OR, NOT); refused over maxNestingDepth. */
  enter(): void {
    if (++this.depth > this.limits.maxNestingDepth) {
      this.fail(`Nesting too deep (over ${this.limits.maxNestingDepth} levels)`, 'LIMIT');
    }
  }

  leave(): void {
    this.depth--;
  }

  /** 1*ATOM-CHAR as latin1 text; "" when none. */
  readAtomChars(pred: (c: number) => boolean = isAtomChar): string {
    const start = this.pos;
    while (this.pos < this.buf.length && pred(this.buf[this.pos])) this.pos++;
    return this.buf.toString('latin1', start, this.pos);
  }

  /** atom = 1*ATOM-CHAR */
  atom(what: string): string {
    const a = this.readAtomChars();
    if (!a) this.fail(`Expected ${what}, got ${this.excerpt()}`);
    return a;
  }

  /** An atom upper-cased: command names, keywords, options. */
  keyword(what: string): string {
    return this.atom(what).toUpperCase();
  }

  /** number = 1*DIGIT (32-bit unsigned); a larger `max` for number64 and mod-sequence values. */
  number(what: string, max = MAX_NUMBER): number {
    const start = this.pos;
    const n = this.digits(what, max);
    if (this.pos < this.buf.length && isAtomChar(this.buf[this.pos])) {
      this.pos = start;
      this.fail(`Expected a number for ${what}, got ${this.excerpt()}`);
    }
    return n;
  }

  /** 1*DIGIT without looking at what follows (for "1.2.MIME" and "<0.100>"). */
  digits(what: string, max = MAX_NUMBER): number {
    const start = this.pos;
    while (this.pos < this.buf.length && this.buf[this.pos] >= 0x30 && this.buf[this.pos] <= 0x39) this.pos++;
    if (start === this.pos) this.fail(`Expected a number for ${what}, got ${this.excerpt()}`);
    const digits = this.buf.toString('latin1', start, this.pos);
    const significant = digits.replace(/^0+(?=\d)/, '');
    const n = significant.length > 16 ? Infinity : Number(significant);
    if (n > max) this.fail(`Number too large for ${what}: ${digits}`);
    return n;
  }

  /**
   * mod-sequence-value = 1*DIGIT, 1 <= n <= 2^63-1 (RFC 7162 7), as a bigint: the RFC's own examples
   * (20050715194045000) are past 2^53. mod-sequence-valzer when `allowZero`.
   */
  modseq(what: string, allowZero: boolean): bigint {
    const start = this.pos;
    while (this.pos < this.buf.length && this.buf[this.pos] >= 0x30 && this.buf[this.pos] <= 0x39) this.pos++;
    if (start === this.pos || (this.pos < this.buf.length && isAtomChar(this.buf[this.pos]))) {
      this.pos = start;
      this.fail(`Expected a mod-sequence for ${what}, got ${this.excerpt()}`);
    }
    const digits = this.buf.toString('latin1', start, this.pos);
    const n = digits.length > 25 ? MAX_MODSEQ + 1n : BigInt(digits);
    if (n > MAX_MODSEQ) this.fail(`Mod-sequence too large for ${what}: ${digits.slice(0, 25)}`);
    if (n === 0n && !allowZero) this.fail(`${what} must not be zero`);
    return n;
  }

  /** nz-number = digit-nz *DIGIT */
  nzNumber(what: string, max = MAX_NUMBER): number {
    const n = this.number(what, max);
    if (n === 0) this.fail(`${what} must not be zero`);
    return n;
  }

  /** A literal at this point, or null. */
  literal(): RawLiteral | null {
    if (this.peek() !== AT_LITERAL) return null;
    const lit = this.command.literals[this.seg];
    this.seg++;
    this.buf = this.command.segments[this.seg];
    this.pos = 0;
    return lit;
  }

  /** quoted = DQUOTE *QUOTED-CHAR DQUOTE, as raw bytes; null when not at a quote. */
  quotedBytes(what: string): Buffer | null {
    if (!this.eat(DQUOTE)) return null;
    let start = this.pos;
    const chunks: Buffer[] = [];
    for (;;) {
      if (this.pos >= this.buf.length) this.fail(`Unterminated quoted string in ${what}`);
      const c = this.buf[this.pos];
      if (c === DQUOTE) break;
      if (c === BACKSLASH) {
        // QUOTED-CHAR: "\" quoted-specials only.
        const n = this.buf[this.pos + 1];
        if (n !== DQUOTE && n !== BACKSLASH) this.fail(`Invalid escape in quoted string in ${what}`);
        chunks.push(this.buf.subarray(start, this.pos));
        this.pos++;
        start = this.pos;
      } else if (c === 0) {
        this.fail(`NUL in quoted string in ${what}`);
      }
      this.pos++;
    }
    chunks.push(this.buf.subarray(start, this.pos));
    this.pos++;
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
  }

  /** string = quoted / literal, as raw bytes. */
  stringBytes(what: string, opts: { binary?: boolean } = {}): Buffer {
    const q = this.quotedBytes(what);
    if (q) return q;
    const lit = this.literal();
    if (lit) {
      if (lit.binary && !opts.binary) this.fail(`literal8 not allowed in ${what}`);
      if (!lit.binary && !opts.binary && lit.data.includes(0)) this.fail(`NUL in literal in ${what}`);
      return lit.data;
    }
    return this.fail(`Expected a string for ${what}, got ${this.excerpt()}`);
  }

  /** Bytes to text: UTF-8 (RFC 9051 allows it in quoted strings and literals). */
  decode(bytes: Buffer, what: string): string {
    if (!this.strictUtf8) return bytes.toString('latin1');
    // Fast path: 7-bit.
    let ascii = true;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] > 0x7f) {
        ascii = false;
        break;
      }
    }
    if (ascii) return bytes.toString('latin1');
    try {
      return utf8.decode(bytes);
    } catch {
      return this.fail(`Invalid UTF-8 in ${what}`);
    }
  }

  string(what: string): string {
    return this.decode(this.stringBytes(what), what);
  }

  /** astring = 1*ASTRING-CHAR / string */
  astringBytes(what: string): Buffer {
    const c = this.peek();
    if (c === DQUOTE || c === AT_LITERAL) return this.stringBytes(what);
    const start = this.pos;
    while (this.pos < this.buf.length && isAstringChar(this.buf[this.pos])) this.pos++;
    if (start === this.pos) this.fail(`Expected ${what}, got ${this.excerpt()}`);
    return this.buf.subarray(start, this.pos);
  }

  astring(what: string): string {
    return this.decode(this.astringBytes(what), what);
  }

  /** nstring = string / nil; null for NIL. */
  nstring(what: string): string | null {
    if (this.eatWord('NIL')) return null;
    return this.string(what);
  }

  /** mailbox = "INBOX" / astring; INBOX in any case means INBOX (RFC 9051 5.1). */
  mailbox(what = 'mailbox name'): string {
    const name = this.astring(what);
    return name.toUpperCase() === 'INBOX' ? 'INBOX' : name;
  }

  /** list-mailbox = 1*list-char / string */
  listMailbox(what: string): string {
    const c = this.peek();
    if (c === DQUOTE || c === AT_LITERAL) return this.string(what);
    const s = this.readAtomChars(isListChar);
    if (!s) this.fail(`Expected ${what}, got ${this.excerpt()}`);
    return this.decode(Buffer.from(s, 'latin1'), what);
  }

  /**
   * flag = "\" atom (system flags and flag-extension) / atom (keyword). System flags come back in
   * their canonical case ("\seen" -> "\Seen").
   */
  flag(what = 'flag'): string {
    if (this.eat(BACKSLASH)) {
      const name = this.readAtomChars();
      if (!name) this.fail(`Invalid ${what}: "\\" without a name`);
      return canonicalFlag('\\' + name);
    }
    const kw = this.readAtomChars();
    if (!kw) this.fail(`Expected ${what}, got ${this.excerpt()}`);
    return kw;
  }

  /** "(" [item *(SP item)] ")" with nesting counted. `allowEmpty` for `()`. */
  list<T>(what: string, item: () => T, allowEmpty = true): T[] {
    this.expect(LPAREN, `Expected "(" to start ${what}, got ${this.excerpt()}`);
    this.enter();
    const out: T[] = [];
    if (!this.eat(RPAREN)) {
      for (;;) {
        out.push(item());
        if (this.eat(RPAREN)) break;
        if (!this.eat(SP)) this.fail(`Expected SP or ")" in ${what}, got ${this.excerpt()}`);
      }
    } else if (!allowEmpty) {
      this.fail(`Empty ${what}`);
    }
    this.leave();
    return out;
  }

  /** The raw text of a sequence set (validated by the caller). */
  sequenceText(): string {
    return this.readAtomChars((c) => (c >= 0x30 && c <= 0x39) || c === 0x3a || c === 0x2c || c === 0x2a || c === 0x24);
  }
}

const SYSTEM_FLAGS = new Map(
  ['\\Answered', '\\Flagged', '\\Deleted', '\\Seen', '\\Draft', '\\Recent'].map((f) => [f.toUpperCase(), f]),
);

/** System flags in their canonical spelling; other flags unchanged. */
export function canonicalFlag(flag: string): string {
  return flag.startsWith('\\') ? (SYSTEM_FLAGS.get(flag.toUpperCase()) ?? flag) : flag;
}
