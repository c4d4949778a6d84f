// Reverse DNS of this server: each public address has a PTR naming the HELO name (config
// `hostname`), and that name resolves back to the address (forward-confirmed reverse DNS).
// Receivers refuse or junk mail from addresses without it.
import { ask, askAddresses } from './lookup.js';
import { canonicalIp } from './identity.js';
import { finding, type CheckContext, type Finding } from './types.js';
import { addressRecord, ptrRecord } from './zone.js';

const bare = (name: string) => name.toLowerCase().replace(/\.$/, '');

export async function checkPtr(ctx: CheckContext): Promise<Finding[]> {
  const { server } = ctx;
  const host = bare(server.hostname);
  const out: Finding[] = [];
  // Receivers look the HELO name up; one without an address looks like a spam bot's.
  if (server.hostnameAddresses?.length === 0) {
    out.push(
      finding('ptr', 'error', 'ptr-helo-no-address', `this server introduces itself (HELO) as ${host}, which has no A or AAAA record: receivers that check it refuse or junk its mail`, {
        fix: `Publish the public address${server.addresses.length === 1 ? '' : 'es'} of this server under ${host}${server.source === 'mx' ? ' (taken here from the domain\'s MX host; set server.publicAddresses if they differ)' : ''}.`,
        record: server.addresses.length ? server.addresses.map((ip) => addressRecord(host, ip)).join('\n') : `${host}. A <the public IPv4 address of this server>`,
      }),
    );
  }
  if (server.addresses.length === 0) {
    if (out.length) return out;
    return [
      finding('ptr', 'error', 'ptr-no-address', `cannot tell this server's public addresses: ${server.hostnameError ?? `${host} has no address`} and server.publicAddresses is empty`, {
        fix: 'Set server.publicAddresses in the configuration to the addresses this server sends from.',
      }),
    ];
  }
  for (const ip of server.addresses) {
    const ptr = await ask('PTR', ip, () => ctx.resolver.ptr(ip));
    const setPtr = { fix: `Reverse DNS is set by whoever owns ${ip} (your hosting provider, usually in its control panel): set it to ${host}.`, record: ptrRecord(ip, host) };
    if (ptr.kind === 'failed') {
      out.push(finding('ptr', 'error', 'ptr-dns', `${ptr.reason}; receivers cannot check this server's name either`));
      continue;
    }
    if (ptr.kind === 'none') {
      out.push(finding('ptr', 'error', 'ptr-missing', `${ip} has no reverse DNS (PTR): many receivers refuse or junk mail from it`, setPtr));
      continue;
    }
    const names = ptr.value.map(bare);
    if (!names.includes(host)) {
      // Say whether the PTR's own name would do as HELO name: it does when it resolves back to the address.
      const alt = await askAddresses(ctx.resolver, names[0]!);
      const altOk = alt.kind === 'ok' && alt.value.map(canonicalIp).includes(ip);
      out.push(
        finding('ptr', 'error', 'ptr-mismatch', `reverse DNS of ${ip} is ${names.join(', ')}, but this server introduces itself (HELO) as ${host}`, {
          fix: `${setPtr.fix}${altOk ? ` Or set hostname to ${names[0]} in Mailcove's configuration (it resolves back to ${ip}).` : ''}`,
          record: setPtr.record,
        }),
      );
      continue;
    }
    const forward: string[] = server.hostnameAddresses ?? (await askAddresses(ctx.resolver, host).then((a) => (a.kind === 'ok' ? a.value.map(canonicalIp) : [])));
    if (!forward.includes(ip)) {
      if (forward.length === 0 && out.some((f) => f.code === 'ptr-helo-no-address')) continue;
      out.push(
        finding('ptr', 'error', 'ptr-not-confirmed', `${ip} points to ${host}, but ${host} resolves to ${forward.length ? forward.join(', ') : 'no address'}, not back to ${ip}: the reverse DNS is not forward-confirmed`, {
          fix: `Publish ${ip} as an address of ${host}.`,
          record: addressRecord(host, ip),
        }),
      );
      continue;
    }
    out.push(finding('ptr', 'ok', 'ptr-ok', `${ip} → ${host} → ${ip}: reverse DNS names the HELO name and is forward-confirmed`));
  }
  return out;
}
