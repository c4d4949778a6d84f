// What the decide stage reads of each recipient mailbox: its block/allow lists and its domain's,
// its spam settings, whether it has its own spam model, its active Sieve script (compiled), its
// active responder, its addresses, the responder From addresses verified for it and its folders'
// names by role. Loaded together once per version and kept in memory, instead of a handful of
// queries per recipient and message.
//
// Freshness: a snapshot is used while its keys are current: the mailbox row's settings_version
// (the route stage read that row in this very delivery) and the 'domains' change counter (read
// once per delivery). Triggers bump both in the transaction of every write to the tables behind
// a snapshot (migration 016), whoever writes: this process, the CLI, another node on the same
// PostgreSQL. The keys are read before the data, so a snapshot may be newer than its keys but
// never older: the first delivery that starts after a change commits obeys it.
//
// The same goes for the list of our domains (the classifier's "own domains") and the stamp of the
// stored global spam model, each keyed by its change counter.
import type { Row } from '../store/schema.js';
import type { Store } from '../store/db.js';
import type { DeliveryContext, DeliveryDeps } from './context.js';
import type { Lists } from '../filters/lists.js';
import { listsFor } from '../store/sender-lists-repo.js';
import { mailboxModelStamps, spamSettingsOf, globalModelStamp, type SpamSettings } from '../store/spam-repo.js';
import { activeResponder, type Responder } from '../store/responders-repo.js';
import { readChangeCounters, type ChangeCounters } from '../store/change-counters-repo.js';
import { globalScriptsIn } from '../accounts/sieve-global.js';
import { loadActiveScript, type LoadedScript } from './sieve-scripts.js';

export interface MailboxSettings {
  /** The keys it was loaded under: mailboxes.settings_version and the 'domains' counter. */
  version: number;
  domainsCounter: number;
  lists: Lists;
  spam: SpamSettings;
  /** updated_at of the mailbox's own spam model (it made reports), or null: none. */
  modelStamp: number | null;
  script: LoadedScript | null;
  responder: Responder | null;
  /** The mailbox's address and its aliases: what it may send as, what its responder answers. */
  addresses: ReadonlySet<string>;
  /** Alternative From addresses verified (by a mailed code) for its responders. */
  verifiedFroms: ReadonlySet<string>;
  /** Folder names by role (special use). */
  folders: ReadonlyMap<string, string>;
}

const MAX_MAILBOXES = 5000;

/** Caches per store: ids and counters mean nothing in another database (tests run several nodes in one process). */
interface Caches {
  mailboxes: Map<number, MailboxSettings>;
  domainNames: { counter: number; names: string[] } | null;
  globalStamp: { counter: number; stamp: number | null } | null;
}
const perStore = new WeakMap<Store, Caches>();
function cachesOf(store: Store): Caches {
  let c = perStore.get(store);
  if (!c) perStore.set(store, (c = { mailboxes: new Map(), domainNames: null, globalStamp: null }));
  return c;
}

const countersOf = new WeakMap<DeliveryContext, Promise<ChangeCounters>>();

/** The change counters, read once per delivery, before anything they guard is loaded. */
export function deliveryCounters(ctx: DeliveryContext, deps: DeliveryDeps): Promise<ChangeCounters> {
  let counters = countersOf.get(ctx);
  if (!counters) countersOf.set(ctx, (counters = readChangeCounters(deps.store.db)));
  return counters;
}

/**
 * The settings of a recipient mailbox. `mailbox` must be a row read during this delivery (the
 * route stage's): its settings_version is what says whether the snapshot is current.
 */
export async function mailboxSettings(ctx: DeliveryContext, deps: DeliveryDeps, mailbox: Row<'mailboxes'>): Promise<MailboxSettings> {
  const { domains } = await deliveryCounters(ctx, deps);
  const cache = cachesOf(deps.store).mailboxes;
  const version = Number(mailbox.settings_version);
  const hit = cache.get(mailbox.id);
  if (hit && hit.version === version && hit.domainsCounter === domains && globalsCurrent(deps, hit.script)) return hit;
  const fresh = await loadSettings(deps, mailbox, version, domains);
  cache.delete(mailbox.id);
  cache.set(mailbox.id, fresh);
  if (cache.size > MAX_MAILBOXES) cache.delete(cache.keys().next().value!);
  return fresh;
}

/** A script including a global one is stale once the administrator's folder changed (it has no version of its own). */
function globalsCurrent(deps: DeliveryDeps, script: LoadedScript | null): boolean {
  return !script?.globalGeneration || script.globalGeneration === globalScriptsIn(deps.config.sieveScripts.globalDir).snapshot().generation;
}

async function loadSettings(deps: DeliveryDeps, mailbox: Row<'mailboxes'>, version: number, domainsCounter: number): Promise<MailboxSettings> {
  const db = deps.store.db;
  const id = mailbox.id;
  const [lists, spam, stamps, domain, responder, aliases, froms, folders] = await Promise.all([
    listsFor(db, mailbox.domain_id, id),
    spamSettingsOf(db, [id]),
    mailboxModelStamps(db, [id]),
    db.selectFrom('domains').select('sieve_redirect').where('id', '=', mailbox.domain_id).executeTakeFirst(),
    activeResponder(db, id),
    db.selectFrom('aliases').select('address').where('mailbox_id', '=', id).execute(),
    db.selectFrom('responder_from_addresses').select('address').where('mailbox_id', '=', id).where('verified_at', 'is not', null).execute(),
    db.selectFrom('folders').select(['name', 'special_use']).where('mailbox_id', '=', id).where('special_use', 'is not', null).execute(),
  ]);
  return {
    version,
    domainsCounter,
    lists,
    spam: spam.get(id)!,
    modelStamp: stamps.get(id) ?? null,
    script: await loadActiveScript(db, id, domain?.sieve_redirect === 'forbid', deps.config.sieveScripts.globalDir),
    responder: responder ?? null,
    addresses: new Set([mailbox.address, ...aliases.map((a) => a.address)]),
    verifiedFroms: new Set(froms.map((f) => f.address)),
    folders: new Map(folders.map((f) => [f.special_use!, f.name])),
  };
}

/** Our domains (the classifier's own domains), reloaded when the 'domains' counter moves. */
export async function localDomains(ctx: DeliveryContext, deps: DeliveryDeps): Promise<string[]> {
  const { domains } = await deliveryCounters(ctx, deps);
  const caches = cachesOf(deps.store);
  if (caches.domainNames?.counter !== domains) {
    const rows = await deps.store.db.selectFrom('domains').select('name').execute();
    caches.domainNames = { counter: domains, names: rows.map((d) => d.name) };
  }
  return caches.domainNames.names;
}

/** updated_at of the stored global spam model (null: the shipped one is used), re-read when the 'spam-global' counter moves. */
export async function globalModelStampOf(ctx: DeliveryContext, deps: DeliveryDeps): Promise<number | null> {
  const { spamGlobal } = await deliveryCounters(ctx, deps);
  const caches = cachesOf(deps.store);
  if (caches.globalStamp?.counter !== spamGlobal) caches.globalStamp = { counter: spamGlobal, stamp: await globalModelStamp(deps.store.db) };
  return caches.globalStamp.stamp;
}
