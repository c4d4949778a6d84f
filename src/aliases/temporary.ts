// Temporary aliases: an address a user gives one website at registration, random
// (`shop.k3f9x2ab@domain`) or chosen, with an optional expiry, a target folder and a note, so that
// they can see who leaked it (messages and sender domains counted) and switch it off. Shared by
// the CLI and the JSON API like admin.ts.
//
// - The address is in the mailbox's own domain (a user cannot take addresses in other domains).
// - The target folder must already exist when the alias is made (a typo must not silently create
//   folders); if it is deleted later, mail falls back to the Inbox with a trace note.
// - Mail to a disabled, expired or deleted alias is refused at RCPT with the same
//   "550 5.1.1 No such user here" as an address that never existed: nothing tells the sender
//   it was real. Deleting keeps a tombstone: the address is never given out again.
import crypto from 'node:crypto';
import * as domains from '../store/domains-repo.js';
import * as repo from '../store/temporary-aliases-repo.js';
import { folderByName } from '../store/folders-repo.js';
import type { Row } from '../store/schema.js';
import type { Db } from '../store/db.js';
import { AppError, conflict, invalid, notFound } from '../util/errors.js';
import { requireAddress, requireMailbox, type AdminContext } from '../accounts/admin.js';

export const MAX_TEMPORARY_ALIASES = 1000;
export const MAX_NOTE_LENGTH = 200;
export const RANDOM_SUFFIX_LENGTH = 8;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** 8 characters of base32 from crypto: 40 bits, not guessable from the prefix or other aliases. */
export function randomSuffix(length = RANDOM_SUFFIX_LENGTH): string {
  const bytes = crypto.randomBytes(length);
  let out = '';
  for (const b of bytes) out += BASE32[b & 31];
  return out;
}

/** A readable prefix from the user's label ("Shop de Noël!" → "shop-de-noel"), or "tmp". */
export function prefixFrom(label: string | undefined): string {
  const slug = (label ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 20)
    .replace(/-+$/, '');
  return slug || 'tmp';
}

export interface TemporaryAliasView {
  id: number;
  address: string;
  mailbox: string;
  note: string | null;
  folder: string | null;
  expiresAt: number | null;
  /** active, disabled or expired (deleted ones are not listed). */
  status: 'active' | 'disabled' | 'expired';
  received: number;
  lastReceivedAt: number | null;
  senders: Array<{ domain: string; count: number; firstSeenAt: number; lastSeenAt: number }>;
  createdAt: number;
}

function statusOf(a: Row<'temporary_aliases'>, now: number): TemporaryAliasView['status'] {
  if (a.disabled_at !== null) return 'disabled';
  if (a.expires_at !== null && a.expires_at <= now) return 'expired';
  return 'active';
}

function view(a: Row<'temporary_aliases'>, mailbox: string, senders: Row<'temporary_alias_senders'>[], now: number): TemporaryAliasView {
  return {
    id: a.id,
    address: a.address,
    mailbox,
    note: a.note,
    folder: a.folder,
    expiresAt: a.expires_at,
    status: statusOf(a, now),
    received: a.received_count,
    lastReceivedAt: a.last_received_at,
    senders: senders.filter((s) => s.alias_id === a.id).map((s) => ({ domain: s.domain, count: s.count, firstSeenAt: s.first_seen_at, lastSeenAt: s.last_seen_at })),
    createdAt: a.created_at,
  };
}

export interface NewTemporaryAlias {
  /** A chosen address; otherwise a random one from `prefix`. */
  address?: string;
  prefix?: string;
  note?: string;
  folder?: string;
  expiresAt?: number | null;
}

export async function addTemporaryAlias(ctx: AdminContext, mailbox: string, opts: NewTemporaryAlias, now = Date.now()): Promise<TemporaryAliasView> {
  const note = opts.note?.trim() || null;
  if (note && note.length > MAX_NOTE_LENGTH) throw invalid('note', `note: at most ${MAX_NOTE_LENGTH} characters`);
  const expiresAt = opts.expiresAt ?? null;
  if (expiresAt !== null && (!Number.isInteger(expiresAt) || expiresAt <= now)) throw invalid('expiresAt', 'expiresAt: must be a time in the future');
  if (opts.address !== undefined && opts.prefix !== undefined) throw invalid('prefix', 'prefix: give either an address or a prefix for a random one, not both');
  return ctx.store.tx(async (trx) => {
    const m = await requireMailbox(trx, mailbox, 'mailbox');
    if (m.kind === 'catchall') throw invalid('mailbox', 'mailbox: a catch-all address cannot have temporary aliases');
    const domain = m.address.slice(m.address.lastIndexOf('@') + 1);
    const folder = opts.folder?.trim() || null;
    if (folder && !(await folderByName(trx, m.id, folder))) throw invalid('folder', `folder: "${folder}" does not exist in ${m.address} (create it first)`);
    if ((await repo.countLive(trx, m.id)) >= MAX_TEMPORARY_ALIASES) {
      throw new AppError('limit', `mailbox: ${m.address} has ${MAX_TEMPORARY_ALIASES} temporary aliases already; delete some first`, 'mailbox');
    }
    let address: string;
    if (opts.address !== undefined) {
      const a = requireAddress('address', opts.address);
      if (a.domain !== domain) throw invalid('address', `address: must be in the mailbox's domain ${domain}`);
      const used = await domains.addressInUse(trx, a.address);
      if (used) throw conflict(`address ${a.address} is already used by a ${used}`, 'address');
      address = a.address;
    } else {
      const prefix = prefixFrom(opts.prefix ?? opts.note);
      // 40 random bits: a collision is practically impossible, but an address is never reused.
      do address = `${prefix}.${randomSuffix()}@${domain}`;
      while (await domains.addressInUse(trx, address));
    }
    const d = await domains.findDomain(trx, domain);
    const row = await repo.insertTemporaryAlias(trx, { domainId: d!.id, mailboxId: m.id, address, note, folder, expiresAt, now });
    return view(row, m.address, [], now);
  });
}

export async function listTemporaryAliases(ctx: AdminContext, mailbox: string, now = Date.now()): Promise<TemporaryAliasView[]> {
  const db = ctx.store.db;
  const m = await requireMailbox(db, mailbox, 'mailbox');
  const rows = await repo.listTemporaryAliases(db, m.id);
  const senders = await repo.sendersOf(db, rows.map((r) => r.id));
  return rows.map((r) => view(r, m.address, senders, now));
}

/** The live alias at this address, with its mailbox (for permission checks and changes). */
export async function findLiveTemporaryAlias(db: Db, address: string) {
  const a = requireAddress('alias', address);
  const row = await repo.findTemporaryAlias(db, a.address);
  if (!row || row.deleted_at !== null) throw notFound(`temporary alias ${a.address}`, 'alias');
  const m = await domains.findMailboxById(db, row.mailbox_id);
  return { row, mailbox: m! };
}

export interface TemporaryAliasChange { enabled?: boolean; expiresAt?: number | null; note?: string | null }

export async function updateTemporaryAlias(ctx: AdminContext, address: string, change: TemporaryAliasChange, now = Date.now()): Promise<TemporaryAliasView> {
  const patch: Parameters<typeof repo.updateTemporaryAlias>[2] = {};
  if (change.enabled !== undefined) patch.disabled_at = change.enabled ? null : now;
  if (change.expiresAt !== undefined) {
    if (change.expiresAt !== null && (!Number.isInteger(change.expiresAt) || change.expiresAt <= now)) throw invalid('expiresAt', 'expiresAt: must be a time in the future, or null for none');
    patch.expires_at = change.expiresAt;
  }
  if (change.note !== undefined) {
    const note = change.note?.trim() || null;
    if (note && note.length > MAX_NOTE_LENGTH) throw invalid('note', `note: at most ${MAX_NOTE_LENGTH} characters`);
    patch.note = note;
  }
  return ctx.store.tx(async (trx) => {
    const { row, mailbox } = await findLiveTemporaryAlias(trx, address);
    // Re-enabling keeps the original disable time out of the way; disabling twice keeps the first.
    if (change.enabled === false && row.disabled_at !== null) delete patch.disabled_at;
    if (Object.keys(patch).length) await repo.updateTemporaryAlias(trx, row.id, patch);
    const fresh = (await repo.findTemporaryAlias(trx, row.address))!;
    return view(fresh, mailbox.address, await repo.sendersOf(trx, [row.id]), now);
  });
}

/** Deletes an alias: mail to it is refused from now on and its address is never given out again. */
export async function removeTemporaryAlias(ctx: AdminContext, address: string, now = Date.now()) {
  return ctx.store.tx(async (trx) => {
    const { row, mailbox } = await findLiveTemporaryAlias(trx, address);
    await repo.updateTemporaryAlias(trx, row.id, { deleted_at: now, note: null, folder: null });
    await repo.dropSenders(trx, row.id);
    return { alias: row.address, mailbox: mailbox.address, deleted: true };
  });
}
