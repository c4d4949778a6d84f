// The seams through which the rest of the server feeds the reports we send: the DMARC outcome of
// each inbound message (called by the authenticate stage) and the TLS outcome of each outbound
// connection (called by the queue worker). Each call adds one to a per-day counter row, so a day
// of mail costs one row per distinct outcome, not one per message. The write is a single
// auto-committed statement outside the delivery's transaction: a report is statistics, and a
// counter lost to a crash is worth less than an fsync per message.
import { createHash } from 'node:crypto';
import net from 'node:net';
import type { Db } from '../store/db.js';
import { countDmarcResult, countTlsResult } from '../store/reports-repo.js';
import type { Disposition, DkimResult, OverrideReason, SpfResult } from './dmarc-report.js';
import type { TlsFailureType, TlsPolicyType } from './tls-report.js';

export interface DmarcResultInput {
  /** When the message arrived (ms since the epoch); its UTC day is the report day. */
  at: number;
  /** The connecting client's IP (null: nothing is recorded). */
  sourceIp: string | null;
  /** RFC5322.From domain the DMARC policy was looked up for. */
  headerFrom: string;
  /** RFC5321.MailFrom domain; null for the null sender. */
  envelopeFrom: string | null;
  /** The DMARC evaluation. Only 'pass' and 'fail' are reported (no record: nobody to report to). */
  result: 'pass' | 'fail' | 'none' | 'temperror' | 'permerror';
  /** The policy that applied (p=, or sp= for a subdomain); null without a record. */
  policy: Disposition | null;
  /** What we did with the message. */
  disposition: Disposition;
  /** Why the disposition is milder than the policy asked, when it is (RFC 7489 appendix C). */
  override?: { reason: OverrideReason; comment?: string } | null;
  /** Aligned DKIM / SPF pass (policy_evaluated). */
  dkimAligned: boolean;
  spfAligned: boolean;
  /** Every DKIM signature checked (auth_results), aligned or not. */
  dkim: Array<{ domain: string; selector: string; result: DkimResult }>;
  /** The SPF result DMARC used: MAIL FROM, or HELO for the null sender. */
  spf: { domain: string; scope: 'mfrom' | 'helo'; result: SpfResult };
}

export interface TlsResultInput {
  /** When the session was attempted (ms). */
  at: number;
  /** The recipient domain: the policy domain of RFC 8460. */
  policyDomain: string;
  policyType: TlsPolicyType;
  /** The MTA-STS policy lines (RFC 8460 4.4 "policy-string"); empty without a policy. */
  policyString: string[];
  mxHost: string | null;
  receivingIp: string | null;
  sendingIp: string | null;
  result: 'success' | TlsFailureType;
  /** A short code saying more about a failure (RFC 8460 "failure-reason-code"). */
  reasonCode?: string | null;
}

/** UTC day of a time, YYYY-MM-DD. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const lowerDomain = (d: string) => d.trim().toLowerCase().replace(/\.$/, '');
const hashKey = (parts: unknown[]) => createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 40);

/**
 * Counts one inbound message's DMARC outcome for the daily aggregate report. Returns false (and
 * stores nothing) when there is nothing to report: no DMARC record, a DNS error, no From domain,
 * or no client IP.
 */
export async function recordDmarcResult(db: Db, r: DmarcResultInput): Promise<boolean> {
  if ((r.result !== 'pass' && r.result !== 'fail') || !r.policy) return false;
  const headerFrom = lowerDomain(r.headerFrom);
  const ip = (r.sourceIp ?? '').replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1').toLowerCase();
  if (!headerFrom || !net.isIP(ip)) return false;
  // Sorted so the same signatures in another order count as the same outcome; capped so a
  // message with hundreds of signatures cannot make a row (or report) of any size.
  const dkim = r.dkim
    .slice(0, 20)
    .map((d) => ({ domain: lowerDomain(d.domain), selector: d.selector.slice(0, 100), result: d.result }))
    .sort((a, b) => `${a.domain} ${a.selector} ${a.result}`.localeCompare(`${b.domain} ${b.selector} ${b.result}`));
  const row = {
    day: utcDay(r.at),
    header_from: headerFrom,
    envelope_from: r.envelopeFrom ? lowerDomain(r.envelopeFrom) : null,
    source_ip: ip,
    policy: r.policy,
    disposition: r.disposition,
    dkim_aligned: r.dkimAligned ? 'pass' : 'fail',
    spf_aligned: r.spfAligned ? 'pass' : 'fail',
    override_reason: r.override?.reason ?? null,
    override_comment: r.override?.comment?.slice(0, 200) ?? null,
    dkim_results: JSON.stringify(dkim),
    spf_domain: lowerDomain(r.spf.domain),
    spf_scope: r.spf.scope,
    spf_result: r.spf.result,
  };
  await countDmarcResult(db, { ...row, key: hashKey(Object.values(row)) });
  return true;
}

/** Counts one outbound session's TLS outcome for the daily TLS-RPT report. */
export async function recordTlsResult(db: Db, r: TlsResultInput): Promise<void> {
  const row = {
    day: utcDay(r.at),
    policy_domain: lowerDomain(r.policyDomain),
    policy_type: r.policyType,
    policy_string: JSON.stringify(r.policyString.slice(0, 100)),
    mx_host: r.mxHost ? lowerDomain(r.mxHost) : null,
    receiving_ip: r.receivingIp,
    sending_ip: r.sendingIp,
    result: r.result,
    reason_code: r.reasonCode?.slice(0, 200) ?? null,
  };
  await countTlsResult(db, { ...row, key: hashKey(Object.values(row)) });
}
