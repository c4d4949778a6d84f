// Comparators (RFC 4790: i;octet, i;ascii-casemap, i;ascii-numeric), match types (RFC 5228 2.7.1
// :is :contains :matches, RFC 5231 :value :count, regex draft :regex) and match variables
// (RFC 5229 3.2). A matcher is built once at compile time with its keys pre-folded and its
// patterns pre-compiled when the keys are constant.
import { compileRegex, type Regex } from './regex.js';
import type { Runtime } from './runtime.js';

export type Relation = 'gt' | 'ge' | 'lt' | 'le' | 'eq' | 'ne';
export const RELATIONS: readonly Relation[] = ['gt', 'ge', 'lt', 'le', 'eq', 'ne'];

export interface Comparator {
  name: string;
  /** Supports :contains, :matches and :regex (i;ascii-numeric does not, RFC 4790 9.1). */
  substring: boolean;
  /** Map a string to the form compared for equality and substrings. */
  fold(s: string): string;
  /** Order for :value (RFC 5231 4): negative, zero or positive. */
  compare(a: string, b: string): number;
}

const NON_ASCII = /[^\x00-\x7f]/;

/** ASCII-only lower case: i;ascii-casemap leaves every other character alone, lengths unchanged. */
export function asciiLower(s: string): string {
  let i = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) break;
  }
  if (i === s.length) return s;
  // Pure ASCII (the common case) can use the native lower-casing.
  if (!NON_ASCII.test(s)) return s.toLowerCase();
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/**
 * Fold a value, remembering long ones per message: body text and big headers are compared with
 * many keys by many rules, and values come from the message's memo (the same string each time).
 */
// Folded copies of value arrays: header values come from the message's memo as the same array
// each time, so a hundred rules reading Subject fold it once.
const foldedArrays = new WeakMap<readonly string[], string[]>();

function foldValues(rt: Runtime, cmp: Comparator, values: readonly string[]): readonly string[] {
  if (cmp.name === 'i;octet') return values;
  let f = foldedArrays.get(values);
  if (!f) {
    f = values.map((v) => foldValue(rt, cmp, v));
    foldedArrays.set(values, f);
  }
  return f;
}

function foldValue(rt: Runtime, cmp: Comparator, v: string): string {
  if (v.length < 256 || cmp.name !== 'i;ascii-casemap') return cmp.fold(v);
  const memo = rt.msg.memo;
  let cache = memo.get('fold') as Map<string, string> | undefined;
  if (!cache) {
    cache = new Map();
    memo.set('fold', cache);
  }
  let f = cache.get(v);
  if (f === undefined) {
    f = cmp.fold(v);
    cache.set(v, f);
  }
  return f;
}

function cmpStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** RFC 4790 9.1: the digits a string starts with, as a number; none means positive infinity. */
function numericKey(s: string): string | null {
  let e = 0;
  while (e < s.length && s.charCodeAt(e) >= 0x30 && s.charCodeAt(e) <= 0x39) e++;
  if (e === 0) return null;
  let st = 0;
  while (st < e - 1 && s.charCodeAt(st) === 0x30) st++;
  return s.slice(st, e);
}

function cmpNumeric(a: string, b: string): number {
  const x = numericKey(a);
  const y = numericKey(b);
  if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
  if (x.length !== y.length) return x.length - y.length;
  return cmpStrings(x, y);
}

export const COMPARATORS: Record<string, Comparator> = {
  'i;octet': { name: 'i;octet', substring: true, fold: (s) => s, compare: cmpStrings },
  'i;ascii-casemap': {
    name: 'i;ascii-casemap',
    substring: true,
    fold: asciiLower,
    compare: (a, b) => cmpStrings(asciiLower(a), asciiLower(b)),
  },
  'i;ascii-numeric': { name: 'i;ascii-numeric', substring: false, fold: (s) => numericKey(s) ?? '\uffff', compare: cmpNumeric },
};

export function relationHolds(rel: Relation, c: number): boolean {
  switch (rel) {
    case 'gt': return c > 0;
    case 'ge': return c >= 0;
    case 'lt': return c < 0;
    case 'le': return c <= 0;
    case 'eq': return c === 0;
    case 'ne': return c !== 0;
  }
}

// ---------------------------------------------------------------------------------------------
// :matches (RFC 5228 2.7.1): "*" any sequence, "?" one character, "\" quotes the next one.

type GlobTok = { k: 'lit'; s: string } | { k: 'star' } | { k: 'one' };

export interface Glob {
  toks: GlobTok[];
  wildcards: number;
  /** For each token, the index of its match variable (-1 for literals). */
  spanIndex: number[];
  /** The pattern has no wildcard: a plain comparison. */
  literal: string | null;
}

export function compileGlob(pattern: string): Glob {
  const toks: GlobTok[] = [];
  let lit = '';
  let wildcards = 0;
  const flush = () => {
    if (lit) toks.push({ k: 'lit', s: lit });
    lit = '';
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) lit += pattern[++i];
    else if (c === '*') {
      flush();
      // Consecutive stars are one star, but each still owns a match variable (the extras are "").
      toks.push({ k: 'star' });
      wildcards++;
    } else if (c === '?') {
      flush();
      toks.push({ k: 'one' });
      wildcards++;
    } else lit += c;
  }
  flush();
  const spanIndex: number[] = [];
  let w = 0;
  for (const t of toks) spanIndex.push(t.k === 'lit' ? -1 : w++);
  const literal = wildcards === 0 ? (toks.length ? (toks[0] as { s: string }).s : '') : null;
  return { toks, wildcards, spanIndex, literal };
}

function cpLen(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
}

/**
 * Match `value` (already folded) against a glob whose literals were folded the same way.
 * Backtracks only to the last star, so the work is O(value × pattern) at worst. Each wildcard is
 * matched as short as possible from the left, which gives RFC 5229's match variables
 * ("[*] *" on "[a] [b] c" sets ${1} "a"). Returns wildcard spans, or null.
 */
export function globMatch(value: string, g: Glob, rt: Runtime | null): Array<[number, number]> | null {
  if (g.literal !== null) return value === g.literal ? [] : null;
  const toks = g.toks;
  // Cheap refusal: a pattern starting with a literal needs the value to start with it.
  const first = toks[0]!;
  if (first.k === 'lit' && !value.startsWith(first.s)) return null;
  const spanIndex = g.spanIndex;
  const spans: Array<[number, number]> = [];
  for (let k = 0; k < g.wildcards; k++) spans.push([0, 0]);
  let ti = 0;
  let vi = 0;
  let starTi = -1;
  let starVi = 0;
  let work = 0;
  const n = value.length;
  for (;;) {
    if (++work > 4096 && rt) {
      rt.tick(work);
      work = 0;
    }
    if (ti < toks.length) {
      const t = toks[ti]!;
      if (t.k === 'star') {
        starTi = ti;
        starVi = vi;
        spans[spanIndex[ti]!] = [vi, vi];
        ti++;
        continue;
      }
      if (t.k === 'one') {
        if (vi < n) {
          const l = cpLen(value, vi);
          spans[spanIndex[ti]!] = [vi, vi + l];
          vi += l;
          ti++;
          continue;
        }
      } else if (value.startsWith(t.s, vi)) {
        vi += t.s.length;
        ti++;
        continue;
      }
    } else if (vi === n) {
      if (rt) rt.tick(work);
      return spans;
    }
    // Mismatch: let the last star take one more character and retry what follows it.
    if (starTi < 0 || starVi >= n) {
      if (rt) rt.tick(work);
      return null;
    }
    starVi += cpLen(value, starVi);
    spans[spanIndex[starTi]!] = [spans[spanIndex[starTi]!]![0], starVi];
    vi = starVi;
    ti = starTi + 1;
  }
}

// ---------------------------------------------------------------------------------------------
// Matchers

export type MatchType =
  | { kind: 'is' | 'contains' | 'matches' | 'regex' }
  | { kind: 'value' | 'count'; rel: Relation };

/** The keys of a test: constant, or computed per run (variables). */
export type KeySource = string[] | ((rt: Runtime) => string[]);

export type Matcher = (rt: Runtime, values: readonly string[]) => boolean;

interface Prepared {
  folded: string[];
  globs: Glob[] | null;
  regexes: Regex[] | null;
}

export interface MatcherOptions {
  comparator: Comparator;
  type: MatchType;
  keys: KeySource;
  /** Set match variables (the variables extension is in use). */
  capture: boolean;
  maxRegexSize: number;
}

/** Compile-time check of constant keys; the error text, or null. */
export function checkKeys(o: MatcherOptions): string | null {
  if (typeof o.keys === 'function' || o.type.kind !== 'regex') return null;
  for (const k of o.keys) {
    try {
      compileRegex(k, { icase: o.comparator.name === 'i;ascii-casemap', maxSize: o.maxRegexSize });
    } catch (e) {
      return `invalid regular expression "${k}": ${(e as Error).message}`;
    }
  }
  return null;
}

export function makeMatcher(o: MatcherOptions): Matcher {
  const { comparator: cmp, type, capture } = o;
  const icase = cmp.name === 'i;ascii-casemap';
  const prepare = (keys: string[], rt: Runtime | null): Prepared => {
    const folded = keys.map((k) => cmp.fold(k));
    let globs: Glob[] | null = null;
    let regexes: Regex[] | null = null;
    if (type.kind === 'matches') globs = folded.map(compileGlob);
    if (type.kind === 'regex') {
      regexes = keys.map((k) => {
        try {
          return compileRegex(k, { icase, maxSize: o.maxRegexSize });
        } catch (e) {
          if (rt) rt.fail(`invalid regular expression "${k}": ${(e as Error).message}`);
          throw e;
        }
      });
    }
    return { folded, globs, regexes };
  };
  let constant: Prepared | null = null;
  if (typeof o.keys !== 'function') {
    try {
      constant = prepare(o.keys, null);
    } catch {
      // checkKeys reported it: the script does not compile.
      return () => false;
    }
  }
  // Keys built from variables: a few recent preparations are kept (a regex compile is not free).
  const cache = new Map<string, Prepared>();
  const keysOf = (rt: Runtime): Prepared => {
    if (constant) return constant;
    const keys = (o.keys as (rt: Runtime) => string[])(rt);
    const id = keys.join('\u0000');
    let p = cache.get(id);
    if (!p) {
      p = prepare(keys, rt);
      if (cache.size > 32) cache.clear();
      cache.set(id, p);
    }
    return p;
  };

  switch (type.kind) {
    case 'is':
      return (rt, values) => {
        const { folded } = keysOf(rt);
        rt.tick(values.length);
        for (const fv of foldValues(rt, cmp, values)) {
          for (const k of folded) if (fv === k) return true;
        }
        return false;
      };
    case 'contains':
      return (rt, values) => {
        const { folded } = keysOf(rt);
        rt.tick(values.length);
        for (const fv of foldValues(rt, cmp, values)) {
          rt.tick(fv.length >> 10);
          for (const k of folded) if (fv.includes(k)) return true;
        }
        return false;
      };
    case 'matches':
      return (rt, values) => {
        const { globs } = keysOf(rt);
        const fvs = foldValues(rt, cmp, values);
        for (let i = 0; i < values.length; i++) {
          const v = values[i]!;
          const fv = fvs[i]!;
          for (const g of globs!) {
            const spans = globMatch(fv, g, rt);
            if (spans) {
              if (capture) rt.matchVars = [v, ...spans.map(([s, e]) => v.slice(s, e))];
              return true;
            }
          }
        }
        return false;
      };
    case 'regex':
      return (rt, values) => {
        const { regexes } = keysOf(rt);
        for (const v of values) {
          for (const re of regexes!) {
            const m = re.exec(v, rt);
            if (m) {
              if (capture) rt.matchVars = m;
              return true;
            }
          }
        }
        return false;
      };
    case 'value': {
      const rel = type.rel;
      return (rt, values) => {
        const keys = typeof o.keys === 'function' ? o.keys(rt) : o.keys;
        rt.tick(values.length);
        for (const v of values) for (const k of keys) if (relationHolds(rel, cmp.compare(v, k))) return true;
        return false;
      };
    }
    case 'count': {
      const rel = type.rel;
      return (rt, values) => {
        const keys = typeof o.keys === 'function' ? o.keys(rt) : o.keys;
        const n = String(values.length);
        for (const k of keys) if (relationHolds(rel, cmp.compare(n, k))) return true;
        return false;
      };
    }
  }
}
