// Sieve scripts over the JSON API: who may manage which mailbox's scripts, validation errors with
// line:col, the active script, the domain's redirect policy (admins), the OpenAPI document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type FreshStore } from '../helpers/store.js';
import { startApiFixture, type ApiFixture } from '../helpers/api.js';

const enc = encodeURIComponent;
const GOOD = 'require "fileinto";\nif header :contains "subject" "invoice" { fileinto "Invoices"; }\n';

describe.each(DIALECTS)('Sieve scripts API (%s)', (dialect) => {
  let api: ApiFixture;
  let t: FreshStore;
  let base: string;
  let adminToken: string;
  let userToken: string;
  const call = (method: string, path: string, token: string, body?: unknown) => api.call(method, path, token, body);

  beforeAll(async () => {
    api = await startApiFixture(dialect, { permissions: ['read', 'manage_filters'], config: { sieveScripts: { maxBytes: 2000, maxPerMailbox: 2 } } });
    ({ t, base, adminToken, userToken } = api);
  });
  afterAll(() => api.close());

  const alice = `/mailboxes/${enc('alice@example.test')}/sieve`;

  it('a user stores, reads, activates, renames and deletes the scripts of a granted mailbox', async () => {
    let r = await call('PUT', `${alice}/scripts/${enc('Mes règles')}`, userToken, { script: GOOD });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ name: 'Mes règles', created: true, warnings: [] });
    r = await call('PUT', `${alice}/scripts/${enc('Mes règles')}`, userToken, { script: GOOD + '# v2\n' });
    expect(r.body.created).toBe(false);
    r = await call('GET', `${alice}/scripts/${enc('Mes règles')}`, userToken);
    expect(r.body).toMatchObject({ name: 'Mes règles', active: false, managed: false, content: GOOD + '# v2\n' });

    r = await call('POST', `${alice}/active`, userToken, { name: 'Mes règles' });
    expect(r.body).toEqual({ active: 'Mes règles' });
    r = await call('DELETE', `${alice}/scripts/${enc('Mes règles')}`, userToken);
    expect(r.status).toBe(409);
    expect(r.body.message).toContain('active script');
    r = await call('POST', `${alice}/scripts/${enc('Mes règles')}/rename`, userToken, { newName: 'main' });
    expect(r.body).toEqual({ from: 'Mes règles', to: 'main' });
    r = await call('GET', `${alice}/scripts`, userToken);
    expect(r.body.scripts).toEqual([expect.objectContaining({ name: 'main', active: true, size: Buffer.byteLength(GOOD + '# v2\n') })]);

    r = await call('POST', `${alice}/active`, userToken, { name: null });
    expect(r.body).toEqual({ active: null });
    expect((await call('DELETE', `${alice}/scripts/main`, userToken)).body).toEqual({ deleted: 'main' });
    expect((await call('GET', `${alice}/scripts/main`, userToken)).status).toBe(404);
    expect((await call('POST', `${alice}/active`, userToken, { name: 'main' })).status).toBe(404);
  });

  it('refuses invalid scripts with line:col, and scripts over the limits', async () => {
    let r = await call('PUT', `${alice}/scripts/bad`, userToken, { script: 'if true {\n  fileinto "x";\n}\n' });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ error: 'invalid', field: 'script' });
    expect(r.body.message).toMatch(/^2:3: /);
    r = await call('POST', `${alice}/check`, userToken, { script: 'if true {\n  fileinto "x";\n}\n' });
    expect(r.status).toBe(200);
    expect(r.body.valid).toBe(false);
    expect(r.body.errors[0]).toMatchObject({ line: 2, col: 3 });
    expect((await call('POST', `${alice}/check`, userToken, { script: GOOD })).body).toEqual({ valid: true, errors: [], warnings: [] });
    r = await call('PUT', `${alice}/scripts/big`, userToken, { script: '#'.repeat(2001) });
    expect(r.status).toBe(429);
    expect(r.body.message).toContain('over the limit of 2000');
    await call('PUT', `${alice}/scripts/one`, userToken, { script: 'keep;' });
    await call('PUT', `${alice}/scripts/two`, userToken, { script: 'keep;' });
    r = await call('PUT', `${alice}/scripts/three`, userToken, { script: 'keep;' });
    expect(r.status).toBe(429);
    expect(r.body.field).toBe('name');
    expect((await call('PUT', `${alice}/scripts/${enc('a\u0001b')}`, userToken, { script: 'keep;' })).status).toBe(400);
  });

  it('a domain that forbids redirect refuses it in uploads; only admins set that', async () => {
    const dom = `/domains/example.test/sieve`;
    expect((await call('GET', dom, adminToken)).body).toEqual({ domain: 'example.test', redirect: 'allow' });
    expect((await call('PUT', dom, userToken, { redirect: 'forbid' })).status).toBe(403);
    expect((await call('PUT', dom, adminToken, { redirect: 'forbid' })).body).toEqual({ domain: 'example.test', redirect: 'forbid' });
    const bob = `/mailboxes/${enc('bob@example.test')}/sieve`;
    let r = await call('PUT', `${bob}/scripts/fwd`, adminToken, { script: 'redirect "x@example.net";' });
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/^1:1: .*redirect/);
    r = await call('POST', `${bob}/check`, adminToken, { script: 'redirect "x@example.net";' });
    expect(r.body.valid).toBe(false);
    await call('PUT', dom, adminToken, { redirect: 'allow' });
    expect((await call('PUT', `${bob}/scripts/fwd`, adminToken, { script: 'redirect "x@example.net";' })).status).toBe(200);
    expect((await call('PUT', `/domains/nowhere.test/sieve`, adminToken, { redirect: 'allow' })).status).toBe(404);
  });

  it("a user can't reach another mailbox's scripts; an admin can", async () => {
    const bob = `/mailboxes/${enc('bob@example.test')}/sieve`;
    for (const [m, p, b] of [['GET', `${bob}/scripts`], ['GET', `${bob}/scripts/fwd`], ['PUT', `${bob}/scripts/x`, { script: 'keep;' }], ['POST', `${bob}/active`, { name: null }], ['POST', `${bob}/check`, { script: 'keep;' }]] as const) {
      expect((await call(m, p, userToken, b)).status, `${m} ${p}`).toBe(403);
    }
    expect((await call('GET', `${bob}/scripts`, adminToken)).body.scripts.map((s: any) => s.name)).toEqual(['fwd']);
    expect((await call('GET', `/mailboxes/${enc('nobody@example.test')}/sieve/scripts`, adminToken)).status).toBe(404);
  });

  it('the OpenAPI document describes the routes', async () => {
    const doc = (await (await fetch(`${base}/openapi.json`)).json()) as any;
    expect(doc.paths['/api/v1/mailboxes/{address}/sieve/scripts/{name}'].put.requestBody).toBeDefined();
    expect(doc.paths['/api/v1/mailboxes/{address}/sieve/active'].post).toBeDefined();
    expect(doc.paths['/api/v1/mailboxes/{address}/sieve/check'].post).toBeDefined();
    expect(doc.paths['/api/v1/domains/{name}/sieve'].put).toBeDefined();
  });
});
