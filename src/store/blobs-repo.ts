// Reference counts of blobs: a blob row lives while some message row or queue entry points at it.
// When the last reference goes, the file is not removed at once but scheduled (blob_deletions):
// see src/blobs/gc.ts for why.
import type { Db } from './db.js';

export async function addBlobRefs(db: Db, hash: string, size: number, count: number): Promise<void> {
  if (count <= 0) return;
  await db
    .insertInto('blobs')
    .values({ hash, size, refcount: count, created_at: Date.now() })
    .onConflict((oc) => oc.column('hash').doUpdateSet((eb) => ({ refcount: eb('blobs.refcount', '+', count) })))
    .execute();
}

export const BLOB_DELETION_GRACE_MS = 60 * 60_000;

/** Drops references; when that was the last one, schedules the file's removal and returns true. */
export async function dropBlobRefs(db: Db, hash: string, count: number, now = Date.now()): Promise<boolean> {
  const row = await db
    .updateTable('blobs')
    .set((eb) => ({ refcount: eb('refcount', '-', count) }))
    .where('hash', '=', hash)
    .returning('refcount')
    .executeTakeFirst();
  if (row && row.refcount <= 0) {
    await db.deleteFrom('blobs').where('hash', '=', hash).execute();
    const due = now + BLOB_DELETION_GRACE_MS;
    await db
      .insertInto('blob_deletions')
      .values({ hash, due_at: due })
      .onConflict((oc) => oc.column('hash').doUpdateSet({ due_at: due }))
      .execute();
    return true;
  }
  return false;
}

export async function blobRefcount(db: Db, hash: string): Promise<number> {
  const row = await db.selectFrom('blobs').select('refcount').where('hash', '=', hash).executeTakeFirst();
  return row?.refcount ?? 0;
}
