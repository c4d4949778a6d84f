// A POSIX extended regular expression engine for the Sieve :regex match type
// (draft-ietf-sieve-regex-01 says POSIX ERE; Pigeonhole uses regcomp(REG_EXTENDED)). It compiles to
// a small NFA program and runs it as a Pike VM: every input character is visited once with at
// most one thread per instruction, so a run costs O(input × program) whatever the pattern —
// `(a*)*b` on a megabyte of "a" is as cheap as `ab`. No backreferences (they cannot be linear).
//
// Matching is leftmost-longest for the whole match like POSIX; submatches follow the priority of
// greedy quantifiers, which agrees with glibc on ordinary patterns (see DIFFERENCES.md).
// Case folding (REG_ICASE, used with i;ascii-casemap) is ASCII-only, like the comparator.
import type { Runtime } from './runtime.js';

export class RegexSyntaxError extends Error {}

export interface RegexOptions {
  icase: boolean;
  /** Most NFA instructions; counted repetition is expanded, so `(a{100}){100}` is large. */
  maxSize: number;
}

type ClassItem = [lo: number, hi: number];
type Node =
  | { t: 'char'; c: number }
  | { t: 'any' }
  | { t: 'class'; ranges: ClassItem[]; neg: boolean }
  | { t: 'cat'; items: Node[] }
  | { t: 'alt'; items: Node[] }
  | { t: 'group'; n: number; node: Node }
  | { t: 'rep'; node: Node; min: number; max: number }
  | { t: 'assert'; kind: Assert }
  | { t: 'empty' };

type Assert = 'bol' | 'eol' | 'word' | 'nonword' | 'wordstart' | 'wordend';

const DUP_MAX = 255; // POSIX RE_DUP_MAX
const MAX_GROUP_DEPTH = 250;

const NAMED: Record<string, ClassItem[]> = {
  alpha: [[0x41, 0x5a], [0x61, 0x7a]],
  digit: [[0x30, 0x39]],
  alnum: [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]],
  upper: [[0x41, 0x5a]],
  lower: [[0x61, 0x7a]],
  space: [[0x09, 0x0d], [0x20, 0x20]],
  blank: [[0x09, 0x09], [0x20, 0x20]],
  punct: [[0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e]],
  print: [[0x20, 0x7e]],
  graph: [[0x21, 0x7e]],
  cntrl: [[0x00, 0x1f], [0x7f, 0x7f]],
  xdigit: [[0x30, 0x39], [0x41, 0x46], [0x61, 0x66]],
};
const WORD: ClassItem[] = [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]];

class Parser {
  i = 0;
  groups = 0;
  depth = 0;
  constructor(private readonly s: string) {}

  fail(msg: string): never {
    throw new RegexSyntaxError(`${msg} at offset ${this.i}`);
  }

  private cp(): number {
    return this.s.codePointAt(this.i)!;
  }

  private take(): number {
    const c = this.cp();
    this.i += c > 0xffff ? 2 : 1;
    return c;
  }

  parse(): Node {
    const n = this.alt();
    if (this.i < this.s.length) this.fail('unmatched ")"');
    return n;
  }

  private alt(): Node {
    const items = [this.cat()];
    while (this.s[this.i] === '|') {
      this.i++;
      items.push(this.cat());
    }
    return items.length === 1 ? items[0]! : { t: 'alt', items };
  }

  private cat(): Node {
    const items: Node[] = [];
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') {
      let atom = this.atom();
      for (;;) {
        const q = this.s[this.i];
        if (q === '*') { this.i++; atom = { t: 'rep', node: atom, min: 0, max: Infinity }; }
        else if (q === '+') { this.i++; atom = { t: 'rep', node: atom, min: 1, max: Infinity }; }
        else if (q === '?') { this.i++; atom = { t: 'rep', node: atom, min: 0, max: 1 }; }
        else if (q === '{' && /^\{\d/.test(this.s.slice(this.i, this.i + 2))) atom = this.bound(atom);
        else break;
        if (atom.t === 'rep' && atom.node.t === 'assert') this.fail('repetition of an anchor');
      }
      items.push(atom);
    }
    return items.length === 1 ? items[0]! : items.length === 0 ? { t: 'empty' } : { t: 'cat', items };
  }

  private bound(node: Node): Node {
    const m = /^\{(\d{1,4})(,(\d{0,4}))?\}/.exec(this.s.slice(this.i, this.i + 12));
    if (!m) this.fail('invalid repetition count');
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    if (min > DUP_MAX || (max !== Infinity && max > DUP_MAX)) this.fail(`repetition count above ${DUP_MAX}`);
    if (max < min) this.fail('invalid repetition count (max below min)');
    this.i += m[0].length;
    return { t: 'rep', node, min, max };
  }

  private atom(): Node {
    const c = this.s[this.i]!;
    switch (c) {
      case '(': {
        this.i++;
        if (++this.depth > MAX_GROUP_DEPTH) this.fail('groups nested too deeply');
        const n = ++this.groups;
        const node = this.s[this.i] === ')' ? ({ t: 'empty' } as Node) : this.alt();
        if (this.s[this.i] !== ')') this.fail('missing ")"');
        this.i++;
        this.depth--;
        return { t: 'group', n, node };
      }
      case '.': this.i++; return { t: 'any' };
      case '^': this.i++; return { t: 'assert', kind: 'bol' };
      case '$': this.i++; return { t: 'assert', kind: 'eol' };
      case '[': return this.bracket();
      case '*': case '+': case '?': this.fail(`"${c}" has nothing to repeat`);
      // eslint-disable-next-line no-fallthrough
      case '{':
        if (/^\{\d/.test(this.s.slice(this.i, this.i + 2))) this.fail('"{" has nothing to repeat');
        this.i++;
        return { t: 'char', c: 0x7b };
      case '\\': return this.escape();
      default: return { t: 'char', c: this.take() };
    }
  }

  private escape(): Node {
    this.i++;
    if (this.i >= this.s.length) this.fail('trailing backslash');
    const c = this.s[this.i]!;
    if (c >= '1' && c <= '9') this.fail('backreferences are not supported');
    this.i++;
    switch (c) {
      case 'w': return { t: 'class', ranges: WORD, neg: false };
      case 'W': return { t: 'class', ranges: WORD, neg: true };
      case 's': return { t: 'class', ranges: NAMED.space!, neg: false };
      case 'S': return { t: 'class', ranges: NAMED.space!, neg: true };
      case 'b': return { t: 'assert', kind: 'word' };
      case 'B': return { t: 'assert', kind: 'nonword' };
      case '<': return { t: 'assert', kind: 'wordstart' };
      case '>': return { t: 'assert', kind: 'wordend' };
      case '`': return { t: 'assert', kind: 'bol' };
      case "'": return { t: 'assert', kind: 'eol' };
      default:
        this.i--;
        return { t: 'char', c: this.take() };
    }
  }

  private bracket(): Node {
    const start = this.i;
    this.i++;
    let neg = false;
    if (this.s[this.i] === '^') {
      neg = true;
      this.i++;
    }
    const ranges: ClassItem[] = [];
    let first = true;
    for (;;) {
      if (this.i >= this.s.length) {
        this.i = start;
        this.fail('unterminated "["');
      }
      if (this.s[this.i] === ']' && !first) {
        this.i++;
        break;
      }
      first = false;
      let lo: number;
      if (this.s.startsWith('[:', this.i)) {
        const end = this.s.indexOf(':]', this.i + 2);
        const name = end < 0 ? '' : this.s.slice(this.i + 2, end);
        const cls = NAMED[name];
        if (!cls) this.fail(`unknown character class "${name}"`);
        ranges.push(...cls);
        this.i = end + 2;
        continue;
      }
      if (this.s.startsWith('[.', this.i) || this.s.startsWith('[=', this.i)) {
        const close = this.s[this.i + 1] + ']';
        const end = this.s.indexOf(close, this.i + 2);
        const inner = end < 0 ? '' : this.s.slice(this.i + 2, end);
        if ([...inner].length !== 1) this.fail('unsupported collating element');
        lo = inner.codePointAt(0)!;
        this.i = end + 2;
      } else lo = this.take();
      if (this.s[this.i] === '-' && this.s[this.i + 1] !== ']' && this.i + 1 < this.s.length) {
        this.i++;
        let hi: number;
        if (this.s.startsWith('[.', this.i)) {
          const end = this.s.indexOf('.]', this.i + 2);
          const inner = end < 0 ? '' : this.s.slice(this.i + 2, end);
          if ([...inner].length !== 1) this.fail('unsupported collating element');
          hi = inner.codePointAt(0)!;
          this.i = end + 2;
        } else hi = this.take();
        if (hi < lo) this.fail('invalid range in bracket expression');
        ranges.push([lo, hi]);
      } else ranges.push([lo, lo]);
    }
    return { t: 'class', ranges, neg };
  }
}

// ---- program ----------------------------------------------------------------------------

const enum Op {
  Char,
  Any,
  Class,
  Split,
  Jmp,
  Save,
  Assert,
  Match,
}

interface Inst {
  op: Op;
  /** Char: code point; Split: first choice; Jmp: target; Save: slot. */
  x: number;
  /** Split: second choice. */
  y: number;
  ranges: ClassItem[] | null;
  neg: boolean;
  kind: Assert | null;
}

function inst(op: Op, x = 0, y = 0): Inst {
  return { op, x, y, ranges: null, neg: false, kind: null };
}

class Emitter {
  prog: Inst[] = [];
  constructor(
    private readonly icase: boolean,
    private readonly max: number,
  ) {}

  private add(i: Inst): number {
    if (this.prog.length >= this.max) throw new RegexSyntaxError(`regular expression too large (more than ${this.max} instructions)`);
    this.prog.push(i);
    return this.prog.length - 1;
  }

  emit(n: Node): void {
    switch (n.t) {
      case 'empty':
        return;
      case 'char': {
        let c = n.c;
        if (this.icase && c >= 0x41 && c <= 0x5a) c += 0x20;
        this.add(inst(Op.Char, c));
        return;
      }
      case 'any':
        this.add(inst(Op.Any));
        return;
      case 'class': {
        const i = inst(Op.Class);
        let ranges = n.ranges;
        if (this.icase) {
          ranges = [...ranges];
          for (const [lo, hi] of n.ranges) {
            const a = Math.max(lo, 0x41);
            const b = Math.min(hi, 0x5a);
            if (a <= b) ranges.push([a + 0x20, b + 0x20]);
            const c = Math.max(lo, 0x61);
            const d = Math.min(hi, 0x7a);
            if (c <= d) ranges.push([c - 0x20, d - 0x20]);
          }
        }
        i.ranges = ranges;
        i.neg = n.neg;
        this.add(i);
        return;
      }
      case 'assert': {
        const i = inst(Op.Assert);
        i.kind = n.kind;
        this.add(i);
        return;
      }
      case 'cat':
        for (const it of n.items) this.emit(it);
        return;
      case 'alt': {
        // split L1, next; L1: a; jmp end; next: split L2, … ; last alternative falls through
        const jumps: number[] = [];
        for (let k = 0; k < n.items.length; k++) {
          if (k < n.items.length - 1) {
            const sp = this.add(inst(Op.Split));
            this.prog[sp]!.x = sp + 1;
            this.emit(n.items[k]!);
            jumps.push(this.add(inst(Op.Jmp)));
            this.prog[sp]!.y = this.prog.length;
          } else this.emit(n.items[k]!);
        }
        for (const j of jumps) this.prog[j]!.x = this.prog.length;
        return;
      }
      case 'group':
        this.add(inst(Op.Save, 2 * n.n));
        this.emit(n.node);
        this.add(inst(Op.Save, 2 * n.n + 1));
        return;
      case 'rep': {
        for (let k = 0; k < n.min; k++) this.emit(n.node);
        if (n.max === Infinity) {
          // L: split body, end; body; jmp L
          const sp = this.add(inst(Op.Split));
          this.prog[sp]!.x = sp + 1;
          this.emit(n.node);
          this.add(inst(Op.Jmp, sp));
          this.prog[sp]!.y = this.prog.length;
        } else {
          const splits: number[] = [];
          for (let k = n.min; k < n.max; k++) {
            const sp = this.add(inst(Op.Split));
            this.prog[sp]!.x = sp + 1;
            splits.push(sp);
            this.emit(n.node);
          }
          for (const sp of splits) this.prog[sp]!.y = this.prog.length;
        }
        return;
      }
    }
  }
}

function isWordChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || (c >= 0x61 && c <= 0x7a);
}

export interface Regex {
  /** The pattern as given. */
  source: string;
  groups: number;
  /**
   * Search `input`; on a match, ${0} (the match) and the groups ("" when a group did not take
   * part), else null. Work is counted on `rt` when given.
   */
  exec(input: string, rt?: Runtime | null): string[] | null;
}

export function compileRegex(pattern: string, opts: RegexOptions): Regex {
  const parser = new Parser(pattern);
  const tree = parser.parse();
  const em = new Emitter(opts.icase, opts.maxSize);
  em.emit({ t: 'group', n: 0, node: tree });
  em.prog.push(inst(Op.Match));
  const prog = em.prog;
  const nslots = 2 * (parser.groups + 1);
  const icase = opts.icase;
  const hints = startHints(prog);
  return {
    source: pattern,
    groups: parser.groups,
    exec: (input, rt) => run(prog, nslots, icase, hints, input, rt ?? null),
  };
}

interface StartHints {
  /** The pattern begins with "^": a match can only start at 0. */
  anchored: boolean;
  /** Code points a match can start with (already case-folded), or null when any may. */
  first: Set<number> | null;
}

/** What the program needs at a match's start, so the search can skip hopeless positions. */
function startHints(prog: Inst[]): StartHints {
  const anchored = prog[1]?.op === Op.Assert && prog[1].kind === 'bol';
  const first = new Set<number>();
  const seen = new Set<number>();
  const stack = [0];
  while (stack.length) {
    const pc = stack.pop()!;
    if (seen.has(pc)) continue;
    seen.add(pc);
    const ins = prog[pc]!;
    switch (ins.op) {
      case Op.Jmp: stack.push(ins.x); break;
      case Op.Split: stack.push(ins.x, ins.y); break;
      case Op.Save: case Op.Assert: stack.push(pc + 1); break;
      case Op.Char: first.add(ins.x); break;
      default: return { anchored, first: null }; // Any, Class, Match (empty match possible)
    }
  }
  return { anchored, first };
}

interface Thread {
  pc: number;
  caps: Int32Array;
}

function run(prog: Inst[], nslots: number, icase: boolean, hints: StartHints, input: string, rt: Runtime | null): string[] | null {
  const n = input.length;
  const size = prog.length;
  // Generation marks: instruction pc is on the list for step `gen` when mark[pc] === gen.
  const mark = new Int32Array(size).fill(-1);
  let clist: Thread[] = [];
  let nlist: Thread[] = [];
  let gen = 0;
  let best: Int32Array | null = null;
  const stack: Thread[] = [];

  const prevCp = (i: number): number => (i <= 0 ? -1 : input.codePointAt(i - 1 - (i >= 2 && isLowSurrogate(input.charCodeAt(i - 1)) && isHighSurrogate(input.charCodeAt(i - 2)) ? 1 : 0))!);
  const assertOk = (kind: Assert, i: number): boolean => {
    switch (kind) {
      case 'bol': return i === 0;
      case 'eol': return i === n;
      default: {
        const a = i > 0 && isWordChar(prevCp(i));
        const b = i < n && isWordChar(input.codePointAt(i)!);
        if (kind === 'word') return a !== b;
        if (kind === 'nonword') return a === b;
        if (kind === 'wordstart') return !a && b;
        return a && !b;
      }
    }
  };

  // Follow empty transitions from (pc, caps) at position i, in priority order.
  const add = (list: Thread[], pc0: number, caps0: Int32Array, i: number) => {
    stack.push({ pc: pc0, caps: caps0 });
    while (stack.length) {
      const { pc, caps } = stack.pop()!;
      if (mark[pc] === gen) continue;
      mark[pc] = gen;
      const ins = prog[pc]!;
      switch (ins.op) {
        case Op.Jmp:
          stack.push({ pc: ins.x, caps });
          break;
        case Op.Split:
          stack.push({ pc: ins.y, caps });
          stack.push({ pc: ins.x, caps });
          break;
        case Op.Save: {
          const c2 = caps.slice();
          c2[ins.x] = i;
          stack.push({ pc: pc + 1, caps: c2 });
          break;
        }
        case Op.Assert:
          if (assertOk(ins.kind!, i)) stack.push({ pc: pc + 1, caps });
          break;
        default:
          list.push({ pc, caps });
      }
    }
  };

  let work = 0;
  const empty = new Int32Array(nslots).fill(-1);
  gen = 1;
  for (let i = 0; ; ) {
    // Seed a thread starting at i, behind the ones already running (they started further left),
    // until a match is found: a later start can never be leftmost.
    if (best === null && clist.length === 0 && hints.first && i < n) {
      // Nothing running: jump to the next character a match can start with.
      while (i < n) {
        let fc = input.charCodeAt(i);
        if (icase && fc >= 0x41 && fc <= 0x5a) fc += 0x20;
        if (hints.first.has(fc) || (fc >= 0xd800 && fc <= 0xdbff && hints.first.has(input.codePointAt(i)!))) break;
        i++;
      }
      work += 1;
    }
    if (best === null && (i === 0 || !hints.anchored)) add(clist, 0, empty, i);
    const c = i < n ? input.codePointAt(i)! : -1;
    const step = c > 0xffff ? 2 : 1;
    if (clist.length === 0) {
      if (best !== null || i >= n || hints.anchored) break;
      gen++;
      i += step;
      continue;
    }
    gen++;
    let fc = c;
    if (icase && c >= 0x41 && c <= 0x5a) fc = c + 0x20;
    work += clist.length;
    for (let t = 0; t < clist.length; t++) {
      const th = clist[t]!;
      const ins = prog[th.pc]!;
      let ok = false;
      switch (ins.op) {
        case Op.Match: {
          // Leftmost, then longest: a later thread with the same start may still run longer.
          if (best === null || th.caps[0]! < best[0]! || (th.caps[0] === best[0] && i > best[1]!)) {
            best = th.caps.slice();
            best[1] = i;
          }
          // Threads behind this one that started further right can no longer win.
          const start = th.caps[0]!;
          const keep: Thread[] = clist.slice(0, t + 1);
          for (let u = t + 1; u < clist.length; u++) if (clist[u]!.caps[0]! <= start) keep.push(clist[u]!);
          clist = keep;
          continue;
        }
        case Op.Char:
          ok = fc === ins.x;
          break;
        case Op.Any:
          ok = c >= 0;
          break;
        case Op.Class:
          if (c >= 0) {
            let inSet = false;
            for (const [lo, hi] of ins.ranges!) if (c >= lo && c <= hi) { inSet = true; break; }
            ok = inSet !== ins.neg;
          }
          break;
      }
      if (ok) add(nlist, th.pc + 1, th.caps, i + step);
    }
    if (work > 2048 && rt) {
      rt.tick(work);
      work = 0;
    }
    if (i >= n) break;
    const tmp = clist;
    clist = nlist;
    nlist = tmp;
    nlist.length = 0;
    i += step;
  }
  if (rt && work) rt.tick(work);
  if (!best) return null;
  const out: string[] = [];
  for (let g = 0; g < nslots; g += 2) {
    const s = best[g]!;
    const e = best[g + 1]!;
    out.push(s >= 0 && e >= s ? input.slice(s, e) : '');
  }
  return out;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** `:quoteregex` (draft-ietf-sieve-regex 3): backslash before every ERE special character. */
export function quoteRegex(s: string): string {
  return s.replace(/[\\^$.[\]|()?*+{}]/g, '\\$&');
}
