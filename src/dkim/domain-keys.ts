// The DKIM keys of hosted domains: made with the domain (two keys, RSA and Ed25519, both signing),
// listed with the DNS records to publish, rotated with a grace period. A key's status follows
// from its times and the clock, so retiring needs no background job:
//   active    signs every message, published
//   retiring  replaced by a rotation: signs no more, still published until retire_at, so mail
//             signed before the rotation and still on its way verifies
//   retired   past the grace: remove its record; its private key is erased at the next rotation
import type { Store, Db } from '../store/db.js';
import * as repo from '../store/dkim-keys-repo.js';
import { findDomain } from '../store/domains-repo.js';
import { invalid, notFound } from '../util/errors.js';
import { normalizeDomain } from '../util/address.js';
import { dnsRecord, generateKeySet, selectorsFor, type DnsRecord, type NewKey } from './keys.js';
import type { KeyAlgorithm } from './signature.js';

export const DAY_MS = 24 * 60 * 60 * 1000;

export type KeyStatus = 'active' | 'retiring' | 'retired';

export interface DkimKeyInfo {
  selector: string;
  algorithm: KeyAlgorithm;
  status: KeyStatus;
  signing: boolean;
  published: boolean;
  createdAt: number;
  supersededAt: number | null;
  retireAt: number | null;
  /** The p= value (base64). */
  publicKey: string;
  /** The record to publish; for a retired key, the one to remove. */
  record: DnsRecord;
}

export interface DkimReport {
  domain: string;
  keys: DkimKeyInfo[];
  /** Every record that must be in DNS now: active and retiring keys. */
  records: DnsRecord[];
}

export function keyStatus(k: Pick<repo.DkimKeyRow, 'superseded_at' | 'retire_at'>, now: number): KeyStatus {
  if (k.superseded_at === null) return 'active';
  return k.retire_at !== null && k.retire_at > now ? 'retiring' : 'retired';
}

/** Stores a new key set for a domain, with selectors unused by any of its keys so far. */
export async function addKeySet(db: Db, domainId: number, domainName: string, keys: NewKey[], now: number): Promise<string[]> {
  const taken = new Set((await repo.keysOfDomain(db, domainId)).map((k) => k.selector));
  const selectors = selectorsFor(now, taken);
  await repo.insertKeys(
    db,
    keys.map((k) => ({
      domain_id: domainId,
      selector: selectors[k.algorithm],
      algorithm: k.algorithm,
      private_key: k.privateKey,
      public_key: k.publicKey,
      created_at: now,
      superseded_at: null,
      retire_at: null,
    })),
  );
  return keys.map((k) => `${selectors[k.algorithm]}._domainkey.${domainName}`);
}

/**
 * Keys for every domain that has none (domains added before DKIM signing existed). Returns the
 * domains given keys. Keys are generated outside the transaction; a domain that got keys meanwhile
 * (another node, the CLI) is left alone.
 */
export async function ensureDomainKeys(store: Store, now: number): Promise<string[]> {
  const done: string[] = [];
  for (const d of await repo.domainsWithoutKeys(store.db)) {
    const keys = await generateKeySet();
    const added = await store.tx(async (trx) => {
      if ((await repo.keysOfDomain(trx, d.id)).length) return false;
      await addKeySet(trx, d.id, d.name, keys, now);
      return true;
    });
    if (added) done.push(d.name);
  }
  return done;
}

async function requireDomain(db: Db, name: string) {
  const ascii = normalizeDomain(name ?? '');
  if (!ascii) throw invalid('domain', `domain: "${name}" is not a valid domain name`);
  const d = await findDomain(db, ascii);
  if (!d) throw notFound(`domain ${ascii}`, 'domain');
  return d;
}

function report(domain: string, rows: repo.DkimKeyRow[], now: number): DkimReport {
  const keys = rows.map((k): DkimKeyInfo => {
    const status = keyStatus(k, now);
    return {
      selector: k.selector,
      algorithm: k.algorithm,
      status,
      signing: status === 'active',
      published: status !== 'retired',
      createdAt: k.created_at,
      supersededAt: k.superseded_at,
      retireAt: k.retire_at,
      publicKey: k.public_key,
      record: dnsRecord(domain, k.selector, k.algorithm, k.public_key),
    };
  });
  return { domain, keys, records: keys.filter((k) => k.published).map((k) => k.record) };
}

/** A domain's keys and the records to publish (keys are made first for a domain that has none). */
export async function dkimReport(store: Store, domain: string, now = Date.now()): Promise<DkimReport> {
  let d = await requireDomain(store.db, domain);
  let rows = await repo.keysOfDomain(store.db, d.id);
  if (rows.length === 0) {
    await ensureDomainKeys(store, now);
    d = await requireDomain(store.db, domain);
    rows = await repo.keysOfDomain(store.db, d.id);
  }
  return report(d.name, rows, now);
}

export interface RotationResult extends DkimReport {
  /** Selectors that signed until now and stay published for the grace period. */
  replaced: string[];
  graceDays: number;
}

/** New signing keys; the old ones stop signing now and stay published for `graceDays`. */
export async function rotateDkimKeys(store: Store, domain: string, opts: { graceDays: number; now?: number }): Promise<RotationResult> {
  const now = opts.now ?? Date.now();
  if (!Number.isInteger(opts.graceDays) || opts.graceDays < 0 || opts.graceDays > 365) {
    throw invalid('graceDays', 'graceDays: a whole number of days from 0 to 365');
  }
  await requireDomain(store.db, domain);
  const keys = await generateKeySet(); // 50-300 ms: before the transaction, not inside it
  return store.tx(async (trx) => {
    const d = await requireDomain(trx, domain);
    const replaced = await repo.supersedeSigningKeys(trx, d.id, now, now + opts.graceDays * DAY_MS);
    await repo.eraseRetiredKeys(trx, d.id, now);
    await addKeySet(trx, d.id, d.name, keys, now);
    return { ...report(d.name, await repo.keysOfDomain(trx, d.id), now), replaced, graceDays: opts.graceDays };
  });
}
