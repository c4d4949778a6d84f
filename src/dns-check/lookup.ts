// DNS answers as the checks need them: found, definitely absent (NXDOMAIN/NODATA), or unknown
// because DNS could not answer, with a sentence saying so. A check never throws on DNS.
import { DnsError, type DnsResolver } from '../dns/resolver.js';

export type Answer<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'none'; nxdomain: boolean }
  | { kind: 'failed'; reason: string };

const WHY: Record<string, string> = {
  SERVFAIL: 'the DNS server failed (SERVFAIL)',
  TIMEOUT: 'no answer in time (timeout)',
  REFUSED: 'the DNS server refused the query (REFUSED)',
};

/** "DNS could not answer the TXT query for _dmarc.example.com: the DNS server failed (SERVFAIL)" */
export function dnsFailure(err: DnsError, type: string, name: string): string {
  return `DNS could not answer the ${type} query for ${name}: ${WHY[err.code] ?? `lookup error (${err.nodeCode})`}`;
}

export async function ask<T>(type: string, name: string, query: () => Promise<T>): Promise<Answer<T>> {
  try {
    return { kind: 'ok', value: await query() };
  } catch (err) {
    if (!(err instanceof DnsError)) throw err;
    if (err.notFound) return { kind: 'none', nxdomain: err.code === 'NXDOMAIN' };
    return { kind: 'failed', reason: dnsFailure(err, type, name) };
  }
}

/** TXT records of a name, each with its character-strings joined (RFC 7208 3.3, RFC 7489 6.1, RFC 6376 3.6.2.2). */
export function askTxt(resolver: DnsResolver, name: string): Promise<Answer<string[]>> {
  return ask('TXT', name, async () => (await resolver.txt(name)).map((strings) => strings.join('')));
}

/** A and AAAA together: 'none' only when both are absent; 'failed' when either could not be answered. */
export async function askAddresses(resolver: DnsResolver, name: string): Promise<Answer<string[]>> {
  const [a, aaaa] = await Promise.all([ask('A', name, () => resolver.a(name)), ask('AAAA', name, () => resolver.aaaa(name))]);
  if (a.kind === 'failed') return a;
  if (aaaa.kind === 'failed') return aaaa;
  const all = [...(a.kind === 'ok' ? a.value : []), ...(aaaa.kind === 'ok' ? aaaa.value : [])];
  if (all.length) return { kind: 'ok', value: all };
  return { kind: 'none', nxdomain: a.kind === 'none' && a.nxdomain };
}
