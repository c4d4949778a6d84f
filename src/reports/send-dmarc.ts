// Our daily DMARC aggregate reports (RFC 7489 7.2): for one UTC day, the counted results of
// inbound mail are grouped by the domain whose DMARC record applied, and each such domain that
// asks for reports (rua=mailto:...) gets one gzipped XML report, to every destination that
// accepts it (external destinations must authorize it, 7.1; a "!size" limit is honoured).
// Implementation rules:
// - A report is claimed before it is built (dmarc_reports_sent), so two runs or two nodes never
//   send the same one; the claim ends as 'sent' or 'skipped' with the reason, or is given back
//   on a temporary DNS failure so the next hourly run tries again.
// - Nothing here throws for one domain's trouble: every domain gets a SendResult saying why.
import zlib from 'node:zlib';
import type { DeliveryDeps } from '../delivery/context.js';
import type { DnsResolver } from '../dns/resolver.js';
import { claimReport, dmarcResultsOfDay, finishReport, releaseReport, sentReport } from '../store/reports-repo.js';
import type { Row } from '../store/schema.js';
import { newId } from '../util/ids.js';
import { buildDmarcReportXml, type Disposition, type OutgoingRecord, type PolicyPublished } from './dmarc-report.js';
import { buildReportMail } from './mail.js';
import { dayRange, deliverReport, reporter, type SendResult } from './outgoing.js';
import { authorizeDestination, discoverDmarcPolicy, parseRua, TempDnsError, type DmarcPolicyRecord } from './report-dns.js';

/** A claim older than this belongs to a run that died. */
const STALE_CLAIM_MS = 60 * 60_000;

function policyPublished(p: DmarcPolicyRecord): PolicyPublished {
  const t = p.tags;
  const mode = (v: string | undefined) => (v?.toLowerCase() === 's' ? 's' : 'r');
  const policy = (v: string | undefined) => (['none', 'quarantine', 'reject'].includes(v?.toLowerCase() ?? '') ? v!.toLowerCase() : null);
  const pct = t.get('pct');
  return {
    domain: p.policyDomain,
    adkim: mode(t.get('adkim')),
    aspf: mode(t.get('aspf')),
    p: policy(t.get('p')) ?? 'none',
    sp: policy(t.get('sp')) ?? policy(t.get('p')) ?? 'none',
    pct: pct && /^\d{1,3}$/.test(pct) ? Math.min(Number(pct), 100) : 100,
    fo: t.get('fo')?.slice(0, 20) || null,
  };
}

function outgoingRecord(r: Row<'dmarc_results'>): OutgoingRecord {
  return {
    sourceIp: r.source_ip,
    count: Number(r.count),
    disposition: r.disposition as Disposition,
    dkim: r.dkim_aligned === 'pass' ? 'pass' : 'fail',
    spf: r.spf_aligned === 'pass' ? 'pass' : 'fail',
    reason: r.override_reason ? { type: r.override_reason as NonNullable<OutgoingRecord['reason']>['type'], comment: r.override_comment } : null,
    headerFrom: r.header_from,
    envelopeFrom: r.envelope_from,
    dkimResults: JSON.parse(r.dkim_results) as OutgoingRecord['dkimResults'],
    spfResult: { domain: r.spf_domain, scope: r.spf_scope as 'mfrom' | 'helo', result: r.spf_result as OutgoingRecord['spfResult']['result'] },
  };
}

export async function sendDmarcReports(deps: DeliveryDeps, resolver: DnsResolver, day: string): Promise<SendResult[]> {
  const log = deps.log.child({ component: 'reports', report: 'dmarc', day });
  const rows = await dmarcResultsOfDay(deps.store.db, day);
  const byFrom = new Map<string, Row<'dmarc_results'>[]>();
  for (const r of rows) byFrom.set(r.header_from, [...(byFrom.get(r.header_from) ?? []), r]);

  const results: SendResult[] = [];
  const count = (list: Row<'dmarc_results'>[]) => list.reduce((s, r) => s + Number(r.count), 0);
  // Header-From domains under the record that applies to them (a subdomain under its organization's).
  const groups = new Map<string, { policy: DmarcPolicyRecord; rows: Row<'dmarc_results'>[] }>();
  for (const [from, list] of byFrom) {
    let policy: DmarcPolicyRecord | null;
    try {
      policy = await discoverDmarcPolicy(resolver, from);
    } catch (err) {
      results.push({ domain: from, status: 'retry', reportId: null, recipients: [], count: count(list), detail: (err as Error).message });
      continue;
    }
    if (!policy) {
      // Recorded like any other decision, so later runs of the day do not look it up again.
      const detail = `${from} publishes no DMARC record any more`;
      const mine = await claimReport(deps.store.db, 'dmarc', day, from, deps.now(), STALE_CLAIM_MS);
      if (mine) await finishReport(deps.store.db, 'dmarc', day, from, 'skipped', null, detail, deps.now());
      results.push({ domain: from, status: mine ? 'skipped' : 'already', reportId: null, recipients: [], count: count(list), detail: mine ? detail : `already decided: ${detail}` });
      continue;
    }
    const g = groups.get(policy.policyDomain) ?? { policy, rows: [] };
    g.rows.push(...list);
    groups.set(policy.policyDomain, g);
  }

  for (const [domain, g] of groups) {
    const result = await sendOne(deps, resolver, day, domain, g.policy, g.rows);
    results.push(result);
    const fields = { domain, status: result.status, reportId: result.reportId, recipients: result.recipients, delivery: result.delivery };
    if (result.status === 'skipped' || result.status === 'retry') log.warn(fields, `DMARC report for ${domain} not sent: ${result.detail}`);
    else if (result.status === 'sent') log.info(fields, `DMARC report for ${domain} sent: ${result.detail}`);
  }
  return results;
}

async function sendOne(deps: DeliveryDeps, resolver: DnsResolver, day: string, domain: string, policy: DmarcPolicyRecord, rows: Row<'dmarc_results'>[]): Promise<SendResult> {
  const db = deps.store.db;
  const messages = rows.reduce((s, r) => s + Number(r.count), 0);
  const base = { domain, reportId: null, recipients: [] as string[], count: messages };
  if (!(await claimReport(db, 'dmarc', day, domain, deps.now(), STALE_CLAIM_MS))) {
    const prior = await sentReport(db, 'dmarc', day, domain);
    return { ...base, status: 'already', reportId: prior?.report_id ?? null, detail: `already ${prior?.status ?? 'claimed'}${prior?.detail ? `: ${prior.detail}` : ''}` };
  }
  const skip = async (detail: string): Promise<SendResult> => {
    await finishReport(db, 'dmarc', day, domain, 'skipped', null, detail, deps.now());
    return { ...base, status: 'skipped', detail };
  };
  try {
    const rua = policy.tags.get('rua');
    if (!rua) return await skip(`the DMARC record of ${domain} asks for no aggregate reports (no rua=)`);
    const { uris, ignored } = parseRua(rua);
    const refused: string[] = ignored.map((u) => `${u}: only mailto: destinations are supported`);
    const accepted: typeof uris = [];
    for (const uri of uris) {
      const auth = await authorizeDestination(resolver, domain, uri.domain);
      if (auth.ok) accepted.push(uri);
      else refused.push(`${uri.address}: ${auth.why}`);
    }
    if (!accepted.length) return await skip(refused.join('; ') || `no usable rua= destination for ${domain}`);

    const { begin, end } = dayRange(day);
    const me = reporter(deps.config);
    const reportId = `${day.replace(/-/g, '')}.${domain}@${me.submitter}`;
    const xml = buildDmarcReportXml({
      orgName: me.orgName,
      email: me.contact,
      reportId,
      begin,
      end,
      policy: policyPublished(policy),
      records: rows.map(outgoingRecord).sort((a, b) => b.count - a.count),
    });
    const data = zlib.gzipSync(Buffer.from(xml, 'utf8'));
    const messageId = `<${newId()}@${me.submitter}>`;
    const mail = (to: string[]) =>
      buildReportMail({
        kind: 'dmarc',
        from: me.contact,
        to,
        reportDomain: domain,
        submitter: me.submitter,
        reportId,
        date: new Date(deps.now()),
        messageId,
        text: `DMARC aggregate report (RFC 7489) from ${me.orgName} for ${domain}, ${day} (UTC): ${messages} message(s) from ${new Set(rows.map((r) => r.source_ip)).size} source IP(s).`,
        filename: `${me.submitter}!${domain}!${begin}!${end}.xml.gz`,
        data,
      });
    const raw = mail(accepted.map((u) => u.address));
    // RFC 7489 6.2: a destination's "!size" bounds the report it receives.
    const fits = accepted.filter((u) => {
      if (u.maxBytes === null || raw.length <= u.maxBytes) return true;
      refused.push(`${u.address}: the report (${raw.length} bytes) is larger than its limit of ${u.maxBytes} bytes`);
      return false;
    });
    if (!fits.length) return await skip(refused.join('; '));
    const to = fits.map((u) => u.address);
    const delivery = await deliverReport(deps, me.contact, to, fits.length === accepted.length ? raw : mail(to));
    const detail = `${messages} message(s) reported to ${to.join(', ')}${refused.length ? `; not to ${refused.join('; ')}` : ''}`;
    await finishReport(db, 'dmarc', day, domain, 'sent', reportId, detail, deps.now());
    return { ...base, status: 'sent', reportId, recipients: to, detail, delivery };
  } catch (err) {
    // Temporary (DNS) or unexpected: the claim goes back, the next run tries again.
    await releaseReport(db, 'dmarc', day, domain);
    return { ...base, status: 'retry', detail: err instanceof TempDnsError ? err.message : `failed: ${(err as Error).message}` };
  }
}
