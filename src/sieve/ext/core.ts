// RFC 5228 itself: stop, keep, discard, redirect; the tests true, false, not, anyof, allof,
// exists, size, header, address, and envelope (its own capability). Also :copy (RFC 3894) and
// :flags (RFC 5232) on keep and redirect where those extensions add them.
import type { ScriptCompiler } from '../compiler.js';
import { parseAddresses, splitAddress, type ParsedAddress } from '../message.js';
import type { AddressPart } from '../registry.js';
import { CONTINUE, normaliseFlags, STOP, type Runtime } from '../runtime.js';
import type { Checked, CommandDef, TestDef } from '../spec.js';
import { evalList, evalStr, type StrList } from '../strings.js';
import type { Flags } from '../types.js';
import { headerGetter, rawHeaderGetter } from './headers.js';

// The headers Pigeonhole lets the address test read (RFC 5228 5.1 asks for at least the first seven).
export const ADDRESS_HEADERS = new Set([
  'from', 'to', 'cc', 'bcc', 'sender', 'resent-from', 'resent-to', 'reply-to', 'resent-sender', 'resent-cc',
  'resent-bcc', 'resent-reply-to', 'delivered-to', 'errors-to', 'return-receipt-to', 'x-original-to',
  'apparently-to', 'mail-followup-to', 'mail-reply-to',
]);

const HEADER_NAME = /^[!-9;-~]+$/;

/** Subaddress separator (RFC 5233): "+" like Postfix's and Dovecot's default. */
export const SUBADDRESS_SEPARATOR = '+';

/** The piece of an address a test compares; null: the address has no such piece. */
export function addressPiece(a: ParsedAddress, part: AddressPart): string | null {
  switch (part) {
    case 'all': return a.all;
    case 'localpart': return a.local;
    case 'domain': return a.domain;
    case 'user': {
      const i = a.local.indexOf(SUBADDRESS_SEPARATOR);
      return i < 0 ? a.local : a.local.slice(0, i);
    }
    case 'detail': {
      const i = a.local.indexOf(SUBADDRESS_SEPARATOR);
      return i < 0 ? null : a.local.slice(i + 1);
    }
  }
}

/** The flags keep/fileinto store with: :flags, else the internal variable when imap4flags is used. */
export function flagsOf(c: ScriptCompiler, ch: Checked): (rt: Runtime) => Flags | null {
  const arg = ch.tags.get('flags');
  if (arg) {
    const list = c.strings(arg);
    return (rt) => normaliseFlags(evalList(rt, list));
  }
  if (c.session.usesFlags || c.has('imap4flags')) return (rt) => [...rt.flags];
  return () => null;
}

/** A header name list; constant names are checked at compile time. */
function headerNames(c: ScriptCompiler, ch: Checked, idx: number, forAddress: boolean): StrList {
  const arg = ch.args[idx];
  const list = c.strings(arg);
  if (typeof list !== 'function' && arg) {
    const items = arg.type === 'list' ? arg.items : arg.type === 'string' ? [arg] : [];
    list.forEach((name, k) => {
      const pos = items[k]?.pos ?? arg.pos;
      if (!HEADER_NAME.test(name)) c.warn(pos, `"${name}" is not a valid header field name; it never matches`);
      else if (forAddress && !ADDRESS_HEADERS.has(name.toLowerCase())) c.error(pos, `header "${name}" is not allowed for the address test: it holds no addresses`);
    });
  }
  return list;
}

const FLAGS_TAG = { flags: { ext: 'imap4flags', value: 'strings' as const } };

export const coreCommands: Record<string, CommandDef> = {
  stop: {
    kind: 'command', ext: null, args: [],
    compile: () => (rt) => {
      if (rt.trace) rt.log('stop');
      return STOP;
    },
  },
  keep: {
    kind: 'command', ext: null, args: [], tags: FLAGS_TAG,
    compile(ch, c) {
      const flags = flagsOf(c, ch);
      return (rt) => {
        rt.keep(flags(rt));
        if (rt.trace) rt.log(`keep: store message in ${rt.defaultMailbox}`);
        return CONTINUE;
      };
    },
  },
  discard: {
    kind: 'command', ext: null, args: [],
    compile: () => (rt) => {
      rt.discard();
      if (rt.trace) rt.log('discard');
      return CONTINUE;
    },
  },
  redirect: {
    kind: 'command', ext: null, args: [{ name: 'address', type: 'string' }],
    tags: { copy: { ext: 'copy' } },
    compile(ch, c) {
      const addr = c.str(ch.args[0]);
      const copy = ch.tags.has('copy');
      if (typeof addr === 'string') {
        const problem = checkRedirectAddress(addr);
        if (problem) c.error(ch.args[0]!.pos, `redirect address "${addr}" is invalid: ${problem}`);
      }
      return (rt) => {
        const raw = evalStr(rt, addr);
        const problem = checkRedirectAddress(raw);
        if (problem) rt.fail(`redirect address "${raw}" is invalid: ${problem}`);
        const address = cleanAddress(raw);
        rt.redirect(address, copy);
        if (rt.trace) rt.log(`redirect message to <${address}>${copy ? ' (copy)' : ''}`);
        return CONTINUE;
      };
    },
  },
};

/** The addr-spec of "Name <a@b>" / "<a@b>" / "a@b", domain lower-cased. */
export function cleanAddress(raw: string): string {
  let a = raw.trim();
  const lt = a.lastIndexOf('<');
  if (lt >= 0 && a.endsWith('>')) a = a.slice(lt + 1, -1).trim();
  const at = a.lastIndexOf('@');
  return at < 0 ? a : a.slice(0, at) + '@' + a.slice(at + 1).toLowerCase();
}

/** Why an address is not usable as a forwarding target, or null (RFC 5228 4.2: an RFC 5322 address). */
export function checkRedirectAddress(raw: string): string | null {
  const a = cleanAddress(raw);
  if (!a) return 'empty address';
  const at = a.lastIndexOf('@');
  if (at <= 0) return 'expected local-part@domain';
  const local = a.slice(0, at);
  const domain = a.slice(at + 1);
  if (!/^("([^"\\\r\n]|\\.)*"|[^\s"(),:;<>@[\\\]]+(\.[^\s"(),:;<>@[\\\]]+)*)$/.test(local)) return `invalid local part "${local}"`;
  if (!/^([A-Za-z0-9\u0080-\uffff]([A-Za-z0-9\u0080-\uffff-]*[A-Za-z0-9\u0080-\uffff])?\.)*[A-Za-z0-9\u0080-\uffff]([A-Za-z0-9\u0080-\uffff-]*[A-Za-z0-9\u0080-\uffff])?$|^\[[^\]]+\]$/.test(domain)) {
    return `invalid domain "${domain}"`;
  }
  return null;
}

/**
 * The addresses of a header value. A value without any address ("undisclosed-recipients:;") or
 * with an entry that is not local@domain is one invalid address: :all sees the value as written,
 * :localpart and :domain see nothing (RFC 5228 2.7.4), as Pigeonhole does.
 */
function addressesOf(rt: Runtime, v: string): Array<ParsedAddress | string> {
  // Parsed once per message and value: many rules read From and To.
  let cache = rt.msg.memo.get('addr') as Map<string, Array<ParsedAddress | string>> | undefined;
  if (!cache) {
    cache = new Map();
    rt.msg.memo.set('addr', cache);
  }
  let out = cache.get(v);
  if (!out) {
    // Every entry must be a full addr-spec; otherwise the field as a whole is one invalid address.
    const found = parseAddresses(v);
    const t = v.trim();
    const valid = found.length > 0 && found.every((a) => a.domain && a.local);
    out = valid ? found : t ? [t] : [];
    cache.set(v, out);
  }
  return out;
}

function addressValues(rt: Runtime, raws: string[], part: AddressPart): string[] {
  const out: string[] = [];
  for (const v of raws) {
    for (const a of addressesOf(rt, v)) {
      if (typeof a === 'string') {
        if (part === 'all') out.push(a);
        continue;
      }
      const p = addressPiece(a, part);
      if (p !== null) out.push(p);
    }
  }
  return out;
}

/** :count on the address test counts addresses, whatever the address part (RFC 5231 4.2). */
function countedAddresses(rt: Runtime, raws: string[]): number {
  let n = 0;
  for (const v of raws) n += addressesOf(rt, v).length;
  return n;
}

export const coreTests: Record<string, TestDef> = {
  true: { kind: 'test', ext: null, args: [], compile: () => () => true },
  false: { kind: 'test', ext: null, args: [], compile: () => () => false },
  not: {
    kind: 'test', ext: null, args: [], tests: 'one',
    compile(ch, c) {
      const sub = c.subtests(ch.node);
      if (!sub) return null;
      const t = sub[0]!;
      return (rt) => !t(rt);
    },
  },
  anyof: {
    kind: 'test', ext: null, args: [], tests: 'list',
    compile(ch, c) {
      const sub = c.subtests(ch.node);
      if (!sub) return null;
      return (rt) => {
        for (const t of sub) if (t(rt)) return true;
        return false;
      };
    },
  },
  allof: {
    kind: 'test', ext: null, args: [], tests: 'list',
    compile(ch, c) {
      const sub = c.subtests(ch.node);
      if (!sub) return null;
      return (rt) => {
        for (const t of sub) if (!t(rt)) return false;
        return true;
      };
    },
  },
  exists: {
    kind: 'test', ext: null, args: [{ name: 'header names', type: 'strings' }],
    tags: { mime: { ext: 'mime' }, anychild: { ext: 'mime' } },
    compile(ch, c) {
      const names = headerNames(c, ch, 0, false);
      const get = headerGetter(ch, c);
      return (rt) => {
        for (const n of evalList(rt, names)) if (get(rt, n).length === 0) return false;
        return true;
      };
    },
  },
  size: {
    kind: 'test', ext: null, args: [{ name: 'limit', type: 'number' }],
    tags: { over: { group: 'size' }, under: { group: 'size' } },
    compile(ch, c) {
      const over = ch.tags.has('over');
      if (!over && !ch.tags.has('under')) {
        c.error(ch.node.pos, 'size needs :over or :under');
        return null;
      }
      const limit = c.num(ch.args[0]);
      return (rt) => (over ? rt.msg.size > limit : rt.msg.size < limit);
    },
  },
  header: {
    kind: 'test', ext: null, sets: ['comparator', 'match', 'index', 'mime'],
    args: [{ name: 'header names', type: 'strings' }, { name: 'key list', type: 'strings' }],
    compile(ch, c) {
      const names = headerNames(c, ch, 0, false);
      const m = c.matcher(ch, ch.args[1]);
      const get = headerGetter(ch, c);
      return (rt) => {
        const ns = evalList(rt, names);
        if (ns.length === 1) return m(rt, get(rt, ns[0]!));
        const vals: string[] = [];
        for (const n of ns) vals.push(...get(rt, n));
        return m(rt, vals);
      };
    },
  },
  address: {
    kind: 'test', ext: null, sets: ['comparator', 'match', 'address', 'index', 'mime'],
    args: [{ name: 'header list', type: 'strings' }, { name: 'key list', type: 'strings' }],
    compile(ch, c) {
      const names = headerNames(c, ch, 0, true);
      const part = c.addressPart(ch);
      const m = c.matcher(ch, ch.args[1]);
      const get = rawHeaderGetter(ch);
      const count = c.matchType(ch).kind === 'count';
      return (rt) => {
        const raws: string[] = [];
        for (const n of evalList(rt, names)) raws.push(...get(rt, n));
        if (count) return m(rt, new Array<string>(countedAddresses(rt, raws)).fill(''));
        const vals = addressValues(rt, raws, part);
        return vals.length > 0 && m(rt, vals);
      };
    },
  },
  envelope: {
    kind: 'test', ext: 'envelope', sets: ['comparator', 'match', 'address'],
    args: [{ name: 'envelope part', type: 'strings' }, { name: 'key list', type: 'strings' }],
    compile(ch, c) {
      const parts = c.strings(ch.args[0]);
      if (typeof parts !== 'function') {
        for (const p of parts) if (!ENVELOPE_PARTS.has(p.toLowerCase())) c.error(ch.args[0]!.pos, `unknown envelope part "${p}" (expected "from" or "to")`);
      }
      const part = c.addressPart(ch);
      const m = c.matcher(ch, ch.args[1]);
      const count = c.matchType(ch).kind === 'count';
      return (rt) => {
        const vals: string[] = [];
        let n = 0;
        for (const p of evalList(rt, parts)) {
          const raw = envelopePart(rt, p.toLowerCase());
          if (raw === null) continue;
          n++;
          // RFC 5228 5.4: the null reverse-path compares as "" for every address part.
          if (raw === '') {
            vals.push('');
            continue;
          }
          const piece = addressPiece(splitAddress(raw), part);
          if (piece !== null) vals.push(piece);
        }
        if (count) return m(rt, new Array<string>(n).fill(''));
        return vals.length > 0 && m(rt, vals);
      };
    },
  },
};

const ENVELOPE_PARTS = new Set(['from', 'to', 'auth']);

function envelopePart(rt: Runtime, p: string): string | null {
  const e = rt.msg.envelope;
  if (p === 'from') return e.from;
  if (p === 'to') return e.to;
  if (p === 'auth') return e.auth ?? null;
  return null;
}
