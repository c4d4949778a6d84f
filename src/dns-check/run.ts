// `mailcove dns check` and GET /api/v1/domains/:name/dns-check: the check of a hosted domain, with
// this node's configuration and the DKIM keys it signs with.
import { createResolver, type DnsResolver } from '../dns/resolver.js';
import type { Config } from '../config/schema.js';
import type { Store } from '../store/db.js';
import { findDomain } from '../store/domains-repo.js';
import { normalizeDomain } from '../util/address.js';
import { invalid, notFound } from '../util/errors.js';
import { checkDomain } from './check.js';
import { expectedDkimRecords } from './expected.js';
import type { DomainReport } from './types.js';

export interface DnsCheckDeps {
  store: Store;
  config: Config;
  /** Default: a new resolver per check (see below). */
  resolver?: DnsResolver;
  now?: () => number;
}

export async function runDnsCheck(deps: DnsCheckDeps, name: string): Promise<DomainReport> {
  const domain = normalizeDomain(name ?? '');
  if (!domain) throw invalid('domain', `domain: "${name}" is not a valid domain name`);
  // Only hosted domains: the check compares DNS with this server and the domain's DKIM keys.
  if (!(await findDomain(deps.store.db, domain))) throw notFound(`domain ${domain}`, 'domain');
  // A fresh resolver (and cache) for each check: someone who just fixed a record and checks again
  // must see the new answer, not one the server cached minutes ago.
  const resolver =
    deps.resolver ?? createResolver({ servers: deps.config.dns.servers.length ? deps.config.dns.servers : undefined, timeoutMs: deps.config.dns.timeoutMs });
  return checkDomain({
    domain,
    resolver,
    hostname: deps.config.hostname,
    publicAddresses: deps.config.server.publicAddresses,
    expectedDkim: await expectedDkimRecords(deps.store, domain),
    now: deps.now,
  });
}
