// The rule builder of a mailbox ("standard mode"), advanced mode, and domain rule templates,
// shared by the CLI and the JSON API. Errors name the field path ("rules[2].actions[0]").
//
// Kept true here:
// - The rules are stored (sieve_rules) and their generated script is the managed script
//   RULES_SCRIPT in sieve_scripts; every change of rules or templates rewrites it.
// - The mode is not stored: a mailbox is in advanced mode when its active script is one of its own
//   (raw: the API, ManageSieve), else in standard mode. So ManageSieve SETACTIVE and this agree.
//   Advanced mode keeps the rules, not applied; back in standard mode they apply again as they were.
// - Redirect in the rule builder is allowed unless the domain's rules_redirect forbids it. Raw
//   scripts follow the domain's own raw-script setting (sieve_redirect, see sieve-scripts.ts).
import crypto from 'node:crypto';
import type { z } from 'zod';
import type { Db, Store } from '../store/db.js';
import type { Row } from '../store/schema.js';
import * as domainsRepo from '../store/domains-repo.js';
import * as repo from '../store/sieve-rules-repo.js';
import * as scripts from '../store/sieve-scripts-repo.js';
import { formatDiagnostic } from '../sieve/index.js';
import {
  buildRulesScript, normalizeRules, rulesSchema, templateRule, templateSchema, actionSchema,
  type Action, type Rule, type RuleTemplate,
} from '../sieve/rules/index.js';
import { AppError, conflict, invalid, notFound } from '../util/errors.js';
import { normalizeDomain } from '../util/address.js';
import { requireMailbox, type AdminContext } from './admin.js';
import * as scriptService from './sieve-scripts.js';
import { RULES_SCRIPT_NAME } from './sieve-scripts.js';
import type { ScriptLimits } from './sieve-scripts.js';
import { withLaterWrites } from '../store/group-commit.js';

/** The managed script the rule builder writes. */
export const RULES_SCRIPT = RULES_SCRIPT_NAME;
/** Name of a raw script given with the switch to advanced mode, when none is given. */
export const ADVANCED_SCRIPT = 'advanced';
export type RulesMode = 'standard' | 'advanced';

type Mailbox = Row<'mailboxes'>;
type Domain = Row<'domains'>;

/** The store seen from inside a transaction, for helpers that open their own. */
function within(store: Store, trx: Db): Store {
  return { ...store, db: trx as Store['db'], tx: (fn) => fn(trx as never), batchTx: (fn) => withLaterWrites(trx as never, fn) };
}

/** `['rules', 2, 'x']` → `rules[2].x`. */
function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((out, p) => (typeof p === 'number' ? `${out}[${p}]` : out ? `${out}.${String(p)}` : String(p)), '');
}

function zodInvalid(prefix: string, error: z.ZodError): AppError {
  const i = error.issues[0]!;
  const field = fieldPath([...(prefix ? [prefix] : []), ...i.path]) || prefix;
  return invalid(field, `${field}: ${i.message}`);
}

async function requireDomain(db: Db, name: string): Promise<Domain> {
  const ascii = normalizeDomain(name);
  if (!ascii) throw invalid('domain', `domain: "${name}" is not a valid domain name`);
  const d = await domainsRepo.findDomain(db, ascii);
  if (!d) throw notFound(`domain ${ascii}`, 'domain');
  return d;
}

async function domainOf(db: Db, m: Mailbox): Promise<Domain> {
  const d = await db.selectFrom('domains').selectAll().where('id', '=', m.domain_id).executeTakeFirstOrThrow();
  return d;
}

const redirectAllowed = (d: Domain) => d.rules_redirect !== 'forbid';

// ---- reading

async function storedRules(db: Db, mailboxId: number): Promise<Rule[]> {
  const json = await repo.getRulesJson(db, mailboxId);
  return json ? (JSON.parse(json) as Rule[]) : [];
}

function templateOf(row: repo.RuleTemplateRow): RuleTemplate {
  return {
    id: row.id,
    name: row.name,
    match: row.match === 'any' ? 'any' : 'all',
    conditions: JSON.parse(row.conditions),
    allowedActions: JSON.parse(row.allowed_actions),
    defaultAction: JSON.parse(row.default_action),
  };
}

/** Template rules of a mailbox, hidden ones left out, in template order. */
async function templateRules(db: Db, m: Mailbox): Promise<Rule[]> {
  const choices = new Map((await repo.listChoices(db, m.id)).map((c) => [c.template_id, c]));
  return (await repo.listTemplates(db, m.domain_id))
    .filter((t) => !choices.get(t.id)?.hidden)
    .map((t) => {
      const a = choices.get(t.id)?.action;
      return templateRule(templateOf(t), a ? (JSON.parse(a) as Action) : null);
    });
}

/** What the generated script holds: the domain's templates first, then the user's own rules. */
const effectiveRules = async (db: Db, m: Mailbox) => [...(await templateRules(db, m)), ...(await storedRules(db, m.id))];

async function currentMode(db: Db, mailboxId: number): Promise<RulesMode> {
  const a = await scripts.activeScript(db, mailboxId);
  return a && !a.managed ? 'advanced' : 'standard';
}

export async function getRules(ctx: AdminContext, address: string) {
  const db = ctx.store.db;
  const m = await requireMailbox(db, address, 'mailbox');
  const d = await domainOf(db, m);
  return { mailbox: m.address, mode: await currentMode(db, m.id), redirectAllowed: redirectAllowed(d), rules: await effectiveRules(db, m) };
}

export async function getRulesSieve(ctx: AdminContext, address: string) {
  const db = ctx.store.db;
  const m = await requireMailbox(db, address, 'mailbox');
  const s = await scripts.getScript(db, m.id, RULES_SCRIPT);
  // Before the first save there is no stored script yet; what it would be is shown.
  const text = s?.content ?? buildRulesScript(await effectiveRules(db, m)).generated.text;
  return { mailbox: m.address, name: RULES_SCRIPT, active: !!s?.active, script: text };
}

// ---- writing

/**
 * Rewrites the managed script from the rules and templates; makes it active when `activate` is
 * 'always' (switching to standard mode) or the mailbox is in standard mode.
 */
async function regenerate(store: Store, trx: Db, m: Mailbox, now: number, activate: 'always' | 'standard'): Promise<void> {
  const rules = await effectiveRules(trx, m);
  const { generated, errors } = buildRulesScript(rules);
  if (errors.length) {
    const e = errors[0]!;
    const r = e.rule === null ? null : rules[e.rule]!;
    const templates = rules.filter((x) => x.template !== undefined).length;
    const field = r === null ? 'rules' : r.template !== undefined ? `templates[${r.template}]` : `rules[${e.rule! - templates}]`;
    throw invalid(field, `${field}${r ? ` ("${r.name}")` : ''}: our Sieve engine refuses it: ${formatDiagnostic(e.diagnostic)}`);
  }
  const s = within(store, trx);
  const mode = await currentMode(trx, m.id);
  await scripts.putScript(s, m.id, RULES_SCRIPT, generated.text, now, true);
  if (activate === 'always' || mode === 'standard') await scripts.setActiveScript(s, m.id, RULES_SCRIPT);
}

const newRuleId = () => `r${crypto.randomBytes(6).toString('hex')}`;

function checkRedirect(rules: readonly Rule[], d: Domain, field: string): void {
  if (redirectAllowed(d)) return;
  // A disabled rule is only a comment in the script: it may keep its redirect.
  rules.forEach((r, i) => r.actions.forEach((a, j) => {
    if (r.enabled && a.type === 'redirect') throw invalid(`${field}[${i}].actions[${j}]`, `${field}[${i}].actions[${j}]: redirect is not allowed for mailboxes of ${d.name}`);
  }));
}

/**
 * Replaces the mailbox's rules with `input` (an array, or {rules: [...]}). Template rules in it
 * are left out: they come from the domain (change them with setTemplateChoice).
 */
export async function setRules(ctx: AdminContext, address: string, input: unknown, now = Date.now()) {
  const list = input && typeof input === 'object' && !Array.isArray(input) && 'rules' in input ? (input as { rules: unknown }).rules : input;
  const parsed = rulesSchema.safeParse(list);
  if (!parsed.success) throw zodInvalid('rules', parsed.error);
  const own = parsed.data
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.template === undefined);
  for (const { r, i } of own) if (r.id?.startsWith('tpl-')) throw invalid(`rules[${i}].id`, `rules[${i}].id: "tpl-" is kept for template rules`);
  const rules = normalizeRules(own.map(({ r }) => ({ ...r, id: r.id ?? newRuleId() })));
  await ctx.store.tx(async (trx) => {
    const m = await requireMailbox(trx, address, 'mailbox');
    checkRedirect(rules, await domainOf(trx, m), 'rules');
    await repo.putRulesJson(trx, m.id, JSON.stringify(rules), now);
    await regenerate(ctx.store, trx, m, now, 'standard');
  });
  return getRules(ctx, address);
}

/**
 * standard: the generated script becomes active again. advanced: `script` (raw Sieve, e.g. an
 * imported file) is stored as `name` through the script service (its size and count limits, our
 * engine, the domain's raw-script redirect policy) and made active; without one, the raw script
 * used last.
 */
export async function setMode(ctx: AdminContext, address: string, mode: string, opts: { script?: string; name?: string; limits: ScriptLimits }, now = Date.now()) {
  if (mode !== 'standard' && mode !== 'advanced') throw invalid('mode', `mode: "${mode}" is not one of standard, advanced`);
  if (mode === 'standard') {
    if (opts.script !== undefined) throw invalid('script', 'script: standard mode takes no script (the rules make it)');
    return ctx.store.tx(async (trx) => {
      const m = await requireMailbox(trx, address, 'mailbox');
      await regenerate(ctx.store, trx, m, now, 'always');
      return { mailbox: m.address, mode: 'standard' as RulesMode, activeScript: RULES_SCRIPT };
    });
  }
  const m = await requireMailbox(ctx.store.db, address, 'mailbox');
  const service = { store: ctx.store, limits: opts.limits, now: () => now };
  let name: string;
  if (opts.script !== undefined) {
    name = opts.name ?? ADVANCED_SCRIPT;
    if (name === RULES_SCRIPT) throw invalid('name', `name: "${RULES_SCRIPT}" is the rule builder's script`);
    name = (await scriptService.putScript(service, m, name, opts.script)).name;
  } else {
    const raw = (await scripts.listScripts(ctx.store.db, m.id)).filter((s) => !s.managed).sort((a, b) => b.updated_at - a.updated_at)[0];
    if (!raw) throw invalid('script', 'script: there is no raw script to switch to; give one');
    name = raw.name;
  }
  // Checked again on activation: the domain may have forbidden redirect since it was stored.
  await scriptService.setActive(service, m, name);
  return { mailbox: m.address, mode: 'advanced' as RulesMode, activeScript: name };
}

// ---- domain rule templates

export interface RuleTemplateView extends RuleTemplate { domain: string; createdAt: number }

const templateView = (d: Domain, row: repo.RuleTemplateRow): RuleTemplateView => ({ ...templateOf(row), domain: d.name, createdAt: row.created_at });

/** Every mailbox of the domain gets its script rewritten (templates apply to all of them). */
async function regenerateDomain(store: Store, trx: Db, d: Domain, now: number): Promise<void> {
  for (const m of await domainsRepo.listMailboxes(trx, d.id)) await regenerate(store, trx, m, now, 'standard');
}

export async function listRuleTemplates(ctx: AdminContext, domain: string): Promise<RuleTemplateView[]> {
  const d = await requireDomain(ctx.store.db, domain);
  return (await repo.listTemplates(ctx.store.db, d.id)).map((t) => templateView(d, t));
}

export async function addRuleTemplate(ctx: AdminContext, domain: string, input: unknown, now = Date.now()): Promise<RuleTemplateView> {
  const p = templateSchema.safeParse(input);
  if (!p.success) throw zodInvalid('', p.error);
  const t = p.data;
  return ctx.store.tx(async (trx) => {
    const d = await requireDomain(trx, domain);
    if (!redirectAllowed(d) && t.allowedActions.includes('redirect')) throw invalid('allowedActions', `allowedActions: redirect is not allowed for mailboxes of ${d.name}`);
    const id = await repo.insertTemplate(trx, {
      domain_id: d.id,
      name: t.name,
      match: t.match,
      conditions: JSON.stringify(t.conditions),
      allowed_actions: JSON.stringify([...new Set(t.allowedActions)]),
      default_action: JSON.stringify(t.defaultAction),
      created_at: now,
    });
    await regenerateDomain(ctx.store, trx, d, now);
    return templateView(d, (await repo.getTemplate(trx, d.id, id))!);
  });
}

export async function removeRuleTemplate(ctx: AdminContext, domain: string, id: number, now = Date.now()) {
  return ctx.store.tx(async (trx) => {
    const d = await requireDomain(trx, domain);
    if (!(await repo.deleteTemplate(trx, d.id, id))) throw notFound(`rule template ${id} of ${d.name}`, 'id');
    await regenerateDomain(ctx.store, trx, d, now);
    return { domain: d.name, id, deleted: true };
  });
}

export interface TemplateChoiceView { template: RuleTemplateView; action: Action | null; hidden: boolean }

/** The domain's templates as a mailbox sees them, hidden ones included (so they can be shown again). */
export async function listMailboxRuleTemplates(ctx: AdminContext, address: string): Promise<TemplateChoiceView[]> {
  const db = ctx.store.db;
  const m = await requireMailbox(db, address, 'mailbox');
  const d = await domainOf(db, m);
  const choices = new Map((await repo.listChoices(db, m.id)).map((c) => [c.template_id, c]));
  return (await repo.listTemplates(db, d.id)).map((t) => {
    const c = choices.get(t.id);
    return { template: templateView(d, t), action: c?.action ? JSON.parse(c.action) : null, hidden: !!c?.hidden };
  });
}

/** A user's pick for a template: an allowed action (null: the default) and whether it is hidden. */
export async function setTemplateChoice(ctx: AdminContext, address: string, id: number, input: { action?: unknown; hidden?: boolean }, now = Date.now()): Promise<TemplateChoiceView> {
  let action: Action | null | undefined;
  if (input.action === null) action = null;
  else if (input.action !== undefined) {
    const p = actionSchema.safeParse(input.action);
    if (!p.success) throw zodInvalid('action', p.error);
    action = p.data;
  }
  await ctx.store.tx(async (trx) => {
    const m = await requireMailbox(trx, address, 'mailbox');
    const d = await domainOf(trx, m);
    const row = await repo.getTemplate(trx, d.id, id);
    if (!row) throw notFound(`rule template ${id} of ${d.name}`, 'id');
    const t = templateOf(row);
    if (action && !t.allowedActions.includes(action.type)) throw invalid('action.type', `action.type: "${action.type}" is not one of ${t.allowedActions.join(', ')}`);
    if (action?.type === 'redirect' && !redirectAllowed(d)) throw invalid('action.type', `action.type: redirect is not allowed for mailboxes of ${d.name}`);
    const prev = (await repo.listChoices(trx, m.id)).find((c) => c.template_id === id);
    const nextAction = action === undefined ? prev?.action ?? null : action === null ? null : JSON.stringify(action);
    await repo.putChoice(trx, m.id, id, nextAction, input.hidden ?? !!prev?.hidden, now);
    await regenerate(ctx.store, trx, m, now, 'standard');
  });
  return (await listMailboxRuleTemplates(ctx, address)).find((c) => c.template.id === id)!;
}

/**
 * Whether the rule builder may offer redirect to the domain's users. Forbidding it disables the
 * rules that redirect (kept, so allowing it again and re-enabling them is one step); it is refused
 * while a template of the domain offers redirect.
 */
export async function setRulesRedirect(ctx: AdminContext, domain: string, policyInput: string, now = Date.now()) {
  if (policyInput !== 'allow' && policyInput !== 'forbid') throw invalid('policy', `policy: "${policyInput}" is not one of allow, forbid`);
  const policy: 'allow' | 'forbid' = policyInput;
  return ctx.store.tx(async (trx) => {
    const d = await requireDomain(trx, domain);
    let disabled = 0;
    if (policy === 'forbid') {
      const withRedirect = (await repo.listTemplates(trx, d.id)).filter((t) => templateOf(t).allowedActions.includes('redirect'));
      if (withRedirect.length) throw conflict(`policy: the rule template "${withRedirect[0]!.name}" (${withRedirect[0]!.id}) allows redirect; remove it first`, 'policy');
      for (const m of await domainsRepo.listMailboxes(trx, d.id)) {
        const rules = await storedRules(trx, m.id);
        const next = rules.map((r) => (r.enabled && r.actions.some((a) => a.type === 'redirect') ? (disabled++, { ...r, enabled: false }) : r));
        if (next.some((r, i) => r !== rules[i])) await repo.putRulesJson(trx, m.id, JSON.stringify(next), now);
      }
    }
    await repo.setRulesRedirect(trx, d.id, policy);
    await regenerateDomain(ctx.store, trx, { ...d, rules_redirect: policy }, now);
    return { domain: d.name, redirect: policy, disabledRules: disabled };
  });
}
