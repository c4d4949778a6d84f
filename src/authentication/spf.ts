// SPF (RFC 7208) through mailauth: the MAIL FROM identity, and the HELO identity on its own
// (2.3) or in place of a null MAIL FROM (2.4: postmaster@<helo>). mailauth enforces the 10-lookup
// and 2-void-lookup limits (4.6.4) and turns DNS failures into temperror.
import { domainToASCII } from 'node:url';
import { spf, type DNSResolver } from './mailauth.js';
import type { SpfOutcome, SpfResultName } from './types.js';

const RESULTS = new Set<SpfResultName>(['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror']);

export interface SpfCheck {
  ip: string;
  helo: string | null;
  /** The address to check ('' for the HELO identity). */
  sender: string;
  authservId: string;
  resolver: DNSResolver;
}

export async function checkSpf(c: SpfCheck): Promise<SpfOutcome> {
  const heloName = c.helo?.trim() || '';
  const identity = c.sender ? 'mailfrom' : 'helo';
  const value = c.sender || heloName;
  // mailauth accepts A-labels only: an IDN domain (SMTPUTF8) is checked as its A-label (RFC 5890).
  const sender = aLabels(c.sender || (heloName ? `postmaster@${heloName}` : ''));
  const domain = (sender.split('@').pop() ?? '').toLowerCase();
  if (!sender || !domain) return { identity, value, domain, result: 'none', reason: 'no identity to check (no MAIL FROM domain and no HELO name)' };
  try {
    const r = await spf({ sender, ip: c.ip, helo: (heloName && aLabels(heloName)) || undefined, mta: c.authservId, resolver: wellFormedOnly(c.resolver) });
    const name = r.status.result as SpfResultName;
    const result: SpfResultName = RESULTS.has(name) ? name : 'temperror';
    // mailauth's comments start with "<mta>: "; the header already names us.
    let reason = (r.status.comment ?? '').replace(new RegExp(`^${escapeRe(c.authservId)}: `), '');
    if (r.lookups && (result === 'permerror' || r.lookups.count > 0)) reason += ` (${r.lookups.count} DNS lookups, ${r.lookups.void} void)`;
    return { identity, value, domain: r.domain || domain, result, reason: reason || result };
  } catch (err) {
    // mailauth catches DNS errors itself; anything else is a bug there, reported, not fatal.
    return { identity, value, domain, result: 'temperror', reason: `SPF check failed: ${(err as Error).message}` };
  }
}

/**
 * Names that cannot exist (a label over 63 octets, an empty label, over 253 octets: RFC 1035
 * 2.3.4), as macro expansion can make them, are answered as nonexistent instead of being sent to
 * DNS, where they fail as a resolver error (temperror) rather than not matching (RFC 7208 4.8).
 */
function wellFormedOnly(resolver: DNSResolver): DNSResolver {
  return (async (name: string, rrtype: string) => {
    const labels = name.replace(/\.$/, '').split('.');
    if (name.length > 253 || labels.some((l) => l.length === 0 || l.length > 63)) {
      throw Object.assign(new Error(`malformed name ${name.slice(0, 80)}`), { code: 'ENOTFOUND' });
    }
    return resolver(name, rrtype);
  }) as DNSResolver;
}

/** The domain part (or a bare name) in A-label form; left as it is when it is not a valid name. */
function aLabels(s: string): string {
  const at = s.lastIndexOf('@');
  const domain = s.slice(at + 1);
  if (/^[\x00-\x7f]*$/.test(domain)) return s;
  const ascii = domainToASCII(domain.toLowerCase());
  return ascii ? `${s.slice(0, at + 1)}${ascii}` : s;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
