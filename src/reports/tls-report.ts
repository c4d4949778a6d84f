// SMTP TLS Reporting (RFC 8460): the JSON report format, read from what other senders report
// about our domains and written for what we report about theirs. Reading checks the shape with
// zod and keeps only the fields RFC 8460 4.4 defines, with lengths capped.
import { z } from 'zod';
import { ReportFormatError } from './dmarc-report.js';

/** RFC 8460 4.3 result types (the ones we produce are a subset). */
export const TLS_FAILURE_TYPES = [
  'starttls-not-supported',
  'certificate-host-mismatch',
  'certificate-expired',
  'certificate-not-trusted',
  'validation-failure',
  'tlsa-invalid',
  'dnssec-invalid',
  'dane-required',
  'sts-policy-fetch-error',
  'sts-policy-invalid',
  'sts-webpki-invalid',
] as const;
export type TlsFailureType = (typeof TLS_FAILURE_TYPES)[number];
export type TlsPolicyType = 'tlsa' | 'sts' | 'no-policy-found';

const text = (max: number) => z.string().max(max);
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const MAX_POLICIES = 1000;
const MAX_DETAILS = 1000;

const failureDetail = z.object({
  'result-type': text(64),
  'sending-mta-ip': text(64).optional(),
  'receiving-mx-hostname': text(255).optional(),
  'receiving-mx-helo': text(255).optional(),
  'receiving-ip': text(64).optional(),
  'failed-session-count': count,
  'additional-information': text(2000).optional(),
  'failure-reason-code': text(255).optional(),
});

const reportSchema = z.object({
  'organization-name': text(255).min(1),
  'date-range': z.object({ 'start-datetime': z.iso.datetime({ offset: true }), 'end-datetime': z.iso.datetime({ offset: true }) }),
  'contact-info': text(255).optional(),
  'report-id': text(255).min(1),
  policies: z
    .array(
      z.object({
        policy: z.object({
          'policy-type': z.enum(['tlsa', 'sts', 'no-policy-found']),
          'policy-string': z.array(text(1000)).max(100).optional(),
          'policy-domain': text(253).min(1),
          // RFC 8460 shows a string in one place and an array in another (erratum 6241): both are read.
          'mx-host': z.union([text(255), z.array(text(255)).max(100)]).optional(),
        }),
        summary: z.object({ 'total-successful-session-count': count, 'total-failure-session-count': count }),
        'failure-details': z.array(failureDetail).max(MAX_DETAILS).optional(),
      }),
    )
    .max(MAX_POLICIES),
});

export interface TlsFailureDetail {
  resultType: string;
  sendingMtaIp: string | null;
  receivingMxHostname: string | null;
  receivingIp: string | null;
  failedSessionCount: number;
  failureReasonCode: string | null;
  additionalInformation: string | null;
}

export interface TlsReportPolicy {
  policyType: TlsPolicyType;
  policyDomain: string;
  policyString: string[];
  mxHost: string[];
  successCount: number;
  failureCount: number;
  failureDetails: TlsFailureDetail[];
}

export interface TlsReport {
  orgName: string;
  reportId: string;
  contactInfo: string | null;
  begin: number;
  end: number;
  policies: TlsReportPolicy[];
}

/** Parses one RFC 8460 JSON report. Throws ReportFormatError with the reason. */
export function parseTlsReport(json: Buffer | string): TlsReport {
  let value: unknown;
  try {
    value = JSON.parse(typeof json === 'string' ? json : json.toString('utf8'));
  } catch (err) {
    throw new ReportFormatError(`not JSON: ${(err as Error).message}`);
  }
  const r = reportSchema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new ReportFormatError(`${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  const d = r.data;
  const begin = Date.parse(d['date-range']['start-datetime']);
  const end = Date.parse(d['date-range']['end-datetime']);
  if (end < begin) throw new ReportFormatError('date-range ends before it starts');
  return {
    orgName: d['organization-name'].trim(),
    reportId: d['report-id'].trim(),
    contactInfo: d['contact-info']?.trim() || null,
    begin,
    end,
    policies: d.policies.map((p) => ({
      policyType: p.policy['policy-type'],
      policyDomain: p.policy['policy-domain'].trim().toLowerCase().replace(/\.$/, ''),
      policyString: p.policy['policy-string'] ?? [],
      mxHost: p.policy['mx-host'] === undefined ? [] : Array.isArray(p.policy['mx-host']) ? p.policy['mx-host'] : [p.policy['mx-host']],
      successCount: p.summary['total-successful-session-count'],
      failureCount: p.summary['total-failure-session-count'],
      failureDetails: (p['failure-details'] ?? []).map((f) => ({
        resultType: f['result-type'],
        sendingMtaIp: f['sending-mta-ip'] ?? null,
        receivingMxHostname: f['receiving-mx-hostname'] ?? null,
        receivingIp: f['receiving-ip'] ?? null,
        failedSessionCount: f['failed-session-count'],
        failureReasonCode: f['failure-reason-code'] ?? null,
        additionalInformation: f['additional-information'] ?? null,
      })),
    })),
  };
}

// ---------------------------------------------------------------------------
// Writing

/** RFC 8460 4.4 JSON: the input is already in the report's shape, in our camelCase words. */
export function buildTlsReportJson(r: TlsReport & { contactInfo: string }): string {
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return JSON.stringify(
    {
      'organization-name': r.orgName,
      'date-range': { 'start-datetime': iso(r.begin), 'end-datetime': iso(r.end) },
      'contact-info': r.contactInfo,
      'report-id': r.reportId,
      policies: r.policies.map((p) => ({
        policy: {
          'policy-type': p.policyType,
          ...(p.policyString.length ? { 'policy-string': p.policyString } : {}),
          'policy-domain': p.policyDomain,
          ...(p.mxHost.length ? { 'mx-host': p.mxHost } : {}),
        },
        summary: { 'total-successful-session-count': p.successCount, 'total-failure-session-count': p.failureCount },
        ...(p.failureDetails.length
          ? {
              'failure-details': p.failureDetails.map((f) => ({
                'result-type': f.resultType,
                ...(f.sendingMtaIp ? { 'sending-mta-ip': f.sendingMtaIp } : {}),
                ...(f.receivingMxHostname ? { 'receiving-mx-hostname': f.receivingMxHostname } : {}),
                ...(f.receivingIp ? { 'receiving-ip': f.receivingIp } : {}),
                'failed-session-count': f.failedSessionCount,
                ...(f.failureReasonCode ? { 'failure-reason-code': f.failureReasonCode } : {}),
                ...(f.additionalInformation ? { 'additional-information': f.additionalInformation } : {}),
              })),
            }
          : {}),
      })),
    },
    null,
    2,
  );
}
