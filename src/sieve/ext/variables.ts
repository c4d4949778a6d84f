// variables (RFC 5229): set with its modifiers (plus :quoteregex from the regex draft and
// :encodeurl from RFC 5435) and the string test. Reading variables is compiled into every string
// (see strings.ts); a value longer than the limit is truncated, as RFC 5229 3 allows.
import { quoteRegex } from '../regex.js';
import { CONTINUE } from '../runtime.js';
import type { CommandDef, TestDef } from '../spec.js';
import { evalList, evalStr, truncateValue } from '../strings.js';

// RFC 5229 4.1: modifiers apply from the highest precedence down; two of one precedence is an error.
// Case changes touch ASCII letters only, like i;ascii-casemap and Pigeonhole ("ß" stays "ß").
export const asciiUpper = (s: string) => s.replace(/[a-z]+/g, (m) => m.toUpperCase());
export const asciiLowerAll = (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());

export const MODIFIERS: Record<string, { prec: number; ext?: string; fn: (s: string) => string }> = {
  lower: { prec: 40, fn: asciiLowerAll },
  upper: { prec: 40, fn: asciiUpper },
  lowerfirst: { prec: 30, fn: (s) => asciiLowerAll(s.slice(0, 1)) + s.slice(1) },
  upperfirst: { prec: 30, fn: (s) => asciiUpper(s.slice(0, 1)) + s.slice(1) },
  quotewildcard: { prec: 20, fn: (s) => s.replace(/[*?\\]/g, '\\$&') },
  quoteregex: { prec: 20, ext: 'regex', fn: quoteRegex },
  encodeurl: { prec: 15, ext: 'enotify', fn: encodeUrl },
  length: { prec: 10, fn: (s) => String([...s].length) },
};

/** RFC 5435 4.1: percent-encode everything but RFC 3986 unreserved characters. */
export function encodeUrl(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const variablesCommands: Record<string, CommandDef> = {
  set: {
    kind: 'command', ext: 'variables',
    tags: Object.fromEntries(Object.entries(MODIFIERS).map(([k, m]) => [k, m.ext ? { ext: m.ext } : {}])),
    args: [{ name: 'name', type: 'string' }, { name: 'value', type: 'string' }],
    compile(ch, c) {
      const nameArg = ch.args[0]!;
      const name = nameArg.type === 'string' ? nameArg.value : '';
      const bare = name.toLowerCase().startsWith('global.') ? name.slice(7) : name;
      if (!VAR_NAME.test(bare) || (bare !== name && !c.has('include'))) {
        c.error(nameArg.pos, /^[0-9]+$/.test(name) ? `cannot assign to match variable \${${name}}` : `"${name}" is not a valid variable name`);
        return null;
      }
      const mods = [...ch.tags.keys()].filter((k) => MODIFIERS[k]).sort((a, b) => MODIFIERS[b]!.prec - MODIFIERS[a]!.prec);
      for (let i = 1; i < mods.length; i++) {
        if (MODIFIERS[mods[i]!]!.prec === MODIFIERS[mods[i - 1]!]!.prec) {
          c.error(ch.tags.get(mods[i]!)!.pos, `:${mods[i]} and :${mods[i - 1]} cannot be used together`);
          return null;
        }
      }
      const fns = mods.map((k) => MODIFIERS[k]!.fn);
      const value = c.str(ch.args[1]);
      const set = c.setter(name, nameArg.pos);
      const max = c.limits.maxVariableSize;
      return (rt) => {
        let v = evalStr(rt, value);
        for (const f of fns) v = f(v);
        set(rt, truncateValue(v, max));
        if (rt.trace) rt.log(`set ${name} = "${v.length > 60 ? v.slice(0, 60) + '…' : v}"`);
        return CONTINUE;
      };
    },
  },
};

export const variablesTests: Record<string, TestDef> = {
  string: {
    kind: 'test', ext: 'variables', sets: ['comparator', 'match'],
    args: [{ name: 'source', type: 'strings' }, { name: 'key list', type: 'strings' }],
    compile(ch, c) {
      const src = c.strings(ch.args[0]);
      const m = c.matcher(ch, ch.args[1]);
      // RFC 5229 5: :count counts the source strings that are not empty.
      const count = c.matchType(ch).kind === 'count';
      return (rt) => {
        const vals = evalList(rt, src);
        return m(rt, count ? vals.filter((v) => v !== '') : vals);
      };
    },
  },
};
