// Shared by the DKIM tests: keys made once per file, a mailauth DNS resolver answering from a map
// of TXT records (as the strings a zone would hold), and mailauth's verifier over it.
import crypto from 'node:crypto';
import { dkimVerify } from '../../src/authentication/mailauth.js';
import type { DNSResolver } from '../../src/authentication/mailauth.js';
import { dnsRecord, generateKey, type DnsRecord } from '../../src/dkim/keys.js';
import type { SigningKey } from '../../src/dkim/sign.js';
import type { KeyAlgorithm } from '../../src/dkim/signature.js';

export interface TestKey extends SigningKey {
  privateKeyPem: string;
  record: DnsRecord;
}

export async function testKey(domain: string, selector: string, algorithm: KeyAlgorithm): Promise<TestKey> {
  const k = await generateKey(algorithm);
  return {
    domain,
    selector,
    algorithm,
    key: crypto.createPrivateKey(k.privateKey),
    privateKeyPem: k.privateKey,
    record: dnsRecord(domain, selector, algorithm, k.publicKey),
  };
}

/** name → TXT records, each a list of character-strings. */
export type TxtZone = Record<string, string[][]>;

export const zoneOf = (records: DnsRecord[]): TxtZone => Object.fromEntries(records.map((r) => [r.name.toLowerCase(), [r.strings]]));

export function txtResolver(zone: TxtZone): DNSResolver {
  const resolve = async (name: string, type: string) => {
    const found = zone[name.toLowerCase().replace(/\.$/, '')];
    if (!found) throw Object.assign(new Error(`${name} not found`), { code: 'ENOTFOUND' });
    if (type !== 'TXT') throw Object.assign(new Error(`no ${type} for ${name}`), { code: 'ENODATA' });
    return found;
  };
  return resolve as unknown as DNSResolver;
}

/** mailauth's verdict for each DKIM-Signature, top first: "pass d=… s=… a=…". */
export async function mailauthVerdicts(message: Buffer, zone: TxtZone, now = new Date()): Promise<string[]> {
  const res = await dkimVerify(message, { resolver: txtResolver(zone), curTime: now });
  return res.results.map((r) => `${r.status.result}${r.status.comment ? ` (${r.status.comment})` : ""} d=${r.signingDomain} s=${r.selector} a=${(r as unknown as { algo: string }).algo}`);
}

export const CRLF = (s: string) => s.replace(/\r?\n/g, '\r\n');
