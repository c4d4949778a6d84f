// GET /api/v1/domains/:name/dns-check over a real socket, against each store dialect, with the
// node's DNS pointed at a DNS server on loopback: the report and its schema in the API document,
// admin-only access, and the error shape for unknown and invalid domains.
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDomain, addUser, createApiToken } from '../../src/accounts/admin.js';
import { dkimReport } from '../../src/dkim/domain-keys.js';
import { configSchema } from '../../src/config/schema.js';
import { reverseName } from '../../src/dns/wire.js';
import { createHttpServer } from '../../src/http/server.js';
import { Metrics } from '../../src/metrics/registry.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { DIALECTS, PG_SKIP_REASON, freshStore, type FreshStore, type TestDialect } from '../helpers/store.js';

const HOST = 'mx.mailcove.test';
const IP4 = '192.0.2.10';

let dns: TestDnsServer;

beforeAll(async () => {
  dns = await startDnsServer({
    [HOST]: { A: [IP4] },
    [reverseName(IP4)]: { PTR: [HOST] },
    'good.test': { MX: [{ priority: 10, exchange: HOST }], TXT: [`v=spf1 a:${HOST} -all`] },
    '_dmarc.good.test': { TXT: ['v=DMARC1; p=reject; rua=mailto:dmarc@good.test'] },
    '_smtp._tls.good.test': { TXT: ['v=TLSRPTv1; rua=mailto:tlsrpt@good.test'] },
    'broken.test': { MX: [{ priority: 10, exchange: 'mx.elsewhere.test' }], TXT: ['v=spf1 a:mx.elsewhere.test -all', 'v=spf1 -all'] },
    'mx.elsewhere.test': { A: ['198.51.100.2'] },
    '_dmarc.broken.test': { TXT: ['v=DMARC1; p=block'] },
  });
});
afterAll(async () => {
  await dns?.close();
});

if (PG_SKIP_REASON) console.info(`DNS check API tests: PostgreSQL skipped, ${PG_SKIP_REASON}`);

for (const dialect of ['sqlite', 'postgres'] as TestDialect[]) {
  describe.skipIf(!DIALECTS.includes(dialect))(`GET /api/v1/domains/:name/dns-check (${dialect})`, () => {
    let t: FreshStore;
    let app: FastifyInstance;
    let metrics: Metrics;
    let base: string;
    let adminToken: string;
    let userToken: string;

    beforeAll(async () => {
      t = await freshStore(dialect);
      const ctx = { store: t.store, blobs: t.blobs, defaultQuotaBytes: 1_000_000 };
      await addUser(ctx, 'admin@good.test', { admin: true, password: 'correct horse battery' });
      await addUser(ctx, 'user@good.test', { password: 'a different long password' });
      adminToken = (await createApiToken(ctx, 'admin@good.test', 'tests')).token;
      userToken = (await createApiToken(ctx, 'user@good.test', 'tests')).token;
      await addDomain(ctx, 'good.test');
      await addDomain(ctx, 'broken.test');
      // good.test publishes the DKIM keys Mailcove made for it; broken.test does not.
      for (const r of (await dkimReport(t.store, 'good.test')).records) dns.zone[r.name] = { TXT: [r.strings] };
      const config = configSchema.parse({ hostname: HOST, dns: { servers: [dns.address], timeoutMs: 500 }, auth: { failureDelayMs: 0 } });
      metrics = new Metrics();
      app = createHttpServer({ store: t.store, blobs: t.blobs, config, log: pino({ level: 'silent' }), metrics, defaultQuotaBytes: 1_000_000 });
      await app.listen({ host: '127.0.0.1', port: 0 });
      const addr = app.server.address();
      if (!addr || typeof addr === 'string') throw new Error('no address');
      base = `http://127.0.0.1:${addr.port}/api/v1`;
    });
    afterAll(async () => {
      await app?.close();
      metrics?.close();
      await t?.cleanup();
    });

    const get = async (path: string, token?: string) => {
      const res = await fetch(base + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      return { status: res.status, body: (await res.json()) as any };
    };

    it('answers the report of a hosted domain', async () => {
      const r = await get('/domains/good.test/dns-check', adminToken);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ domain: 'good.test', status: 'warning' });
      expect(typeof r.body.checkedAt).toBe('number');
      const byName = (n: string) => r.body.checks.filter((c: { name: string }) => c.name === n).map((c: { status: string; code: string }) => `${c.status}:${c.code}`);
      expect(byName('mx')).toEqual(['ok:mx-ok']);
      expect(byName('spf')).toEqual(['ok:spf-ok']);
      expect(byName('dkim')).toEqual(['ok:dkim-ok', 'ok:dkim-ok']);
      expect(byName('dmarc')).toEqual(['ok:dmarc-ok']);
      expect(byName('mta-sts')).toEqual(['warning:mta-sts-missing']);
      expect(byName('tls-rpt')).toEqual(['ok:tls-rpt-ok']);
      expect(byName('ptr')).toEqual(['ok:ptr-ok']);
      const sts = r.body.checks.find((c: { name: string }) => c.name === 'mta-sts');
      expect(sts.record).toMatch(/^_mta-sts\.good\.test\. TXT "v=STSv1; id=\d{14}"$/);
    });

    it('a broken domain is still a 200, with errors, fixes and records', async () => {
      const r = await get('/domains/BROKEN.test/dns-check', adminToken);
      expect(r.status).toBe(200);
      expect(r.body.status).toBe('error');
      const codes = r.body.checks.filter((c: { status: string }) => c.status === 'error').map((c: { code: string }) => c.code);
      expect(codes).toEqual(['mx-not-us', 'spf-multiple', 'dkim-missing', 'dkim-missing', 'dmarc-invalid-p']);
      const spf = r.body.checks.find((c: { code: string }) => c.code === 'spf-multiple');
      expect(spf.record).toBe(`broken.test. TXT "v=spf1 a:mx.elsewhere.test a:${HOST} -all"`);
      expect(spf.fix).toBe('Merge them into a single TXT record and delete the others.');
    });

    it('is for administrators only', async () => {
      expect((await get('/domains/good.test/dns-check')).status).toBe(401);
      const r = await get('/domains/good.test/dns-check', userToken);
      expect(r.status).toBe(403);
      expect(r.body).toMatchObject({ error: 'forbidden' });
    });

    it('404 for a domain not hosted here, 400 for a name that is not a domain', async () => {
      const unknown = await get('/domains/elsewhere.test/dns-check', adminToken);
      expect(unknown).toEqual({ status: 404, body: { error: 'not_found', field: 'domain', message: 'domain elsewhere.test not found' } });
      const bad = await get(`/domains/${encodeURIComponent('not a domain')}/dns-check`, adminToken);
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ error: 'invalid', field: 'domain' });
    });

    it('is described in the API document with its response schema', async () => {
      const doc = (await get('/openapi.json')).body;
      const op = doc.paths['/api/v1/domains/{name}/dns-check'].get;
      expect(op).toMatchObject({ operationId: 'checkDomainDns', 'x-mailcove-admin': true, tags: ['dns-check'] });
      expect(op.parameters).toEqual([expect.objectContaining({ name: 'name', in: 'path', required: true })]);
      expect(Object.keys(op.responses).sort()).toEqual(['200', '400', '401', '403', '404', '500']);
      const item = op.responses['200'].content['application/json'].schema.properties.checks.items;
      expect(item.properties.name.enum).toEqual(['mx', 'spf', 'dkim', 'dmarc', 'mta-sts', 'tls-rpt', 'ptr']);
      expect(item.properties.status.enum).toEqual(['ok', 'warning', 'error']);
      expect(item.required).toEqual(['name', 'status', 'code', 'message']);
    });
  });
}
