// DMARC (RFC 7489) through mailauth, which finds the record (at the From domain, then at its
// organizational domain) and checks identifier alignment (adkim/aspf, relaxed or strict). The
// policy is read here: p= or, for a subdomain covered by its organization's record, sp= (6.3);
// invalid values (6.6.3), and pct= sampling, which applies the next milder policy to the messages
// left out (6.6.4).
import { domainToASCII } from 'node:url';
import { dmarc, type DNSResolver } from './mailauth.js';
import type { DmarcOutcome, DmarcPolicy } from './types.js';

const POLICIES = new Set<DmarcPolicy>(['none', 'quarantine', 'reject']);
const MILDER: Record<DmarcPolicy, DmarcPolicy> = { reject: 'quarantine', quarantine: 'none', none: 'none' };

export interface DmarcInput {
  fromDomain: string;
  /** Domains with an SPF pass (the identity DMARC uses). */
  spfDomains: string[];
  /** Domains of passing DKIM signatures. */
  dkimDomains: string[];
  resolver: DNSResolver;
  random: () => number;
}

export async function evaluateDmarc(i: DmarcInput): Promise<DmarcOutcome> {
  const base = { fromDomain: i.fromDomain, policy: null, appliedPolicy: null, pct: 100, spfAligned: false, dkimAligned: false };
  let r;
  try {
    r = await dmarc({ headerFrom: `postmaster@${i.fromDomain}`, spfDomains: i.spfDomains, dkimDomains: i.dkimDomains.map((domain) => ({ domain })), resolver: i.resolver });
  } catch (err) {
    return { ...base, result: 'temperror', reason: `DMARC check failed: ${(err as Error).message}` };
  }
  if (!r) return { ...base, result: 'none', reason: 'no usable From domain' };
  if (r.status.result === 'temperror') return { ...base, result: 'temperror', reason: `DNS error looking up the DMARC record of ${i.fromDomain}${r.error ? `: ${r.error}` : ''}` };
  if (r.status.result === 'none' || !r.rr) return { ...base, result: 'none', reason: `no DMARC record for ${i.fromDomain}` };

  const notes: string[] = [];
  const tags = recordTags(r.rr);
  let p = tags.get('p')?.toLowerCase() as DmarcPolicy | undefined;
  if (!p || !POLICIES.has(p)) {
    notes.push(p ? `invalid p=${tags.get('p')}, treated as none` : 'no p= tag, treated as none');
    p = 'none';
  }
  let policy: DmarcPolicy = p;
  // mailauth picks sp= (raw) when the record came from the organizational domain and has one.
  if (r.policy !== r.p) {
    const sp = String(r.policy).toLowerCase() as DmarcPolicy;
    if (POLICIES.has(sp)) policy = sp;
    else notes.push(`invalid sp=${r.policy}, p= applies`);
  }
  let pct = 100;
  const rawPct = tags.get('pct');
  if (rawPct !== undefined) {
    if (/^\d{1,3}$/.test(rawPct) && Number(rawPct) <= 100) pct = Number(rawPct);
    else notes.push(`invalid pct=${rawPct}, 100 applies`);
  }
  // mailauth 4.13's strict mode compares the organizational domain of the identifier with the
  // From domain, so it accepts mail.example.com for example.com under aspf=s: strict alignment
  // (exact match, 3.1.1/3.1.2) is checked here, relaxed alignment is taken from mailauth.
  const strictSpf = tags.get('aspf')?.toLowerCase() === 's';
  const strictDkim = tags.get('adkim')?.toLowerCase() === 's';
  const from = ascii(i.fromDomain);
  const spfAligned = strictSpf ? i.spfDomains.some((d) => ascii(d) === from) : !!r.alignment?.spf?.result;
  const dkimAligned = strictDkim ? i.dkimDomains.some((d) => ascii(d) === from) : !!r.alignment?.dkim?.result;
  const result = spfAligned || dkimAligned ? 'pass' : 'fail';
  let appliedPolicy = policy;
  if (result === 'fail' && pct < 100 && i.random() * 100 >= pct) {
    appliedPolicy = MILDER[policy];
    notes.push(`pct=${pct} sampling: ${policy} lowered to ${appliedPolicy}`);
  }
  const mode = `adkim=${strictDkim ? 's' : 'r'} aspf=${strictSpf ? 's' : 'r'}`;
  const why = result === 'pass' ? `aligned ${[spfAligned && 'SPF', dkimAligned && 'DKIM'].filter(Boolean).join(' and ')}` : 'SPF and DKIM not aligned';
  return { fromDomain: i.fromDomain, result, policy, appliedPolicy, pct, spfAligned, dkimAligned, reason: [`p=${policy}`, mode, why, ...notes].join(', ') };
}

/** Domains compared in their ASCII (A-label) form, lower case, without a trailing dot. */
function ascii(domain: string): string {
  const d = domain.toLowerCase().replace(/\.$/, '');
  return domainToASCII(d) || d;
}

function recordTags(rr: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of rr.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const k = part.slice(0, eq).trim().toLowerCase();
    if (!out.has(k)) out.set(k, part.slice(eq + 1).trim());
  }
  return out;
}
