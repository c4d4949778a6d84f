// Reference counts of blobs: a blob row lives while some message row or queue entry points at it.
import type { Db } from './db.js';

export async function addBlobRefs(db: Db, hash: string, size: number, count: number): Promise<void> {
  if (count <= 0) return;
  await db
    .insertInto('blobs')
    .values({ hash, size, refcount: count, created_at: Date.now() })
    .onConflict((oc) => oc.column('hash').doUpdateSet((eb) => ({ refcount: eb('blobs.refcount', '+', count) })))
    .execute();
}

/** Drops references; returns true when that was the last one (the caller removes the file after commit). */
export async function dropBlobRefs(db: Db, hash: string, count: number): Promise<boolean> {
  const row = await db
    .updateTable('blobs')
    .set((eb) => ({ refcount: eb('refcount', '-', count) }))
    .where('hash', '=', hash)
    .returning('refcount')
    .executeTakeFirst();
  if (row && row.refcount <= 0) {
    await db.deleteFrom('blobs').where('hash', '=', hash).execute();
    return true;
  }
  return false;
}

export async function blobRefcount(db: Db, hash: string): Promise<number> {
  const row = await db.selectFrom('blobs').select('refcount').where('hash', '=', hash).executeTakeFirst();
  return row?.refcount ?? 0;
}
