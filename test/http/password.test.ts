// A one-time password (the first admin's, or one an admin reset) only lets its owner set a new one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import { addUser, resetPassword } from '../../src/accounts/admin.js';
import { configSchema } from '../../src/config/schema.js';
import { Metrics } from '../../src/metrics/registry.js';
import { createHttpServer } from '../../src/http/server.js';
import { DIALECTS, freshStore, type FreshStore } from '../helpers/store.js';

describe.each(DIALECTS)('one-time passwords (%s)', (dialect) => {
  let t: FreshStore;
  let app: FastifyInstance;
  let base: string;
  const metrics = new Metrics({ processMetrics: false });

  beforeAll(async () => {
    t = await freshStore(dialect);
    const config = configSchema.parse({ hostname: 'mail.example.test', auth: { failureDelayMs: 0 } });
    app = createHttpServer({ store: t.store, blobs: t.blobs, config, log: pino({ level: 'silent' }), metrics, defaultQuotaBytes: 1e9 });
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/api/v1`;
  });
  afterAll(async () => {
    await app.close();
    metrics.close();
    await t.cleanup();
  });

  const call = async (method: string, path: string, cookie?: string, body?: unknown) => {
    const res = await fetch(base + path, { method, headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(cookie ? { cookie } : {}) }, body: body ? JSON.stringify(body) : undefined });
    return { status: res.status, body: (await res.json()) as any, cookie: res.headers.get('set-cookie')?.split(';')[0] };
  };

  it('must be changed before anything else, then works as a normal password', async () => {
    const ctx = { store: t.store, blobs: t.blobs, defaultQuotaBytes: 1e9 };
    const created = await addUser(ctx, 'first@example.test', { admin: true });
    expect(created.oneTime).toBe(true);
    const login = await call('POST', '/auth/login', undefined, { email: 'first@example.test', password: created.password });
    expect(login.body.user.mustChangePassword).toBe(true);
    const blocked = await call('GET', '/domains', login.cookie);
    expect(blocked.status).toBe(403);
    expect(blocked.body.message).toMatch(/one-time password/);
    expect((await call('POST', '/auth/password', login.cookie, { currentPassword: 'wrong', newPassword: 'a brand new password' })).status).toBe(401);
    const short = await call('POST', '/auth/password', login.cookie, { currentPassword: created.password, newPassword: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.field).toBe('newPassword');
    expect((await call('POST', '/auth/password', login.cookie, { currentPassword: created.password, newPassword: 'a brand new password' })).body).toEqual({ changed: true });
    expect((await call('GET', '/domains', login.cookie)).status).toBe(200);
    expect((await call('POST', '/auth/login', undefined, { email: 'first@example.test', password: created.password })).status).toBe(401);

    const reset = await resetPassword(ctx, 'first@example.test');
    const again = await call('POST', '/auth/login', undefined, { email: 'first@example.test', password: reset.password });
    expect(again.body.user.mustChangePassword).toBe(true);
  });
});
