// The outbound queue, durable in the database: one row per message (its blob and envelope sender)
// and one per recipient with its own state, so a restart never re-sends to a delivered recipient.
// Workers lease due recipients (lease_until); on PostgreSQL the lease uses FOR UPDATE SKIP LOCKED
// so several nodes can share the queue.
import { sql } from 'kysely';
import type { Db, Dialect } from './db.js';
import type { Row } from './schema.js';

export async function insertQueueMessage(
  db: Db,
  q: { id: string; sender: string; blobHash: string; size: number; deliveryId: string | null; kind: 'normal' | 'dsn'; recipients: string[]; now?: number },
): Promise<void> {
  const now = q.now ?? Date.now();
  await db.insertInto('queue_messages').values({ id: q.id, created_at: now, sender: q.sender, blob_hash: q.blobHash, size: q.size, delivery_id: q.deliveryId, kind: q.kind }).execute();
  for (const rcpt of q.recipients) {
    await db
      .insertInto('queue_recipients')
      .values({
        queue_id: q.id,
        recipient: rcpt,
        domain: rcpt.slice(rcpt.lastIndexOf('@') + 1).toLowerCase(),
        status: 'pending',
        attempts: 0,
        next_attempt_at: now,
        last_attempt_at: null,
        last_reply: null,
        delay_notified: 0,
        lease_until: 0,
        updated_at: now,
        dsn_report: null,
      })
      .execute();
  }
}

export type QueueRecipient = Row<'queue_recipients'>;

/** Takes up to `limit` due recipients and leases them to this worker until `leaseUntil`. */
export async function leaseDue(db: Db, dialect: Dialect, now: number, leaseUntil: number, limit: number): Promise<QueueRecipient[]> {
  if (dialect === 'postgres') {
    const r = await sql<QueueRecipient>`
      UPDATE queue_recipients SET lease_until = ${leaseUntil}
      WHERE id IN (
        SELECT id FROM queue_recipients
        WHERE status = 'pending' AND next_attempt_at <= ${now} AND lease_until < ${now}
        ORDER BY next_attempt_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING *`.execute(db);
    return r.rows;
  }
  const due = await db
    .selectFrom('queue_recipients')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where('lease_until', '<', now)
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
  if (due.length === 0) return [];
  await db.updateTable('queue_recipients').set({ lease_until: leaseUntil }).where('id', 'in', due.map((d) => d.id)).execute();
  return due.map((d) => ({ ...d, lease_until: leaseUntil }));
}

export const queueMessage = (db: Db, id: string) => db.selectFrom('queue_messages').selectAll().where('id', '=', id).executeTakeFirst();

export async function updateRecipient(db: Db, id: number, patch: Partial<Omit<QueueRecipient, 'id' | 'queue_id'>>): Promise<void> {
  await db.updateTable('queue_recipients').set({ ...patch, updated_at: Date.now() }).where('id', '=', id).execute();
}

/** Queue messages whose recipients are all final: they can go (and drop their blob reference). */
export async function finishedQueueMessages(db: Db): Promise<Row<'queue_messages'>[]> {
  return db
    .selectFrom('queue_messages')
    .selectAll()
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('queue_recipients')
            .select('id')
            .whereRef('queue_recipients.queue_id', '=', 'queue_messages.id')
            .where((w) => w.or([w('status', '=', 'pending'), w('dsn_report', 'is not', null)])),
        ),
      ),
    )
    .execute();
}

export async function deleteQueueMessage(db: Db, id: string): Promise<void> {
  await db.deleteFrom('queue_recipients').where('queue_id', '=', id).execute();
  await db.deleteFrom('queue_messages').where('id', '=', id).execute();
}

export async function listQueue(db: Db) {
  return db
    .selectFrom('queue_recipients')
    .innerJoin('queue_messages', 'queue_messages.id', 'queue_recipients.queue_id')
    .select([
      'queue_recipients.id',
      'queue_recipients.queue_id',
      'queue_messages.sender',
      'queue_recipients.recipient',
      'queue_recipients.status',
      'queue_recipients.attempts',
      'queue_recipients.next_attempt_at',
      'queue_recipients.last_reply',
      'queue_messages.created_at',
      'queue_messages.size',
    ])
    .orderBy('queue_messages.created_at')
    .execute();
}

/** Recipients with a DSN still owed (failed, or due a delay notice), oldest message first. */
export const owedReports = (db: Db) =>
  db.selectFrom('queue_recipients').selectAll().where('dsn_report', 'is not', null).orderBy('queue_id').orderBy('id').execute();

export async function clearReports(db: Db, ids: number[]): Promise<void> {
  if (ids.length) await db.updateTable('queue_recipients').set({ dsn_report: null }).where('id', 'in', ids).execute();
}

export const recipientsOf = (db: Db, queueId: string) => db.selectFrom('queue_recipients').selectAll().where('queue_id', '=', queueId).orderBy('id').execute();

/** Makes pending recipients of a message (or all) due now. */
export async function retryNow(db: Db, queueId?: string, now = Date.now()): Promise<number> {
  let q = db.updateTable('queue_recipients').set({ next_attempt_at: now, lease_until: 0 }).where('status', '=', 'pending');
  if (queueId) q = q.where('queue_id', '=', queueId);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}
