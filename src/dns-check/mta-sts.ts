// MTA-STS (RFC 8461): the _mta-sts TXT record, and the policy file it announces, served over HTTPS
// at https://mta-sts.<domain>/.well-known/mta-sts.txt with a valid certificate.
//
// The policy is fetched and parsed by mailauth's MTA-STS code, the same code the outbound queue
// uses through mx-connect (src/queue/remote-smtp.ts), so what this check reports is what our own
// queue, and other senders built like it, would see. The TXT record is parsed here, strictly:
// senders ignore a malformed one.
import { fetchPolicy, validateMx } from 'mailauth/lib/mta-sts.js';
import type { MTASTSPolicy } from 'mailauth';
import { ask, askTxt } from './lookup.js';
import { parseTagList } from './tag-list.js';
import { finding, type CheckContext, type Finding } from './types.js';
import { txtRecord } from './zone.js';

const DNS_FIX = 'Check that the domain\'s DNS servers answer; other servers get the same failure.';

export type StsRecordParse = { ok: true; id: string } | { ok: false; error: string };

/** RFC 8461 3.1: "v=STSv1;" (case-sensitive) then id=1*32(ALPHA / DIGIT), extensions allowed. */
export function parseStsRecord(text: string): StsRecordParse {
  if (!/^v=STSv1[ \t]*(;|$)/.test(text)) return { ok: false, error: 'it must start with "v=STSv1;" exactly' };
  const list = parseTagList(text);
  if (list.errors.length) return { ok: false, error: list.errors.join('; ') };
  const id = list.byName.get('id')?.value;
  if (id === undefined) return { ok: false, error: 'the required id= is missing' };
  if (!/^[A-Za-z0-9]{1,32}$/.test(id)) return { ok: false, error: `id=${id} must be 1 to 32 letters and digits` };
  return { ok: true, id };
}

export interface PolicyProblem {
  status: 'error' | 'warning';
  code: string;
  message: string;
}

/** Judges a fetched policy against the domain's MX hosts. Pure. */
export function evaluatePolicy(policy: MTASTSPolicy, mxHosts: string[]): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  if (policy.mode === 'none') {
    out.push({ status: 'warning', code: 'mta-sts-mode-none', message: 'the policy has mode: none (withdrawn): senders do not require TLS' });
    return out;
  }
  if (policy.mode === 'testing') {
    out.push({ status: 'warning', code: 'mta-sts-testing', message: 'the policy has mode: testing: senders report TLS failures but still deliver without TLS' });
  }
  for (const mx of mxHosts) {
    if (validateMx(mx, policy).valid) continue;
    out.push({
      status: policy.mode === 'enforce' ? 'error' : 'warning',
      code: 'mta-sts-mx-mismatch',
      message: `MX ${mx} is not allowed by the policy (mx: ${(policy.mx ?? []).join(', ')})${policy.mode === 'enforce' ? ': senders that enforce MTA-STS refuse to deliver to it' : ''}`,
    });
  }
  // RFC 8461 3.2 recommends weeks; a short max_age lets an attacker wait out the cached policy.
  if (policy.maxAge !== undefined && policy.maxAge < 86400) {
    out.push({ status: 'warning', code: 'mta-sts-max-age', message: `max_age: ${policy.maxAge} seconds is short: senders forget the policy within a day (a week or more is usual)` });
  }
  return out;
}

export const renderPolicy = (mx: string[], maxAge = 604800): string => ['version: STSv1', 'mode: enforce', ...mx.map((m) => `mx: ${m}`), `max_age: ${maxAge}`].join('\n');

/** An id from the clock: digits only, new every second, so a changed policy gets a new id. */
export const policyId = (ms: number): string => new Date(ms).toISOString().replace(/\D/g, '').slice(0, 14);

const TLS_ERROR = /CERT|SELF_SIGNED|ALTNAME|UNABLE_TO|DEPTH_ZERO|ERR_SSL|ERR_TLS/;
const TLS_WHY: Record<string, string> = {
  ERR_TLS_CERT_ALTNAME_INVALID: 'it is issued for other names',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'it is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'it is signed by an authority nobody trusts',
  CERT_HAS_EXPIRED: 'it has expired',
  CERT_NOT_YET_VALID: 'it is not valid yet',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its issuer is unknown, or the server does not send the intermediate certificates',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its issuer is unknown, or the server does not send the intermediate certificates',
};

function fetchProblem(err: Error & { code?: string }, url: string): { code: string; message: string } {
  const code = err.code ?? '';
  if (code.startsWith('invalid_sts')) return { code: 'mta-sts-policy-invalid', message: `the policy at ${url} is invalid: ${err.message}` };
  if (code.startsWith('http_status_')) return { code: 'mta-sts-policy-missing', message: `${url} answered HTTP ${code.slice('http_status_'.length)} instead of the policy` };
  if (TLS_ERROR.test(code)) {
    return { code: 'mta-sts-policy-tls', message: `the certificate of ${new URL(url).hostname} is not valid (${code}: ${TLS_WHY[code] ?? err.message}): senders do not trust the policy` };
  }
  return { code: 'mta-sts-policy-unreachable', message: `could not fetch ${url}: ${err.message || code}` };
}

export async function checkMtaSts(ctx: CheckContext): Promise<Finding[]> {
  const { domain } = ctx;
  const name = `_mta-sts.${domain}`;
  const url = `https://mta-sts.${domain}/.well-known/mta-sts.txt`;
  const mx = await ask('MX', domain, () => ctx.resolver.mx(domain));
  const mxHosts = mx.kind === 'ok' ? mx.value.map((m) => m.exchange.toLowerCase().replace(/\.$/, '')).filter((h) => h && h !== '.') : [];
  const policyText = renderPolicy(mxHosts.length ? mxHosts : [ctx.server.hostname]);
  const record = txtRecord(name, `v=STSv1; id=${policyId(ctx.now())}`);
  const servePolicy = `Serve ${url} (HTTPS with a valid certificate for mta-sts.${domain}, text/plain) containing:\n${policyText}`;

  const txt = await askTxt(ctx.resolver, name);
  if (txt.kind === 'failed') return [finding('mta-sts', 'error', 'mta-sts-dns', `${txt.reason}; the MTA-STS record cannot be checked`, { fix: DNS_FIX })];
  const records = txt.kind === 'ok' ? txt.value.filter((r) => /^v=STSv1/i.test(r)) : [];
  if (records.length === 0) {
    return [
      finding('mta-sts', 'warning', 'mta-sts-missing', `${domain} has no MTA-STS policy: senders deliver to it without TLS whenever an attacker strips STARTTLS`, {
        fix: `Publish the record below, then ${servePolicy.charAt(0).toLowerCase()}${servePolicy.slice(1)}`,
        record,
      }),
    ];
  }
  if (records.length > 1) {
    return [finding('mta-sts', 'error', 'mta-sts-multiple', `${name} has ${records.length} MTA-STS records; senders then ignore the policy (RFC 8461 3.1)`, { fix: 'Keep a single record: the one below.', record })];
  }
  const parsed = parseStsRecord(records[0]!);
  if (!parsed.ok) {
    return [finding('mta-sts', 'error', 'mta-sts-syntax', `the record "${records[0]}" at ${name} is malformed (${parsed.error}); senders ignore the policy`, { fix: 'Replace it with the record below.', record })];
  }

  let policy: MTASTSPolicy | false;
  try {
    policy = await fetchPolicy(domain, { resolver: ctx.resolver.forMailauth() });
  } catch (err) {
    const p = fetchProblem(err as Error & { code?: string }, url);
    return [finding('mta-sts', 'error', p.code, p.message, { fix: `${servePolicy}\nThen publish the record below (a new id tells senders to fetch the policy again).`, record })];
  }
  if (!policy) {
    return [finding('mta-sts', 'error', 'mta-sts-policy-host', `mta-sts.${domain} has no A or AAAA record: senders cannot fetch the policy the record announces`, { fix: `Point mta-sts.${domain} at a web server. ${servePolicy}` })];
  }
  const problems = evaluatePolicy(policy, mxHosts);
  if (problems.length === 0) {
    return [finding('mta-sts', 'ok', 'mta-sts-ok', `policy ${parsed.id}: mode ${policy.mode}, mx ${(policy.mx ?? []).join(', ')}, max_age ${policy.maxAge}`)];
  }
  return problems.map((p) => finding('mta-sts', p.status, p.code, p.message, { fix: `Change the policy file: ${servePolicy.charAt(0).toLowerCase()}${servePolicy.slice(1)}\nThen publish the record below (a new id tells senders to fetch it again).`, record }));
}
