// Strings in a script: RFC 5228 2.4.2.4 encoded characters (${hex:…}, ${unicode:…}), decoded at
// compile time, and RFC 5229 variable references (${name}, ${1}, ${global.name}), compiled into
// templates evaluated per run.
import type { Runtime } from './runtime.js';

const ENCODED = /\$\{(hex|unicode):([^}]*)\}/gi;

/** Decode ${hex:…}/${unicode:…}; malformed ones stay as written. Throws on an invalid code point. */
export function decodeEncodedCharacters(s: string): string {
  if (!s.includes('${')) return s;
  return s.replace(ENCODED, (whole, kind: string, body: string) => {
    const items = body.trim().split(/[ \t\r\n]+/).filter(Boolean);
    if (kind.toLowerCase() === 'hex') {
      if (!items.every((h) => /^[0-9a-fA-F]{1,2}$/.test(h))) return whole;
      return Buffer.from(items.map((h) => parseInt(h, 16))).toString('utf8');
    }
    if (!items.every((h) => /^[0-9a-fA-F]+$/.test(h))) return whole;
    let out = '';
    for (const h of items) {
      const cp = parseInt(h.replace(/^0+(?=.)/, '').slice(0, 8), 16);
      if (h.replace(/^0+/, '').length > 6 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        throw new Error(`invalid Unicode code point ${h} in \${unicode:…}`);
      }
      out += String.fromCodePoint(cp);
    }
    return out;
  });
}

export interface VarRef {
  /** Lower-cased namespace ("global"), or null. */
  ns: string | null;
  /** Lower-cased name. */
  name: string;
  /** For ${0}…: the match variable index. */
  num: number | null;
}

export type TemplatePart = string | VarRef;

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Split a string into literal text and variable references; null when it has none. */
export function parseTemplate(s: string): TemplatePart[] | null {
  if (!s.includes('${')) return null;
  const parts: TemplatePart[] = [];
  let lit = '';
  let i = 0;
  let any = false;
  while (i < s.length) {
    const st = s.indexOf('${', i);
    if (st < 0) break;
    const end = s.indexOf('}', st + 2);
    if (end < 0) break;
    const ref = parseRef(s.slice(st + 2, end));
    if (!ref) {
      // Not a reference: keep "${" and look again just after it (RFC 5229 3: left as is).
      lit += s.slice(i, st + 2);
      i = st + 2;
      continue;
    }
    lit += s.slice(i, st);
    if (lit) parts.push(lit);
    lit = '';
    parts.push(ref);
    any = true;
    i = end + 1;
  }
  lit += s.slice(i);
  if (lit) parts.push(lit);
  return any ? parts : null;
}

function parseRef(body: string): VarRef | null {
  if (/^[0-9]+$/.test(body)) return { ns: null, name: body, num: Number(body) };
  const segs = body.split('.');
  if (!segs.every((seg) => IDENT.test(seg) || /^[0-9]+$/.test(seg))) return null;
  if (!IDENT.test(segs[0]!)) return null;
  if (segs.length === 1) return { ns: null, name: body.toLowerCase(), num: null };
  return { ns: segs[0]!.toLowerCase(), name: segs.slice(1).join('.').toLowerCase(), num: null };
}

/** A compiled string: constant, or evaluated per run. */
export type Str = string | ((rt: Runtime) => string);
export type StrList = string[] | ((rt: Runtime) => string[]);

export function evalStr(rt: Runtime, s: Str): string {
  return typeof s === 'string' ? s : s(rt);
}

export function evalList(rt: Runtime, l: StrList): string[] {
  return typeof l === 'function' ? l(rt) : l;
}

export function listOf(items: Str[]): StrList {
  if (items.every((x) => typeof x === 'string')) return items as string[];
  return (rt) => items.map((x) => (typeof x === 'string' ? x : x(rt)));
}

/** A getter for one reference: where the compiler says the variable lives. */
export type VarGetter = (rt: Runtime) => string;

/** Build the per-run function of a template, given how each reference is read. */
export function compileTemplate(parts: TemplatePart[], getter: (ref: VarRef) => VarGetter, maxSize: number): Str {
  const fns = parts.map((p) => (typeof p === 'string' ? p : getter(p)));
  if (fns.length === 1 && typeof fns[0] === 'function') return fns[0];
  return (rt) => {
    let out = '';
    for (const f of fns) {
      out += typeof f === 'string' ? f : f(rt);
      if (out.length > maxSize * 4) break;
    }
    return out;
  };
}

/** Truncate to a variable's maximum size without splitting a surrogate pair. */
export function truncateValue(s: string, max: number): string {
  if (s.length <= max) return s;
  let e = max;
  const c = s.charCodeAt(e - 1);
  if (c >= 0xd800 && c <= 0xdbff) e--;
  return s.slice(0, e);
}
