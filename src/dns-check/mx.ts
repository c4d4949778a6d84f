// MX of the domain: mail for it must reach this server. The preferred MX is this server (by name,
// or another name with one of our addresses), every MX host resolves, and there is no null MX.
import { isIP } from 'node:net';
import { ask, askAddresses } from './lookup.js';
import { canonicalIp } from './identity.js';
import { finding, type CheckContext, type Finding } from './types.js';
import { mxRecord } from './zone.js';

const bare = (name: string) => name.toLowerCase().replace(/\.$/, '');

export async function checkMx(ctx: CheckContext): Promise<Finding[]> {
  const { domain, server } = ctx;
  const ours = mxRecord(domain, 10, server.hostname);
  const mx = await ask('MX', domain, () => ctx.resolver.mx(domain));
  if (mx.kind === 'failed') {
    return [finding('mx', 'error', 'mx-dns', `${mx.reason}; senders cannot find where to deliver mail for ${domain} either`, { fix: 'Check that the domain\'s DNS servers answer (its NS records and the servers they name).' })];
  }
  if (mx.kind === 'none') {
    return [
      finding('mx', 'error', 'mx-missing', `${domain} has no MX record: senders fall back to the domain's own address (RFC 5321 5.1), which is rarely this server`, {
        fix: `Publish an MX record naming this server, ${server.hostname}.`,
        record: ours,
      }),
    ];
  }
  const records = [...mx.value].sort((a, b) => a.priority - b.priority);
  // RFC 7505: a single MX of "." says the domain accepts no mail at all.
  if (records.some((r) => r.exchange === '' || r.exchange === '.')) {
    const alone = records.length === 1;
    return [
      finding('mx', 'error', 'mx-null', alone ? `${domain} publishes a null MX (RFC 7505): it tells every sender that it accepts no mail` : `${domain} mixes a null MX with other MX records, which RFC 7505 forbids; senders may refuse to deliver`, {
        fix: `Replace the MX records of ${domain} with one naming this server.`,
        record: ours,
      }),
    ];
  }
  const out: Finding[] = [];
  const isUs: boolean[] = [];
  for (const r of records) {
    const host = bare(r.exchange);
    if (isIP(host)) {
      out.push(finding('mx', 'error', 'mx-ip-literal', `MX ${r.priority} ${r.exchange} is an address; an MX must name a host`, { fix: `Name the host instead.`, record: ours }));
      isUs.push(false);
      continue;
    }
    if (host === bare(server.hostname)) {
      isUs.push(true);
      continue;
    }
    const addrs = await askAddresses(ctx.resolver, host);
    if (addrs.kind === 'none') {
      out.push(finding('mx', 'error', 'mx-host-unresolvable', `MX ${r.priority} ${host} has no A or AAAA record: mail sent to it cannot arrive`, { fix: `Point the MX at this server.`, record: ours }));
      isUs.push(false);
      continue;
    }
    if (addrs.kind === 'failed') {
      out.push(finding('mx', 'warning', 'mx-dns', `MX ${r.priority} ${host}: ${addrs.reason}`));
      isUs.push(false);
      continue;
    }
    // Another name for this server counts only when our addresses are known independently of the MX.
    const known = server.source === 'config' || server.source === 'hostname';
    isUs.push(known && addrs.value.some((ip) => server.addresses.includes(canonicalIp(ip))));
  }
  const describe = (i: number) => `MX ${records[i]!.priority} ${bare(records[i]!.exchange)}`;
  if (!isUs.some(Boolean)) {
    out.push(
      finding('mx', 'error', 'mx-not-us', `mail for ${domain} goes to ${records.map((_, i) => describe(i)).join(', ')}, not to this server (${server.hostname}): Mailcove never receives it`, {
        fix: `Replace the MX records of ${domain} with one naming this server.`,
        record: ours,
      }),
    );
  } else {
    const ourBest = Math.min(...records.filter((_, i) => isUs[i]).map((r) => r.priority));
    records.forEach((r, i) => {
      if (isUs[i] || out.some((f) => f.message.startsWith(describe(i)))) return;
      if (r.priority < ourBest) {
        out.push(finding('mx', 'error', 'mx-not-first', `${describe(i)} is preferred over this server: senders deliver there first`, { fix: `Give this server the lowest MX priority, or remove ${bare(r.exchange)}.`, record: ours }));
      } else {
        out.push(finding('mx', 'warning', 'mx-other-host', `${describe(i)} is not this server: mail that goes there must be relayed on, and that host cannot refuse unknown recipients`, { fix: 'Remove it unless it is a backup you run on purpose.', record: ours }));
      }
    });
  }
  if (out.length === 0) {
    out.push(finding('mx', 'ok', 'mx-ok', `${records.map((_, i) => describe(i)).join(', ')}: this server`));
  }
  return out;
}
