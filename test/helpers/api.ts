// A JSON API on a real socket over a fresh store, with the accounts the mailbox-settings API tests
// share: domain example.test with mailboxes alice@ and bob@, an admin (root@) and a user
// (alice.user@) granted alice@ with the given permissions; `call` sends a request with a token.
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import * as admin from '../../src/accounts/admin.js';
import { configSchema } from '../../src/config/schema.js';
import { Metrics } from '../../src/metrics/registry.js';
import { createHttpServer } from '../../src/http/server.js';
import { freshStore, type FreshStore, type TestDialect } from './store.js';

export interface ApiFixture {
  t: FreshStore;
  app: FastifyInstance;
  base: string;
  adminToken: string;
  userToken: string;
  call(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export async function startApiFixture(dialect: TestDialect, opts: { permissions: string[]; config?: Record<string, unknown> }): Promise<ApiFixture> {
  const t = await freshStore(dialect);
  const ctx: admin.AdminContext = { store: t.store, blobs: t.blobs, defaultQuotaBytes: 5_000_000 };
  await admin.addDomain(ctx, 'example.test');
  await admin.addMailbox(ctx, 'alice@example.test');
  await admin.addMailbox(ctx, 'bob@example.test');
  await admin.addUser(ctx, 'root@example.test', { admin: true, password: 'correct horse battery' });
  await admin.addUser(ctx, 'alice.user@example.test', { password: 'another long password' });
  await admin.grant(ctx, 'alice.user@example.test', 'alice@example.test', opts.permissions);
  const adminToken = (await admin.createApiToken(ctx, 'root@example.test', 't')).token;
  const userToken = (await admin.createApiToken(ctx, 'alice.user@example.test', 't')).token;
  const metrics = new Metrics();
  const config = configSchema.parse({ hostname: 'mail.example.test', auth: { failureDelayMs: 0 }, ...opts.config });
  const app = createHttpServer({ store: t.store, blobs: t.blobs, config, log: pino({ level: 'silent' }), metrics, defaultQuotaBytes: 5_000_000 });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/api/v1`;
  return {
    t,
    app,
    base,
    adminToken,
    userToken,
    async call(method, path, token, body) {
      const res = await fetch(base + path, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as any };
    },
    async close() {
      await app.close();
      metrics.close();
      await t.cleanup();
    },
  };
}
