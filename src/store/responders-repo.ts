// Out-of-office responders of mailboxes, the admin's templates per domain, and the alternative
// From addresses waiting for (or past) their verification code (migration 012).
import type { Db } from './db.js';
import type { Row } from './schema.js';

export type Responder = Row<'responders'>;
export type ResponderTemplate = Row<'responder_templates'>;
export type FromAddress = Row<'responder_from_addresses'>;

export const listResponders = (db: Db, mailboxId: number) =>
  db.selectFrom('responders').selectAll().where('mailbox_id', '=', mailboxId).orderBy('name').execute();

export const findResponder = (db: Db, mailboxId: number, name: string) =>
  db.selectFrom('responders').selectAll().where('mailbox_id', '=', mailboxId).where('name', '=', name).executeTakeFirst();

export const activeResponder = (db: Db, mailboxId: number) =>
  db.selectFrom('responders').selectAll().where('mailbox_id', '=', mailboxId).where('active', '=', 1).executeTakeFirst();

export async function insertResponder(db: Db, r: { mailboxId: number; name: string; settings: string; templateId: number | null; now: number }): Promise<Responder> {
  return db
    .insertInto('responders')
    .values({ mailbox_id: r.mailboxId, name: r.name, settings: r.settings, active: 0, template_id: r.templateId, created_at: r.now, updated_at: r.now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateResponderSettings(db: Db, id: number, settings: string, templateId: number | null, now: number): Promise<void> {
  await db.updateTable('responders').set({ settings, template_id: templateId, updated_at: now }).where('id', '=', id).execute();
}

/** At most one active per mailbox: the others are switched off in the same statement pair. */
export async function setActiveResponder(db: Db, mailboxId: number, id: number | null, now: number): Promise<void> {
  await db.updateTable('responders').set({ active: 0, updated_at: now }).where('mailbox_id', '=', mailboxId).where('active', '=', 1).execute();
  if (id !== null) await db.updateTable('responders').set({ active: 1, updated_at: now }).where('id', '=', id).execute();
}

export async function bumpGeneration(db: Db, id: number, now: number): Promise<void> {
  await db.updateTable('responders').set((eb) => ({ generation: eb('generation', '+', 1), updated_at: now })).where('id', '=', id).execute();
}

export async function deleteResponder(db: Db, id: number): Promise<void> {
  await db.deleteFrom('responders').where('id', '=', id).execute();
}

// ---- templates

export const listTemplates = (db: Db, domainId: number) =>
  db.selectFrom('responder_templates').selectAll().where('domain_id', '=', domainId).orderBy('name').execute();

export const findTemplate = (db: Db, domainId: number, name: string) =>
  db.selectFrom('responder_templates').selectAll().where('domain_id', '=', domainId).where('name', '=', name).executeTakeFirst();

export const autoTemplate = (db: Db, domainId: number) =>
  db.selectFrom('responder_templates').selectAll().where('domain_id', '=', domainId).where('auto_apply', '=', 1).executeTakeFirst();

export async function upsertTemplate(db: Db, t: { domainId: number; name: string; settings: string; hidden: boolean; autoApply: boolean; now: number }): Promise<ResponderTemplate> {
  // One template per domain is applied to new mailboxes: choosing this one unsets the other.
  if (t.autoApply) await db.updateTable('responder_templates').set({ auto_apply: 0 }).where('domain_id', '=', t.domainId).where('auto_apply', '=', 1).execute();
  const existing = await findTemplate(db, t.domainId, t.name);
  const values = { settings: t.settings, hidden: t.hidden ? 1 : 0, auto_apply: t.autoApply ? 1 : 0, updated_at: t.now };
  if (existing) {
    await db.updateTable('responder_templates').set(values).where('id', '=', existing.id).execute();
    return { ...existing, ...values };
  }
  return db
    .insertInto('responder_templates')
    .values({ domain_id: t.domainId, name: t.name, ...values, created_at: t.now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteTemplate(db: Db, id: number): Promise<void> {
  await db.deleteFrom('responder_templates').where('id', '=', id).execute();
}

// ---- alternative From addresses

export const findFromAddress = (db: Db, mailboxId: number, address: string) =>
  db.selectFrom('responder_from_addresses').selectAll().where('mailbox_id', '=', mailboxId).where('address', '=', address).executeTakeFirst();

export const listFromAddresses = (db: Db, mailboxId: number) =>
  db.selectFrom('responder_from_addresses').selectAll().where('mailbox_id', '=', mailboxId).orderBy('address').execute();

export async function isVerifiedFrom(db: Db, mailboxId: number, address: string): Promise<boolean> {
  return (await findFromAddress(db, mailboxId, address))?.verified_at != null;
}

/** A row waiting for its code to be sent (a new one, or a verified one asked again stays verified). */
export async function requestFromCode(db: Db, mailboxId: number, address: string, now: number): Promise<void> {
  const row = await findFromAddress(db, mailboxId, address);
  if (row?.verified_at != null) return;
  if (row) {
    await db.updateTable('responder_from_addresses').set({ code_hash: null, code_expires_at: null, sent_at: null, attempts: 0 }).where('id', '=', row.id).execute();
    return;
  }
  await db
    .insertInto('responder_from_addresses')
    .values({ mailbox_id: mailboxId, address, code_hash: null, code_expires_at: null, sent_at: null, verified_at: null, created_at: now })
    .execute();
}

export const unsentFromCodes = (db: Db, limit: number) =>
  db.selectFrom('responder_from_addresses').selectAll().where('verified_at', 'is', null).where('sent_at', 'is', null).orderBy('id').limit(limit).execute();

/** Takes an unsent row for this node (a conditional update: two nodes never both send it). */
export async function claimFromCode(db: Db, id: number, codeHash: string, expiresAt: number, now: number): Promise<boolean> {
  const r = await db
    .updateTable('responder_from_addresses')
    .set({ code_hash: codeHash, code_expires_at: expiresAt, sent_at: now, attempts: 0 })
    .where('id', '=', id)
    .where('sent_at', 'is', null)
    .where('verified_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function markFromCodeUnsent(db: Db, id: number): Promise<void> {
  await db.updateTable('responder_from_addresses').set({ code_hash: null, code_expires_at: null, sent_at: null }).where('id', '=', id).where('verified_at', 'is', null).execute();
}

export async function countFromAttempt(db: Db, id: number): Promise<void> {
  await db.updateTable('responder_from_addresses').set((eb) => ({ attempts: eb('attempts', '+', 1) })).where('id', '=', id).execute();
}

export async function markFromVerified(db: Db, id: number, now: number): Promise<void> {
  await db.updateTable('responder_from_addresses').set({ verified_at: now, code_hash: null, code_expires_at: null }).where('id', '=', id).execute();
}

export async function deleteFromAddress(db: Db, id: number): Promise<void> {
  await db.deleteFrom('responder_from_addresses').where('id', '=', id).execute();
}

export async function setMailboxTimeZone(db: Db, mailboxId: number, zone: string | null): Promise<void> {
  await db.updateTable('mailboxes').set({ time_zone: zone }).where('id', '=', mailboxId).execute();
}
