// The administrator's operations, shared by the CLI and the JSON API. Each validates its input
// (errors name the field), runs in one transaction (nothing half-applied) and returns plain data.
import type { Store } from '../store/db.js';
import type { BlobStore } from '../blobs/blob-store.js';
import * as accounts from '../store/accounts-repo.js';
import * as domains from '../store/domains-repo.js';
import { createDefaultFolders } from '../store/folders-repo.js';
import { dropBlobRefs } from '../store/blobs-repo.js';
import { deleteMessageText } from '../store/messages-repo.js';
import { AppError, conflict, invalid, notFound } from '../util/errors.js';
import { normalizeDomain, parseAddress } from '../util/address.js';
import { generateDevicePassword, hashPassword, MIN_DEVICE_PASSWORD_LENGTH, verifyPassword } from './passwords.js';
import { newSecret, sha256Hex } from '../util/ids.js';
import { generateKeySet } from '../dkim/keys.js';
import { addKeySet } from '../dkim/domain-keys.js';
import { dropConfirmations, dropConfirmationsOfDomain, requestExternalConfirmations } from '../store/redirect-confirmations-repo.js';
import type { Db } from '../store/db.js';
import { applyAutoTemplate } from '../responder/apply.js';

export const DEFAULT_ORG = 'default';
export const MAX_REDIRECT_TARGETS = 10;
export const PERMISSIONS = ['read', 'send', 'manage_passwords', 'manage_filters', 'manage_responder', 'manage'] as const;

export interface AdminContext { store: Store; blobs: BlobStore; defaultQuotaBytes: number }

export function requireAddress(field: string, value: string) {
  const parsed = parseAddress(value ?? '');
  if (!parsed) throw invalid(field, `${field}: "${value}" is not a valid email address (local@domain)`);
  return parsed;
}

async function requireDomain(db: Db, name: string, field: string) {
  const d = await domains.findDomain(db, name);
  if (!d) throw invalid(field, `${field}: the domain ${name} is not hosted here (add it with "domain add")`);
  return d;
}

export async function requireMailbox(db: Db, address: string, field = 'mailbox') {
  const parsed = requireAddress(field, address);
  const m = await domains.findMailbox(db, parsed.address);
  if (!m) throw notFound(`mailbox ${parsed.address}`, field);
  return m;
}

// ---- domains

export async function addDomain(ctx: AdminContext, name: string) {
  const ascii = normalizeDomain(name ?? '');
  if (!ascii) throw invalid('domain', `domain: "${name}" is not a valid domain name`);
  if (await domains.findDomain(ctx.store.db, ascii)) throw conflict(`domain ${ascii} already exists`, 'domain');
  // Its DKIM keys come with it (both sign from the first message); RSA takes 50-300 ms to make,
  // so outside the transaction.
  const keys = await generateKeySet();
  return ctx.store.tx(async (trx) => {
    if (await domains.findDomain(trx, ascii)) throw conflict(`domain ${ascii} already exists`, 'domain');
    const org = await accounts.ensureOrganization(trx, DEFAULT_ORG);
    const d = await domains.insertDomain(trx, org.id, ascii);
    await addKeySet(trx, d.id, d.name, keys, d.created_at);
    return d;
  });
}

export const listDomains = (ctx: AdminContext) => domains.listDomains(ctx.store.db);

export async function removeDomain(ctx: AdminContext, name: string) {
  const ascii = normalizeDomain(name ?? '');
  if (!ascii) throw invalid('domain', `domain: "${name}" is not a valid domain name`);
  await ctx.store.tx(async (trx) => {
    const d = await domains.findDomain(trx, ascii);
    if (!d) throw notFound(`domain ${ascii}`, 'domain');
    for (const m of await domains.listMailboxes(trx, d.id)) await purgeMailbox(ctx, trx, m.id);
    await dropConfirmationsOfDomain(trx, ascii);
    await domains.deleteDomain(trx, d.id);
  });
  return { domain: ascii };
}

export async function setDomainLimits(ctx: AdminContext, name: string, perMessage: number | null, per24h: number | null) {
  const ascii = normalizeDomain(name ?? '');
  if (!ascii) throw invalid('domain', `domain: "${name}" is not a valid domain name`);
  for (const [field, v] of [['maxRecipientsPerMessage', perMessage], ['maxRecipientsPer24h', per24h]] as const) {
    if (v !== null && (!Number.isInteger(v) || v < 1)) throw invalid(field, `${field}: must be a whole number of at least 1`);
  }
  const d = await requireDomain(ctx.store.db, ascii, 'domain');
  await domains.setDomainLimits(ctx.store.db, d.id, perMessage, per24h);
  return { domain: ascii, maxRecipientsPerMessage: perMessage, maxRecipientsPer24h: per24h };
}

// ---- mailboxes

export async function addMailbox(ctx: AdminContext, address: string, opts: { displayName?: string; quotaBytes?: number } = {}) {
  const parsed = requireAddress('address', address);
  if (opts.quotaBytes !== undefined && (!Number.isInteger(opts.quotaBytes) || opts.quotaBytes < 0)) {
    throw invalid('quota', `quota: must be a whole number of bytes, 0 or more`);
  }
  return ctx.store.tx(async (trx) => {
    const d = await requireDomain(trx, parsed.domain, 'address');
    const used = await domains.addressInUse(trx, parsed.address);
    if (used) throw conflict(`address ${parsed.address} is already used by a ${used}`, 'address');
    const kind = parsed.local === 'catchall' ? 'catchall' : 'mailbox';
    const m = await domains.insertMailbox(trx, {
      domainId: d.id,
      address: parsed.address,
      localPart: parsed.local,
      kind,
      displayName: opts.displayName ?? null,
      quotaBytes: opts.quotaBytes ?? ctx.defaultQuotaBytes,
    });
    await createDefaultFolders(trx, m.id);
    await applyAutoTemplate(trx, m, m.created_at);
    return m;
  });
}

export async function listMailboxes(ctx: AdminContext, domain?: string) {
  if (!domain) return domains.listMailboxes(ctx.store.db);
  const ascii = normalizeDomain(domain);
  if (!ascii) throw invalid('domain', `domain: "${domain}" is not a valid domain name`);
  const d = await requireDomain(ctx.store.db, ascii, 'domain');
  return domains.listMailboxes(ctx.store.db, d.id);
}

export async function removeMailbox(ctx: AdminContext, address: string) {
  const removed = await ctx.store.tx(async (trx) => {
    const m = await requireMailbox(trx, address, 'address');
    await purgeMailbox(ctx, trx, m.id);
    await dropConfirmations(trx, m.address);
    await domains.deleteMailbox(trx, m.id);
    return m.address;
  });
  return { address: removed };
}

export async function setQuota(ctx: AdminContext, address: string, quotaBytes: number) {
  if (!Number.isInteger(quotaBytes) || quotaBytes < 0) throw invalid('quota', 'quota: must be a whole number of bytes, 0 or more');
  const m = await requireMailbox(ctx.store.db, address, 'address');
  await domains.updateMailbox(ctx.store.db, m.id, { quota_bytes: quotaBytes });
  return { address: m.address, quotaBytes, usedBytes: m.used_bytes };
}

export async function setMailboxLimits(ctx: AdminContext, address: string, perMessage: number | null, per24h: number | null) {
  for (const [field, v] of [['maxRecipientsPerMessage', perMessage], ['maxRecipientsPer24h', per24h]] as const) {
    if (v !== null && (!Number.isInteger(v) || v < 1)) throw invalid(field, `${field}: must be a whole number of at least 1`);
  }
  const m = await requireMailbox(ctx.store.db, address, 'address');
  await domains.updateMailbox(ctx.store.db, m.id, { max_recipients_per_message: perMessage, max_recipients_per_24h: per24h });
  return { address: m.address, maxRecipientsPerMessage: perMessage, maxRecipientsPer24h: per24h };
}

/** Deletes a mailbox's message rows and text and drops their blob references. */
async function purgeMailbox(ctx: AdminContext, trx: Db, mailboxId: number): Promise<void> {
  const rows = await trx.selectFrom('messages').select(['id', 'blob_hash']).where('mailbox_id', '=', mailboxId).execute();
  const counts = new Map<string, number>();
  for (const r of rows) {
    counts.set(r.blob_hash, (counts.get(r.blob_hash) ?? 0) + 1);
    await deleteMessageText(trx, ctx.store.dialect, r.id);
  }
  await trx.deleteFrom('messages').where('mailbox_id', '=', mailboxId).execute();
  for (const [hash, n] of counts) await dropBlobRefs(trx, hash, n);
}

// ---- device passwords

export async function addDevicePassword(ctx: AdminContext, address: string, name: string, password?: string) {
  if (!name || !name.trim() || name.length > 100) throw invalid('name', 'name: give the device a name of 1 to 100 characters');
  if (password !== undefined && password.length < MIN_DEVICE_PASSWORD_LENGTH) {
    throw invalid('password', `password: must be at least ${MIN_DEVICE_PASSWORD_LENGTH} characters`);
  }
  const m = await requireMailbox(ctx.store.db, address, 'mailbox');
  const secret = password ?? generateDevicePassword();
  const row = await domains.insertDevicePassword(ctx.store.db, m.id, name.trim(), await hashPassword(secret));
  return { id: row.id, mailbox: m.address, name: row.name, password: secret, createdAt: row.created_at };
}

export async function listDevicePasswords(ctx: AdminContext, address: string) {
  const m = await requireMailbox(ctx.store.db, address, 'mailbox');
  return (await domains.listDevicePasswords(ctx.store.db, m.id)).map((d) => ({
    id: d.id,
    name: d.name,
    createdAt: d.created_at,
    lastUsedAt: d.last_used_at,
    lastUsedIp: d.last_used_ip,
    revokedAt: d.revoked_at,
  }));
}

export async function revokeDevicePassword(ctx: AdminContext, address: string, id: number) {
  if (!Number.isInteger(id)) throw invalid('id', 'id: must be the number shown by "device-password list"');
  const m = await requireMailbox(ctx.store.db, address, 'mailbox');
  if (!(await domains.revokeDevicePassword(ctx.store.db, m.id, id))) throw notFound(`active device password ${id} of ${m.address}`, 'id');
  return { mailbox: m.address, id, revoked: true };
}

// ---- aliases and redirect-only addresses

export async function addAlias(ctx: AdminContext, alias: string, mailbox: string) {
  const a = requireAddress('alias', alias);
  return ctx.store.tx(async (trx) => {
    const d = await requireDomain(trx, a.domain, 'alias');
    const m = await requireMailbox(trx, mailbox, 'mailbox');
    if (m.kind === 'catchall') throw invalid('mailbox', 'mailbox: a catch-all address cannot have aliases');
    const used = await domains.addressInUse(trx, a.address);
    if (used) throw conflict(`address ${a.address} is already used by a ${used}`, 'alias');
    const row = await domains.insertAlias(trx, d.id, a.address, m.id);
    return { id: row.id, alias: row.address, mailbox: m.address };
  });
}

export async function listAliases(ctx: AdminContext, mailbox?: string) {
  const m = mailbox ? await requireMailbox(ctx.store.db, mailbox, 'mailbox') : undefined;
  return domains.listAliases(ctx.store.db, m?.id);
}

export async function removeAlias(ctx: AdminContext, alias: string) {
  const a = requireAddress('alias', alias);
  if (!(await domains.deleteAlias(ctx.store.db, a.address))) throw notFound(`alias ${a.address}`, 'alias');
  return { alias: a.address };
}

export async function addRedirect(ctx: AdminContext, address: string, targets: string[]) {
  const a = requireAddress('address', address);
  if (!Array.isArray(targets) || targets.length === 0) throw invalid('targets', 'targets: give at least one target address');
  if (targets.length > MAX_REDIRECT_TARGETS) throw invalid('targets', `targets: at most ${MAX_REDIRECT_TARGETS} targets per address`);
  const normalized = targets.map((t, i) => requireAddress(`targets[${i}]`, t).address);
  if (normalized.includes(a.address)) throw invalid('targets', 'targets: an address cannot redirect to itself');
  return ctx.store.tx(async (trx) => {
    const d = await requireDomain(trx, a.domain, 'address');
    const used = await domains.addressInUse(trx, a.address);
    if (used) throw conflict(`address ${a.address} is already used by a ${used}`, 'address');
    const row = await domains.insertRedirect(trx, d.id, a.address, [...new Set(normalized)]);
    // Targets on other servers get a confirmation link; nothing flows to them before they use it.
    await requestExternalConfirmations(trx, a.address, [...new Set(normalized)], Date.now());
    return { id: row.id, address: row.address, targets: JSON.parse(row.targets) as string[] };
  });
}

export async function listRedirects(ctx: AdminContext) {
  return (await domains.listRedirects(ctx.store.db)).map((r) => ({ id: r.id, address: r.address, targets: JSON.parse(r.targets) as string[] }));
}

export async function removeRedirect(ctx: AdminContext, address: string) {
  const a = requireAddress('address', address);
  await ctx.store.tx(async (trx) => {
    if (!(await domains.deleteRedirect(trx, a.address))) throw notFound(`redirect ${a.address}`, 'address');
    await dropConfirmations(trx, a.address);
  });
  return { address: a.address };
}

// ---- users (people of the web app and API)

export async function addUser(ctx: AdminContext, email: string, opts: { admin?: boolean; password?: string } = {}) {
  const e = requireAddress('email', email);
  if (opts.password !== undefined && opts.password.length < 12) throw invalid('password', 'password: must be at least 12 characters');
  const oneTime = opts.password === undefined;
  const password = opts.password ?? newSecret(12);
  const passwordHash = await hashPassword(password);
  return ctx.store.tx(async (trx) => {
    if (await accounts.findUserByEmail(trx, e.address)) throw conflict(`user ${e.address} already exists`, 'email');
    const org = await accounts.ensureOrganization(trx, DEFAULT_ORG);
    const u = await accounts.insertUser(trx, { orgId: org.id, email: e.address, passwordHash, isAdmin: !!opts.admin, mustChangePassword: oneTime });
    return { id: u.id, email: u.email, admin: !!u.is_admin, password, oneTime };
  });
}

/** A user sets their own password, proving the current one (also ends a one-time password). */
export async function changePassword(ctx: AdminContext, userId: number, current: string, next: string) {
  if (next.length < 12) throw invalid('newPassword', 'newPassword: must be at least 12 characters');
  const u = await accounts.findUserById(ctx.store.db, userId);
  if (!u) throw notFound('user');
  if (!(await verifyPassword(u.password_hash, current))) throw new AppError('unauthorized', 'currentPassword: not the current password', 'currentPassword');
  if (current === next) throw invalid('newPassword', 'newPassword: must differ from the current password');
  await accounts.setUserPassword(ctx.store.db, u.id, await hashPassword(next), false);
  return { changed: true };
}

/** An administrator sets a user's password (generated and one-time unless given). */
export async function resetPassword(ctx: AdminContext, email: string, password?: string) {
  const e = requireAddress('email', email);
  if (password !== undefined && password.length < 12) throw invalid('password', 'password: must be at least 12 characters');
  const u = await accounts.findUserByEmail(ctx.store.db, e.address);
  if (!u) throw notFound(`user ${e.address}`, 'email');
  const oneTime = password === undefined;
  const secret = password ?? newSecret(12);
  await accounts.setUserPassword(ctx.store.db, u.id, await hashPassword(secret), oneTime);
  return { email: u.email, password: secret, oneTime };
}

export async function listUsers(ctx: AdminContext) {
  return (await accounts.listUsers(ctx.store.db)).map((u) => ({ id: u.id, email: u.email, admin: !!u.is_admin, createdAt: u.created_at }));
}

export async function grant(ctx: AdminContext, email: string, mailbox: string, permissions: string[]) {
  const e = requireAddress('email', email);
  const bad = permissions.find((p) => !(PERMISSIONS as readonly string[]).includes(p));
  if (bad !== undefined) throw invalid('permissions', `permissions: "${bad}" is not one of ${PERMISSIONS.join(', ')}`);
  if (permissions.length === 0) throw invalid('permissions', `permissions: give at least one of ${PERMISSIONS.join(', ')}`);
  const u = await accounts.findUserByEmail(ctx.store.db, e.address);
  if (!u) throw notFound(`user ${e.address}`, 'email');
  const m = await requireMailbox(ctx.store.db, mailbox, 'mailbox');
  await accounts.grantAccess(ctx.store.db, u.id, m.id, permissions);
  return { email: u.email, mailbox: m.address, permissions };
}

export async function createApiToken(ctx: AdminContext, email: string, name: string) {
  const e = requireAddress('email', email);
  if (!name || name.length > 100) throw invalid('name', 'name: 1 to 100 characters');
  const u = await accounts.findUserByEmail(ctx.store.db, e.address);
  if (!u) throw notFound(`user ${e.address}`, 'email');
  const token = `mc_${newSecret(24)}`;
  const row = await accounts.insertApiToken(ctx.store.db, u.id, name, sha256Hex(token));
  return { id: row.id, email: u.email, name, token };
}
