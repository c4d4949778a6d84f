// What Sieve sent for a mailbox at delivery (table sieve_responses, migration 011): a vacation
// response per (handle, sender) remembered for its period, so the same sender is answered once
// (RFC 5230 4.2); notifications, counted to rate-limit them. Keys are hashes: no addresses stored.
import type { Db } from './db.js';
import { pruneDuplicates } from './sieve-scripts-repo.js';

export type ResponseKind = 'vacation' | 'notify';

/** Is there an unexpired response of this kind and key? */
export async function hasResponse(db: Db, mailboxId: number, kind: ResponseKind, keyHash: string, now: number): Promise<boolean> {
  const r = await db
    .selectFrom('sieve_responses')
    .select('id')
    .where('mailbox_id', '=', mailboxId)
    .where('kind', '=', kind)
    .where('key_hash', '=', keyHash)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return !!r;
}

export async function recordResponse(db: Db, mailboxId: number, kind: ResponseKind, keyHash: string, now: number, expiresAt: number): Promise<void> {
  await db.deleteFrom('sieve_responses').where('mailbox_id', '=', mailboxId).where('kind', '=', kind).where('key_hash', '=', keyHash).execute();
  await db.insertInto('sieve_responses').values({ mailbox_id: mailboxId, kind, key_hash: keyHash, sent_at: now, expires_at: expiresAt }).execute();
}

/** Responses of a kind sent since `since` (notification rate limit). */
export async function countResponsesSince(db: Db, mailboxId: number, kind: ResponseKind, since: number): Promise<number> {
  const r = await db
    .selectFrom('sieve_responses')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('mailbox_id', '=', mailboxId)
    .where('kind', '=', kind)
    .where('sent_at', '>', since)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Drops expired responses and duplicate ids (run with the periodic blob collection). */
export async function pruneSieveState(db: Db, now: number): Promise<void> {
  await db.deleteFrom('sieve_responses').where('expires_at', '<=', now).execute();
  await pruneDuplicates(db, now);
}
