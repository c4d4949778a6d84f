// Temporary aliases and the sender domains seen through each.
import type { Db } from './db.js';
import type { Row } from './schema.js';

export const findTemporaryAlias = (db: Db, address: string) =>
  db.selectFrom('temporary_aliases').selectAll().where('address', '=', address).executeTakeFirst();

/** Live ones (not deleted) of a mailbox, newest first. */
export const listTemporaryAliases = (db: Db, mailboxId: number) =>
  db.selectFrom('temporary_aliases').selectAll().where('mailbox_id', '=', mailboxId).where('deleted_at', 'is', null).orderBy('id', 'desc').execute();

export async function countLive(db: Db, mailboxId: number): Promise<number> {
  const r = await db
    .selectFrom('temporary_aliases')
    .where('mailbox_id', '=', mailboxId)
    .where('deleted_at', 'is', null)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertTemporaryAlias(
  db: Db,
  a: { domainId: number; mailboxId: number; address: string; note: string | null; folder: string | null; expiresAt: number | null; now: number },
): Promise<Row<'temporary_aliases'>> {
  return db
    .insertInto('temporary_aliases')
    .values({ domain_id: a.domainId, mailbox_id: a.mailboxId, address: a.address, note: a.note, folder: a.folder, expires_at: a.expiresAt, disabled_at: null, deleted_at: null, last_received_at: null, created_at: a.now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateTemporaryAlias(db: Db, id: number, patch: Partial<Pick<Row<'temporary_aliases'>, 'disabled_at' | 'deleted_at' | 'expires_at' | 'note' | 'folder'>>): Promise<void> {
  await db.updateTable('temporary_aliases').set(patch).where('id', '=', id).execute();
}

export async function dropSenders(db: Db, aliasId: number): Promise<void> {
  await db.deleteFrom('temporary_alias_senders').where('alias_id', '=', aliasId).execute();
}

/** One message received through the alias, from this sender domain. */
export async function countReceived(db: Db, aliasId: number, domain: string, at: number): Promise<void> {
  await db
    .updateTable('temporary_aliases')
    .set((eb) => ({ received_count: eb('received_count', '+', 1), last_received_at: at }))
    .where('id', '=', aliasId)
    .execute();
  await db
    .insertInto('temporary_alias_senders')
    .values({ alias_id: aliasId, domain, count: 1, first_seen_at: at, last_seen_at: at })
    .onConflict((oc) => oc.columns(['alias_id', 'domain']).doUpdateSet((eb) => ({ count: eb('temporary_alias_senders.count', '+', 1), last_seen_at: at })))
    .execute();
}

export const sendersOf = (db: Db, aliasIds: number[]) =>
  aliasIds.length
    ? db.selectFrom('temporary_alias_senders').selectAll().where('alias_id', 'in', aliasIds).orderBy('count', 'desc').orderBy('domain').execute()
    : Promise.resolve([] as Row<'temporary_alias_senders'>[]);
