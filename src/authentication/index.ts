// Inbound authentication of one message: SPF (MAIL FROM and HELO), DKIM, ARC, then DMARC over
// them, the verdict our policy draws from that, and the Authentication-Results field.
//
// Policy (RFC 7489 6.6 leaves it to the receiver):
// - DMARC pass, none, or a failure whose policy (after pct=) is none: accept.
// - Failure under reject: 550 5.7.1; under quarantine: the copies go to Spam. Unless the latest
//   ARC sealer is trusted and recorded an aligned pass (mailing lists, forwarders): accept.
// - A DNS temperror that could change the outcome (the DMARC record itself, or an SPF/DKIM
//   check that would have made DMARC pass) gets 451 so the sender retries; one that could not
//   change it is only recorded.
import type { AuthenticateInput, AuthenticateOptions, AuthResults, DmarcOutcome, DkimOutcome, SpfOutcome, Verdict } from './types.js';
import { checkSpf } from './spf.js';
import { verifyDkim } from './dkim.js';
import { validateArc, type ArcClaims } from './arc.js';
import { evaluateDmarc } from './dmarc.js';
import { authenticationResultsHeader } from './header.js';

export type { AuthResults, AuthenticateOptions } from './types.js';
export { removeOwnResults, authservIdOf } from './header.js';

export async function authenticate(input: AuthenticateInput, opts: AuthenticateOptions): Promise<AuthResults> {
  const { resolver, authservId } = opts;
  const random = opts.random ?? Math.random;
  const helo = input.helo?.trim() || null;
  const [spf, heloSpf, dkim] = await Promise.all([
    checkSpf({ ip: input.ip, helo, sender: input.mailFrom, authservId, resolver }),
    // RFC 7208 2.3: HELO checked on its own too; with a null MAIL FROM it is the SPF identity already.
    input.mailFrom && helo && isDomainName(helo) ? checkSpf({ ip: input.ip, helo, sender: '', authservId, resolver }) : Promise.resolve(null),
    verifyDkim(input.raw, resolver, opts.now),
  ]);
  const arcValidation = await validateArc(dkim, resolver);

  const fromDomains = [...new Set(input.fromAddresses.map(domainOf).filter(Boolean))];
  const spfDomains = spf.result === 'pass' ? [spf.domain] : [];
  const dkimDomains = dkim.outcomes.filter((d) => d.result === 'pass').map((d) => d.domain);
  const evaluate = (fromDomain: string, extraSpf: string[] = [], extraDkim: string[] = []) =>
    evaluateDmarc({ fromDomain, spfDomains: [...spfDomains, ...extraSpf], dkimDomains: [...dkimDomains, ...extraDkim], resolver, random });

  let dmarc: DmarcOutcome;
  if (fromDomains.length === 0) {
    dmarc = { result: 'none', fromDomain: '', policy: null, appliedPolicy: null, pct: 100, spfAligned: false, dkimAligned: false, reason: 'no From address with a domain' };
  } else {
    // Several From domains (RFC 7489 6.6.1): each is checked, the worst outcome counts.
    const all = await Promise.all(fromDomains.slice(0, 5).map((d) => evaluate(d)));
    dmarc = all.find((d) => d.result === 'fail' && d.appliedPolicy === 'reject') ?? all.find((d) => d.result === 'temperror') ?? all.find((d) => d.result === 'fail') ?? all[0]!;
    if (fromDomains.length > 1) dmarc = { ...dmarc, reason: `${dmarc.reason}; From has ${fromDomains.length} domains` };
  }

  const trustedVouch = arcValidation.outcome.result === 'pass' && !!arcValidation.outcome.sealer && opts.trustedArcSealers.some((t) => t.toLowerCase() === arcValidation.outcome.sealer) && (await vouches(arcValidation.claims, dmarc.fromDomain, evaluate));
  const arc = { ...arcValidation.outcome, trustedVouch };
  const verdict = await decide({ spf, dkim: dkim.outcomes, dmarc, trustedVouch, sealer: arc.sealer, evaluate });
  const parts = { spf, helo: heloSpf, dkim: dkim.outcomes, dmarc, arc };
  return { ...parts, verdict, header: authenticationResultsHeader(authservId, parts) };
}

type Evaluate = (fromDomain: string, extraSpf?: string[], extraDkim?: string[]) => Promise<DmarcOutcome>;

interface DecideInput {
  spf: SpfOutcome;
  dkim: DkimOutcome[];
  dmarc: DmarcOutcome;
  trustedVouch: boolean;
  sealer: string | null;
  evaluate: Evaluate;
}

async function decide(i: DecideInput): Promise<Verdict> {
  const { dmarc } = i;
  const from = dmarc.fromDomain;
  if (dmarc.result === 'pass') return { action: 'accept', reason: `DMARC pass for ${from}` };
  if (dmarc.result === 'none') return { action: 'accept', reason: `no DMARC policy (${dmarc.reason})` };
  if (dmarc.result === 'temperror') {
    // Exactly the From domain aligns in every mode: the record could not make it fail.
    const exact = (i.spf.result === 'pass' && i.spf.domain === from) || i.dkim.some((d) => d.result === 'pass' && d.domain === from);
    if (exact) return { action: 'accept', reason: `DMARC record of ${from} unavailable, but SPF or DKIM passes for ${from} itself` };
    return { action: 'tempfail', code: 451, enhanced: '4.7.0', reason: `DMARC policy of ${from} could not be looked up (DNS error), try again later` };
  }
  if (dmarc.result === 'permerror') return { action: 'accept', reason: `DMARC permerror: ${dmarc.reason}` };
  // fail
  const applied = dmarc.appliedPolicy ?? 'none';
  if (applied === 'none') return { action: 'accept', reason: `DMARC fail for ${from}, policy ${dmarc.policy}${dmarc.policy !== applied ? ` lowered to none by pct=${dmarc.pct}` : ''}` };
  if (i.trustedVouch) return { action: 'accept', reason: `DMARC ${applied} policy of ${from} overridden: trusted ARC sealer ${i.sealer} recorded an aligned pass` };
  // A temporary error that would have made DMARC pass: let the sender retry rather than refuse.
  if (i.spf.result === 'temperror' && (await i.evaluate(from, [i.spf.domain])).result === 'pass') {
    return { action: 'tempfail', code: 451, enhanced: '4.7.24', reason: `SPF check of ${i.spf.domain} failed temporarily (DNS error) and decides the DMARC policy of ${from}, try again later` };
  }
  const tempDkim = i.dkim.filter((d) => d.result === 'temperror').map((d) => d.domain);
  if (tempDkim.length && (await i.evaluate(from, [], tempDkim)).result === 'pass') {
    return { action: 'tempfail', code: 451, enhanced: '4.7.5', reason: `DKIM key of ${tempDkim.join(', ')} could not be fetched (DNS error) and decides the DMARC policy of ${from}, try again later` };
  }
  const why = `SPF and DKIM not aligned: spf=${i.spf.result} for ${i.spf.domain || 'no domain'}, dkim=${dkimSummary(i.dkim)}`;
  if (applied === 'reject') return { action: 'reject', code: 550, enhanced: '5.7.1', reason: `Message rejected: DMARC policy of ${from} is reject (${why})` };
  return { action: 'quarantine', reason: `DMARC policy of ${from} is quarantine (${why})` };
}

async function vouches(claims: ArcClaims | null, fromDomain: string, evaluate: Evaluate): Promise<boolean> {
  if (!claims || !fromDomain) return false;
  if (claims.dmarcPass && (claims.dmarcFrom === null || claims.dmarcFrom === fromDomain)) return true;
  if (!claims.dkimPassDomains.length && !claims.spfPassDomains.length) return false;
  // Alignment as DMARC itself would see it, with the recorded passes (the record is cached).
  const d = await evaluate(fromDomain, claims.spfPassDomains, claims.dkimPassDomains);
  return d.result === 'pass';
}

function dkimSummary(dkim: DkimOutcome[]): string {
  return dkim.map((d) => (d.domain ? `${d.result} for ${d.domain}` : d.result)).join(', ');
}

function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1).toLowerCase().replace(/\.$/, '').trim();
}

/** A HELO name worth its own SPF check: a domain name with a dot, not an address literal. */
function isDomainName(helo: string): boolean {
  return /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+\.?$/.test(helo) && !/^[\d.]+$/.test(helo);
}
