// The sliding 24-hour sending window: one row per sent message with its recipient count.
import type { Db } from './db.js';

export async function recordSend(db: Db, mailboxId: number, recipients: number, at = Date.now()): Promise<void> {
  await db.insertInto('send_log').values({ mailbox_id: mailboxId, at, recipients }).execute();
}

/** Recipients sent in (now - windowMs, now], and when the oldest of them leaves the window. */
export async function sentInWindow(db: Db, mailboxId: number, now: number, windowMs: number): Promise<{ total: number; rows: { at: number; recipients: number }[] }> {
  const rows = await db
    .selectFrom('send_log')
    .select(['at', 'recipients'])
    .where('mailbox_id', '=', mailboxId)
    .where('at', '>', now - windowMs)
    .orderBy('at')
    .execute();
  return { total: rows.reduce((s, r) => s + r.recipients, 0), rows };
}

export async function pruneSendLog(db: Db, before: number): Promise<void> {
  await db.deleteFrom('send_log').where('at', '<=', before).execute();
}
