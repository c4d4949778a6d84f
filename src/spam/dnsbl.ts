// DNS blocklists (RFC 5782): optional, off by default (no zones), because the public lists refuse
// or mislead queries from big shared resolvers and their terms of use vary. The pipeline calls
// checkBlocklists() before classify() and passes the hits in the context, so classify() itself
// stays synchronous and never waits on the network.
import type { BlocklistHit } from './types.js';
import { isIpLiteral } from './urls.js';

export interface BlocklistZone {
  /** e.g. "zen.spamhaus.org" (IP list) or "dbl.spamhaus.org" (domain list). */
  zone: string;
  kind: 'ip' | 'domain';
  /** Points a listing adds to the spam score. */
  weight: number;
}

/** The resolver shape node:dns/promises and our src/dns resolver both offer. */
export interface BlocklistResolver {
  resolve4(name: string): Promise<string[]>;
}

export interface BlocklistOptions {
  zones: BlocklistZone[];
  resolver: BlocklistResolver;
  /** Per lookup; a slow list is skipped, never waited for. */
  timeoutMs?: number;
  /** Most domains looked up per message. */
  maxDomains?: number;
}

/** Suggested zones for an admin who opts in (check each list's terms first). Not used by default. */
export const EXAMPLE_ZONES: BlocklistZone[] = [
  { zone: 'zen.spamhaus.org', kind: 'ip', weight: 3 },
  { zone: 'bl.spamcop.net', kind: 'ip', weight: 2 },
  { zone: 'dbl.spamhaus.org', kind: 'domain', weight: 3 },
  { zone: 'multi.uribl.com', kind: 'domain', weight: 2 },
];

/** The query name of an address in an IP list: reversed octets (IPv4) or nibbles (IPv6). */
export function reverseIp(ip: string): string | null {
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/i.exec(ip.trim());
  if (v4) return [v4[4], v4[3], v4[2], v4[1]].join('.');
  if (!ip.includes(':')) return null;
  const [head, tail = ''] = ip.trim().toLowerCase().split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  if (h.length + t.length > 8 || [...h, ...t].some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  const groups = [...h, ...new Array(8 - h.length - t.length).fill('0'), ...t];
  if (!ip.includes('::') && groups.length !== 8) return null;
  return groups.map((g) => g.padStart(4, '0')).join('').split('').reverse().join('.');
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | null> {
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(null), ms);
    p.then(
      (v) => { clearTimeout(t); resolve(v); },
      () => { clearTimeout(t); resolve(null); },
    );
  });
}

/**
 * Look up the client IP and the given domains in every configured zone. Failures, timeouts and
 * NXDOMAIN all mean "not listed"; answers outside 127.0.0.0/8, and 127.255.255.x (the lists'
 * "query refused" codes), are ignored.
 */
export async function checkBlocklists(input: { clientIp?: string | null; domains?: string[] }, o: BlocklistOptions): Promise<BlocklistHit[]> {
  if (!o.zones.length) return [];
  const timeout = o.timeoutMs ?? 2000;
  const jobs: Array<Promise<BlocklistHit | null>> = [];
  const rev = input.clientIp ? reverseIp(input.clientIp) : null;
  const domains = [...new Set((input.domains ?? []).filter((d) => d && !isIpLiteral(d)))].slice(0, o.maxDomains ?? 10);
  for (const z of o.zones) {
    const queries = z.kind === 'ip' ? (rev ? [[input.clientIp!, rev]] : []) : domains.map((d) => [d, d]);
    for (const [query, name] of queries) {
      jobs.push(
        withTimeout(o.resolver.resolve4(`${name}.${z.zone}`), timeout).then((answers) => {
          const a = answers?.find((x) => x.startsWith('127.') && !x.startsWith('127.255.255.'));
          return a ? { zone: z.zone, query, answer: a, weight: z.weight } : null;
        }),
      );
    }
  }
  return (await Promise.all(jobs)).filter((h): h is BlocklistHit => h !== null);
}
