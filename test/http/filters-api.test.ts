// Block/allow lists and temporary aliases over the JSON API: who may manage what (a user their
// granted mailboxes, an admin the domains), errors naming the field and the entry, the OpenAPI document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type FreshStore } from '../helpers/store.js';
import { startApiFixture, type ApiFixture } from '../helpers/api.js';

const enc = encodeURIComponent;

describe.each(DIALECTS)('filters API (%s)', (dialect) => {
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

  it('a user manages the lists of a granted mailbox, and only those', async () => {
    let r = await call('POST', `/mailboxes/${enc('alice@example.test')}/sender-lists/block`, userToken, { entry: '*@Spam.XYZ' });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ target: 'alice@example.test', kind: 'block', entry: '*@spam.xyz' });
    r = await call('POST', `/mailboxes/${enc('alice@example.test')}/sender-lists/allow`, userToken, { entry: 'friend@spam.xyz' });
    expect(r.status).toBe(201);
    r = await call('PUT', `/mailboxes/${enc('alice@example.test')}/block-action`, userToken, { action: 'reject' });
    expect(r.body).toEqual({ mailbox: 'alice@example.test', blockAction: 'reject' });
    r = await call('GET', `/mailboxes/${enc('alice@example.test')}/sender-lists`, userToken);
    expect(r.body).toMatchObject({ target: 'alice@example.test', blockAction: 'reject', block: [{ entry: '*@spam.xyz' }], allow: [{ entry: 'friend@spam.xyz' }] });

    for (const path of [`/mailboxes/${enc('bob@example.test')}/sender-lists`, `/mailboxes/${enc('nobody@example.test')}/sender-lists`, `/domains/example.test/sender-lists`]) {
      expect((await call('GET', path, userToken)).status, path).toBe(403);
    }

    r = await call('DELETE', `/mailboxes/${enc('alice@example.test')}/sender-lists/block/${enc('*@spam.xyz')}`, userToken);
    expect(r.status).toBe(200);
    r = await call('DELETE', `/mailboxes/${enc('alice@example.test')}/sender-lists/block/${enc('*@spam.xyz')}`, userToken);
    expect(r.status).toBe(404);
    expect(r.body.field).toBe('entry');
  });

  it('bad or refused entries name the field and the entry', async () => {
    let r = await call('POST', `/mailboxes/${enc('alice@example.test')}/sender-lists/allow`, userToken, { entry: 'b*@example.test' });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ field: 'entry' });
    expect(r.body.message).toMatch(/"b\*@example\.test" covers your own domain example\.test: spammers forge/);
    r = await call('POST', `/mailboxes/${enc('alice@example.test')}/sender-lists/block`, userToken, { entry: 'john@spam..xyz' });
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('entry: "john@spam..xyz"');
    r = await call('POST', `/mailboxes/${enc('alice@example.test')}/sender-lists/allow`, userToken, { entry: 'friend@spam.xyz' });
    expect(r.status).toBe(409);
  });

  it('an admin manages the domain lists', async () => {
    let r = await call('POST', '/domains/example.test/sender-lists/block', adminToken, { entry: 'bad.test' });
    expect(r.status).toBe(201);
    r = await call('POST', '/domains/example.test/sender-lists/allow', adminToken, { entry: 'bob@example.test' });
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/your own address bob@example\.test/);
    r = await call('GET', '/domains/example.test/sender-lists', adminToken);
    expect(r.body).toEqual({ target: '@example.test', block: [{ entry: 'bad.test', createdAt: expect.any(Number) }], allow: [] });
  });

  it('temporary aliases: create, list, disable, enable, delete', async () => {
    const mb = `/mailboxes/${enc('alice@example.test')}/temporary-aliases`;
    let r = await call('POST', mb, userToken, { note: 'Shop de Noël', folder: 'Archive', expiresAt: Date.now() + 86_400_000 });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ mailbox: 'alice@example.test', note: 'Shop de Noël', folder: 'Archive', status: 'active', received: 0, senders: [] });
    expect(r.body.address).toMatch(/^shop-de-noel\.[a-z2-7]{8}@example\.test$/);
    const alias = r.body.address as string;

    r = await call('POST', mb, userToken, { folder: 'Nope' });
    expect(r.status).toBe(400);
    expect(r.body.field).toBe('folder');
    r = await call('POST', mb, userToken, { address: 'mine@other.test' });
    expect(r.body.field).toBe('address');
    r = await call('POST', mb, userToken, { address: 'bob@example.test' });
    expect(r.status).toBe(409);

    r = await call('PATCH', `${mb}/${enc(alias)}`, userToken, { enabled: false });
    expect(r.body.status).toBe('disabled');
    r = await call('PATCH', `${mb}/${enc(alias)}`, userToken, { enabled: true });
    expect(r.body.status).toBe('active');
    // Through another mailbox's path, the alias is not found (nor reachable without access).
    expect((await call('PATCH', `/mailboxes/${enc('bob@example.test')}/temporary-aliases/${enc(alias)}`, adminToken, { enabled: false })).status).toBe(404);
    expect((await call('GET', `/mailboxes/${enc('bob@example.test')}/temporary-aliases`, userToken)).status).toBe(403);

    r = await call('GET', mb, userToken);
    expect(r.body.temporaryAliases.map((a: any) => a.address)).toEqual([alias]);
    r = await call('DELETE', `${mb}/${enc(alias)}`, userToken);
    expect(r.body).toEqual({ alias, mailbox: 'alice@example.test', deleted: true });
    expect((await call('GET', mb, userToken)).body.temporaryAliases).toEqual([]);
    expect((await call('DELETE', `${mb}/${enc(alias)}`, userToken)).status).toBe(404);
  });

  it('the OpenAPI document describes the routes', async () => {
    const res = await fetch(`${base}/openapi.json`);
    const doc = (await res.json()) as any;
    expect(doc.paths['/api/v1/mailboxes/{address}/sender-lists/{kind}'].post.requestBody).toBeDefined();
    expect(doc.paths['/api/v1/mailboxes/{address}/temporary-aliases/{alias}'].patch).toBeDefined();
    expect(doc.paths['/api/v1/domains/{name}/sender-lists/{kind}/{entry}'].delete).toBeDefined();
  });
});
