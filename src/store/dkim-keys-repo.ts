// DKIM keys of hosted domains (see migration 005_dkim_keys for the life of a key).
import type { Db } from './db.js';
import type { NewRow, Row } from './schema.js';

export type DkimKeyRow = Row<'dkim_keys'>;

export const keysOfDomain = (db: Db, domainId: number) =>
  db.selectFrom('dkim_keys').selectAll().where('domain_id', '=', domainId).orderBy('created_at').orderBy('id').execute();

export async function insertKeys(db: Db, rows: NewRow<'dkim_keys'>[]): Promise<void> {
  for (const row of rows) await db.insertInto('dkim_keys').values(row).execute();
}

/** Stops the domain's signing keys from signing; they stay published until retireAt. */
export async function supersedeSigningKeys(db: Db, domainId: number, now: number, retireAt: number): Promise<string[]> {
  const rows = await db
    .updateTable('dkim_keys')
    .set({ superseded_at: now, retire_at: retireAt })
    .where('domain_id', '=', domainId)
    .where('superseded_at', 'is', null)
    .returning('selector')
    .execute();
  return rows.map((r) => r.selector);
}

/** Drops the private half of keys past their grace period: nothing may sign with them again. */
export async function eraseRetiredKeys(db: Db, domainId: number, now: number): Promise<void> {
  await db.updateTable('dkim_keys').set({ private_key: '' }).where('domain_id', '=', domainId).where('retire_at', '<=', now).where('private_key', '!=', '').execute();
}

/** The signing keys of whichever of these domains we host, with the domain's name. */
export const signingKeysOf = (db: Db, domainNames: string[]) =>
  db
    .selectFrom('dkim_keys')
    .innerJoin('domains', 'domains.id', 'dkim_keys.domain_id')
    .select(['domains.name as domain', 'dkim_keys.selector', 'dkim_keys.algorithm', 'dkim_keys.private_key'])
    .where('domains.name', 'in', domainNames)
    .where('dkim_keys.superseded_at', 'is', null)
    .orderBy('dkim_keys.id')
    .execute();

/** Domains without any key: added before DKIM signing existed. */
export const domainsWithoutKeys = (db: Db) =>
  db
    .selectFrom('domains')
    .select(['id', 'name'])
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('dkim_keys').select('dkim_keys.id').whereRef('dkim_keys.domain_id', '=', 'domains.id'))))
    .orderBy('name')
    .execute();
