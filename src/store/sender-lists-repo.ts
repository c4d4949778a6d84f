// Block and allow list entries, per mailbox (mailbox_id set) or per domain (mailbox_id null).
import type { Db } from './db.js';
import type { Row } from './schema.js';
import { emptyLists, type ListKind, type Lists } from '../filters/lists.js';

export interface ListOwner { domainId: number; mailboxId: number | null }

const ownedBy = (db: Db, owner: ListOwner) => {
  const q = db.selectFrom('sender_lists').where('domain_id', '=', owner.domainId);
  return owner.mailboxId === null ? q.where('mailbox_id', 'is', null) : q.where('mailbox_id', '=', owner.mailboxId);
};

export async function listEntries(db: Db, owner: ListOwner, kind?: ListKind): Promise<Row<'sender_lists'>[]> {
  let q = ownedBy(db, owner).selectAll();
  if (kind) q = q.where('kind', '=', kind);
  return q.orderBy('kind').orderBy('entry').execute();
}

export async function countEntries(db: Db, owner: ListOwner, kind: ListKind): Promise<number> {
  const r = await ownedBy(db, owner).where('kind', '=', kind).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function hasEntry(db: Db, owner: ListOwner, kind: ListKind, entry: string): Promise<boolean> {
  return !!(await ownedBy(db, owner).where('kind', '=', kind).where('entry', '=', entry).select('id').executeTakeFirst());
}

export async function insertEntry(db: Db, owner: ListOwner, kind: ListKind, entry: string, now: number): Promise<void> {
  await db.insertInto('sender_lists').values({ domain_id: owner.domainId, mailbox_id: owner.mailboxId, kind, entry, created_at: now }).execute();
}

export async function deleteEntry(db: Db, owner: ListOwner, kind: ListKind, entry: string): Promise<boolean> {
  let q = db.deleteFrom('sender_lists').where('domain_id', '=', owner.domainId).where('kind', '=', kind).where('entry', '=', entry);
  q = owner.mailboxId === null ? q.where('mailbox_id', 'is', null) : q.where('mailbox_id', '=', owner.mailboxId);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The four lists that decide a mailbox's mail, in one query. */
export async function listsFor(db: Db, domainId: number, mailboxId: number): Promise<Lists> {
  const rows = await db
    .selectFrom('sender_lists')
    .select(['mailbox_id', 'kind', 'entry'])
    .where('domain_id', '=', domainId)
    .where((eb) => eb.or([eb('mailbox_id', '=', mailboxId), eb('mailbox_id', 'is', null)]))
    .orderBy('id')
    .execute();
  const lists = emptyLists();
  for (const r of rows) (lists[r.mailbox_id === null ? 'domain' : 'mailbox'][r.kind] as string[]).push(r.entry);
  return lists;
}
