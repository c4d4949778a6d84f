// ARC chain validation (RFC 8617) through mailauth, over the ARC sets its DKIM verifier collected.
// A valid chain counts for DMARC only when its latest sealer (d= of the highest-instance
// ARC-Seal) is one the admin trusts and that sealer's ARC-Authentication-Results recorded a pass
// that aligns with the From domain (RFC 8617 7.2: local policy may override a DMARC failure).
import { arc as verifyArc, type DNSResolver } from './mailauth.js';
import type { DkimVerification } from './dkim.js';
import type { ArcOutcome } from './types.js';
import { parseTagList } from './tag-list.js';

/** What the latest ARC-Authentication-Results recorded, reduced to what can vouch. */
export interface ArcClaims {
  dmarcPass: boolean;
  /** header.from of the recorded dmarc result, when given. */
  dmarcFrom: string | null;
  /** Domains with a recorded DKIM pass (header.d, or the domain of header.i). */
  dkimPassDomains: string[];
  /** Domains with a recorded SPF pass (smtp.mailfrom / smtp.mfrom). */
  spfPassDomains: string[];
}

export interface ArcValidation {
  outcome: Omit<ArcOutcome, 'trustedVouch'>;
  claims: ArcClaims | null;
}

export async function validateArc(dkim: DkimVerification, resolver: DNSResolver): Promise<ArcValidation> {
  const data = (dkim.raw as { arc?: Parameters<typeof verifyArc>[0] }).arc ?? { chain: [] };
  const malformed = malformedSet(dkim);
  if (malformed) return { outcome: { result: 'fail', instance: (data.chain || []).length, sealer: null, reason: malformed }, claims: null };
  let r;
  try {
    r = await verifyArc(data, { resolver });
  } catch (err) {
    return { outcome: { result: 'fail', instance: 0, sealer: null, reason: `ARC validation failed: ${(err as Error).message}` }, claims: null };
  }
  const chain = (data.chain || []) as unknown as Array<Record<string, { parsed?: Record<string, { value?: unknown }> }>>;
  const last = chain[chain.length - 1];
  const sealer = typeof last?.['arc-seal']?.parsed?.d?.value === 'string' ? (last['arc-seal'].parsed.d.value as string).toLowerCase() : null;
  const instance = typeof r.i === 'number' ? r.i : chain.length;
  const result = r.status.result === 'pass' ? 'pass' : r.status.result === 'fail' ? 'fail' : 'none';
  const reason = result === 'none' ? 'no ARC sets' : result === 'pass' ? `chain of ${instance} valid, sealed by ${sealer}` : r.status.comment || (data as { error?: Error }).error?.message || 'chain did not validate';
  return { outcome: { result, instance, sealer, reason }, claims: result === 'pass' ? claimsOf(r.authenticationResults) : null };
}

/** RFC 8617 4.1: ARC-Seal and ARC-Message-Signature are tag-lists; a malformed one fails the chain. */
function malformedSet(dkim: DkimVerification): string | null {
  const required: Record<string, string[]> = { 'arc-seal': ['a', 'b', 'cv', 'd', 'i', 's'], 'arc-message-signature': ['a', 'b', 'bh', 'd', 'h', 'i', 's'] };
  for (const h of dkim.raw.headers?.parsed ?? []) {
    const need = required[h.key];
    if (!need) continue;
    const { tags, problem } = parseTagList(h.line.toString().replace(/^[^:]*:/, ''), need);
    if (problem) return `malformed ${h.key === 'arc-seal' ? 'ARC-Seal' : 'ARC-Message-Signature'}${tags.get('i') ? ` i=${tags.get('i')}` : ''}: ${problem}`;
  }
  return null;
}

function claimsOf(aar: Record<string, unknown> | undefined): ArcClaims {
  const claims: ArcClaims = { dmarcPass: false, dmarcFrom: null, dkimPassDomains: [], spfPassDomains: [] };
  if (!aar) return claims;
  for (const dm of list<{ result?: string; header?: { from?: string } }>(aar.dmarc)) {
    if (dm.result?.toLowerCase() !== 'pass') continue;
    claims.dmarcPass = true;
    claims.dmarcFrom = dm.header?.from?.toLowerCase() ?? null;
  }
  for (const d of list<{ result?: string; header?: { d?: string; i?: string } }>(aar.dkim)) {
    if (d.result?.toLowerCase() !== 'pass') continue;
    const domain = d.header?.d ?? d.header?.i?.split('@').pop();
    if (domain) claims.dkimPassDomains.push(domain.toLowerCase());
  }
  for (const spf of list<{ result?: string; smtp?: { mailfrom?: string; mfrom?: string } }>(aar.spf)) {
    if (spf.result?.toLowerCase() !== 'pass') continue;
    const domain = (spf.smtp?.mailfrom ?? spf.smtp?.mfrom)?.split('@').pop();
    if (domain) claims.spfPassDomains.push(domain.toLowerCase());
  }
  return claims;
}

/** mailauth gives one method's results as an object, or a list when there are several. */
function list<T>(v: unknown): T[] {
  if (!v || typeof v !== 'object') return [];
  return (Array.isArray(v) ? v : [v]) as T[];
}
