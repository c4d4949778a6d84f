// DMARC aggregate reports (RFC 7489 7.2 and appendix C) read from XML into typed values, and
// written back out for the reports we send. Reading is tolerant where reporters differ (element
// order, namespaces, a missing <version>, DMARCbis additions such as <envelope_from> or
// disposition "pass") and strict where the report would be meaningless without it (org_name,
// report_id, date range, policy domain, each record's source IP, count and header_from).
import net from 'node:net';
import { child, childrenNamed, childText, parseXml, type XmlElement, type XmlLimits } from './xml.js';

export type Disposition = 'none' | 'quarantine' | 'reject';
export type DkimResult = 'none' | 'pass' | 'fail' | 'policy' | 'neutral' | 'temperror' | 'permerror';
export type SpfResult = 'none' | 'neutral' | 'pass' | 'fail' | 'softfail' | 'temperror' | 'permerror';
export type OverrideReason = 'forwarded' | 'sampled_out' | 'trusted_forwarder' | 'mailing_list' | 'local_policy' | 'other';

export interface PolicyPublished {
  domain: string;
  adkim: 'r' | 's' | null;
  aspf: 'r' | 's' | null;
  p: string;
  sp: string | null;
  pct: number | null;
  fo: string | null;
}

export interface DmarcRecordRow {
  sourceIp: string;
  count: number;
  /** As reported: none / quarantine / reject (DMARCbis adds pass); lower case. */
  disposition: string;
  /** policy_evaluated: did DKIM / SPF pass *aligned*. */
  dkim: 'pass' | 'fail' | null;
  spf: 'pass' | 'fail' | null;
  reasons: Array<{ type: string; comment: string | null }>;
  headerFrom: string;
  envelopeFrom: string | null;
  envelopeTo: string | null;
  dkimResults: Array<{ domain: string; selector: string | null; result: string }>;
  spfResults: Array<{ domain: string; scope: string | null; result: string }>;
}

export interface DmarcAggregateReport {
  orgName: string;
  email: string | null;
  extraContactInfo: string | null;
  reportId: string;
  /** Milliseconds since the epoch (the XML carries seconds). */
  begin: number;
  end: number;
  errors: string[];
  policy: PolicyPublished;
  records: DmarcRecordRow[];
}

export class ReportFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportFormatError';
  }
}

const MAX_RECORDS = 100_000;
const MAX_AUTH_RESULTS = 50;
const DOMAIN = /^[A-Za-z0-9_]([A-Za-z0-9_.-]{0,251}[A-Za-z0-9_])?\.?$/;
const TOKEN = /^[a-z_]{1,32}$/;

/** Length-capped and free of control characters: these values end up in logs and tables. */
function clean(value: string | undefined, max = 255): string | undefined {
  if (value === undefined) return undefined;
  const v = value.replace(/[\x00-\x1f\x7f]+/g, ' ').trim();
  return v ? v.slice(0, max) : undefined;
}

function required(el: XmlElement | undefined, name: string, where: string, max = 255): string {
  const v = clean(childText(el, name), max);
  if (v === undefined) throw new ReportFormatError(`${where}/${name} is missing`);
  return v;
}

function domainOf(value: string | undefined, what: string): string {
  const v = value?.trim().toLowerCase().replace(/\.$/, '');
  if (!v || !DOMAIN.test(v)) throw new ReportFormatError(`${what} "${(value ?? '').slice(0, 80)}" is not a domain name`);
  return v;
}

function optionalDomain(value: string | undefined): string | null {
  const v = value?.trim().toLowerCase().replace(/\.$/, '');
  return v && DOMAIN.test(v) ? v : null;
}

function epochSeconds(value: string, what: string): number {
  if (!/^\d{1,12}$/.test(value)) throw new ReportFormatError(`${what} "${value.slice(0, 40)}" is not a Unix time`);
  return Number(value) * 1000;
}

function token(value: string | undefined): string | null {
  const v = value?.trim().toLowerCase();
  return v && TOKEN.test(v) ? v : null;
}

function passFail(value: string | undefined): 'pass' | 'fail' | null {
  const v = token(value);
  return v === 'pass' || v === 'fail' ? v : null;
}

function alignment(value: string | undefined): 'r' | 's' | null {
  const v = token(value);
  return v === 'r' || v === 's' ? v : null;
}

/** Parses the XML of one aggregate report. Throws XmlError or ReportFormatError with the reason. */
export function parseDmarcReport(xml: Buffer | string, limits: Partial<XmlLimits> = {}): DmarcAggregateReport {
  const root = parseXml(xml, limits);
  if (root.name.toLowerCase() !== 'feedback') throw new ReportFormatError(`root element is <${root.name}>, not <feedback>`);
  const meta = child(root, 'report_metadata');
  if (!meta) throw new ReportFormatError('feedback/report_metadata is missing');
  const range = child(meta, 'date_range');
  if (!range) throw new ReportFormatError('report_metadata/date_range is missing');
  const begin = epochSeconds(required(range, 'begin', 'date_range'), 'date_range/begin');
  const end = epochSeconds(required(range, 'end', 'date_range'), 'date_range/end');
  if (end < begin) throw new ReportFormatError('date_range ends before it begins');

  const pp = child(root, 'policy_published');
  if (!pp) throw new ReportFormatError('feedback/policy_published is missing');
  const pct = childText(pp, 'pct');
  const policy: PolicyPublished = {
    domain: domainOf(childText(pp, 'domain'), 'policy_published/domain'),
    adkim: alignment(childText(pp, 'adkim')),
    aspf: alignment(childText(pp, 'aspf')),
    p: token(childText(pp, 'p')) ?? 'none',
    sp: token(childText(pp, 'sp')),
    pct: pct !== undefined && /^\d{1,3}$/.test(pct) ? Math.min(Number(pct), 100) : null,
    fo: clean(childText(pp, 'fo'), 20) ?? null,
  };

  const recordEls = childrenNamed(root, 'record');
  if (recordEls.length > MAX_RECORDS) throw new ReportFormatError(`more than ${MAX_RECORDS} records`);
  const records = recordEls.map((r, i) => parseRecord(r, i + 1));

  return {
    orgName: required(meta, 'org_name', 'report_metadata'),
    email: clean(childText(meta, 'email')) ?? null,
    extraContactInfo: clean(childText(meta, 'extra_contact_info'), 1000) ?? null,
    reportId: required(meta, 'report_id', 'report_metadata'),
    begin,
    end,
    errors: childrenNamed(meta, 'error').map((e) => clean(e.text, 1000)).filter((e): e is string => !!e).slice(0, 20),
    policy,
    records,
  };
}

function parseRecord(r: XmlElement, n: number): DmarcRecordRow {
  const where = `record ${n}`;
  const row = child(r, 'row');
  if (!row) throw new ReportFormatError(`${where}: row is missing`);
  const ip = childText(row, 'source_ip');
  if (!ip || !net.isIP(ip)) throw new ReportFormatError(`${where}: source_ip "${(ip ?? '').slice(0, 60)}" is not an IP address`);
  const countText = childText(row, 'count') ?? '';
  if (!/^\d{1,12}$/.test(countText)) throw new ReportFormatError(`${where}: count "${countText.slice(0, 20)}" is not a number`);
  const pe = child(row, 'policy_evaluated');
  const ids = child(r, 'identifiers');
  const auth = child(r, 'auth_results');
  return {
    sourceIp: ip.toLowerCase(),
    count: Number(countText),
    disposition: token(childText(pe, 'disposition')) ?? 'none',
    dkim: passFail(childText(pe, 'dkim')),
    spf: passFail(childText(pe, 'spf')),
    reasons: childrenNamed(pe, 'reason')
      .slice(0, 10)
      .map((x) => ({ type: token(childText(x, 'type')) ?? 'other', comment: clean(childText(x, 'comment'), 500) ?? null })),
    headerFrom: domainOf(childText(ids, 'header_from'), `${where}: identifiers/header_from`),
    envelopeFrom: optionalDomain(childText(ids, 'envelope_from')),
    envelopeTo: optionalDomain(childText(ids, 'envelope_to')),
    dkimResults: childrenNamed(auth, 'dkim')
      .slice(0, MAX_AUTH_RESULTS)
      .flatMap((d) => {
        const domain = optionalDomain(childText(d, 'domain'));
        return domain ? [{ domain, selector: clean(childText(d, 'selector'), 100) ?? null, result: token(childText(d, 'result')) ?? 'none' }] : [];
      }),
    spfResults: childrenNamed(auth, 'spf')
      .slice(0, MAX_AUTH_RESULTS)
      .flatMap((s) => {
        const domain = optionalDomain(childText(s, 'domain'));
        return domain ? [{ domain, scope: token(childText(s, 'scope')), result: token(childText(s, 'result')) ?? 'none' }] : [];
      }),
  };
}

/** Whether a record counts as passing DMARC: aligned DKIM or aligned SPF passed (RFC 7489 6.6.2). */
export function recordPasses(r: Pick<DmarcRecordRow, 'dkim' | 'spf'>): boolean {
  return r.dkim === 'pass' || r.spf === 'pass';
}

// ---------------------------------------------------------------------------
// Writing (the reports we send)

export interface OutgoingRecord {
  sourceIp: string;
  count: number;
  disposition: Disposition;
  dkim: 'pass' | 'fail';
  spf: 'pass' | 'fail';
  reason: { type: OverrideReason; comment: string | null } | null;
  headerFrom: string;
  envelopeFrom: string | null;
  dkimResults: Array<{ domain: string; selector: string | null; result: DkimResult }>;
  spfResult: { domain: string; scope: 'mfrom' | 'helo'; result: SpfResult };
}

export interface OutgoingReport {
  orgName: string;
  email: string;
  reportId: string;
  /** Unix seconds. */
  begin: number;
  end: number;
  policy: PolicyPublished;
  records: OutgoingRecord[];
}

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** RFC 7489 appendix C XML of one report, UTF-8, one element per line. */
export function buildDmarcReportXml(r: OutgoingReport): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', '<feedback>', '  <version>1.0</version>'];
  const el = (indent: number, name: string, value: string | number | null | undefined) => {
    if (value === null || value === undefined) return;
    out.push(`${' '.repeat(indent)}<${name}>${escapeXml(String(value))}</${name}>`);
  };
  out.push('  <report_metadata>');
  el(4, 'org_name', r.orgName);
  el(4, 'email', r.email);
  el(4, 'report_id', r.reportId);
  out.push('    <date_range>');
  el(6, 'begin', r.begin);
  el(6, 'end', r.end);
  out.push('    </date_range>', '  </report_metadata>', '  <policy_published>');
  el(4, 'domain', r.policy.domain);
  el(4, 'adkim', r.policy.adkim ?? 'r');
  el(4, 'aspf', r.policy.aspf ?? 'r');
  el(4, 'p', r.policy.p);
  el(4, 'sp', r.policy.sp ?? r.policy.p);
  el(4, 'pct', r.policy.pct ?? 100);
  el(4, 'fo', r.policy.fo);
  out.push('  </policy_published>');
  for (const rec of r.records) {
    out.push('  <record>', '    <row>');
    el(6, 'source_ip', rec.sourceIp);
    el(6, 'count', rec.count);
    out.push('      <policy_evaluated>');
    el(8, 'disposition', rec.disposition);
    el(8, 'dkim', rec.dkim);
    el(8, 'spf', rec.spf);
    if (rec.reason) {
      out.push('        <reason>');
      el(10, 'type', rec.reason.type);
      el(10, 'comment', rec.reason.comment);
      out.push('        </reason>');
    }
    out.push('      </policy_evaluated>', '    </row>', '    <identifiers>');
    el(6, 'envelope_from', rec.envelopeFrom);
    el(6, 'header_from', rec.headerFrom);
    out.push('    </identifiers>', '    <auth_results>');
    for (const d of rec.dkimResults) {
      out.push('      <dkim>');
      el(8, 'domain', d.domain);
      el(8, 'selector', d.selector);
      el(8, 'result', d.result);
      out.push('      </dkim>');
    }
    out.push('      <spf>');
    el(8, 'domain', rec.spfResult.domain);
    el(8, 'scope', rec.spfResult.scope);
    el(8, 'result', rec.spfResult.result);
    out.push('      </spf>', '    </auth_results>', '  </record>');
  }
  out.push('</feedback>', '');
  return out.join('\n');
}
