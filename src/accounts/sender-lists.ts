// Block and allow lists of a mailbox (its user's) or of a domain (the admin's, for every mailbox of
// it), shared by the CLI and the JSON API like admin.ts: errors name the field and the entry.
import type { Db } from '../store/db.js';
import type { BlockAction } from '../store/schema.js';
import * as domains from '../store/domains-repo.js';
import * as repo from '../store/sender-lists-repo.js';
import { listTemporaryAliases } from '../store/temporary-aliases-repo.js';
import { MAX_ENTRIES_PER_LIST, normalizeEntry, ownAddressConflict, type ListKind, type OwnIdentity } from '../filters/lists.js';
import { AppError, conflict, invalid, notFound } from '../util/errors.js';
import { normalizeDomain } from '../util/address.js';
import { requireMailbox, type AdminContext } from './admin.js';

export const BLOCK_ACTIONS: readonly BlockAction[] = ['spam', 'reject'];
export const LIST_KINDS: readonly ListKind[] = ['block', 'allow'];

/** A mailbox address, or `@domain` for the domain's list. */
export type ListTarget = { mailbox: string } | { domain: string };

export function parseTarget(value: string): ListTarget {
  return value.startsWith('@') ? { domain: value.slice(1) } : { mailbox: value };
}

interface ResolvedTarget { owner: repo.ListOwner; label: string; own: OwnIdentity }

async function resolveTarget(db: Db, target: ListTarget): Promise<ResolvedTarget> {
  if ('domain' in target) {
    const ascii = normalizeDomain(target.domain ?? '');
    if (!ascii) throw invalid('domain', `domain: "${target.domain}" is not a valid domain name`);
    const d = await domains.findDomain(db, ascii);
    if (!d) throw notFound(`domain ${ascii}`, 'domain');
    const addresses = [
      ...(await domains.listMailboxes(db, d.id)).map((m) => m.address),
      ...(await db.selectFrom('aliases').select('address').where('domain_id', '=', d.id).execute()).map((a) => a.address),
    ];
    return { owner: { domainId: d.id, mailboxId: null }, label: `@${ascii}`, own: { addresses, domains: [ascii] } };
  }
  const m = await requireMailbox(db, target.mailbox, 'mailbox');
  const aliases = [...(await domains.listAliases(db, m.id)).map((a) => a.address), ...(await listTemporaryAliases(db, m.id)).map((a) => a.address)];
  const all = [m.address, ...aliases];
  return { owner: { domainId: m.domain_id, mailboxId: m.id }, label: m.address, own: { addresses: all, domains: [...new Set(all.map((a) => a.slice(a.lastIndexOf('@') + 1)))] } };
}

function requireKind(kind: string): ListKind {
  if (!(LIST_KINDS as readonly string[]).includes(kind)) throw invalid('kind', `kind: "${kind}" is not one of ${LIST_KINDS.join(', ')}`);
  return kind as ListKind;
}

function requireEntry(entry: string): string {
  const r = normalizeEntry(entry);
  if (!r.ok) throw invalid('entry', `entry: "${entry}" ${r.reason}`);
  return r.entry;
}

export async function addListEntry(ctx: AdminContext, target: ListTarget, kindInput: string, entryInput: string, now = Date.now()) {
  const kind = requireKind(kindInput);
  const entry = requireEntry(entryInput);
  return ctx.store.tx(async (trx) => {
    const t = await resolveTarget(trx, target);
    if (kind === 'allow') {
      const why = ownAddressConflict(entry, t.own);
      if (why) throw invalid('entry', `entry: "${entry}" ${why}`);
    }
    if (await repo.hasEntry(trx, t.owner, kind, entry)) throw conflict(`entry: "${entry}" is already on the ${kind} list of ${t.label}`, 'entry');
    if ((await repo.countEntries(trx, t.owner, kind)) >= MAX_ENTRIES_PER_LIST) {
      throw new AppError('limit', `entry: the ${kind} list of ${t.label} is full (${MAX_ENTRIES_PER_LIST} entries); remove some first`, 'entry');
    }
    await repo.insertEntry(trx, t.owner, kind, entry, now);
    return { target: t.label, kind, entry };
  });
}

export async function removeListEntry(ctx: AdminContext, target: ListTarget, kindInput: string, entryInput: string) {
  const kind = requireKind(kindInput);
  const r = normalizeEntry(entryInput);
  // An entry that could never be stored is simply not there; its canonical form is what was stored.
  const entry = r.ok ? r.entry : entryInput;
  return ctx.store.tx(async (trx) => {
    const t = await resolveTarget(trx, target);
    if (!(await repo.deleteEntry(trx, t.owner, kind, entry))) throw notFound(`entry "${entry}" on the ${kind} list of ${t.label}`, 'entry');
    return { target: t.label, kind, entry };
  });
}

export interface ListsView {
  target: string;
  /** Mailbox targets only: what a blocked sender's mail becomes. */
  blockAction?: BlockAction;
  block: Array<{ entry: string; createdAt: number }>;
  allow: Array<{ entry: string; createdAt: number }>;
}

export async function getLists(ctx: AdminContext, target: ListTarget): Promise<ListsView> {
  const db = ctx.store.db;
  const t = await resolveTarget(db, target);
  const rows = await repo.listEntries(db, t.owner);
  const view: ListsView = { target: t.label, block: [], allow: [] };
  if (t.owner.mailboxId !== null) view.blockAction = (await domains.findMailboxById(db, t.owner.mailboxId))!.block_action;
  for (const r of rows) view[r.kind].push({ entry: r.entry, createdAt: r.created_at });
  return view;
}

export async function setBlockAction(ctx: AdminContext, mailbox: string, action: string) {
  if (!(BLOCK_ACTIONS as readonly string[]).includes(action)) throw invalid('action', `action: "${action}" is not one of ${BLOCK_ACTIONS.join(', ')}`);
  const m = await requireMailbox(ctx.store.db, mailbox, 'mailbox');
  await ctx.store.db.updateTable('mailboxes').set({ block_action: action as BlockAction }).where('id', '=', m.id).execute();
  return { mailbox: m.address, blockAction: action as BlockAction };
}
