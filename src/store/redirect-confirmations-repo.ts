// Consent of redirect targets on other servers: one row per (redirecting address, target).
import type { Db } from './db.js';
import type { Row } from './schema.js';
import { findDomain } from './domains-repo.js';

export type RedirectConfirmation = Row<'redirect_confirmations'>;

export const findConfirmation = (db: Db, origin: string, target: string) =>
  db.selectFrom('redirect_confirmations').selectAll().where('origin', '=', origin).where('target', '=', target).executeTakeFirst();

export async function isConfirmed(db: Db, origin: string, target: string): Promise<boolean> {
  return (await findConfirmation(db, origin, target))?.status === 'confirmed';
}

/** A pending row (to be sent a link) unless one exists already, confirmed or not. */
export async function requestConfirmation(db: Db, origin: string, target: string, now: number): Promise<void> {
  if (await findConfirmation(db, origin, target)) return;
  await db
    .insertInto('redirect_confirmations')
    .values({ origin, target, status: 'pending', token_hash: null, token_expires_at: null, sent_at: null, confirmed_at: null, created_at: now })
    .execute();
}

/** A confirmation for each target outside the domains hosted here (ours need none: the admin owns both ends). */
export async function requestExternalConfirmations(db: Db, origin: string, targets: readonly string[], now: number): Promise<string[]> {
  const external: string[] = [];
  for (const target of targets) {
    if (await findDomain(db, target.slice(target.lastIndexOf('@') + 1))) continue;
    await requestConfirmation(db, origin, target, now);
    external.push(target);
  }
  return external;
}

/** Forgets the targets of `origin` not in `keep` (all of them when `keep` is empty). */
export async function dropConfirmations(db: Db, origin: string, keep: readonly string[] = []): Promise<void> {
  let q = db.deleteFrom('redirect_confirmations').where('origin', '=', origin);
  if (keep.length) q = q.where('target', 'not in', [...keep]);
  await q.execute();
}

/** Every row whose origin is an address of `domain` (the domain is going away). Domain names hold no LIKE wildcards. */
export async function dropConfirmationsOfDomain(db: Db, domain: string): Promise<void> {
  await db.deleteFrom('redirect_confirmations').where('origin', 'like', `%@${domain}`).execute();
}

export async function listConfirmations(db: Db, origin?: string): Promise<RedirectConfirmation[]> {
  let q = db.selectFrom('redirect_confirmations').selectAll();
  if (origin !== undefined) q = q.where('origin', '=', origin);
  return q.orderBy('origin').orderBy('target').execute();
}

export const unsentConfirmations = (db: Db, limit: number) =>
  db.selectFrom('redirect_confirmations').selectAll().where('status', '=', 'pending').where('sent_at', 'is', null).orderBy('id').limit(limit).execute();

/** Takes an unsent row for this node: false when another node (or an earlier round) took it. */
export async function claimForSending(db: Db, id: number, tokenHash: string, expiresAt: number, now: number): Promise<boolean> {
  const r = await db
    .updateTable('redirect_confirmations')
    .set({ token_hash: tokenHash, token_expires_at: expiresAt, sent_at: now })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('sent_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Puts a row back to be sent again (the send failed, or the admin asks for a new link). */
export async function markUnsent(db: Db, id: number): Promise<void> {
  await db.updateTable('redirect_confirmations').set({ token_hash: null, token_expires_at: null, sent_at: null }).where('id', '=', id).where('status', '=', 'pending').execute();
}

export const findByTokenHash = (db: Db, tokenHash: string) =>
  db.selectFrom('redirect_confirmations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();

/** Single use: the token is cleared in the same update that confirms. */
export async function confirmByTokenHash(db: Db, tokenHash: string, now: number): Promise<boolean> {
  const r = await db
    .updateTable('redirect_confirmations')
    .set({ status: 'confirmed', confirmed_at: now, token_hash: null, token_expires_at: null })
    .where('token_hash', '=', tokenHash)
    .where('status', '=', 'pending')
    .where('token_expires_at', '>', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
