// Who this server is to the rest of the Internet: its HELO name (config `hostname`) and the public
// addresses it sends from. Those come from `server.publicAddresses` when set (needed behind NAT);
// otherwise from the A/AAAA of the hostname; failing that, from the domain's MX hosts, on the
// assumption that they are this server (the MX check says when they are not).
import { isIP } from 'node:net';
import type { DnsResolver } from '../dns/resolver.js';
import { ask, askAddresses } from './lookup.js';
import type { ServerIdentity } from './types.js';

/** One spelling per address (RFC 5952 for IPv6), so configured and resolved addresses compare equal. */
export function canonicalIp(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (isIP(ip) === 6) return new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  return ip;
}

export async function resolveIdentity(resolver: DnsResolver, domain: string, hostname: string, publicAddresses: string[]): Promise<ServerIdentity> {
  const host = await askAddresses(resolver, hostname);
  const hostnameAddresses = host.kind === 'ok' ? [...new Set(host.value.map(canonicalIp))] : host.kind === 'none' ? [] : null;
  const base = { hostname, hostnameAddresses, ...(host.kind === 'failed' ? { hostnameError: host.reason } : {}) };
  if (publicAddresses.length) return { ...base, addresses: [...new Set(publicAddresses.map(canonicalIp))], source: 'config' };
  if (hostnameAddresses?.length) return { ...base, addresses: hostnameAddresses, source: 'hostname' };
  const mx = await ask('MX', domain, () => resolver.mx(domain));
  const found = new Set<string>();
  if (mx.kind === 'ok') {
    for (const m of mx.value) {
      if (!m.exchange || m.exchange === '.') continue;
      const a = await askAddresses(resolver, m.exchange);
      if (a.kind === 'ok') for (const ip of a.value) found.add(canonicalIp(ip));
    }
  }
  return { ...base, addresses: [...found], source: found.size ? 'mx' : 'none' };
}
