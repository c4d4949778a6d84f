// What the received reports say about our domains, for the CLI and the API: per domain, over the
// last N days, how many messages passed or failed DMARC (and what the receivers did with them),
// from which source IPs and according to which reporters; for TLS-RPT, how many sessions to us
// succeeded or failed, by reporter and by failure type.
import type { Store } from '../store/db.js';
import { dmarcReportTotals, tlsReportPolicies } from '../store/reports-repo.js';
import { invalid } from '../util/errors.js';

export interface SummaryQuery {
  domain?: string;
  /** Reports whose period ended within the last `days` days. */
  days: number;
  now: number;
}

type Counts = { messages: number; pass: number; fail: number };

export interface DmarcDomainSummary extends Counts {
  domain: string;
  reports: number;
  dispositions: Record<string, number>;
  /** Busiest first, at most MAX_ROWS. */
  sources: Array<Counts & { sourceIp: string }>;
  reporters: Array<Counts & { orgName: string; reports: number }>;
}

export interface DmarcSummary { since: number; until: number; domains: DmarcDomainSummary[] }

export interface TlsDomainSummary {
  domain: string;
  reports: number;
  successfulSessions: number;
  failedSessions: number;
  reporters: Array<{ orgName: string; reports: number; successfulSessions: number; failedSessions: number }>;
  failures: Array<{ resultType: string; sessions: number }>;
}

export interface TlsSummary { since: number; until: number; domains: TlsDomainSummary[] }

const MAX_ROWS = 100;
export const MAX_DAYS = 3660;

function checkQuery(q: SummaryQuery): { since: number; domain: string | undefined } {
  if (!Number.isInteger(q.days) || q.days < 1 || q.days > MAX_DAYS) throw invalid('days', `days must be a whole number from 1 to ${MAX_DAYS}`);
  const domain = q.domain?.trim().toLowerCase().replace(/\.$/, '') || undefined;
  if (domain !== undefined && !/^[a-z0-9_.-]{1,253}$/.test(domain)) throw invalid('domain', `"${q.domain}" is not a domain name`);
  return { since: q.now - q.days * 86_400_000, domain };
}

const counts = (messages: number, pass: number): Counts => ({ messages, pass, fail: messages - pass });
const busiest = <T extends { messages: number }>(rows: T[]) => rows.sort((a, b) => b.messages - a.messages).slice(0, MAX_ROWS);

export async function dmarcSummary(store: Store, q: SummaryQuery): Promise<DmarcSummary> {
  const { since, domain } = checkQuery(q);
  const [byReporter, bySource, byDisposition] = await Promise.all([
    dmarcReportTotals(store.db, since, domain, 'org_name'),
    dmarcReportTotals(store.db, since, domain, 'source_ip'),
    dmarcReportTotals(store.db, since, domain, 'disposition'),
  ]);
  const domains = new Map<string, DmarcDomainSummary>();
  for (const r of byReporter) {
    const d = domains.get(r.domain) ?? { domain: r.domain, reports: 0, ...counts(0, 0), dispositions: {}, sources: [], reporters: [] };
    d.reports += r.reports;
    d.messages += r.messages;
    d.pass += r.pass;
    d.fail = d.messages - d.pass;
    d.reporters.push({ orgName: r.key ?? '', reports: r.reports, ...counts(r.messages, r.pass) });
    domains.set(r.domain, d);
  }
  for (const r of bySource) if (r.key !== null) domains.get(r.domain)?.sources.push({ sourceIp: r.key, ...counts(r.messages, r.pass) });
  for (const r of byDisposition) {
    const d = domains.get(r.domain);
    if (d && r.key !== null) d.dispositions[r.key] = r.messages;
  }
  for (const d of domains.values()) {
    d.sources = busiest(d.sources);
    d.reporters = busiest(d.reporters);
  }
  return { since, until: q.now, domains: [...domains.values()].sort((a, b) => a.domain.localeCompare(b.domain)) };
}

export async function tlsSummary(store: Store, q: SummaryQuery): Promise<TlsSummary> {
  const { since, domain } = checkQuery(q);
  const rows = await tlsReportPolicies(store.db, since, domain);
  const domains = new Map<string, TlsDomainSummary & { reportIds: Set<number>; byOrg: Map<string, { reports: Set<number>; ok: number; failed: number }>; byType: Map<string, number> }>();
  for (const r of rows) {
    const d =
      domains.get(r.policy_domain) ??
      { domain: r.policy_domain, reports: 0, successfulSessions: 0, failedSessions: 0, reporters: [], failures: [], reportIds: new Set<number>(), byOrg: new Map(), byType: new Map() };
    d.reportIds.add(r.reportId);
    d.successfulSessions += Number(r.success_count);
    d.failedSessions += Number(r.failure_count);
    const org = d.byOrg.get(r.org_name) ?? { reports: new Set<number>(), ok: 0, failed: 0 };
    org.reports.add(r.reportId);
    org.ok += Number(r.success_count);
    org.failed += Number(r.failure_count);
    d.byOrg.set(r.org_name, org);
    for (const f of JSON.parse(r.failure_details) as Array<{ resultType: string; failedSessionCount: number }>) {
      d.byType.set(f.resultType, (d.byType.get(f.resultType) ?? 0) + f.failedSessionCount);
    }
    domains.set(r.policy_domain, d);
  }
  return {
    since,
    until: q.now,
    domains: [...domains.values()]
      .sort((a, b) => a.domain.localeCompare(b.domain))
      .map((d) => ({
        domain: d.domain,
        reports: d.reportIds.size,
        successfulSessions: d.successfulSessions,
        failedSessions: d.failedSessions,
        reporters: [...d.byOrg].map(([orgName, o]) => ({ orgName, reports: o.reports.size, successfulSessions: o.ok, failedSessions: o.failed })).sort((a, b) => b.successfulSessions + b.failedSessions - (a.successfulSessions + a.failedSessions)),
        failures: [...d.byType].map(([resultType, sessions]) => ({ resultType, sessions })).sort((a, b) => b.sessions - a.sessions),
      })),
  };
}
