// Email address normalisation: domains to lower-case ASCII (IDNs as punycode), local parts
// compared case-insensitively (as users expect), UTF-8 local parts kept in NFC form.
import { domainToASCII, domainToUnicode } from 'node:url';

export interface ParsedAddress { local: string; domain: string; address: string }

const DOMAIN_RE = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

export function normalizeDomain(input: string): string | null {
  const trimmed = input.trim().replace(/\.$/, '');
  if (!trimmed || /[\s@]/.test(trimmed)) return null;
  const ascii = domainToASCII(trimmed.normalize('NFC')).toLowerCase();
  return ascii && DOMAIN_RE.test(ascii) ? ascii : null;
}

/** Dot-atom local parts only: quoted strings, routes and `%` hacks are refused here (no relay tricks). */
const LOCAL_RE = /^[\p{L}\p{N}!#$&'*+\-/=?^_`{|}~]+(\.[\p{L}\p{N}!#$&'*+\-/=?^_`{|}~]+)*$/u;

export function parseAddress(input: string): ParsedAddress | null {
  const value = input.trim();
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return null;
  const local = value.slice(0, at).normalize('NFC').toLowerCase();
  if (local.length > 64 || !LOCAL_RE.test(local)) return null;
  const domain = normalizeDomain(value.slice(at + 1));
  if (!domain) return null;
  return { local, domain, address: `${local}@${domain}` };
}

export function displayDomain(ascii: string): string {
  return domainToUnicode(ascii) || ascii;
}
