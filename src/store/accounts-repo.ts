// Organizations, users, API tokens and sessions: the people who log in to the web app and API.
import type { Db } from './db.js';
import type { Row } from './schema.js';

export async function ensureOrganization(db: Db, name: string, now = Date.now()): Promise<Row<'organizations'>> {
  const found = await db.selectFrom('organizations').selectAll().where('name', '=', name).executeTakeFirst();
  if (found) return found;
  return db.insertInto('organizations').values({ name, created_at: now }).returningAll().executeTakeFirstOrThrow();
}

export async function insertUser(
  db: Db,
  u: { orgId: number; email: string; passwordHash: string; isAdmin: boolean; mustChangePassword?: boolean },
): Promise<Row<'users'>> {
  return db
    .insertInto('users')
    .values({
      org_id: u.orgId,
      email: u.email,
      password_hash: u.passwordHash,
      is_admin: u.isAdmin ? 1 : 0,
      must_change_password: u.mustChangePassword ? 1 : 0,
      created_at: Date.now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const findUserByEmail = (db: Db, email: string) =>
  db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();

export const findUserById = (db: Db, id: number) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

export const listUsers = (db: Db) => db.selectFrom('users').selectAll().orderBy('email').execute();

export const countUsers = async (db: Db) =>
  Number((await db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

export async function setUserPassword(db: Db, id: number, passwordHash: string, mustChange: boolean): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash, must_change_password: mustChange ? 1 : 0 }).where('id', '=', id).execute();
}

export async function insertApiToken(db: Db, userId: number, name: string, tokenHash: string): Promise<Row<'api_tokens'>> {
  return db
    .insertInto('api_tokens')
    .values({ user_id: userId, name, token_hash: tokenHash, created_at: Date.now(), last_used_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findUserByTokenHash(db: Db, tokenHash: string): Promise<Row<'users'> | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('users')
    .select('api_tokens.id as token_id')
    .where('api_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return undefined;
  await db.updateTable('api_tokens').set({ last_used_at: Date.now() }).where('id', '=', row.token_id).execute();
  const { token_id: _ignored, ...user } = row;
  return user;
}

export async function insertSession(db: Db, s: { id: string; userId: number; ttlMs: number; ip: string | null }): Promise<void> {
  const now = Date.now();
  await db.insertInto('sessions').values({ id: s.id, user_id: s.userId, created_at: now, expires_at: now + s.ttlMs, ip: s.ip }).execute();
}

export async function findUserBySession(db: Db, id: string, now = Date.now()): Promise<Row<'users'> | undefined> {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function grantAccess(db: Db, userId: number, mailboxId: number, permissions: string[]): Promise<void> {
  const value = permissions.join(',');
  await db
    .insertInto('mailbox_access')
    .values({ user_id: userId, mailbox_id: mailboxId, permissions: value, created_at: Date.now() })
    .onConflict((oc) => oc.columns(['user_id', 'mailbox_id']).doUpdateSet({ permissions: value }))
    .execute();
}

export async function listAccess(db: Db, userId: number) {
  return db
    .selectFrom('mailbox_access')
    .innerJoin('mailboxes', 'mailboxes.id', 'mailbox_access.mailbox_id')
    .select(['mailboxes.id as mailbox_id', 'mailboxes.address', 'mailbox_access.permissions'])
    .where('mailbox_access.user_id', '=', userId)
    .orderBy('mailboxes.address')
    .execute();
}
