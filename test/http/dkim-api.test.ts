// The DKIM routes of the JSON API over a real socket, on each store dialect: the records to
// publish (checked by signing with them and verifying with mailauth), rotation with the
// configured or a given grace period, and the errors and access rules every admin route has.
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as admin from '../../src/accounts/admin.js';
import { configSchema } from '../../src/config/schema.js';
import { DAY_MS } from '../../src/dkim/domain-keys.js';
import { signOutbound } from '../../src/dkim/outbound.js';
import { createHttpServer } from '../../src/http/server.js';
import { Metrics } from '../../src/metrics/registry.js';
import { DIALECTS, freshStore, type FreshStore } from '../helpers/store.js';
import { mailauthVerdicts, zoneOf } from '../dkim/helpers.js';

for (const dialect of DIALECTS) {
  describe(`DKIM API (${dialect})`, () => {
    let t: FreshStore;
    let app: FastifyInstance;
    let metrics: Metrics;
    let base = '';
    let adminToken = '';
    let userToken = '';

    beforeAll(async () => {
      t = await freshStore(dialect);
      const ctx: admin.AdminContext = { store: t.store, blobs: t.blobs, defaultQuotaBytes: 1e9 };
      await admin.addUser(ctx, 'boss@example.test', { admin: true, password: 'a long admin password' });
      await admin.addUser(ctx, 'user@example.test', { password: 'a long user password' });
      adminToken = (await admin.createApiToken(ctx, 'boss@example.test', 'test')).token;
      userToken = (await admin.createApiToken(ctx, 'user@example.test', 'test')).token;
      await admin.addDomain(ctx, 'example.test');
      metrics = new Metrics();
      const config = configSchema.parse({ hostname: 'mail.example.test', dkim: { rotationGraceDays: 3 }, log: { level: 'silent' } });
      app = createHttpServer({ store: t.store, blobs: t.blobs, config, log: pino({ level: 'silent' }), metrics, defaultQuotaBytes: 1e9 });
      await app.listen({ host: '127.0.0.1', port: 0 });
      const addr = app.server.address();
      if (!addr || typeof addr === 'string') throw new Error('no address');
      base = `http://127.0.0.1:${addr.port}`;
    });
    afterAll(async () => {
      await app?.close();
      metrics?.close();
      await t?.cleanup();
    });

    async function call(method: string, path: string, opts: { body?: unknown; token?: string | null } = {}) {
      const headers: Record<string, string> = {};
      const token = opts.token === undefined ? adminToken : opts.token;
      if (token) headers.authorization = `Bearer ${token}`;
      if (opts.body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(base + path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
      return { status: res.status, body: (await res.json()) as any };
    }

    it('GET /domains/:name/dkim lists both keys and records that verify what we sign', async () => {
      const r = await call('GET', '/api/v1/domains/Example.TEST/dkim');
      expect(r.status).toBe(200);
      expect(r.body.domain).toBe('example.test');
      expect(r.body.keys.map((k: any) => [k.algorithm, k.status, k.signing, k.published])).toEqual([
        ['rsa', 'active', true, true],
        ['ed25519', 'active', true, true],
      ]);
      expect(r.body.records).toHaveLength(2);
      const [rsa, ed] = r.body.records;
      expect(rsa.value).toMatch(/^v=DKIM1; k=rsa; p=MIIB/);
      expect(rsa.strings.map((s: string) => s.length)).toEqual([255, rsa.value.length - 255]);
      expect(rsa.zone).toBe(`${rsa.name}. IN TXT "${rsa.strings[0]}" "${rsa.strings[1]}"`);
      expect(ed.strings).toEqual([ed.value]);

      const now = Date.now();
      const signed = await signOutbound(t.store.db, Buffer.from('From: a@example.test\r\nSubject: hi\r\n\r\nbody\r\n'), { from: 'a@example.test', mailFrom: 'a@example.test', hostname: 'mail.example.test', now });
      expect((await mailauthVerdicts(signed.message, zoneOf(r.body.records), new Date(now))).map((v) => v.split(' ')[0])).toEqual(['pass', 'pass']);
    });

    it('POST /domains/:name/dkim/rotate: the configured grace by default, or the one given', async () => {
      const before = (await call('GET', '/api/v1/domains/example.test/dkim')).body;
      const r = await call('POST', '/api/v1/domains/example.test/dkim/rotate', { body: {} });
      expect(r.status).toBe(200);
      expect(r.body.graceDays).toBe(3);
      expect(r.body.replaced.sort()).toEqual(before.keys.map((k: any) => k.selector).sort());
      const old = r.body.keys.filter((k: any) => r.body.replaced.includes(k.selector));
      expect(old.map((k: any) => [k.status, k.signing, k.published])).toEqual([['retiring', false, true], ['retiring', false, true]]);
      expect(old[0].retireAt - old[0].supersededAt).toBe(3 * DAY_MS);
      expect(r.body.records).toHaveLength(4);

      const leak = await call('POST', '/api/v1/domains/example.test/dkim/rotate', { body: { graceDays: 0 } });
      expect(leak.status).toBe(200);
      expect(leak.body.keys.filter((k: any) => k.signing)).toHaveLength(2);
      expect(leak.body.keys.filter((k: any) => leak.body.replaced.includes(k.selector)).map((k: any) => k.status)).toEqual(['retired', 'retired']);
      // The keys of the first rotation keep their own grace period.
      expect(leak.body.records).toHaveLength(4);
    });

    it('refuses bad input, unknown domains, non-admins and anonymous callers', async () => {
      const negative = await call('POST', '/api/v1/domains/example.test/dkim/rotate', { body: { graceDays: -1 } });
      expect(negative.status).toBe(400);
      expect(negative.body).toMatchObject({ error: 'invalid', field: 'graceDays' });
      expect((await call('POST', '/api/v1/domains/example.test/dkim/rotate', { body: { graceDays: 400 } })).status).toBe(400);
      expect((await call('POST', '/api/v1/domains/example.test/dkim/rotate', { body: { grace: 1 } })).status).toBe(400);
      expect((await call('GET', '/api/v1/domains/nowhere.test/dkim')).body).toMatchObject({ error: 'not_found', field: 'domain' });
      expect((await call('GET', '/api/v1/domains/nowhere.test/dkim')).status).toBe(404);
      expect((await call('GET', '/api/v1/domains/example.test/dkim', { token: userToken })).status).toBe(403);
      expect((await call('POST', '/api/v1/domains/example.test/dkim/rotate', { body: {}, token: userToken })).status).toBe(403);
      expect((await call('GET', '/api/v1/domains/example.test/dkim', { token: null })).status).toBe(401);
    });

    it('is in the OpenAPI document as admin-only operations', async () => {
      const doc = (await call('GET', '/api/v1/openapi.json', { token: null })).body;
      const get = doc.paths['/api/v1/domains/{name}/dkim'].get;
      const rotate = doc.paths['/api/v1/domains/{name}/dkim/rotate'].post;
      expect(get).toMatchObject({ operationId: 'getDomainDkim', tags: ['dkim'], 'x-mailcove-admin': true });
      expect(rotate).toMatchObject({ operationId: 'rotateDomainDkim', tags: ['dkim'], 'x-mailcove-admin': true });
      expect(rotate.requestBody.content['application/json'].schema.properties.graceDays).toMatchObject({ type: 'integer', minimum: 0, maximum: 365 });
      expect(Object.keys(get.responses).sort()).toEqual(['200', '400', '401', '403', '404', '500']);
      expect(get.responses['200'].content['application/json'].schema.properties.records.items.properties.strings).toMatchObject({ type: 'array' });
    });
  });
}
