// Which domain signs a message that leaves for another server, and the signing itself. Called
// once per message when it is queued (commit stage): the signed bytes are what the queue stores,
// so every retry sends exactly what was signed.
//
// The signing domain is the first of these we host: the From header's domain (DMARC aligned),
// the envelope sender's (mail redirected from elsewhere; with SRS, ours), then the server's host
// name and its parent domains (our own bounces come from MAILER-DAEMON@<hostname>).
import crypto, { type KeyObject } from 'node:crypto';
import type { Db } from '../store/db.js';
import { signingKeysOf } from '../store/dkim-keys-repo.js';
import { normalizeDomain } from '../util/address.js';
import { dkimSign, type SigningKey } from './sign.js';
import type { KeyAlgorithm } from './signature.js';

/** Imported keys by PEM text: importing an RSA key costs more than a signature with it. */
const imported = new Map<string, KeyObject>();
const MAX_IMPORTED = 1000;

function importKey(pem: string): KeyObject {
  let key = imported.get(pem);
  if (!key) {
    key = crypto.createPrivateKey(pem);
    if (imported.size >= MAX_IMPORTED) imported.delete(imported.keys().next().value!);
    imported.set(pem, key);
  }
  return key;
}

const domainOf = (address: string | null | undefined) => {
  const at = address ? address.lastIndexOf('@') : -1;
  return at < 0 ? null : normalizeDomain(address!.slice(at + 1));
};

/** Signing domain candidates in order of preference, without repeats. */
export function signingCandidates(o: { from: string | null; mailFrom: string; hostname: string }): string[] {
  const out: string[] = [];
  const add = (d: string | null) => {
    if (d && !out.includes(d)) out.push(d);
  };
  add(domainOf(o.from));
  add(domainOf(o.mailFrom));
  const labels = o.hostname.toLowerCase().split('.');
  for (let i = 0; i < labels.length - 1; i++) add(normalizeDomain(labels.slice(i).join('.')));
  return out;
}

export interface OutboundSignature {
  /** The message to queue: DKIM-Signature fields in front of the bytes given. */
  message: Buffer;
  /** The d= used, or null when no candidate domain has keys (sent unsigned). */
  domain: string | null;
  selectors: string[];
  candidates: string[];
}

export async function signOutbound(db: Db, message: Buffer, o: { from: string | null; mailFrom: string; hostname: string; now: number }): Promise<OutboundSignature> {
  const candidates = signingCandidates(o);
  const rows = candidates.length ? await signingKeysOf(db, candidates) : [];
  const domain = candidates.find((c) => rows.some((r) => r.domain === c)) ?? null;
  if (!domain) return { message, domain: null, selectors: [], candidates };
  // RSA first: verifiers that check only the first signature know RSA.
  const keys: SigningKey[] = rows
    .filter((r) => r.domain === domain && r.private_key !== '')
    .sort((a, b) => (a.algorithm === b.algorithm ? 0 : a.algorithm === 'rsa' ? -1 : 1))
    .map((r) => ({ domain, selector: r.selector, algorithm: r.algorithm, key: importKey(r.private_key) }));
  const headers = dkimSign(message, keys, o.now);
  return { message: Buffer.concat([Buffer.from(headers, 'latin1'), message]), domain, selectors: keys.map((k) => k.selector), candidates };
}

/**
 * The signing key of one algorithm of the first of `domains` we host, or null: for example the
 * RSA key to ARC-seal redirected mail with (RFC 8617 defines rsa-sha256 only); its record is
 * published like any DKIM key's, so the seal verifies with no extra DNS.
 */
export async function activeKey(db: Db, domains: string[], algorithm: KeyAlgorithm): Promise<SigningKey | null> {
  const wanted = domains.map((d) => normalizeDomain(d)).filter((d): d is string => d !== null);
  if (wanted.length === 0) return null;
  const rows = (await signingKeysOf(db, wanted)).filter((r) => r.algorithm === algorithm && r.private_key !== '');
  for (const domain of wanted) {
    const row = rows.find((r) => r.domain === domain);
    if (row) return { domain, selector: row.selector, algorithm, key: importKey(row.private_key) };
  }
  return null;
}
