// Organizational Domains (RFC 7489 3.2) through mailauth's Public Suffix List comparison, the same
// one its DMARC evaluation uses, so our advice agrees with what receivers running it decide.
import { getAlignment } from 'mailauth/lib/tools.js';

export const sameOrganization = (a: string, b: string): boolean => getAlignment(a, [b], false) !== false;

/** The Organizational Domain of a name: its shortest parent that still belongs to the same organization. */
export function organizationalDomain(name: string): string {
  const labels = name.toLowerCase().replace(/\.$/, '').split('.');
  for (let i = labels.length - 2; i > 0; i--) {
    const candidate = labels.slice(i).join('.');
    if (sameOrganization(name, candidate)) return candidate;
  }
  return labels.join('.');
}
