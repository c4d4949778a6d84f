// TLS outcomes of outbound sessions in RFC 8460 (TLS-RPT) terms: which policy applied (an
// MTA-STS policy as mx-connect cached it, or none: we do not do DANE) and which result type a
// failed negotiation is, from nodemailer's and Node's error codes. Pure functions.

/** A session's TLS outcome in RFC 8460 terms (4.3 result types; we have no DANE, so no TLSA). */
export interface TlsOutcome {
  domain: string;
  policyType: 'sts' | 'no-policy-found';
  /** The MTA-STS policy as its lines (RFC 8460 4.4 "policy-string"). */
  policyString: string[];
  mxHost: string | null;
  receivingIp: string | null;
  sendingIp: string | null;
  result: 'success' | 'starttls-not-supported' | 'certificate-host-mismatch' | 'certificate-expired' | 'certificate-not-trusted' | 'validation-failure' | 'sts-policy-fetch-error';
  reasonCode?: string;
}

interface StsPolicy { id?: string | false; mode?: string; mx?: string[]; maxAge?: number; error?: unknown }

/** A domain's MTA-STS policy as mx-connect cached it (mailauth's shape): its type and lines, or a fetch error. */
export function stsPolicyOf(cached: unknown): { type: TlsOutcome['policyType']; lines: string[]; fetchError: boolean } {
  const p = cached as StsPolicy | undefined;
  if (p && (p.mode === 'enforce' || p.mode === 'testing')) {
    return { type: 'sts', lines: ['version: STSv1', `mode: ${p.mode}`, ...(p.mx ?? []).map((m) => `mx: ${m}`), `max_age: ${p.maxAge ?? 0}`], fetchError: false };
  }
  // A TXT record announced a policy (it has an id) that could not be fetched.
  return p?.error && p.id ? { type: 'sts', lines: [], fetchError: true } : { type: 'no-policy-found', lines: [], fetchError: false };
}

/** nodemailer's error: code ETLS for a STARTTLS failure, or ESOCKET with Node's own code kept as originalCode. */
interface TlsErrorLike { code?: string; originalCode?: string; message?: string }

/** Node's certificate and TLS error codes (nodemailer keeps them as originalCode under ESOCKET). */
const TLS_ERROR_CODE = /^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED|SELF_SIGNED_CERT|HOSTNAME_MISMATCH)/;

export function isTlsError(err: TlsErrorLike | undefined): boolean {
  return !!err && (err.code === 'ETLS' || TLS_ERROR_CODE.test(err.originalCode ?? ''));
}

/** RFC 8460 4.3 result type of a failed TLS negotiation, from Node's certificate error. */
export function tlsFailure(err: TlsErrorLike): { result: TlsOutcome['result']; reasonCode: string } {
  const code = err.originalCode ?? '';
  const text = err.message ?? '';
  if (err.code === 'ETLS' && /upgrading connection with STARTTLS/i.test(text)) return { result: 'starttls-not-supported', reasonCode: 'starttls-refused' };
  if (code === 'CERT_HAS_EXPIRED' || /certificate has expired/i.test(text)) return { result: 'certificate-expired', reasonCode: 'CERT_HAS_EXPIRED' };
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || /does not match certificate|altnames/i.test(text)) return { result: 'certificate-host-mismatch', reasonCode: 'ERR_TLS_CERT_ALTNAME_INVALID' };
  if (/SELF_SIGNED|UNABLE_TO_|CERT_UNTRUSTED|CERT_CHAIN/.test(code) || /self[- ]signed|unable to (get|verify)/i.test(text)) return { result: 'certificate-not-trusted', reasonCode: code || 'untrusted-chain' };
  return { result: 'validation-failure', reasonCode: code || text.slice(0, 100) || 'tls-error' };
}
