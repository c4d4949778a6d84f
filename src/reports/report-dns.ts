// DNS for the reports we send: where a domain wants DMARC aggregate reports (RFC 7489 6.6.3 policy
// discovery, 6.2 rua with its "!size" limit, 7.1 verification of external destinations) and TLS
// reports (RFC 8460 3, `_smtp._tls`). Every lookup goes through our cached resolver; a temporary
// DNS failure is reported as such so the caller can try again later instead of giving up.
import { getDomain } from 'tldts';
import { DnsError, type DnsResolver } from '../dns/resolver.js';

/** RFC 7489 3.2: the registered domain under the public suffix list (same options as mailauth's DMARC check). */
export function organizationalDomain(domain: string): string {
  const d = domain.toLowerCase().replace(/\.$/, '');
  return getDomain(d, { allowPrivateDomains: true }) ?? d;
}

export class TempDnsError extends Error {}

/** TXT records at `name` (chunks joined) that start with `prefix`; [] when the name has none. */
async function txtStartingWith(resolver: DnsResolver, name: string, prefix: RegExp): Promise<string[]> {
  try {
    return (await resolver.txt(name)).map((chunks) => chunks.join('')).filter((t) => prefix.test(t));
  } catch (err) {
    if (err instanceof DnsError && err.notFound) return [];
    if (err instanceof DnsError && !err.temporary) return [];
    throw new TempDnsError(`DNS lookup of ${name} TXT failed: ${(err as Error).message}`);
  }
}

/** tag=value pairs of a DMARC or TLSRPT record; the first of a repeated tag wins. */
export function recordTags(record: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const part of record.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const k = part.slice(0, eq).trim().toLowerCase();
    if (!tags.has(k)) tags.set(k, part.slice(eq + 1).trim());
  }
  return tags;
}

const DMARC_RECORD = /^\s*v\s*=\s*DMARC1\s*(;|$)/i;

export interface DmarcPolicyRecord {
  /** Where the record was found: the From domain, or its organizational domain. */
  policyDomain: string;
  tags: Map<string, string>;
}

/**
 * RFC 7489 6.6.3: the record at _dmarc.<domain>, else at _dmarc.<organizational domain>; none
 * when neither has exactly one. Throws TempDnsError on a temporary failure.
 */
export async function discoverDmarcPolicy(resolver: DnsResolver, fromDomain: string): Promise<DmarcPolicyRecord | null> {
  const domain = fromDomain.toLowerCase().replace(/\.$/, '');
  const candidates = [domain];
  const org = organizationalDomain(domain);
  if (org !== domain) candidates.push(org);
  for (const d of candidates) {
    const records = await txtStartingWith(resolver, `_dmarc.${d}`, DMARC_RECORD);
    if (records.length === 1) return { policyDomain: d, tags: recordTags(records[0]!) };
    // Several records mean no policy at all (6.6.3 step 4), not a fall back to the organization.
    if (records.length > 1) return null;
  }
  return null;
}

export interface ReportUri {
  /** The mailbox, percent-decoded. */
  address: string;
  domain: string;
  /** Largest report in bytes this destination accepts (RFC 7489 6.2 "!size"), or null. */
  maxBytes: number | null;
}

const SIZE_UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/**
 * The mailto: destinations of a rua= value (other schemes are left out and named in `ignored`).
 * RFC 7489 6.2: a comma-separated list of URIs, each optionally followed by "!" size [unit].
 */
export function parseRua(value: string): { uris: ReportUri[]; ignored: string[] } {
  const uris: ReportUri[] = [];
  const ignored: string[] = [];
  for (const raw of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(.*?)(?:!(\d{1,15})([kmgt]?))?$/i.exec(raw)!;
    const uri = m[1]!;
    const mailto = /^mailto:([^?]+)(\?.*)?$/i.exec(uri);
    let address = '';
    try {
      address = mailto ? decodeURIComponent(mailto[1]!).trim() : '';
    } catch {
      address = '';
    }
    const at = address.lastIndexOf('@');
    if (!mailto || at <= 0 || at === address.length - 1 || /[\s<>]/.test(address)) {
      ignored.push(raw);
      continue;
    }
    const maxBytes = m[2] === undefined ? null : Number(m[2]) * SIZE_UNITS[(m[3] ?? '').toLowerCase()]!;
    uris.push({ address, domain: address.slice(at + 1).toLowerCase().replace(/\.$/, ''), maxBytes });
  }
  return { uris, ignored };
}

export type Authorization = { ok: true; how: string } | { ok: false; why: string };

/**
 * RFC 7489 7.1: a destination outside the policy domain's organizational domain must agree to
 * receive its reports by publishing `<policy-domain>._report._dmarc.<destination host>` TXT
 * "v=DMARC1". Throws TempDnsError on a temporary failure.
 */
export async function authorizeDestination(resolver: DnsResolver, policyDomain: string, destination: string): Promise<Authorization> {
  if (organizationalDomain(destination) === organizationalDomain(policyDomain)) return { ok: true, how: 'same organizational domain' };
  const name = `${policyDomain}._report._dmarc.${destination}`;
  const records = await txtStartingWith(resolver, name, DMARC_RECORD);
  if (records.length === 1) return { ok: true, how: `${name} TXT authorizes it` };
  return { ok: false, why: records.length ? `${name} has ${records.length} v=DMARC1 records, not one` : `${destination} does not accept reports for ${policyDomain}: no ${name} TXT "v=DMARC1" record (RFC 7489 7.1)` };
}

const TLSRPT_RECORD = /^\s*v\s*=\s*TLSRPTv1\s*(;|$)/;

/**
 * RFC 8460 3: the rua of `_smtp._tls.<domain>`, or null when the domain publishes no (single)
 * TLSRPTv1 record. Throws TempDnsError on a temporary failure.
 */
export async function tlsRptDestinations(resolver: DnsResolver, domain: string): Promise<{ mailto: string[]; other: string[] } | null> {
  const records = await txtStartingWith(resolver, `_smtp._tls.${domain}`, TLSRPT_RECORD);
  if (records.length !== 1) return null;
  const rua = recordTags(records[0]!).get('rua') ?? '';
  const mailto: string[] = [];
  const other: string[] = [];
  for (const uri of rua.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^mailto:([^?]+)/i.exec(uri);
    let address = '';
    try {
      address = m ? decodeURIComponent(m[1]!).trim() : '';
    } catch {
      address = '';
    }
    if (address && /^[^\s@<>]+@[^\s@<>]+$/.test(address)) mailto.push(address);
    else other.push(uri);
  }
  return { mailto, other };
}
