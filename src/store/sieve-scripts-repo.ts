// Sieve scripts of a mailbox: ManageSieve, the API and the rule builder store them here; the
// decide stage runs the active one. Names are unique per mailbox; at most one script is active.
// Callers validate scripts (src/sieve compile) before storing them.
import type { Db, Store } from './db.js';
import type { Row } from './schema.js';

export type SieveScriptRow = Row<'sieve_scripts'>;

export const listScripts = (db: Db, mailboxId: number) =>
  db.selectFrom('sieve_scripts').selectAll().where('mailbox_id', '=', mailboxId).orderBy('name').execute();

export const getScript = (db: Db, mailboxId: number, name: string) =>
  db.selectFrom('sieve_scripts').selectAll().where('mailbox_id', '=', mailboxId).where('name', '=', name).executeTakeFirst();

export const activeScript = (db: Db, mailboxId: number) =>
  db.selectFrom('sieve_scripts').selectAll().where('mailbox_id', '=', mailboxId).where('active', '=', 1).executeTakeFirst();

/** Creates or replaces a script's content (its active state is kept). */
export async function putScript(store: Store, mailboxId: number, name: string, content: string, now: number, managed = false): Promise<void> {
  await store.tx(async (trx) => {
    const existing = await getScript(trx, mailboxId, name);
    if (existing) {
      await trx.updateTable('sieve_scripts').set({ content, updated_at: now, managed: managed ? 1 : 0 }).where('id', '=', existing.id).execute();
    } else {
      await trx.insertInto('sieve_scripts').values({ mailbox_id: mailboxId, name, content, active: 0, managed: managed ? 1 : 0, created_at: now, updated_at: now }).execute();
    }
  });
}

/** Makes `name` the active script (null: none active). False when there is no such script. */
export async function setActiveScript(store: Store, mailboxId: number, name: string | null): Promise<boolean> {
  return store.tx(async (trx) => {
    if (name !== null && !(await getScript(trx, mailboxId, name))) return false;
    await trx.updateTable('sieve_scripts').set({ active: 0 }).where('mailbox_id', '=', mailboxId).where('active', '=', 1).execute();
    if (name !== null) await trx.updateTable('sieve_scripts').set({ active: 1 }).where('mailbox_id', '=', mailboxId).where('name', '=', name).execute();
    return true;
  });
}

/** 'deleted', 'missing', or 'active' (RFC 5804 2.10: the active script cannot be deleted). */
export async function deleteScript(store: Store, mailboxId: number, name: string): Promise<'deleted' | 'missing' | 'active'> {
  return store.tx(async (trx) => {
    const s = await getScript(trx, mailboxId, name);
    if (!s) return 'missing';
    if (s.active) return 'active';
    await trx.deleteFrom('sieve_scripts').where('id', '=', s.id).execute();
    return 'deleted';
  });
}

/** 'renamed', 'missing', or 'exists' (the new name is taken). The active state moves along. */
export async function renameScript(store: Store, mailboxId: number, from: string, to: string, now: number): Promise<'renamed' | 'missing' | 'exists'> {
  return store.tx(async (trx) => {
    const s = await getScript(trx, mailboxId, from);
    if (!s) return 'missing';
    if (from !== to && (await getScript(trx, mailboxId, to))) return 'exists';
    await trx.updateTable('sieve_scripts').set({ name: to, updated_at: now }).where('id', '=', s.id).execute();
    return 'renamed';
  });
}

/** Bytes used by a mailbox's scripts (HAVESPACE and the per-mailbox quota of scripts). */
export async function scriptsSize(db: Db, mailboxId: number): Promise<{ count: number; bytes: number }> {
  const rows = await db.selectFrom('sieve_scripts').select(['content']).where('mailbox_id', '=', mailboxId).execute();
  return { count: rows.length, bytes: rows.reduce((n, r) => n + Buffer.byteLength(r.content, 'utf8'), 0) };
}

// ---- duplicate ids (RFC 7352), per mailbox

export async function seenDuplicate(db: Db, mailboxId: number, idHash: string, now: number): Promise<boolean> {
  const r = await db.selectFrom('sieve_duplicates').select('expires_at').where('mailbox_id', '=', mailboxId).where('id_hash', '=', idHash).executeTakeFirst();
  return !!r && r.expires_at > now;
}

export async function recordDuplicate(db: Db, mailboxId: number, idHash: string, expiresAt: number): Promise<void> {
  await db.deleteFrom('sieve_duplicates').where('mailbox_id', '=', mailboxId).where('id_hash', '=', idHash).execute();
  await db.insertInto('sieve_duplicates').values({ mailbox_id: mailboxId, id_hash: idHash, expires_at: expiresAt }).execute();
}

export async function pruneDuplicates(db: Db, now: number): Promise<void> {
  await db.deleteFrom('sieve_duplicates').where('expires_at', '<=', now).execute();
}
