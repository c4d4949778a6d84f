// The responder operations, shared by the JSON API and the CLI (same checks, same errors naming
// the field). Each runs in one transaction: nothing is half-saved.
import type { Store, Db } from '../store/db.js';
import type { Row } from '../store/schema.js';
import * as repo from '../store/responders-repo.js';
import * as domains from '../store/domains-repo.js';
import { requireMailbox } from '../accounts/admin.js';
import { sendableAddresses } from '../delivery/router.js';
import { conflict, invalid, notFound } from '../util/errors.js';
import { normalizeDomain, parseAddress } from '../util/address.js';
import { sha256Hex } from '../util/ids.js';
import { checkTimeZone, parseSettings, parseStoredSettings, type ResponderInput, type ResponderSettings } from './settings.js';
import { responderScript } from './sieve.js';
import { applyTemplateTo } from './apply.js';

export interface ResponderContext { store: Store; now?: () => number }

const MAX_NAME = 100;
/** Wrong codes allowed before a new one must be asked for (6 digits: guessing must not pay). */
export const MAX_CODE_ATTEMPTS = 5;

const nowOf = (ctx: ResponderContext) => (ctx.now ?? Date.now)();

function checkName(field: string, name: string): string {
  const n = String(name ?? '').trim();
  if (!n || n.length > MAX_NAME || /[\x00-\x1f\x7f]/.test(n)) throw invalid(field, `${field}: 1 to ${MAX_NAME} characters, no control characters`);
  return n;
}

/** The From must be one of the mailbox's addresses or verified by the code mailed to it. */
async function checkFrom(db: Db, mailbox: Row<'mailboxes'>, settings: ResponderSettings): Promise<void> {
  if (!settings.from) return;
  if ((await sendableAddresses(db, mailbox.id)).has(settings.from)) return;
  if (await repo.isVerifiedFrom(db, mailbox.id, settings.from)) return;
  throw invalid('from', `from: ${settings.from} is neither an address of ${mailbox.address} nor verified (ask for a code with "responder from add", then enter it)`);
}

export interface ResponderView {
  name: string;
  active: boolean;
  settings: ResponderSettings;
  template: string | null;
  generation: number;
  createdAt: number;
  updatedAt: number;
}

async function view(db: Db, r: repo.Responder): Promise<ResponderView> {
  const template = r.template_id === null ? null : await db.selectFrom('responder_templates').select('name').where('id', '=', r.template_id).executeTakeFirst();
  return {
    name: r.name,
    active: r.active === 1,
    settings: parseStoredSettings(r.settings),
    template: template?.name ?? null,
    generation: Number(r.generation),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

async function requireResponder(db: Db, mailboxId: number, name: string): Promise<repo.Responder> {
  const r = await repo.findResponder(db, mailboxId, checkName('name', name));
  if (!r) throw notFound(`responder "${name}"`, 'name');
  return r;
}

export async function addResponder(
  ctx: ResponderContext,
  mailbox: string,
  name: string,
  input: ResponderInput,
  opts: { replace?: boolean; activate?: boolean } = {},
): Promise<ResponderView> {
  const n = checkName('name', name);
  const settings = parseSettings(input);
  const now = nowOf(ctx);
  return ctx.store.tx(async (trx) => {
    const m = await requireMailbox(trx, mailbox);
    await checkFrom(trx, m, settings);
    const existing = await repo.findResponder(trx, m.id, n);
    if (existing && !opts.replace) throw conflict(`responder "${n}" already exists for ${m.address}`, 'name');
    let r: repo.Responder;
    if (existing) {
      await repo.updateResponderSettings(trx, existing.id, JSON.stringify(settings), null, now);
      r = (await repo.findResponder(trx, m.id, n))!;
    } else {
      r = await repo.insertResponder(trx, { mailboxId: m.id, name: n, settings: JSON.stringify(settings), templateId: null, now });
    }
    if (opts.activate) await repo.setActiveResponder(trx, m.id, r.id, now);
    return view(trx, (await repo.findResponder(trx, m.id, n))!);
  });
}

export async function listResponders(ctx: ResponderContext, mailbox: string) {
  const db = ctx.store.db;
  const m = await requireMailbox(db, mailbox);
  const rows = await repo.listResponders(db, m.id);
  return { mailbox: m.address, timeZone: m.time_zone ?? 'UTC', responders: await Promise.all(rows.map((r) => view(db, r))) };
}

/** The Sieve the responder runs as (what delivery generates, with today's aliases). */
export async function responderSieve(ctx: ResponderContext, mailbox: string, name: string): Promise<string> {
  const db = ctx.store.db;
  const m = await requireMailbox(db, mailbox);
  const r = await requireResponder(db, m.id, name);
  const settings = parseStoredSettings(r.settings);
  const addresses = [...(await sendableAddresses(db, m.id))];
  const fromOk = settings.from && (addresses.includes(settings.from) || (await repo.isVerifiedFrom(db, m.id, settings.from)));
  return responderScript({ id: r.id, name: r.name, generation: Number(r.generation), settings, mailbox: m.address, addresses, from: fromOk ? settings.from : null, timeZone: m.time_zone ?? 'UTC' });
}

/** Activating one deactivates the other (at most one active per mailbox, as the seed's provider). */
export async function activateResponder(ctx: ResponderContext, mailbox: string, name: string) {
  return ctx.store.tx(async (trx) => {
    const m = await requireMailbox(trx, mailbox);
    const r = await requireResponder(trx, m.id, name);
    // A From verified then removed since must not go out: checked again at activation.
    await checkFrom(trx, m, parseStoredSettings(r.settings));
    await repo.setActiveResponder(trx, m.id, r.id, nowOf(ctx));
    return { mailbox: m.address, active: r.name };
  });
}

export async function deactivateResponder(ctx: ResponderContext, mailbox: string) {
  return ctx.store.tx(async (trx) => {
    const m = await requireMailbox(trx, mailbox);
    await repo.setActiveResponder(trx, m.id, null, nowOf(ctx));
    return { mailbox: m.address, active: null };
  });
}

/** Every sender gets the next reply again: the handle changes, earlier responses stop counting. */
export async function resetResponder(ctx: ResponderContext, mailbox: string, name: string) {
  return ctx.store.tx(async (trx) => {
    const m = await requireMailbox(trx, mailbox);
    const r = await requireResponder(trx, m.id, name);
    await repo.bumpGeneration(trx, r.id, nowOf(ctx));
    return { mailbox: m.address, name: r.name, reset: true };
  });
}

export async function removeResponder(ctx: ResponderContext, mailbox: string, name: string) {
  return ctx.store.tx(async (trx) => {
    const m = await requireMailbox(trx, mailbox);
    const r = await requireResponder(trx, m.id, name);
    await repo.deleteResponder(trx, r.id);
    return { mailbox: m.address, name: r.name, removed: true };
  });
}

// ---- the mailbox's time zone

export async function setTimeZone(ctx: ResponderContext, mailbox: string, zone: string) {
  const z = checkTimeZone('timeZone', zone);
  const m = await requireMailbox(ctx.store.db, mailbox);
  await repo.setMailboxTimeZone(ctx.store.db, m.id, z);
  return { mailbox: m.address, timeZone: z };
}

export async function getTimeZone(ctx: ResponderContext, mailbox: string) {
  const m = await requireMailbox(ctx.store.db, mailbox);
  return { mailbox: m.address, timeZone: m.time_zone ?? 'UTC' };
}

// ---- alternative From addresses

function requireFrom(address: string): string {
  const a = parseAddress(String(address ?? ''));
  if (!a) throw invalid('address', `address: "${address}" is not a valid email address`);
  return a.address;
}

/** Asks for a code to be mailed to `address` (the node's mailer sends it); own addresses need none. */
export async function addFromAddress(ctx: ResponderContext, mailbox: string, address: string) {
  const a = requireFrom(address);
  return ctx.store.tx(async (trx) => {
    const m = await requireMailbox(trx, mailbox);
    if ((await sendableAddresses(trx, m.id)).has(a)) return { mailbox: m.address, address: a, status: 'own' as const };
    await repo.requestFromCode(trx, m.id, a, nowOf(ctx));
    const row = await repo.findFromAddress(trx, m.id, a);
    return { mailbox: m.address, address: a, status: row?.verified_at != null ? ('verified' as const) : ('code requested' as const) };
  });
}

export const fromCodeHash = (id: number, code: string) => sha256Hex(`responder-from\0${id}\0${code}`);

export async function verifyFromAddress(ctx: ResponderContext, mailbox: string, address: string, code: string) {
  const a = requireFrom(address);
  const c = String(code ?? '').trim();
  if (!/^\d{6}$/.test(c)) throw invalid('code', 'code: the 6 digits of the message sent to the address');
  const now = nowOf(ctx);
  const result = await ctx.store.tx(async (trx) => {
    const m = await requireMailbox(trx, mailbox);
    const row = await repo.findFromAddress(trx, m.id, a);
    if (!row) throw notFound(`From address ${a} of ${m.address}`, 'address');
    if (row.verified_at != null) return { mailbox: m.address, address: a, status: 'verified' as const };
    if (!row.code_hash || row.code_expires_at === null || Number(row.code_expires_at) <= now) throw invalid('code', 'code: no valid code for this address (not sent yet, or expired: ask again)');
    if (Number(row.attempts) >= MAX_CODE_ATTEMPTS) throw invalid('code', `code: ${MAX_CODE_ATTEMPTS} wrong codes entered: ask for a new one`);
    if (fromCodeHash(row.id, c) !== row.code_hash) return { wrong: row.id };
    await repo.markFromVerified(trx, row.id, now);
    return { mailbox: m.address, address: a, status: 'verified' as const };
  });
  // Outside the refusal's rollback: a wrong code is counted.
  if ('wrong' in result && typeof result.wrong === 'number') {
    await repo.countFromAttempt(ctx.store.db, result.wrong);
    throw invalid('code', 'code: wrong code');
  }
  return result;
}

export async function listFromAddresses(ctx: ResponderContext, mailbox: string) {
  const m = await requireMailbox(ctx.store.db, mailbox);
  const rows = await repo.listFromAddresses(ctx.store.db, m.id);
  return {
    mailbox: m.address,
    addresses: rows.map((r) => ({ address: r.address, status: r.verified_at != null ? 'verified' : r.sent_at != null ? 'code sent' : 'code requested', verifiedAt: r.verified_at === null ? null : Number(r.verified_at) })),
  };
}

export async function removeFromAddress(ctx: ResponderContext, mailbox: string, address: string) {
  const a = requireFrom(address);
  return ctx.store.tx(async (trx) => {
    const m = await requireMailbox(trx, mailbox);
    const row = await repo.findFromAddress(trx, m.id, a);
    if (!row) throw notFound(`From address ${a} of ${m.address}`, 'address');
    await repo.deleteFromAddress(trx, row.id);
    return { mailbox: m.address, address: a, removed: true };
  });
}

// ---- templates (the admin's, per domain)

async function requireDomainNamed(db: Db, name: string) {
  const ascii = normalizeDomain(String(name ?? ''));
  if (!ascii) throw invalid('domain', `domain: "${name}" is not a valid domain name`);
  const d = await domains.findDomain(db, ascii);
  if (!d) throw notFound(`domain ${ascii}`, 'domain');
  return d;
}

function templateView(t: repo.ResponderTemplate) {
  return { name: t.name, hidden: t.hidden === 1, autoApply: t.auto_apply === 1, settings: parseStoredSettings(t.settings), updatedAt: Number(t.updated_at) };
}

export async function addTemplate(ctx: ResponderContext, domain: string, name: string, input: ResponderInput, opts: { hidden?: boolean; autoApply?: boolean } = {}) {
  const n = checkName('name', name);
  const settings = parseSettings(input, { allowFrom: false });
  return ctx.store.tx(async (trx) => {
    const d = await requireDomainNamed(trx, domain);
    const t = await repo.upsertTemplate(trx, { domainId: d.id, name: n, settings: JSON.stringify(settings), hidden: !!opts.hidden, autoApply: !!opts.autoApply, now: nowOf(ctx) });
    return { domain: d.name, ...templateView(t) };
  });
}

/** Users see only templates not hidden. */
export async function listTemplates(ctx: ResponderContext, domain: string, opts: { includeHidden: boolean }) {
  const d = await requireDomainNamed(ctx.store.db, domain);
  const rows = (await repo.listTemplates(ctx.store.db, d.id)).filter((t) => opts.includeHidden || t.hidden === 0);
  return { domain: d.name, templates: rows.map(templateView) };
}

export async function removeTemplate(ctx: ResponderContext, domain: string, name: string) {
  return ctx.store.tx(async (trx) => {
    const d = await requireDomainNamed(trx, domain);
    const t = await repo.findTemplate(trx, d.id, checkName('name', name));
    if (!t) throw notFound(`template "${name}"`, 'name');
    await repo.deleteTemplate(trx, t.id);
    return { domain: d.name, name: t.name, removed: true };
  });
}

/** To one mailbox of the domain, or to all of them (the catch-all excepted: it never answers). */
export async function applyTemplate(ctx: ResponderContext, domain: string, name: string, opts: { mailbox?: string; activate?: boolean; includeHidden?: boolean }) {
  const now = nowOf(ctx);
  return ctx.store.tx(async (trx) => {
    const d = await requireDomainNamed(trx, domain);
    const t = await repo.findTemplate(trx, d.id, checkName('name', name));
    if (!t || (t.hidden === 1 && opts.includeHidden === false)) throw notFound(`template "${name}"`, 'name');
    let targets: Array<Row<'mailboxes'>>;
    if (opts.mailbox) {
      const m = await requireMailbox(trx, opts.mailbox);
      if (m.domain_id !== d.id) throw invalid('mailbox', `mailbox: ${m.address} is not in ${d.name}`);
      targets = [m];
    } else {
      targets = (await domains.listMailboxes(trx, d.id)).filter((m) => m.kind === 'mailbox');
    }
    for (const m of targets) await applyTemplateTo(trx, t, m, !!opts.activate, now);
    return { domain: d.name, template: t.name, mailboxes: targets.map((m) => m.address), activated: !!opts.activate };
  });
}

