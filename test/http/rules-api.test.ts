// The rule builder over the JSON API, both dialects: a user's granted mailboxes only, the whole
// list replaced, zod errors naming the field path, modes, the generated script, templates (admin)
// and a user's choice, the OpenAPI document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../src/sieve/index.js';
import { parseRules } from '../../src/sieve/rules/index.js';
import { DIALECTS, type FreshStore } from '../helpers/store.js';
import { startApiFixture, type ApiFixture } from '../helpers/api.js';

const enc = encodeURIComponent;
const ALICE = `/mailboxes/${enc('alice@example.test')}`;

describe.each(DIALECTS)('rules API (%s)', (dialect) => {
  let api: ApiFixture;
  let t: FreshStore;
  let base: string;
  let adminToken: string;
  let userToken: string;
  const call = (method: string, path: string, token: string, body?: unknown) => api.call(method, path, token, body);

  beforeAll(async () => {
    api = await startApiFixture(dialect, { permissions: ['read', 'manage_filters'] });
    ({ t, base, adminToken, userToken } = api);
  });
  afterAll(() => api.close());

  const rules = [
    { name: 'Newsletters', match: 'any', conditions: [{ field: 'header', name: 'List-Id', op: 'contains', value: 'news' }, { field: 'subject', op: 'startsWith', value: '[news]' }], actions: [{ type: 'move', folder: 'Newsletters' }, { type: 'markRead' }] },
    { id: 'big', name: 'Big "files"', enabled: false, conditions: [{ field: 'size', op: 'over', value: 10485760 }], actions: [{ type: 'delete' }] },
  ];

  it('a user replaces and reads the rules of a granted mailbox; the generated script is active and compiles', async () => {
    let r = await call('PUT', `${ALICE}/rules`, userToken, { rules });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ mailbox: 'alice@example.test', mode: 'standard', redirectAllowed: true });
    // Normal form: flags before filing.
    expect(r.body.rules[0].actions).toEqual([{ type: 'markRead' }, { type: 'move', folder: 'Newsletters' }]);
    expect(r.body.rules[1]).toMatchObject({ id: 'big', enabled: false });
    const saved = r.body.rules;
    expect((await call('GET', `${ALICE}/rules`, userToken)).body.rules).toEqual(saved);

    r = await call('GET', `${ALICE}/rules/sieve`, userToken);
    expect(r.body).toMatchObject({ name: 'mailcove-rules', active: true });
    expect(r.body.script).toContain('# rule: Newsletters\n');
    expect(r.body.script).toContain('# rule: Big "files" (disabled)\n');
    expect(compile(r.body.script).errors).toBeUndefined();
    expect(parseRules(r.body.script)).toEqual(saved);

    for (const [m, p] of [['GET', `/mailboxes/${enc('bob@example.test')}/rules`], ['PUT', `/mailboxes/${enc('bob@example.test')}/rules`], ['GET', `/mailboxes/${enc('nobody@example.test')}/rules/sieve`], ['GET', '/domains/example.test/rule-templates']] as const) {
      expect((await call(m, p, userToken, m === 'PUT' ? { rules: [] } : undefined)).status, `${m} ${p}`).toBe(403);
    }
  });

  it('errors name the field path', async () => {
    let r = await call('PUT', `${ALICE}/rules`, userToken, { rules: [{ ...rules[0], conditions: [{ field: 'subject', op: 'regex', value: '(' }] }] });
    expect(r.status).toBe(400);
    expect(r.body.field).toBe('rules[0].conditions[0].value');
    expect(r.body.message).toMatch(/^rules\[0\]\.conditions\[0\]\.value: not a usable regular expression/);
    r = await call('PUT', `${ALICE}/rules`, userToken, { rules: [rules[0], { name: 'x', conditions: [], actions: [{ type: 'teleport' }] }] });
    expect(r.status).toBe(400);
    expect(r.body.field).toMatch(/^rules\[1\]\.actions\[0\]/);
    r = await call('PUT', `${ALICE}/rules`, userToken, { rules: [{ name: 'x', conditions: [{ field: 'header', name: 'X-Score', op: 'over', value: 'high' }], actions: [{ type: 'flag' }] }] });
    expect(r.body).toMatchObject({ field: 'rules[0].conditions[0].value', message: 'rules[0].conditions[0].value: over needs a whole number' });
  });

  it('advanced mode with an imported script, and back', async () => {
    let r = await call('POST', `${ALICE}/rules/mode`, userToken, { mode: 'advanced', script: 'require "fileinto";\nfileinto "Everything";\n' });
    expect(r.body).toEqual({ mailbox: 'alice@example.test', mode: 'advanced', activeScript: 'advanced' });
    expect((await call('GET', `${ALICE}/rules`, userToken)).body.mode).toBe('advanced');
    expect((await call('GET', `${ALICE}/rules/sieve`, userToken)).body.active).toBe(false);
    r = await call('POST', `${ALICE}/rules/mode`, userToken, { mode: 'advanced', script: 'if { }' });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ field: 'script', message: expect.stringMatching(/^1:\d+: /) });
    r = await call('POST', `${ALICE}/rules/mode`, userToken, { mode: 'standard' });
    expect(r.body).toEqual({ mailbox: 'alice@example.test', mode: 'standard', activeScript: 'mailcove-rules' });
    expect((await call('GET', `${ALICE}/rules`, userToken)).body.rules).toHaveLength(2);
  });

  it('templates: the admin defines them for the domain, the user picks the action or hides one', async () => {
    let r = await call('POST', '/domains/example.test/rule-templates', adminToken, {
      name: 'Social', conditions: [{ field: 'type', value: 'social' }], allowedActions: ['move', 'markRead', 'delete'], defaultAction: { type: 'move', folder: 'Social networks' },
    });
    expect(r.status).toBe(201);
    const id = r.body.id;
    expect(r.body).toMatchObject({ domain: 'example.test', name: 'Social', match: 'all', allowedActions: ['move', 'markRead', 'delete'] });
    expect((await call('GET', '/domains/example.test/rule-templates', adminToken)).body.templates).toHaveLength(1);
    r = await call('POST', '/domains/example.test/rule-templates', adminToken, { name: 'Bad', conditions: [{ field: 'type', value: 'social' }], allowedActions: ['flag'], defaultAction: { type: 'delete' } });
    expect(r.body.field).toBe('defaultAction.type');

    let list = (await call('GET', `${ALICE}/rules`, userToken)).body.rules;
    expect(list[0]).toMatchObject({ id: `tpl-${id}`, template: id, name: 'Social', actions: [{ type: 'move', folder: 'Social networks' }] });
    expect(list).toHaveLength(3);

    r = await call('PUT', `${ALICE}/rule-templates/${id}`, userToken, { action: { type: 'delete' } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ template: { id }, action: { type: 'delete' }, hidden: false });
    r = await call('PUT', `${ALICE}/rule-templates/${id}`, userToken, { action: { type: 'flag' } });
    expect(r.body).toMatchObject({ field: 'action.type' });
    r = await call('PUT', `${ALICE}/rule-templates/${id}`, userToken, { hidden: true });
    expect(r.body.hidden).toBe(true);
    list = (await call('GET', `${ALICE}/rules`, userToken)).body.rules;
    expect(list.some((x: any) => x.template)).toBe(false);
    expect((await call('GET', `${ALICE}/rule-templates`, userToken)).body.templates).toMatchObject([{ template: { id }, hidden: true }]);

    expect((await call('DELETE', `/domains/example.test/rule-templates/${id}`, adminToken)).body).toEqual({ domain: 'example.test', id, deleted: true });
    expect((await call('DELETE', `/domains/example.test/rule-templates/${id}`, adminToken)).status).toBe(404);
  });

  it('the domain may forbid redirect in rules', async () => {
    const fwd = { name: 'fwd', conditions: [], actions: [{ type: 'redirect', address: 'me@elsewhere.example' }] };
    expect((await call('PUT', `${ALICE}/rules`, userToken, { rules: [fwd] })).status).toBe(200);
    let r = await call('PUT', '/domains/example.test/rule-settings', adminToken, { redirect: 'forbid' });
    expect(r.body).toEqual({ domain: 'example.test', redirect: 'forbid', disabledRules: 1 });
    r = await call('PUT', `${ALICE}/rules`, userToken, { rules: [fwd] });
    expect(r.body).toMatchObject({ field: 'rules[0].actions[0]' });
    expect((await call('PUT', '/domains/example.test/rule-settings', userToken, { redirect: 'allow' })).status).toBe(403);
    await call('PUT', '/domains/example.test/rule-settings', adminToken, { redirect: 'allow' });
  });

  it('the OpenAPI document lists the routes', async () => {
    const doc = (await call('GET', '/openapi.json', userToken)).body;
    for (const p of ['/api/v1/mailboxes/{address}/rules', '/api/v1/mailboxes/{address}/rules/mode', '/api/v1/mailboxes/{address}/rules/sieve', '/api/v1/domains/{name}/rule-templates', '/api/v1/domains/{name}/rule-templates/{id}', '/api/v1/mailboxes/{address}/rule-templates/{id}']) {
      expect(doc.paths[p], p).toBeDefined();
    }
  });
});
