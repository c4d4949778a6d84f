// Removes blob files whose last reference went more than a grace period ago.
// Why not at once: BlobStore.put writes (or replaces) the file first, and the delivery that did
// so commits its reference a moment later. Deleting the file right when another transaction
// dropped the last reference could leave that delivery pointing at nothing. After
// the grace period, a file is removed only if no reference came back in the meantime.
import type { Store } from '../store/db.js';
import type { BlobStore } from './blob-store.js';

export async function collectBlobGarbage(store: Store, blobs: BlobStore, now = Date.now()): Promise<number> {
  const due = await store.db.selectFrom('blob_deletions').select('hash').where('due_at', '<=', now).limit(10_000).execute();
  let removed = 0;
  for (const { hash } of due) {
    const referenced = await store.tx(async (trx) => {
      const row = await trx.selectFrom('blobs').select('hash').where('hash', '=', hash).executeTakeFirst();
      await trx.deleteFrom('blob_deletions').where('hash', '=', hash).execute();
      return !!row;
    });
    if (!referenced) {
      await blobs.remove(hash);
      removed++;
    }
  }
  return removed;
}
