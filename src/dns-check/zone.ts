// Records to publish, written as zone-file lines an administrator can paste into a DNS console or
// a zone file. TXT values longer than 255 bytes are split into several character-strings, as
// RFC 1035 3.3.14 requires (a 2048-bit DKIM key does not fit in one).
import { isIPv6 } from 'node:net';
import { reverseName } from '../dns/wire.js';

export const fqdn = (name: string): string => (name.endsWith('.') ? name : `${name}.`);

const quote = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** Splits at 255 bytes without cutting a UTF-8 sequence. */
export function splitCharacterStrings(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length <= 255) return [value];
  const out: string[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = Math.min(start + 255, bytes.length);
    while (end < bytes.length && (bytes[end]! & 0xc0) === 0x80) end--; // continuation byte: back off
    out.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
  }
  return out;
}

export const txtRecord = (name: string, value: string): string => `${fqdn(name)} TXT ${splitCharacterStrings(value).map(quote).join(' ')}`;
export const mxRecord = (domain: string, priority: number, host: string): string => `${fqdn(domain)} MX ${priority} ${fqdn(host)}`;
export const ptrRecord = (ip: string, host: string): string => `${reverseName(ip)}. PTR ${fqdn(host)}`;
export const addressRecord = (host: string, ip: string): string => `${fqdn(host)} ${isIPv6(ip) ? 'AAAA' : 'A'} ${ip}`;
