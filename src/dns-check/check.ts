// The domain security check: every record family checked over one resolver, in parallel, combined
// into one report. Pure over DNS (and, for MTA-STS, one HTTPS fetch): no store, no config.
// A family that fails unexpectedly becomes an error finding, so a report always comes back.
import type { DnsResolver } from '../dns/resolver.js';
import { checkDkim } from './dkim.js';
import { checkDmarc } from './dmarc.js';
import { resolveIdentity } from './identity.js';
import { ask } from './lookup.js';
import { checkMtaSts } from './mta-sts.js';
import { checkMx } from './mx.js';
import { checkPtr } from './ptr.js';
import { checkSpf } from './spf.js';
import { checkTlsRpt } from './tls-rpt.js';
import { finding, worst, type CheckContext, type CheckName, type DomainReport, type ExpectedDkimRecord, type Finding } from './types.js';

export interface DomainCheckOptions {
  /** ASCII, lower case. */
  domain: string;
  resolver: DnsResolver;
  /** This server's HELO name (config `hostname`). */
  hostname: string;
  /** config `server.publicAddresses`; empty: derived from DNS (see identity.ts). */
  publicAddresses: string[];
  expectedDkim: ExpectedDkimRecord[];
  now?: () => number;
}

const FAMILIES: Array<[CheckName, (ctx: CheckContext) => Promise<Finding[]>]> = [
  ['mx', checkMx],
  ['spf', checkSpf],
  ['dkim', checkDkim],
  ['dmarc', checkDmarc],
  ['mta-sts', checkMtaSts],
  ['tls-rpt', checkTlsRpt],
  ['ptr', checkPtr],
];

export async function checkDomain(o: DomainCheckOptions): Promise<DomainReport> {
  const now = o.now ?? Date.now;
  const report = (checks: Finding[]): DomainReport => ({ domain: o.domain, status: worst(checks.map((c) => c.status)), checkedAt: now(), checks });

  // NXDOMAIN for the domain itself means no name below it exists either (RFC 8020): one finding says it all.
  const apex = await ask('MX', o.domain, () => o.resolver.mx(o.domain));
  if (apex.kind === 'none' && apex.nxdomain) {
    return report([
      finding('mx', 'error', 'domain-not-found', `${o.domain} does not exist in DNS (NXDOMAIN): none of its records can be found`, {
        fix: 'Check that the domain is registered and delegated to DNS servers that hold its zone.',
      }),
    ]);
  }

  const server = await resolveIdentity(o.resolver, o.domain, o.hostname, o.publicAddresses);
  const ctx: CheckContext = { domain: o.domain, resolver: o.resolver, server, expectedDkim: o.expectedDkim, now };
  const results = await Promise.all(
    FAMILIES.map(([name, check]) =>
      check(ctx).catch((err: unknown) => [finding(name, 'error', 'check-failed', `the ${name} check failed unexpectedly: ${(err as Error)?.message ?? String(err)}`)]),
    ),
  );
  return report(results.flat());
}
