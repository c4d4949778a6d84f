// Folders of a mailbox. Each keeps UIDVALIDITY, UIDNEXT and HIGHESTMODSEQ (RFC 3501 2.3.1.1,
// RFC 7162); UIDs and modseqs are allocated by bumping the folder row inside the transaction that
// stores the message, so they strictly ascend whatever the concurrency.
import type { Db, Store } from './db.js';
import type { Row } from './schema.js';
import { notFound } from '../util/errors.js';

/** Roles of the folders every mailbox has; the IMAP server maps them to SPECIAL-USE attributes. */
export const DEFAULT_FOLDERS: ReadonlyArray<{ name: string; role: string }> = [
  { name: 'INBOX', role: 'inbox' },
  { name: 'Sent', role: 'sent' },
  { name: 'Drafts', role: 'drafts' },
  { name: 'Trash', role: 'trash' },
  { name: 'Spam', role: 'junk' },
  { name: 'Archive', role: 'archive' },
  { name: 'Promotions', role: 'promotions' },
  { name: 'Social networks', role: 'social' },
];

let lastUidValidity = 0;
/** Seconds since the epoch, never reused within this process, fits 32 bits until 2106. */
function nextUidValidity(): number {
  lastUidValidity = Math.max(lastUidValidity + 1, Math.floor(Date.now() / 1000));
  return lastUidValidity;
}

export async function createFolder(db: Db, mailboxId: number, name: string, role: string | null): Promise<Row<'folders'>> {
  return db
    .insertInto('folders')
    .values({
      mailbox_id: mailboxId,
      name,
      special_use: role,
      uidvalidity: nextUidValidity(),
      uidnext: 1,
      highest_modseq: 1,
      subscribed: 1,
      created_at: Date.now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function createDefaultFolders(db: Db, mailboxId: number): Promise<void> {
  for (const f of DEFAULT_FOLDERS) await createFolder(db, mailboxId, f.name, f.role);
}

export const folderByRole = (db: Db, mailboxId: number, role: string) =>
  db.selectFrom('folders').selectAll().where('mailbox_id', '=', mailboxId).where('special_use', '=', role).executeTakeFirst();

export const folderByName = (db: Db, mailboxId: number, name: string) =>
  db.selectFrom('folders').selectAll().where('mailbox_id', '=', mailboxId).where('name', '=', name).executeTakeFirst();

export const listFolders = (db: Db, mailboxId: number) =>
  db.selectFrom('folders').selectAll().where('mailbox_id', '=', mailboxId).orderBy('name').execute();

/**
 * \Recent (RFC 3501 2.3.2): a message is recent to the first session told of it. Marks every UID
 * up to `uptoUid` as told and returns the mark before; the caller's recent messages are the ones
 * above it. Nothing is written when another session already took them.
 */
export async function claimRecent(store: Store, folderId: number, uptoUid: number): Promise<number> {
  if ((await recentMark(store.db, folderId)) >= uptoUid) return uptoUid;
  return store.tx(async (trx) => {
    // PostgreSQL transactions run side by side: lock the row. SQLite's writer runs them one by one.
    const before = await recentMark(trx, folderId, store.dialect === 'postgres');
    if (before < uptoUid) await trx.updateTable('folders').set({ recent_uid: uptoUid }).where('id', '=', folderId).execute();
    return before;
  });
}

/** The highest UID some session has been told of (see claimRecent). */
export async function recentMark(db: Db, folderId: number, lock = false): Promise<number> {
  const q = db.selectFrom('folders').select('recent_uid').where('id', '=', folderId);
  return (await (lock ? q.forUpdate() : q).executeTakeFirst())?.recent_uid ?? 0;
}

/** Reserves the next UID and modseq of a folder (call inside the storing transaction). */
export async function allocateUid(db: Db, folderId: number): Promise<{ uid: number; modseq: number; uidvalidity: number }> {
  const row = await db
    .updateTable('folders')
    .set((eb) => ({ uidnext: eb('uidnext', '+', 1), highest_modseq: eb('highest_modseq', '+', 1) }))
    .where('id', '=', folderId)
    .returning(['uidnext', 'highest_modseq', 'uidvalidity'])
    .executeTakeFirst();
  // The folder can be deleted by another session between a caller's check and this transaction.
  if (!row) throw notFound('folder', 'mailbox');
  return { uid: row.uidnext - 1, modseq: row.highest_modseq, uidvalidity: row.uidvalidity };
}
