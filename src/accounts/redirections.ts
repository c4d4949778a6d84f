// A mailbox's redirection (targets, keep a copy or not) and the consent of targets on other
// servers, shared by the CLI and the JSON API like admin.ts. Adding a target outside our domains
// only records a pending confirmation: the node's confirmation mailer (delivery/redirect-confirm.ts)
// sends the link, so the CLI, the API and every node behave the same.
import * as confirmations from '../store/redirect-confirmations-repo.js';
import type { Row } from '../store/schema.js';
import type { Store } from '../store/db.js';
import { invalid, notFound } from '../util/errors.js';
import { sha256Hex } from '../util/ids.js';
import { MAX_REDIRECT_TARGETS, requireAddress, requireMailbox, type AdminContext } from './admin.js';

export interface MailboxRedirect { address: string; targets: string[]; keepCopy: boolean }

export function mailboxRedirectTargets(m: Row<'mailboxes'>): string[] {
  return m.redirect_targets ? (JSON.parse(m.redirect_targets) as string[]) : [];
}

export async function getMailboxRedirect(ctx: AdminContext, address: string): Promise<MailboxRedirect> {
  const m = await requireMailbox(ctx.store.db, address, 'address');
  return { address: m.address, targets: mailboxRedirectTargets(m), keepCopy: m.redirect_keep_copy !== 0 };
}

/** Sets (or with no targets, removes) a mailbox's redirection. */
export async function setMailboxRedirect(ctx: AdminContext, address: string, targets: string[], keepCopy: boolean): Promise<MailboxRedirect> {
  if (!Array.isArray(targets)) throw invalid('targets', 'targets: a list of addresses');
  if (targets.length > MAX_REDIRECT_TARGETS) throw invalid('targets', `targets: at most ${MAX_REDIRECT_TARGETS} targets per address`);
  const normalized = [...new Set(targets.map((t, i) => requireAddress(`targets[${i}]`, t).address))];
  return ctx.store.tx(async (trx) => {
    const m = await requireMailbox(trx, address, 'address');
    if (normalized.includes(m.address)) throw invalid('targets', 'targets: an address cannot redirect to itself');
    await trx
      .updateTable('mailboxes')
      .set({ redirect_targets: normalized.length ? JSON.stringify(normalized) : null, redirect_keep_copy: keepCopy ? 1 : 0 })
      .where('id', '=', m.id)
      .execute();
    // Consent already given for a target that stays is kept; removed targets are forgotten.
    await confirmations.dropConfirmations(trx, m.address, normalized);
    if (normalized.length) await confirmations.requestExternalConfirmations(trx, m.address, normalized, Date.now());
    return { address: m.address, targets: normalized, keepCopy };
  });
}

export type TargetStatus = 'confirmed' | 'pending' | 'expired';

// A type alias (not an interface) so tables can print it as a plain record.
export type RedirectTargetState = {
  address: string;
  target: string;
  status: TargetStatus;
  /** When the link went out (null: not yet). */
  sentAt: number | null;
  expiresAt: number | null;
  confirmedAt: number | null;
};

function stateOf(r: confirmations.RedirectConfirmation, now: number): RedirectTargetState {
  const expired = r.status === 'pending' && r.token_expires_at !== null && r.token_expires_at <= now;
  return {
    address: r.origin,
    target: r.target,
    status: r.status === 'confirmed' ? 'confirmed' : expired ? 'expired' : 'pending',
    sentAt: r.sent_at,
    expiresAt: r.token_expires_at,
    confirmedAt: r.confirmed_at,
  };
}

/** Targets on other servers and whether they confirmed, for one redirecting address or all. */
export async function listTargetStates(ctx: AdminContext, address?: string, now = Date.now()): Promise<RedirectTargetState[]> {
  const origin = address === undefined ? undefined : requireAddress('address', address).address;
  return (await confirmations.listConfirmations(ctx.store.db, origin)).map((r) => stateOf(r, now));
}

/** A new link for a target that has not confirmed (the old one stops working). */
export async function resendConfirmation(ctx: AdminContext, address: string, target: string, now = Date.now()): Promise<RedirectTargetState> {
  const origin = requireAddress('address', address).address;
  const t = requireAddress('target', target).address;
  const row = await confirmations.findConfirmation(ctx.store.db, origin, t);
  if (!row) throw notFound(`redirect target ${t} of ${origin}`, 'target');
  if (row.status === 'confirmed') throw invalid('target', `target: ${t} has already confirmed`);
  await confirmations.markUnsent(ctx.store.db, row.id);
  return stateOf({ ...row, token_hash: null, token_expires_at: null, sent_at: null }, now);
}

// ---- the link the target follows (no login: the token is the credential)

export type TokenLookup =
  | { state: 'valid'; origin: string; target: string }
  | { state: 'expired'; origin: string; target: string }
  | { state: 'unknown' };

/** What a link is about, without using it (the page shows it before the target confirms). */
export async function lookupConfirmationToken(store: Store, token: string, now = Date.now()): Promise<TokenLookup> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { state: 'unknown' };
  const row = await confirmations.findByTokenHash(store.db, sha256Hex(token));
  if (!row || row.status !== 'pending') return { state: 'unknown' };
  if (row.token_expires_at === null || row.token_expires_at <= now) return { state: 'expired', origin: row.origin, target: row.target };
  return { state: 'valid', origin: row.origin, target: row.target };
}

/** Uses the link: true once, for an unexpired token; every later use (or a bad token) is false. */
export async function confirmRedirectToken(store: Store, token: string, now = Date.now()): Promise<TokenLookup> {
  const found = await lookupConfirmationToken(store, token, now);
  if (found.state !== 'valid') return found;
  const done = await confirmations.confirmByTokenHash(store.db, sha256Hex(token), now);
  return done ? found : { state: 'unknown' };
}
