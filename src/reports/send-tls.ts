// Our daily TLS reports (RFC 8460): for one UTC day, the TLS outcomes of our outbound sessions are
// grouped by recipient domain, and each domain that publishes `_smtp._tls` with a mailto: rua gets
// one gzipped JSON report. https: destinations are not posted to (RFC 8460 3 allows a sender to
// support either; the result names them). Claims and retries work as in send-dmarc.ts.
import zlib from 'node:zlib';
import type { DeliveryDeps } from '../delivery/context.js';
import type { DnsResolver } from '../dns/resolver.js';
import { claimReport, finishReport, releaseReport, sentReport, tlsResultsOfDay } from '../store/reports-repo.js';
import type { Row } from '../store/schema.js';
import { newId } from '../util/ids.js';
import { buildReportMail } from './mail.js';
import { dayRange, deliverReport, reporter, type SendResult } from './outgoing.js';
import { TempDnsError, tlsRptDestinations } from './report-dns.js';
import { buildTlsReportJson, type TlsFailureDetail, type TlsPolicyType, type TlsReportPolicy } from './tls-report.js';

const STALE_CLAIM_MS = 60 * 60_000;

/** The report's policies: one per distinct policy seen that day, with its counts and failures. */
export function tlsPolicies(domain: string, rows: Row<'tls_results'>[]): TlsReportPolicy[] {
  const policies = new Map<string, TlsReportPolicy & { details: Map<string, TlsFailureDetail> }>();
  for (const r of rows) {
    const key = `${r.policy_type} ${r.policy_string}`;
    const strings = JSON.parse(r.policy_string) as string[];
    const p =
      policies.get(key) ??
      {
        policyType: r.policy_type as TlsPolicyType,
        policyDomain: domain,
        policyString: strings,
        // RFC 8460 4.4: for an STS policy, the MX patterns it names.
        mxHost: strings.filter((l) => /^mx:/i.test(l)).map((l) => l.slice(3).trim()),
        successCount: 0,
        failureCount: 0,
        failureDetails: [],
        details: new Map<string, TlsFailureDetail>(),
      };
    const n = Number(r.count);
    if (r.result === 'success') p.successCount += n;
    else {
      p.failureCount += n;
      const dk = [r.result, r.sending_ip, r.mx_host, r.receiving_ip, r.reason_code].join(' ');
      const d = p.details.get(dk) ?? { resultType: r.result, sendingMtaIp: r.sending_ip, receivingMxHostname: r.mx_host, receivingIp: r.receiving_ip, failedSessionCount: 0, failureReasonCode: r.reason_code, additionalInformation: null };
      d.failedSessionCount += n;
      p.details.set(dk, d);
    }
    policies.set(key, p);
  }
  return [...policies.values()].map(({ details, ...p }) => ({ ...p, failureDetails: [...details.values()].sort((a, b) => b.failedSessionCount - a.failedSessionCount) }));
}

export async function sendTlsReports(deps: DeliveryDeps, resolver: DnsResolver, day: string): Promise<SendResult[]> {
  const log = deps.log.child({ component: 'reports', report: 'tls', day });
  const rows = await tlsResultsOfDay(deps.store.db, day);
  const byDomain = new Map<string, Row<'tls_results'>[]>();
  for (const r of rows) byDomain.set(r.policy_domain, [...(byDomain.get(r.policy_domain) ?? []), r]);
  const results: SendResult[] = [];
  for (const [domain, list] of byDomain) {
    const result = await sendOne(deps, resolver, day, domain, list);
    results.push(result);
    const fields = { domain, status: result.status, reportId: result.reportId, recipients: result.recipients, delivery: result.delivery };
    if (result.status === 'retry') log.warn(fields, `TLS report for ${domain} not sent: ${result.detail}`);
    else if (result.status === 'skipped') log.debug(fields, `no TLS report for ${domain}: ${result.detail}`);
    else if (result.status === 'sent') log.info(fields, `TLS report for ${domain} sent: ${result.detail}`);
  }
  return results;
}

async function sendOne(deps: DeliveryDeps, resolver: DnsResolver, day: string, domain: string, rows: Row<'tls_results'>[]): Promise<SendResult> {
  const db = deps.store.db;
  const sessions = rows.reduce((s, r) => s + Number(r.count), 0);
  const base = { domain, reportId: null, recipients: [] as string[], count: sessions };
  if (!(await claimReport(db, 'tls', day, domain, deps.now(), STALE_CLAIM_MS))) {
    const prior = await sentReport(db, 'tls', day, domain);
    return { ...base, status: 'already', reportId: prior?.report_id ?? null, detail: `already ${prior?.status ?? 'claimed'}${prior?.detail ? `: ${prior.detail}` : ''}` };
  }
  const skip = async (detail: string): Promise<SendResult> => {
    await finishReport(db, 'tls', day, domain, 'skipped', null, detail, deps.now());
    return { ...base, status: 'skipped', detail };
  };
  try {
    const dest = await tlsRptDestinations(resolver, domain);
    if (!dest) return await skip(`${domain} publishes no _smtp._tls TLSRPTv1 record`);
    if (!dest.mailto.length) return await skip(`_smtp._tls.${domain} names no mailto: destination${dest.other.length ? ` (${dest.other.join(', ')}: only mailto: is supported)` : ''}`);
    const me = reporter(deps.config);
    const { begin, end } = dayRange(day);
    const reportId = `${day}T00:00:00Z.${domain}@${me.submitter}`;
    const json = buildTlsReportJson({ orgName: me.orgName, reportId, contactInfo: me.contact, begin: begin * 1000, end: end * 1000, policies: tlsPolicies(domain, rows) });
    const raw = buildReportMail({
      kind: 'tls',
      from: me.contact,
      to: dest.mailto,
      reportDomain: domain,
      submitter: me.submitter,
      reportId,
      date: new Date(deps.now()),
      messageId: `<${newId()}@${me.submitter}>`,
      text: `TLS report (RFC 8460) from ${me.orgName} for ${domain}, ${day} (UTC): ${sessions} SMTP session(s).`,
      filename: `${me.submitter}!${domain}!${begin}!${end}.json.gz`,
      data: zlib.gzipSync(Buffer.from(json, 'utf8')),
    });
    const delivery = await deliverReport(deps, me.contact, dest.mailto, raw);
    const detail = `${sessions} session(s) reported to ${dest.mailto.join(', ')}${dest.other.length ? `; not to ${dest.other.join(', ')} (only mailto: is supported)` : ''}`;
    await finishReport(db, 'tls', day, domain, 'sent', reportId, detail, deps.now());
    return { ...base, status: 'sent', reportId, recipients: dest.mailto, detail, delivery };
  } catch (err) {
    await releaseReport(db, 'tls', day, domain);
    return { ...base, status: 'retry', detail: err instanceof TempDnsError ? err.message : `failed: ${(err as Error).message}` };
  }
}
