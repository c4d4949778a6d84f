// Block and allow lists: pure matching, no database. An entry is a pattern over sender addresses:
//
//   john@spam.xyz      that address            *@spam.xyz     any address at exactly spam.xyz
//   john*@spam.xyz     local part starts john  *example@spam.xyz  local part ends example
//   spam.xyz           the whole domain: spam.xyz and every subdomain (mail.spam.xyz)
//   *.spam.xyz         only its subdomains     ?              exactly one character
//
// Case-insensitive; domains compared as punycode (an IDN entry matches its ASCII form). `*` and `?`
// are always wildcards (both are legal in local parts, but nobody lists such addresses).
// A decision checks the envelope sender AND every From header address: spammers vary either, and
// a list that looked at one only would be bypassed by changing the other.
import { domainToASCII } from 'node:url';
import { parseAddress } from '../util/address.js';

export type ListKind = 'block' | 'allow';
export type ListScope = 'mailbox' | 'domain';

export const MAX_ENTRIES_PER_LIST = 1000;
export const MAX_ENTRY_LENGTH = 254;

/**
 * Which list wins, first match in this order: a user's own allow beats their block (an exception
 * to a broad block), and both beat the domain's lists (the user knows their correspondents).
 * Data, so the generated-Sieve version can follow the same order.
 */
export const PRECEDENCE: ReadonlyArray<readonly [ListScope, ListKind]> = [
  ['mailbox', 'allow'],
  ['mailbox', 'block'],
  ['domain', 'allow'],
  ['domain', 'block'],
];

export type Lists = Record<ListScope, Record<ListKind, readonly string[]>>;

export const emptyLists = (): Lists => ({ mailbox: { block: [], allow: [] }, domain: { block: [], allow: [] } });

const LOCAL_FORBIDDEN = /[\s@"<>()[\]\\,;:\p{Cc}]/u;
const WILDCARD_LABEL = /^[a-z0-9*?_-]{1,63}$/;
const PLAIN_LABEL = /^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/;

export type EntryCheck = { ok: true; entry: string } | { ok: false; reason: string };

/** The canonical form of an entry (lower case, NFC local part, punycode domain), or why it is refused. */
export function normalizeEntry(input: string): EntryCheck {
  const value = (input ?? '').trim().normalize('NFC');
  if (!value) return { ok: false, reason: 'is empty' };
  if (value.length > MAX_ENTRY_LENGTH) return { ok: false, reason: `is longer than ${MAX_ENTRY_LENGTH} characters` };
  const at = value.lastIndexOf('@');
  if (at === -1) {
    const domain = normalizeDomainPattern(value);
    return domain.ok ? { ok: true, entry: domain.entry } : domain;
  }
  const local = value.slice(0, at).toLowerCase();
  if (!local) return { ok: false, reason: 'has nothing before the @ (write *@domain for every address of a domain, or just the domain)' };
  if (local.length > 64) return { ok: false, reason: 'has a local part longer than 64 characters' };
  if (LOCAL_FORBIDDEN.test(local)) return { ok: false, reason: 'has a character that cannot appear in an address before the @' };
  const domain = normalizeDomainPattern(value.slice(at + 1));
  if (!domain.ok) return domain;
  return { ok: true, entry: `${local}@${domain.entry}` };
}

function normalizeDomainPattern(input: string): EntryCheck {
  const value = input.replace(/\.$/, '');
  if (!value) return { ok: false, reason: 'has no domain' };
  if (value === '*') return { ok: true, entry: '*' };
  const labels = value.split('.');
  const out: string[] = [];
  for (const label of labels) {
    if (!label) return { ok: false, reason: 'has an empty label in its domain (two dots in a row?)' };
    if (/[*?]/.test(label)) {
      // A label with wildcards cannot be punycoded: ASCII only.
      const lower = label.toLowerCase();
      if (!WILDCARD_LABEL.test(lower)) return { ok: false, reason: `has a domain label "${label}" that mixes wildcards with characters other than a-z, 0-9 and -` };
      out.push(lower);
      continue;
    }
    const ascii = domainToASCII(label).toLowerCase();
    if (!ascii || !PLAIN_LABEL.test(ascii)) return { ok: false, reason: `has an invalid domain label "${label}"` };
    out.push(ascii);
  }
  return { ok: true, entry: out.join('.') };
}

interface Matcher { local: RegExp | null; domain: RegExp }

const globSource = (glob: string) =>
  glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');

const cache = new Map<string, Matcher>();

/** Compiled once per distinct (normalised) entry; the cache is dropped whole when it grows large. */
function matcherOf(entry: string): Matcher {
  let m = cache.get(entry);
  if (m) return m;
  const at = entry.lastIndexOf('@');
  m = at === -1
    ? // A bare domain covers its subdomains too.
      { local: null, domain: new RegExp(`^(?:.*\\.)?${globSource(entry)}$`, 'su') }
    : { local: new RegExp(`^${globSource(entry.slice(0, at))}$`, 'su'), domain: new RegExp(`^${globSource(entry.slice(at + 1))}$`, 'su') };
  if (cache.size >= 10_000) cache.clear();
  cache.set(entry, m);
  return m;
}

/** A sender address split for matching: lower-case local part, punycode domain. */
export interface SenderAddress { local: string; domain: string; address: string }

export function senderAddress(input: string): SenderAddress | null {
  const parsed = parseAddress(input);
  if (parsed) return parsed;
  // Quoted local parts and other oddities parseAddress refuses still get matched on their parts.
  const at = input.lastIndexOf('@');
  if (at <= 0 || at === input.length - 1) return null;
  const local = input.slice(0, at).normalize('NFC').toLowerCase();
  const domain = (domainToASCII(input.slice(at + 1).trim()) || input.slice(at + 1)).toLowerCase();
  return { local, domain, address: `${local}@${domain}` };
}

export function entryMatches(entry: string, sender: SenderAddress): boolean {
  const m = matcherOf(entry);
  if (!m.domain.test(sender.domain)) return false;
  return m.local === null || m.local.test(sender.local);
}

/** Does the entry's domain part cover this domain, with any local part (a wildcard or a bare domain)? */
function coversDomain(entry: string, domain: string): boolean {
  const at = entry.lastIndexOf('@');
  const m = matcherOf(entry);
  if (!m.domain.test(domain)) return false;
  return at === -1 || /[*?]/.test(entry.slice(0, at));
}

/** The addresses and domains that are the list owner's own. */
export interface OwnIdentity { addresses: readonly string[]; domains: readonly string[] }

/**
 * Why an allow entry is refused, or null. Spammers forge the recipient's own address (and their
 * colleagues' domain) to get past filters; allowing it would let all of that through. A single
 * colleague's exact address stays allowed.
 */
export function ownAddressConflict(entry: string, own: OwnIdentity): string | null {
  for (const a of own.addresses) {
    const s = senderAddress(a);
    if (s && entryMatches(entry, s)) return `matches your own address ${a}: spammers forge your own address to get past filters, so it cannot be allowed`;
  }
  for (const d of own.domains) {
    if (coversDomain(entry, d)) return `covers your own domain ${d}: spammers forge addresses of your own domain to get past filters, so it cannot be allowed`;
  }
  return null;
}

export interface ListDecision {
  action: ListKind;
  scope: ListScope;
  entry: string;
  /** Which sender identity matched. */
  matched: 'envelope sender' | 'From';
  address: string;
}

export interface Senders {
  /** The envelope sender ('' for the null sender). */
  envelope: string;
  /** Every From header address. */
  from: readonly string[];
}

/**
 * The first matching entry in PRECEDENCE order, or null. `own` are the recipient's addresses: an
 * allow entry never applies to them, even one stored before an alias made it conflict.
 */
export function decideLists(lists: Lists, senders: Senders, own: ReadonlySet<string>): ListDecision | null {
  const identities: Array<{ matched: ListDecision['matched']; sender: SenderAddress }> = [];
  const env = senders.envelope ? senderAddress(senders.envelope) : null;
  if (env) identities.push({ matched: 'envelope sender', sender: env });
  for (const f of senders.from.slice(0, 10)) {
    const s = senderAddress(f);
    if (s) identities.push({ matched: 'From', sender: s });
  }
  for (const [scope, kind] of PRECEDENCE) {
    for (const entry of lists[scope][kind]) {
      for (const id of identities) {
        if (kind === 'allow' && own.has(id.sender.address)) continue;
        if (entryMatches(entry, id.sender)) return { action: kind, scope, entry, matched: id.matched, address: id.sender.address };
      }
    }
  }
  return null;
}
