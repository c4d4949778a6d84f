// RFC 5228 2 lexical structure: identifiers, :tags, numbers with K/M/G, quoted strings, text:
// multi-line strings, brackets and comments. Positions are line:column in code points. The lexer
// never allocates more than the script itself; the caller bounds the script size.
import { SieveSyntaxError, type Pos } from './errors.js';

export type Punct = '[' | ']' | '(' | ')' | ',' | ';' | '{' | '}';

export type Token =
  | { t: 'id'; v: string; pos: Pos }
  | { t: 'tag'; v: string; pos: Pos }
  | { t: 'num'; v: number; pos: Pos }
  | { t: 'str'; v: string; pos: Pos; multiline: boolean }
  | { t: 'punct'; v: Punct; pos: Pos }
  | { t: 'eof'; pos: Pos };

const QUANT: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 };
const MAX_NUMBER = 2 ** 53 - 1;

function isIdStart(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}
function isIdChar(c: number): boolean {
  return isIdStart(c) || (c >= 0x30 && c <= 0x39);
}
function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** How a token is shown in "expected …, found …" messages. */
export function describeToken(tok: Token): string {
  switch (tok.t) {
    case 'id': return `identifier "${tok.v}"`;
    case 'tag': return `tag :${tok.v}`;
    case 'num': return `number ${tok.v}`;
    case 'str': return tok.multiline ? 'multi-line string' : 'string';
    case 'punct': return `"${tok.v}"`;
    case 'eof': return 'end of script';
  }
}

export class Lexer {
  private i = 0;
  private line = 1;
  private lineStart = 0;
  /** Code points before `i` on the current line that were surrogate pairs (counted once). */
  private pairs = 0;

  constructor(private readonly src: string) {}

  pos(): Pos {
    return { line: this.line, col: this.i - this.lineStart - this.pairs + 1 };
  }

  private fail(pos: Pos, msg: string): never {
    throw new SieveSyntaxError(pos, msg);
  }

  /** Advance one UTF-16 unit, keeping line/column. */
  private adv(): void {
    const c = this.src.charCodeAt(this.i++);
    if (c === 0x0a) {
      this.line++;
      this.lineStart = this.i;
      this.pairs = 0;
    } else if (c >= 0xdc00 && c <= 0xdfff && this.i >= 2) {
      const p = this.src.charCodeAt(this.i - 2);
      if (p >= 0xd800 && p <= 0xdbff) this.pairs++;
    }
  }

  private skipSpace(): void {
    const s = this.src;
    for (;;) {
      const c = s.charCodeAt(this.i);
      if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a) this.adv();
      else if (c === 0x23 /* # */) {
        while (this.i < s.length && s.charCodeAt(this.i) !== 0x0a) this.adv();
      } else if (c === 0x2f /* / */ && s.charCodeAt(this.i + 1) === 0x2a /* * */) {
        const start = this.pos();
        const end = s.indexOf('*/', this.i + 2);
        if (end === -1) this.fail(start, 'unterminated comment: "/*" without "*/"');
        while (this.i < end + 2) this.adv();
      } else return;
    }
  }

  /** Where the last token ended (for "missing ;" errors, which belong after it). */
  lastEnd: Pos = { line: 1, col: 1 };

  next(): Token {
    const t = this.scan();
    this.lastEnd = this.pos();
    return t;
  }

  private scan(): Token {
    this.skipSpace();
    const s = this.src;
    const pos = this.pos();
    if (this.i >= s.length) return { t: 'eof', pos };
    const c = s.charCodeAt(this.i);
    if (isIdStart(c)) {
      const st = this.i;
      while (this.i < s.length && isIdChar(s.charCodeAt(this.i))) this.adv();
      const word = s.slice(st, this.i).toLowerCase();
      if (word === 'text' && s.charCodeAt(this.i) === 0x3a /* : */) {
        this.adv();
        return { t: 'str', v: this.multiline(pos), pos, multiline: true };
      }
      return { t: 'id', v: word, pos };
    }
    if (c === 0x3a /* : */) {
      this.adv();
      if (!isIdStart(s.charCodeAt(this.i))) this.fail(pos, 'expected a tag name after ":"');
      const st = this.i;
      while (this.i < s.length && isIdChar(s.charCodeAt(this.i))) this.adv();
      return { t: 'tag', v: s.slice(st, this.i).toLowerCase(), pos };
    }
    if (isDigit(c)) {
      const st = this.i;
      while (this.i < s.length && isDigit(s.charCodeAt(this.i))) this.adv();
      let v = Number(s.slice(st, this.i));
      const q = QUANT[s[this.i]?.toLowerCase() ?? ''];
      if (q) {
        this.adv();
        v *= q;
      }
      if (isIdChar(s.charCodeAt(this.i))) this.fail(this.pos(), `unexpected "${s[this.i]}" after a number (quantifiers are K, M and G)`);
      if (v > MAX_NUMBER) this.fail(pos, 'number is too large');
      return { t: 'num', v, pos };
    }
    if (c === 0x22 /* " */) return { t: 'str', v: this.quoted(pos), pos, multiline: false };
    const ch = s[this.i]!;
    if ('[](),;{}'.includes(ch)) {
      this.adv();
      return { t: 'punct', v: ch as Punct, pos };
    }
    const cp = s.codePointAt(this.i)!;
    const shown = cp < 0x20 || cp === 0x7f ? `\\x${cp.toString(16).padStart(2, '0')}` : String.fromCodePoint(cp);
    this.fail(pos, `unexpected character "${shown}"`);
  }

  // RFC 5228 2.4.2: "\" followed by any character stands for that character.
  private quoted(start: Pos): string {
    const s = this.src;
    this.adv();
    let out = '';
    let run = this.i;
    for (;;) {
      if (this.i >= s.length) this.fail(start, 'unterminated string: missing closing quote');
      const c = s.charCodeAt(this.i);
      if (c === 0x22) {
        out += s.slice(run, this.i);
        this.adv();
        return out;
      }
      if (c === 0x5c /* \ */) {
        out += s.slice(run, this.i);
        this.adv();
        if (this.i >= s.length) this.fail(start, 'unterminated string: missing closing quote');
        run = this.i;
        this.adv();
        continue;
      }
      this.adv();
    }
  }

  // RFC 5228 2.4.2: `text:` [comment] CRLF, lines, "." CRLF; a leading "." of a line is removed.
  private multiline(start: Pos): string {
    const s = this.src;
    while (s.charCodeAt(this.i) === 0x20 || s.charCodeAt(this.i) === 0x09) this.adv();
    if (s.charCodeAt(this.i) === 0x23) {
      while (this.i < s.length && s.charCodeAt(this.i) !== 0x0a) this.adv();
    }
    if (s.charCodeAt(this.i) === 0x0d) this.adv();
    if (s.charCodeAt(this.i) !== 0x0a) this.fail(this.pos(), 'expected a line break after "text:"');
    this.adv();
    const lines: string[] = [];
    for (;;) {
      if (this.i >= s.length) this.fail(start, 'unterminated multi-line string: missing a line with a single "."');
      let nl = s.indexOf('\n', this.i);
      if (nl === -1) nl = s.length;
      let line = s.slice(this.i, nl);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      while (this.i < nl) this.adv();
      if (this.i < s.length) this.adv();
      if (line === '.') break;
      lines.push(line.startsWith('.') ? line.slice(1) : line);
    }
    return lines.length ? lines.join('\r\n') + '\r\n' : '';
  }
}

/** Position of the first byte that is not UTF-8, or null. */
export function invalidUtf8Pos(buf: Buffer): Pos | null {
  let line = 1;
  let col = 1;
  for (let i = 0; i < buf.length; ) {
    const b = buf[i]!;
    let n = 0;
    if (b < 0x80) n = 1;
    else if (b >= 0xc2 && b <= 0xdf) n = 2;
    else if (b >= 0xe0 && b <= 0xef) n = 3;
    else if (b >= 0xf0 && b <= 0xf4) n = 4;
    else return { line, col };
    for (let k = 1; k < n; k++) {
      const cb = buf[i + k];
      if (cb === undefined || (cb & 0xc0) !== 0x80) return { line, col };
    }
    if (n === 3) {
      const v = ((b & 0x0f) << 12) | ((buf[i + 1]! & 0x3f) << 6);
      if (v < 0x800 || (v >= 0xd800 && v <= 0xdfff)) return { line, col };
    } else if (n === 4) {
      const v = ((b & 0x07) << 18) | ((buf[i + 1]! & 0x3f) << 12);
      if (v < 0x10000 || v > 0x10ffff) return { line, col };
    }
    if (b === 0x0a) {
      line++;
      col = 1;
    } else col++;
    i += n;
  }
  return null;
}
