// An SPF record parser after the ABNF of RFC 7208 section 12: version, directives (qualifier +
// mechanism), modifiers and macros. Pure: no DNS. Any syntax error makes receivers answer
// "permerror" for the whole record (RFC 7208 4.6), so the parser stops at the first one and says
// which term is wrong and why.
import { isIPv6 } from 'node:net';

export type Qualifier = '+' | '-' | '~' | '?';
export type MechanismName = 'all' | 'include' | 'a' | 'mx' | 'ptr' | 'ip4' | 'ip6' | 'exists';

export interface SpfDirective {
  kind: 'directive';
  /** '+' when none was written (RFC 7208 4.6.2). */
  qualifier: Qualifier;
  mechanism: MechanismName;
  /** include, exists (required); a, mx, ptr (optional) */
  domainSpec?: string;
  /** ip4, ip6 */
  network?: string;
  cidr4?: number;
  cidr6?: number;
  /** The term as written. */
  text: string;
}

export interface SpfModifier {
  kind: 'modifier';
  /** Lower case: redirect, exp, or an unknown modifier (ignored by receivers). */
  name: string;
  value: string;
  text: string;
}

export type SpfTerm = SpfDirective | SpfModifier;

export interface SpfRecord {
  terms: SpfTerm[];
  directives: SpfDirective[];
  redirect?: string;
  exp?: string;
}

export type SpfParse = { ok: true; record: SpfRecord } | { ok: false; error: string };

/** RFC 7208 4.5: a record is selected when it starts with "v=spf1" followed by a space or its end. */
export const isSpfRecord = (txt: string): boolean => /^v=spf1( |$)/i.test(txt);

/** Mechanisms and modifiers that cost a DNS lookup against the limit of 10 (RFC 7208 4.6.4). */
export const LOOKUP_MECHANISMS: ReadonlySet<MechanismName> = new Set(['include', 'a', 'mx', 'ptr', 'exists']);

const MECHANISMS: ReadonlySet<string> = new Set(['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists']);

/** A macro-expand in a domain-spec: the target depends on the message, so it cannot be followed statically. */
export const hasMacro = (spec: string): boolean => spec.includes('%{');

const QNUM = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IP4 = new RegExp(`^${QNUM}(?:\\.${QNUM}){3}$`);
// toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum )
const TOPLABEL = /^(?:[a-z0-9]*[a-z][a-z0-9]*|[a-z0-9]+-[a-z0-9-]*[a-z0-9])$/i;

class SyntaxProblem extends Error {}

/**
 * Checks a macro-string (RFC 7208 7.1). `exp` allows the letters c, r and t, which are only
 * meaningful in explanation strings. Returns the index just past each macro-expand, so callers
 * can tell whether the string ends in one.
 */
function checkMacroString(s: string, where: string, exp = false): number[] {
  const ends: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) throw new SyntaxProblem(`${where}: the character ${JSON.stringify(s[i])} is not allowed (printable ASCII only)`);
    if (s[i] !== '%') continue;
    const next = s[i + 1];
    if (next === '%' || next === '_' || next === '-') {
      i++;
      ends.push(i + 1);
      continue;
    }
    if (next !== '{') throw new SyntaxProblem(`${where}: "%" must start a macro (%{...}) or be written "%%"`);
    const close = s.indexOf('}', i + 2);
    if (close < 0) throw new SyntaxProblem(`${where}: the macro starting at "${s.slice(i)}" is not closed with "}"`);
    const body = s.slice(i + 2, close);
    const m = /^([slodiphcrtv])(\d*)(r?)([.\-+,/_=]*)$/i.exec(body);
    if (!m) throw new SyntaxProblem(`${where}: "%{${body}}" is not a valid macro (a letter of s l o d i p h v, digits, "r", delimiters)`);
    if (!exp && /[crt]/i.test(m[1]!)) throw new SyntaxProblem(`${where}: the macro letter "${m[1]}" is only allowed in exp= explanations`);
    if (m[2] && Number(m[2]) === 0) throw new SyntaxProblem(`${where}: "%{${body}}" keeps zero labels (the digit must be at least 1)`);
    i = close;
    ends.push(close + 1);
  }
  return ends;
}

/** domain-spec = macro-string domain-end; domain-end = ( "." toplabel [ "." ] ) / macro-expand */
function checkDomainSpec(spec: string, where: string): void {
  if (!spec) throw new SyntaxProblem(`${where}: a domain is required after ":" or "="`);
  const ends = checkMacroString(spec, where);
  if (ends.includes(spec.length)) return;
  const body = spec.endsWith('.') ? spec.slice(0, -1) : spec;
  const dot = body.lastIndexOf('.');
  const top = body.slice(dot + 1);
  if (dot < 0 || !TOPLABEL.test(top)) {
    throw new SyntaxProblem(`${where}: "${spec}" is not a domain name (it must end in a top-level label with a letter, such as ".com")`);
  }
}

function cidr(value: string | undefined, max: number, where: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (n > max) throw new SyntaxProblem(`${where}: the prefix length /${value} is larger than ${max}`);
  return n;
}

function parseDirective(text: string): SpfDirective {
  const m = /^([+\-~?]?)([A-Za-z][A-Za-z0-9\-_.]*)(.*)$/s.exec(text);
  if (!m) throw new SyntaxProblem(`"${text}" is not a mechanism or modifier`);
  const qualifier = (m[1] || '+') as Qualifier;
  const name = m[2]!.toLowerCase();
  const rest = m[3]!;
  if (!MECHANISMS.has(name)) throw new SyntaxProblem(`"${text}": unknown mechanism "${m[2]}" (allowed: all, include, a, mx, ptr, ip4, ip6, exists)`);
  const d: SpfDirective = { kind: 'directive', qualifier, mechanism: name as MechanismName, text };
  switch (d.mechanism) {
    case 'all':
      if (rest) throw new SyntaxProblem(`"${text}": "all" takes no argument`);
      break;
    case 'include':
    case 'exists':
      if (!rest.startsWith(':')) throw new SyntaxProblem(`"${text}": ${name} needs a domain (${name}:example.com)`);
      d.domainSpec = rest.slice(1);
      checkDomainSpec(d.domainSpec, `"${text}"`);
      break;
    case 'ptr':
      if (rest && !rest.startsWith(':')) throw new SyntaxProblem(`"${text}": ptr takes only ":domain"`);
      if (rest) {
        d.domainSpec = rest.slice(1);
        checkDomainSpec(d.domainSpec, `"${text}"`);
      }
      break;
    case 'a':
    case 'mx': {
      // [ ":" domain-spec ] [ ip4-cidr-length ] [ "/" ip6-cidr-length ]: the prefix lengths are
      // taken from the end, since "/" is also a legal character of a domain-spec.
      const c = /^(?::(.*?))?(?:\/(0|[1-9]\d?))?(?:\/\/(0|[1-9]\d{0,2}))?$/s.exec(rest);
      if (!c || (rest && !rest.startsWith(':') && !rest.startsWith('/'))) throw new SyntaxProblem(`"${text}": expected ${name}, ${name}:domain, ${name}/prefix or ${name}:domain/prefix//prefix6`);
      if (c[1] !== undefined) {
        d.domainSpec = c[1];
        checkDomainSpec(d.domainSpec, `"${text}"`);
      }
      d.cidr4 = cidr(c[2], 32, `"${text}"`);
      d.cidr6 = cidr(c[3], 128, `"${text}"`);
      break;
    }
    case 'ip4': {
      const c = /^:([0-9.]+)(?:\/(0|[1-9]\d?))?$/.exec(rest);
      if (!c || !IP4.test(c[1]!)) throw new SyntaxProblem(`"${text}": expected ip4:<IPv4 address>[/prefix] (four numbers 0-255 without leading zeros)`);
      d.network = c[1];
      d.cidr4 = cidr(c[2], 32, `"${text}"`);
      break;
    }
    case 'ip6': {
      const c = /^:([0-9A-Fa-f:.]+)(?:\/(0|[1-9]\d{0,2}))?$/.exec(rest);
      if (!c || !isIPv6(c[1]!)) throw new SyntaxProblem(`"${text}": expected ip6:<IPv6 address>[/prefix]`);
      d.network = c[1];
      d.cidr6 = cidr(c[2], 128, `"${text}"`);
      break;
    }
  }
  return d;
}

export function parseSpf(text: string): SpfParse {
  const m = /^v=spf1(?= |$)/i.exec(text);
  if (!m) return { ok: false, error: 'the record does not start with "v=spf1"' };
  const rest = text.slice(m[0].length);
  if (/[^\x20-\x7e]/.test(rest)) {
    const bad = /[^\x20-\x7e]/.exec(rest)![0];
    return { ok: false, error: `the record contains ${JSON.stringify(bad)}: only printable ASCII and single spaces between terms are allowed` };
  }
  const terms: SpfTerm[] = [];
  const directives: SpfDirective[] = [];
  let redirect: string | undefined;
  let exp: string | undefined;
  try {
    for (const text of rest.split(' ').filter(Boolean)) {
      const mod = /^([A-Za-z][A-Za-z0-9\-_.]*)=(.*)$/s.exec(text);
      if (mod) {
        const name = mod[1]!.toLowerCase();
        const value = mod[2]!;
        if (name === 'redirect' || name === 'exp') {
          // RFC 7208 6: these two may appear at most once.
          if ((name === 'redirect' ? redirect : exp) !== undefined) throw new SyntaxProblem(`"${name}=" appears more than once`);
          checkDomainSpec(value, `"${text}"`);
          if (name === 'redirect') redirect = value;
          else exp = value;
        } else {
          checkMacroString(value, `"${text}"`);
        }
        terms.push({ kind: 'modifier', name, value, text });
        continue;
      }
      const d = parseDirective(text);
      terms.push(d);
      directives.push(d);
    }
  } catch (err) {
    if (err instanceof SyntaxProblem) return { ok: false, error: err.message };
    throw err;
  }
  return { ok: true, record: { terms, directives, ...(redirect !== undefined ? { redirect } : {}), ...(exp !== undefined ? { exp } : {}) } };
}

/** The record text for a list of terms (single spaces, as RFC 7208 writes them). */
export const renderSpf = (terms: ReadonlyArray<{ text: string }>): string => ['v=spf1', ...terms.map((t) => t.text)].join(' ');
