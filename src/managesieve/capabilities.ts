// The capability listing (RFC 5804 1.7), sent at the greeting, after STARTTLS and for CAPABILITY.
import { CAPABILITIES, DEFAULT_LIMITS, NOTIFY_METHODS } from '../sieve/index.js';
import { response } from './protocol/index.js';

export const IMPLEMENTATION = 'Mailcove';
/** Device passwords travel in the clear inside TLS: PLAIN (RFC 4616) and LOGIN are enough. */
export const SASL_MECHANISMS = ['PLAIN', 'LOGIN'] as const;

export function capabilityLines(state: { tls: boolean; owner: string | null }): Buffer {
  const lines: Buffer[] = [
    response.capabilityLine('IMPLEMENTATION', IMPLEMENTATION),
    // RFC 5804 1.7: SASL may be empty only while STARTTLS is offered; we offer nothing before TLS.
    response.capabilityLine('SASL', state.tls ? SASL_MECHANISMS.join(' ') : ''),
    response.capabilityLine('SIEVE', CAPABILITIES.join(' ')),
    response.capabilityLine('NOTIFY', NOTIFY_METHODS.join(' ')),
    response.capabilityLine('MAXREDIRECTS', String(DEFAULT_LIMITS.maxRedirects)),
  ];
  if (!state.tls) lines.push(response.capabilityLine('STARTTLS'));
  // RFC 5804 2.14.1 and 1.7: OWNER only once authenticated.
  if (state.tls) lines.push(response.capabilityLine('UNAUTHENTICATE'));
  if (state.owner) lines.push(response.capabilityLine('OWNER', state.owner));
  lines.push(response.capabilityLine('VERSION', '1.0'));
  return Buffer.concat(lines);
}
