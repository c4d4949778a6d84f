// The spam filter's rows: per-mailbox settings, learned models, what each mailbox trained,
// phishing reports and the log of spam filed (spam waves). Plain queries; no policy here.
import type { Db } from './db.js';
import type { Row } from './schema.js';

export interface SpamSettings {
  spamFilter: boolean;
  categoryFilter: boolean;
  rejectAbove: number | null;
  /** null: the configured default. */
  expiryDays: number | null;
}

export const DEFAULT_SPAM_SETTINGS: SpamSettings = { spamFilter: true, categoryFilter: true, rejectAbove: null, expiryDays: null };

function toSettings(r: Row<'spam_settings'> | undefined): SpamSettings {
  if (!r) return { ...DEFAULT_SPAM_SETTINGS };
  return { spamFilter: r.spam_filter !== 0, categoryFilter: r.category_filter !== 0, rejectAbove: r.reject_above === null ? null : Number(r.reject_above), expiryDays: r.expiry_days };
}

export async function spamSettingsOf(db: Db, mailboxIds: number[]): Promise<Map<number, SpamSettings>> {
  const rows = mailboxIds.length ? await db.selectFrom('spam_settings').selectAll().where('mailbox_id', 'in', mailboxIds).execute() : [];
  const out = new Map<number, SpamSettings>();
  for (const id of mailboxIds) out.set(id, toSettings(rows.find((r) => Number(r.mailbox_id) === id)));
  return out;
}

export async function saveSpamSettings(db: Db, mailboxId: number, s: SpamSettings, now: number): Promise<void> {
  const values = { spam_filter: s.spamFilter ? 1 : 0, category_filter: s.categoryFilter ? 1 : 0, reject_above: s.rejectAbove, expiry_days: s.expiryDays, updated_at: now };
  await db
    .insertInto('spam_settings')
    .values({ mailbox_id: mailboxId, ...values })
    .onConflict((oc) => oc.column('mailbox_id').doUpdateSet(values))
    .execute();
}

/** When each mailbox's model last changed (cache check without reading the bytes). */
export async function mailboxModelStamps(db: Db, mailboxIds: number[]): Promise<Map<number, number>> {
  if (mailboxIds.length === 0) return new Map();
  const rows = await db.selectFrom('spam_models').select(['mailbox_id', 'updated_at']).where('mailbox_id', 'in', mailboxIds).execute();
  return new Map(rows.map((r) => [Number(r.mailbox_id), Number(r.updated_at)]));
}

export async function mailboxModelRow(db: Db, mailboxId: number) {
  return db.selectFrom('spam_models').selectAll().where('mailbox_id', '=', mailboxId).executeTakeFirst();
}

export async function saveMailboxModel(db: Db, mailboxId: number, model: Buffer, now: number): Promise<void> {
  await db
    .insertInto('spam_models')
    .values({ mailbox_id: mailboxId, model, updated_at: now })
    .onConflict((oc) => oc.column('mailbox_id').doUpdateSet({ model, updated_at: now }))
    .execute();
}

export async function globalModelStamp(db: Db): Promise<number | null> {
  const r = await db.selectFrom('spam_global_model').select('updated_at').where('id', '=', 1).executeTakeFirst();
  return r ? Number(r.updated_at) : null;
}

export async function globalModelRow(db: Db) {
  return db.selectFrom('spam_global_model').selectAll().where('id', '=', 1).executeTakeFirst();
}

export async function saveGlobalModel(db: Db, model: Buffer, now: number): Promise<void> {
  await db
    .insertInto('spam_global_model')
    .values({ id: 1, model, updated_at: now })
    .onConflict((oc) => oc.column('id').doUpdateSet({ model, updated_at: now }))
    .execute();
}

export async function trainingOf(db: Db, mailboxId: number, blobHash: string) {
  return db.selectFrom('spam_training').selectAll().where('mailbox_id', '=', mailboxId).where('blob_hash', '=', blobHash).executeTakeFirst();
}

export async function saveTraining(db: Db, row: Row<'spam_training'>): Promise<void> {
  await db
    .insertInto('spam_training')
    .values(row)
    .onConflict((oc) => oc.columns(['mailbox_id', 'blob_hash']).doUpdateSet({ label: row.label, fingerprint: row.fingerprint, updated_at: row.updated_at }))
    .execute();
}

/** Distinct mailboxes that trained this campaign with this label. */
export async function reportingMailboxes(db: Db, fingerprint: string, label: string): Promise<number> {
  const r = await db
    .selectFrom('spam_training')
    .select((eb) => eb.fn.count<number>('mailbox_id').distinct().as('n'))
    .where('fingerprint', '=', fingerprint)
    .where('label', '=', label as 'spam' | 'ham')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function globalTraining(db: Db, fingerprint: string) {
  return db.selectFrom('spam_global_training').selectAll().where('fingerprint', '=', fingerprint).execute();
}

export async function insertPhishingReport(db: Db, r: Omit<Row<'phishing_reports'>, 'id'>): Promise<number> {
  const row = await db.insertInto('phishing_reports').values(r).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function listPhishingReports(db: Db, since: number) {
  return db.selectFrom('phishing_reports').selectAll().where('created_at', '>=', since).orderBy('created_at', 'desc').limit(500).execute();
}

export async function insertSpamLog(db: Db, rows: Array<Omit<Row<'spam_log'>, 'id'>>): Promise<void> {
  if (rows.length) await db.insertInto('spam_log').values(rows).execute();
}

export type WaveKey = 'sender' | 'sender_domain' | 'ip' | 'reason';

/** Spam filed since `since`, counted by one key, largest first (one mailbox, or all). */
export async function spamWaves(db: Db, key: WaveKey, since: number, mailboxId: number | null, limit = 20) {
  let q = db
    .selectFrom('spam_log')
    .select([key, (eb) => eb.fn.countAll<number>().as('count'), (eb) => eb.fn.max('at').as('last_at'), (eb) => eb.fn.count<number>('mailbox_id').distinct().as('mailboxes')])
    .where('at', '>=', since);
  if (mailboxId !== null) q = q.where('mailbox_id', '=', mailboxId);
  const rows = await q.groupBy(key).orderBy('count', 'desc').orderBy(key).limit(limit).execute();
  return rows.map((r) => ({ value: (r as Record<string, unknown>)[key] as string | null, count: Number(r.count), mailboxes: Number(r.mailboxes), lastAt: Number(r.last_at) }));
}

/** Messages of a folder older than `before` (internal date), oldest first, at most `limit`. */
export async function expiredUids(db: Db, folderId: number, before: number, limit: number): Promise<number[]> {
  const rows = await db.selectFrom('messages').select('uid').where('folder_id', '=', folderId).where('internal_date', '<', before).orderBy('uid').limit(limit).execute();
  return rows.map((r) => Number(r.uid));
}

/** Spam and Trash folders of every mailbox, with the mailbox's own expiry setting. */
export async function expiringFolders(db: Db) {
  return db
    .selectFrom('folders')
    .leftJoin('spam_settings', 'spam_settings.mailbox_id', 'folders.mailbox_id')
    .select(['folders.id', 'folders.mailbox_id', 'folders.special_use', 'spam_settings.expiry_days'])
    .where('folders.special_use', 'in', ['junk', 'trash'])
    .execute();
}
