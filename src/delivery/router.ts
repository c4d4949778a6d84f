// Where does an address lead? One answer for the RCPT check at SMTP time and the route stage:
// a mailbox (directly or by alias), a redirect-only address, the domain's catch-all, a local
// address nobody has, or a domain we don't host; and with SRS, a bounce address of ours.
// A temporary alias leads to its mailbox while it is live; disabled, expired or deleted it is
// "unknown" (no catch-all either), so the sender cannot tell it from an address that never was.
import type { Db } from '../store/db.js';
import { isSrsLocalPart, type Srs, type SrsErrorKind } from '../srs/srs.js';
import * as domains from '../store/domains-repo.js';
import type { Row } from '../store/schema.js';
import { parseAddress } from '../util/address.js';
import { findTemporaryAlias } from '../store/temporary-aliases-repo.js';

/** Mail through a temporary alias: files into its folder (null: the Inbox) and is counted. */
export interface TemporaryAliasRoute { id: number; address: string; folder: string | null }

export type Route =
  | { kind: 'mailbox'; address: string; mailbox: Row<'mailboxes'>; via: 'mailbox' | 'alias' | 'catchall' | 'temporary alias'; temporaryAlias?: TemporaryAliasRoute }
  | { kind: 'redirect'; address: string; targets: string[] }
  /** reason: for the trace only (a dead temporary alias), never told to the sender. */
  | { kind: 'unknown'; address: string; reason?: string }
  | { kind: 'remote'; address: string; domain: string }
  | { kind: 'invalid'; address: string }
  /** An SRS address of ours that verified: mail to it goes back to `original`. */
  | { kind: 'srs'; address: string; original: string }
  | { kind: 'srs-invalid'; address: string; reason: Exclude<SrsErrorKind, 'too-long'> };

/** SRS addresses are ours in hosted domains and in these (the host name, srs.domain). */
export interface SrsRouting { srs: Srs; domains: ReadonlySet<string> }

export async function resolveAddress(db: Db, input: string, srs?: SrsRouting, now: number = Date.now()): Promise<Route> {
  const parsed = parseAddress(input);
  if (!parsed) return { kind: 'invalid', address: input };
  const { address } = parsed;
  // Most mail is for a mailbox's own address: one query (a mailbox cannot outlive its domain,
  // so its domain is hosted). It is asked at RCPT and again by the route stage.
  const mailbox = await domains.findMailbox(db, address);
  if (mailbox) return mailboxRoute(address, mailbox);
  const domain = await domains.findDomain(db, parsed.domain);
  // A real address wins over the SRS reading of its local part; the catch-all does not.
  const exact = domain ? await exactRoute(db, address, now) : null;
  if (exact) return exact;
  if (srs && isSrsLocalPart(parsed.local) && (domain || srs.domains.has(parsed.domain))) {
    const r = srs.srs.reverse(address);
    if (r.ok) return { kind: 'srs', address, original: r.address };
    return { kind: 'srs-invalid', address, reason: r.error === 'too-long' ? 'malformed' : r.error };
  }
  if (!domain) return { kind: 'remote', address, domain: parsed.domain };
  const catchAll = await domains.catchAllOf(db, domain.id);
  if (catchAll) return { kind: 'mailbox', address, mailbox: catchAll, via: 'catchall' };
  return { kind: 'unknown', address };
}

const mailboxRoute = (address: string, mailbox: Row<'mailboxes'>): Route => ({ kind: 'mailbox', address, mailbox, via: mailbox.kind === 'catchall' ? 'catchall' : 'mailbox' });

/** An alias, redirect-only address or temporary alias of a hosted domain (its own mailbox was looked for already). */
async function exactRoute(db: Db, address: string, now: number): Promise<Route | null> {
  const alias = await domains.findAlias(db, address);
  if (alias) {
    const target = await domains.findMailboxById(db, alias.mailbox_id);
    if (target) return { kind: 'mailbox', address, mailbox: target, via: 'alias' };
  }
  const redirect = await domains.findRedirect(db, address);
  if (redirect) return { kind: 'redirect', address, targets: JSON.parse(redirect.targets) as string[] };
  const temp = await findTemporaryAlias(db, address);
  if (temp) {
    const dead = temp.deleted_at !== null ? 'deleted' : temp.disabled_at !== null ? 'disabled' : temp.expires_at !== null && temp.expires_at <= now ? 'expired' : null;
    if (dead) return { kind: 'unknown', address, reason: `temporary alias ${dead}` };
    const target = await domains.findMailboxById(db, temp.mailbox_id);
    if (target) return { kind: 'mailbox', address, mailbox: target, via: 'temporary alias', temporaryAlias: { id: temp.id, address, folder: temp.folder } };
  }
  return null;
}

/** The addresses a mailbox may send as: its own and its aliases'. */
export async function sendableAddresses(db: Db, mailboxId: number): Promise<Set<string>> {
  const m = await domains.findMailboxById(db, mailboxId);
  const aliases = await domains.listAliases(db, mailboxId);
  return new Set([...(m ? [m.address] : []), ...aliases.map((a) => a.address)]);
}
