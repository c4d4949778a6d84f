// Domains (one Mail Service each), mailboxes, aliases, redirect-only addresses and device passwords.
import type { Db } from './db.js';
import type { MailboxKind, Row, SieveRedirectPolicy } from './schema.js';

export const findDomain = (db: Db, name: string) => db.selectFrom('domains').selectAll().where('name', '=', name).executeTakeFirst();
export const listDomains = (db: Db) => db.selectFrom('domains').selectAll().orderBy('name').execute();

export async function insertDomain(db: Db, orgId: number, name: string): Promise<Row<'domains'>> {
  return db
    .insertInto('domains')
    .values({ org_id: orgId, name, max_recipients_per_message: null, max_recipients_per_24h: null, created_at: Date.now() })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setDomainLimits(db: Db, id: number, perMessage: number | null, per24h: number | null): Promise<void> {
  await db.updateTable('domains').set({ max_recipients_per_message: perMessage, max_recipients_per_24h: per24h }).where('id', '=', id).execute();
}

export async function deleteDomain(db: Db, id: number): Promise<void> {
  await db.deleteFrom('domains').where('id', '=', id).execute();
}

export const findMailbox = (db: Db, address: string) =>
  db.selectFrom('mailboxes').selectAll().where('address', '=', address).executeTakeFirst();
export const findMailboxById = (db: Db, id: number) => db.selectFrom('mailboxes').selectAll().where('id', '=', id).executeTakeFirst();

export async function listMailboxes(db: Db, domainId?: number): Promise<Row<'mailboxes'>[]> {
  let q = db.selectFrom('mailboxes').selectAll();
  if (domainId !== undefined) q = q.where('domain_id', '=', domainId);
  return q.orderBy('address').execute();
}

export async function insertMailbox(
  db: Db,
  m: { domainId: number; address: string; localPart: string; kind: MailboxKind; displayName: string | null; quotaBytes: number },
): Promise<Row<'mailboxes'>> {
  return db
    .insertInto('mailboxes')
    .values({
      domain_id: m.domainId,
      address: m.address,
      local_part: m.localPart,
      kind: m.kind,
      display_name: m.displayName,
      quota_bytes: m.quotaBytes,
      used_bytes: 0,
      max_recipients_per_message: null,
      max_recipients_per_24h: null,
      created_at: Date.now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateMailbox(
  db: Db,
  id: number,
  patch: Partial<Pick<Row<'mailboxes'>, 'quota_bytes' | 'display_name' | 'max_recipients_per_message' | 'max_recipients_per_24h'>>,
): Promise<void> {
  await db.updateTable('mailboxes').set(patch).where('id', '=', id).execute();
}

export async function addUsedBytes(db: Db, id: number, delta: number): Promise<void> {
  await db.updateTable('mailboxes').set((eb) => ({ used_bytes: eb('used_bytes', '+', delta) })).where('id', '=', id).execute();
}

export async function deleteMailbox(db: Db, id: number): Promise<void> {
  await db.deleteFrom('mailboxes').where('id', '=', id).execute();
}

export async function catchAllOf(db: Db, domainId: number): Promise<Row<'mailboxes'> | undefined> {
  return db.selectFrom('mailboxes').selectAll().where('domain_id', '=', domainId).where('kind', '=', 'catchall').executeTakeFirst();
}

export const findAlias = (db: Db, address: string) => db.selectFrom('aliases').selectAll().where('address', '=', address).executeTakeFirst();

export async function insertAlias(db: Db, domainId: number, address: string, mailboxId: number): Promise<Row<'aliases'>> {
  return db.insertInto('aliases').values({ domain_id: domainId, address, mailbox_id: mailboxId, created_at: Date.now() }).returningAll().executeTakeFirstOrThrow();
}

export async function listAliases(db: Db, mailboxId?: number) {
  let q = db.selectFrom('aliases').innerJoin('mailboxes', 'mailboxes.id', 'aliases.mailbox_id').select(['aliases.id', 'aliases.address', 'mailboxes.address as mailbox', 'aliases.created_at']);
  if (mailboxId !== undefined) q = q.where('aliases.mailbox_id', '=', mailboxId);
  return q.orderBy('aliases.address').execute();
}

export async function deleteAlias(db: Db, address: string): Promise<boolean> {
  const r = await db.deleteFrom('aliases').where('address', '=', address).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export const findRedirect = (db: Db, address: string) => db.selectFrom('redirects').selectAll().where('address', '=', address).executeTakeFirst();

export async function insertRedirect(db: Db, domainId: number, address: string, targets: string[]): Promise<Row<'redirects'>> {
  return db.insertInto('redirects').values({ domain_id: domainId, address, targets: JSON.stringify(targets), created_at: Date.now() }).returningAll().executeTakeFirstOrThrow();
}

export const listRedirects = (db: Db) => db.selectFrom('redirects').selectAll().orderBy('address').execute();

export async function deleteRedirect(db: Db, address: string): Promise<boolean> {
  const r = await db.deleteFrom('redirects').where('address', '=', address).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Is this address taken by a mailbox, alias or redirect already? */
export async function addressInUse(db: Db, address: string): Promise<string | null> {
  if (await findMailbox(db, address)) return 'mailbox';
  if (await findAlias(db, address)) return 'alias';
  if (await findRedirect(db, address)) return 'redirect';
  // Deleted ones too: a leaked address is never handed out again.
  if (await db.selectFrom('temporary_aliases').select('id').where('address', '=', address).executeTakeFirst()) return 'temporary alias';
  return null;
}

export async function insertDevicePassword(db: Db, mailboxId: number, name: string, hash: string): Promise<Row<'device_passwords'>> {
  return db
    .insertInto('device_passwords')
    .values({ mailbox_id: mailboxId, name, hash, created_at: Date.now(), last_used_at: null, last_used_ip: null, revoked_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const listDevicePasswords = (db: Db, mailboxId: number) =>
  db.selectFrom('device_passwords').selectAll().where('mailbox_id', '=', mailboxId).orderBy('id').execute();

export const activeDevicePasswords = (db: Db, mailboxId: number) =>
  db.selectFrom('device_passwords').selectAll().where('mailbox_id', '=', mailboxId).where('revoked_at', 'is', null).execute();

export async function revokeDevicePassword(db: Db, mailboxId: number, id: number): Promise<boolean> {
  const r = await db
    .updateTable('device_passwords')
    .set({ revoked_at: Date.now() })
    .where('mailbox_id', '=', mailboxId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function touchDevicePassword(db: Db, id: number, ip: string | null): Promise<void> {
  await db.updateTable('device_passwords').set({ last_used_at: Date.now(), last_used_ip: ip }).where('id', '=', id).execute();
}

export async function setDomainSieveRedirect(db: Db, id: number, policy: SieveRedirectPolicy): Promise<void> {
  await db.updateTable('domains').set({ sieve_redirect: policy }).where('id', '=', id).execute();
}
