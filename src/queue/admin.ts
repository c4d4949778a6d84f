// What an administrator does with the outbound queue: look, retry now, remove.
import type { Store } from '../store/db.js';
import * as queue from '../store/queue-repo.js';
import { dropBlobRefs } from '../store/blobs-repo.js';
import { notFound } from '../util/errors.js';

export async function listQueue(store: Store) {
  return (await queue.listQueue(store.db)).map((r) => ({
    queueId: r.queue_id,
    recipientId: r.id,
    sender: r.sender,
    recipient: r.recipient,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
    lastReply: r.last_reply,
    createdAt: r.created_at,
    size: r.size,
  }));
}

/** Makes one queued message (or every pending one) due now. */
export async function retryQueue(store: Store, queueId?: string) {
  if (queueId && !(await queue.queueMessage(store.db, queueId))) throw notFound(`queue entry ${queueId}`, 'id');
  return { retried: await queue.retryNow(store.db, queueId) };
}

/** Drops a queued message without bouncing it (an admin's decision, e.g. for spam runs). */
export async function removeFromQueue(store: Store, queueId: string) {
  const msg = await queue.queueMessage(store.db, queueId);
  if (!msg) throw notFound(`queue entry ${queueId}`, 'id');
  await store.tx(async (trx) => {
    await queue.deleteQueueMessage(trx, queueId);
    await dropBlobRefs(trx, msg.blob_hash, 1);
  });
  return { removed: queueId };
}
