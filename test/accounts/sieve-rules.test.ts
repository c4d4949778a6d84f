// The rule builder's storage and modes on both dialects: saved rules become the active managed
// script (and it compiles), advanced mode swaps in a raw script and back, templates reach every
// mailbox of their domain, the domain's redirect setting, errors naming the field path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as admin from '../../src/accounts/admin.js';
import * as rules from '../../src/accounts/sieve-rules.js';
import { findMailbox } from '../../src/store/domains-repo.js';
import * as scripts from '../../src/store/sieve-scripts-repo.js';
import { compile, run, sieveMessage } from '../../src/sieve/index.js';
import { parseRules } from '../../src/sieve/rules/index.js';
import { DIALECTS, freshStore, type FreshStore } from '../helpers/store.js';

const NEWS = { name: 'Newsletters', conditions: [{ field: 'header', name: 'List-Id', op: 'contains', value: 'news' }], actions: [{ type: 'move', folder: 'Newsletters' }] };
const LIMITS = { maxBytes: 1024 * 1024, maxPerMailbox: 100 };
const BOSS = { id: 'boss', name: 'Boss', conditions: [{ field: 'from', op: 'is', value: 'boss@example.org' }], actions: [{ type: 'flag' }] };

describe.each(DIALECTS)('rule builder storage and modes (%s)', (dialect) => {
  let fresh: FreshStore;
  let ctx: admin.AdminContext;
  const db = () => fresh.store.db;
  const mailboxId = async (a: string) => (await findMailbox(db(), a))!.id;
  const active = async (a: string) => scripts.activeScript(db(), await mailboxId(a));

  beforeAll(async () => {
    fresh = await freshStore(dialect);
    ctx = { store: fresh.store, blobs: fresh.blobs, defaultQuotaBytes: 1_000_000 };
    await admin.addDomain(ctx, 'here.test');
    await admin.addDomain(ctx, 'other.test');
    for (const m of ['alice', 'bob']) await admin.addMailbox(ctx, `${m}@here.test`);
    await admin.addMailbox(ctx, 'carol@other.test');
  });
  afterAll(() => fresh.cleanup());

  it('saved rules are the active managed script, which compiles and files by them', async () => {
    const r = await rules.setRules(ctx, 'alice@here.test', [NEWS, BOSS]);
    expect(r.mode).toBe('standard');
    expect(r.rules.map((x) => x.name)).toEqual(['Newsletters', 'Boss']);
    expect(r.rules[0]!.id).toMatch(/^r[0-9a-f]{12}$/);
    expect(r.rules[1]!.id).toBe('boss');
    const s = (await active('alice@here.test'))!;
    expect(s).toMatchObject({ name: rules.RULES_SCRIPT, managed: 1, active: 1 });
    const c = compile(s.content);
    expect(c.errors).toBeUndefined();
    expect(parseRules(s.content)).toEqual(r.rules);
    const msg = sieveMessage(Buffer.from('List-Id: <news.example.org>\r\nSubject: x\r\n\r\nhi\r\n'), { from: 'x@example.org', to: 'alice@here.test' });
    expect(run(c.script!, msg).actions).toMatchObject([{ type: 'fileinto', folder: 'Newsletters' }]);
    // Ids are kept across saves: what GET gave can be PUT back unchanged.
    const again = await rules.setRules(ctx, 'alice@here.test', { rules: r.rules });
    expect(again.rules).toEqual(r.rules);
    expect((await rules.getRulesSieve(ctx, 'alice@here.test')).script).toBe(s.content);
  });

  it('refusals name the field path', async () => {
    await expect(rules.setRules(ctx, 'alice@here.test', [{ ...NEWS, conditions: [{ field: 'subject', op: 'regex', value: 'a(' }] }])).rejects.toMatchObject({ field: 'rules[0].conditions[0].value' });
    await expect(rules.setRules(ctx, 'alice@here.test', [NEWS, { ...BOSS, actions: [{ type: 'move' }] }])).rejects.toMatchObject({ field: 'rules[1].actions[0].folder' });
    await expect(rules.setRules(ctx, 'alice@here.test', [{ ...BOSS, id: 'tpl-1' }])).rejects.toMatchObject({ field: 'rules[0].id' });
    await expect(rules.setRules(ctx, 'nobody@here.test', [])).rejects.toMatchObject({ kind: 'not_found' });
    // Nothing changed by a refused save.
    expect((await rules.getRules(ctx, 'alice@here.test')).rules.map((x) => x.name)).toEqual(['Newsletters', 'Boss']);
  });

  it('advanced mode swaps in a raw script, keeps the rules unapplied; standard brings them back', async () => {
    const raw = 'require "fileinto";\nif header :contains "subject" "raw" { fileinto "Raw"; }\n';
    let m = await rules.setMode(ctx, 'alice@here.test', 'advanced', { script: raw, limits: LIMITS });
    expect(m).toEqual({ mailbox: 'alice@here.test', mode: 'advanced', activeScript: 'advanced' });
    expect((await active('alice@here.test'))!.content).toBe(raw);
    // Saving rules in advanced mode rewrites the generated script but does not activate it.
    await rules.setRules(ctx, 'alice@here.test', [NEWS]);
    expect((await active('alice@here.test'))!.name).toBe('advanced');
    expect((await rules.getRules(ctx, 'alice@here.test')).mode).toBe('advanced');
    m = await rules.setMode(ctx, 'alice@here.test', 'standard', { limits: LIMITS });
    expect(m.activeScript).toBe(rules.RULES_SCRIPT);
    expect(parseRules((await active('alice@here.test'))!.content).map((r) => r.name)).toEqual(['Newsletters']);
    // Back to advanced without a script: the raw one used last.
    m = await rules.setMode(ctx, 'alice@here.test', 'advanced', { limits: LIMITS });
    expect(m.activeScript).toBe('advanced');
    await rules.setMode(ctx, 'alice@here.test', 'standard', { limits: LIMITS });

    await expect(rules.setMode(ctx, 'bob@here.test', 'advanced', { limits: LIMITS })).rejects.toMatchObject({ field: 'script' });
    await expect(rules.setMode(ctx, 'bob@here.test', 'advanced', { script: 'if true { frobnicate; }', limits: LIMITS })).rejects.toMatchObject({ field: 'script', message: expect.stringMatching(/^1:\d+: /) });
    await expect(rules.setMode(ctx, 'bob@here.test', 'advanced', { script: 'keep;', name: rules.RULES_SCRIPT, limits: LIMITS })).rejects.toMatchObject({ field: 'name' });
    await expect(rules.setMode(ctx, 'bob@here.test', 'expert', { limits: LIMITS })).rejects.toMatchObject({ field: 'mode' });
  });

  it('a raw script activated elsewhere (ManageSieve) means advanced mode', async () => {
    const id = await mailboxId('bob@here.test');
    await rules.setRules(ctx, 'bob@here.test', [BOSS]);
    await scripts.putScript(fresh.store, id, 'mine', 'keep;', Date.now());
    await scripts.setActiveScript(fresh.store, id, 'mine');
    expect((await rules.getRules(ctx, 'bob@here.test')).mode).toBe('advanced');
    await rules.setMode(ctx, 'bob@here.test', 'standard', { limits: LIMITS });
    expect((await rules.getRules(ctx, 'bob@here.test')).mode).toBe('standard');
  });

  it('domain templates: in every mailbox of the domain, first; the user picks the action or hides it', async () => {
    const t = await rules.addRuleTemplate(ctx, 'here.test', {
      name: 'Invoices',
      conditions: [{ field: 'subject', op: 'contains', value: 'invoice' }],
      allowedActions: ['move', 'flag'],
      defaultAction: { type: 'flag' },
    });
    expect(t).toMatchObject({ domain: 'here.test', name: 'Invoices', match: 'all', allowedActions: ['move', 'flag'] });
    for (const a of ['alice@here.test', 'bob@here.test']) {
      const r = await rules.getRules(ctx, a);
      expect(r.rules[0]).toMatchObject({ id: `tpl-${t.id}`, template: t.id, actions: [{ type: 'flag' }] });
      expect(parseRules((await rules.getRulesSieve(ctx, a)).script)).toEqual(r.rules);
    }
    expect((await rules.getRules(ctx, 'carol@other.test')).rules).toEqual([]);

    const c = await rules.setTemplateChoice(ctx, 'alice@here.test', t.id, { action: { type: 'move', folder: 'Invoices' } });
    expect(c).toMatchObject({ action: { type: 'move', folder: 'Invoices' }, hidden: false });
    expect((await rules.getRules(ctx, 'alice@here.test')).rules[0]!.actions).toEqual([{ type: 'move', folder: 'Invoices' }]);
    await expect(rules.setTemplateChoice(ctx, 'alice@here.test', t.id, { action: { type: 'delete' } })).rejects.toMatchObject({ field: 'action.type' });
    await expect(rules.setTemplateChoice(ctx, 'carol@other.test', t.id, { hidden: true })).rejects.toMatchObject({ kind: 'not_found' });

    // PUT of the list as GET gave it: the template rule is not stored as the user's own.
    const listed = (await rules.getRules(ctx, 'alice@here.test')).rules;
    expect((await rules.setRules(ctx, 'alice@here.test', listed)).rules).toEqual(listed);

    await rules.setTemplateChoice(ctx, 'alice@here.test', t.id, { hidden: true });
    expect((await rules.getRules(ctx, 'alice@here.test')).rules.some((r) => r.template)).toBe(false);
    expect(await rules.listMailboxRuleTemplates(ctx, 'alice@here.test')).toMatchObject([{ template: { id: t.id }, hidden: true, action: { type: 'move' } }]);
    await rules.setTemplateChoice(ctx, 'alice@here.test', t.id, { hidden: false });
    expect((await rules.getRules(ctx, 'alice@here.test')).rules[0]!.actions).toEqual([{ type: 'move', folder: 'Invoices' }]);

    await expect(rules.addRuleTemplate(ctx, 'here.test', { name: 'x', conditions: [{ field: 'size', op: 'over', value: 1 }], allowedActions: ['flag'], defaultAction: { type: 'delete' } })).rejects.toMatchObject({ field: 'defaultAction.type' });
    expect(await rules.removeRuleTemplate(ctx, 'here.test', t.id)).toEqual({ domain: 'here.test', id: t.id, deleted: true });
    expect((await rules.getRules(ctx, 'bob@here.test')).rules.some((r) => r.template)).toBe(false);
    await expect(rules.removeRuleTemplate(ctx, 'here.test', t.id)).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('a domain may forbid redirect in the rule builder: rules using it are disabled, new ones refused', async () => {
    const fwd = { id: 'fwd', name: 'Forward', conditions: [], actions: [{ type: 'redirect', address: 'me@elsewhere.example' }] };
    await rules.setRules(ctx, 'carol@other.test', [fwd]);
    expect(await rules.setRulesRedirect(ctx, 'other.test', 'forbid')).toEqual({ domain: 'other.test', redirect: 'forbid', disabledRules: 1 });
    const r = await rules.getRules(ctx, 'carol@other.test');
    expect(r).toMatchObject({ redirectAllowed: false, rules: [{ id: 'fwd', enabled: false }] });
    expect((await active('carol@other.test'))!.content).not.toMatch(/^redirect/m);
    // The list as it is can be saved again; enabling the redirect cannot.
    await rules.setRules(ctx, 'carol@other.test', r.rules);
    await expect(rules.setRules(ctx, 'carol@other.test', [fwd])).rejects.toMatchObject({ field: 'rules[0].actions[0]' });
    await expect(rules.addRuleTemplate(ctx, 'other.test', { name: 'f', conditions: [{ field: 'type', value: 'social' }], allowedActions: ['redirect', 'move'], defaultAction: { type: 'move', folder: 'Social networks' } })).rejects.toMatchObject({ field: 'allowedActions' });
    await rules.setRulesRedirect(ctx, 'other.test', 'allow');
    await rules.setRules(ctx, 'carol@other.test', [fwd]);
    expect((await active('carol@other.test'))!.content).toMatch(/^ {2}redirect "me@elsewhere.example";$/m);
  });

  it('removing a mailbox removes its rules', async () => {
    await admin.addMailbox(ctx, 'temp@here.test');
    await rules.setRules(ctx, 'temp@here.test', [BOSS]);
    await admin.removeMailbox(ctx, 'temp@here.test');
    expect(await db().selectFrom('sieve_rules').selectAll().execute()).toHaveLength(3);
  });
});
