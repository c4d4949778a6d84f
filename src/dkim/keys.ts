// DKIM keys as values: generation (RSA-2048 and Ed25519), selector names, the TXT record to publish
// and its zone-file form in strings of at most 255 bytes (RFC 1035 3.3.14, RFC 6376 3.6.2.2).
import crypto, { type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { KeyAlgorithm } from './signature.js';

export const KEY_ALGORITHMS: readonly KeyAlgorithm[] = ['rsa', 'ed25519'];
export const RSA_BITS = 2048;
/** A TXT character-string holds at most 255 bytes; longer values are split into several. */
export const TXT_STRING_MAX = 255;

const generateKeyPair = promisify(crypto.generateKeyPair);

export interface NewKey {
  algorithm: KeyAlgorithm;
  /** PKCS#8 PEM. */
  privateKey: string;
  /** The p= value. */
  publicKey: string;
}

/** p= for a public key: RSA as base64 SubjectPublicKeyInfo (RFC 6376 3.6.1), Ed25519 as the raw 32 bytes (RFC 8463 4.2). */
export function publicKeyValue(algorithm: KeyAlgorithm, key: KeyObject): string {
  const spki = key.export({ type: 'spki', format: 'der' });
  return (algorithm === 'rsa' ? spki : spki.subarray(spki.length - 32)).toString('base64');
}

/** One key; generated in the thread pool (RSA takes 50-300 ms). */
export async function generateKey(algorithm: KeyAlgorithm): Promise<NewKey> {
  const pair = algorithm === 'rsa' ? await generateKeyPair('rsa', { modulusLength: RSA_BITS }) : await generateKeyPair('ed25519');
  return {
    algorithm,
    privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKeyValue(algorithm, pair.publicKey),
  };
}

/** The set a domain signs with: one key of each algorithm. */
export const generateKeySet = () => Promise.all(KEY_ALGORITHMS.map(generateKey));

/**
 * Dated selectors: `mc` + year and month (UTC) + `r` (RSA) or `e` (Ed25519), and a number from 2
 * on when that month already has keys: mc202611r, mc202611e, then mc202611r2, mc202611e2.
 * Both keys of one rotation share the suffix.
 */
export function selectorsFor(now: number, taken: ReadonlySet<string>): Record<KeyAlgorithm, string> {
  const d = new Date(now);
  const stem = `mc${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : String(n);
    const names = { rsa: `${stem}r${suffix}`, ed25519: `${stem}e${suffix}` };
    if (!taken.has(names.rsa) && !taken.has(names.ed25519)) return names;
  }
}

/** The TXT record's value (RFC 6376 3.6.1). */
export const recordValue = (algorithm: KeyAlgorithm, publicKey: string) => `v=DKIM1; k=${algorithm}; p=${publicKey}`;

/** The value as DNS character-strings of at most 255 bytes each (resolvers join them back). */
export function splitTxt(value: string, max = TXT_STRING_MAX): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += max) out.push(bytes.subarray(i, i + max).toString('utf8'));
  return out.length ? out : [''];
}

export interface DnsRecord {
  name: string;
  type: 'TXT';
  /** The whole value, as a DNS provider's web form wants it. */
  value: string;
  /** The value in character-strings of at most 255 bytes. */
  strings: string[];
  /** One zone-file line (BIND syntax). */
  zone: string;
}

export function dnsRecord(domain: string, selector: string, algorithm: KeyAlgorithm, publicKey: string): DnsRecord {
  const name = `${selector}._domainkey.${domain}`;
  const value = recordValue(algorithm, publicKey);
  const strings = splitTxt(value);
  const quoted = strings.map((s) => `"${s.replace(/[\\"]/g, '\\$&')}"`).join(' ');
  return { name, type: 'TXT', value, strings, zone: `${name}. IN TXT ${quoted}` };
}
