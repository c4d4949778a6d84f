// The HTTP API over a real socket, against each store dialect: authentication (token, session
// cookie, failed-login limits), admin-only routes, every operation area, the error shape, the
// OpenAPI document, /healthz and /metrics.
import https from 'node:https';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, createApiToken, type AdminContext } from '../../src/accounts/admin.js';
import { configSchema, type Config } from '../../src/config/schema.js';
import { Metrics } from '../../src/metrics/registry.js';
import { createHttpServer } from '../../src/http/server.js';
import { sha256Hex } from '../../src/util/ids.js';
import { createSelfSignedCertificate } from '../../src/tls/self-signed.js';
import { DIALECTS, PG_SKIP_REASON, freshStore, type FreshStore, type TestDialect } from '../helpers/store.js';

const ADMIN = 'admin@example.test';
const ADMIN_PASSWORD = 'correct horse battery';
const USER = 'user@example.test';
const USER_PASSWORD = 'a different long password';

interface Res {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

interface Harness {
  t: FreshStore;
  app: FastifyInstance;
  base: string;
  metrics: Metrics;
  logs: Array<Record<string, unknown>>;
}

function makeConfig(overrides: Record<string, unknown> = {}): Config {
  return configSchema.parse({ hostname: 'mail.example.test', auth: { maxFailures: 50, failureDelayMs: 0 }, ...overrides });
}

/** A logger that keeps its lines, so tests can check what was logged. */
function memoryLogger(lines: Array<Record<string, unknown>>) {
  const stream = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split('\n')) if (l) lines.push(JSON.parse(l));
      cb();
    },
  });
  return pino({ level: 'debug' }, stream);
}

async function start(t: FreshStore, config = makeConfig(), tls?: { cert: string; key: string }): Promise<Harness> {
  const metrics = new Metrics();
  const logs: Array<Record<string, unknown>> = [];
  const app = createHttpServer({ store: t.store, blobs: t.blobs, config, log: memoryLogger(logs), metrics, defaultQuotaBytes: 5_000_000, https: tls });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('no address');
  return { t, app, base: `${tls ? 'https' : 'http'}://127.0.0.1:${addr.port}`, metrics, logs };
}

/** One HTTPS request trusting only `ca` (fetch has no per-request CA option). */
function httpsRequest(url: string, ca: string, method: string, body?: unknown): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: any }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = https.request(url, { method, ca, headers: payload ? { 'content-type': 'application/json' } : {} }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

async function stop(h: Harness | undefined) {
  if (!h) return;
  await h.app.close();
  h.metrics.close();
}

type Call = { body?: unknown; rawBody?: string; token?: string; cookie?: string; headers?: Record<string, string> };

async function call(h: Harness, method: string, path: string, opts: Call = {}): Promise<Res> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.cookie) headers.cookie = opts.cookie;
  let payload: string | undefined;
  if (opts.body !== undefined || opts.rawBody !== undefined) {
    headers['content-type'] ??= 'application/json';
    payload = opts.rawBody ?? JSON.stringify(opts.body);
  }
  const res = await fetch(h.base + path, { method, headers, body: payload });
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, body, text };
}

const enc = encodeURIComponent;

/** Every route the brief asks for; the OpenAPI document must list each and the router must serve each. */
const EXPECTED_ROUTES: Array<[string, string]> = [
  ['POST', '/api/v1/auth/login'],
  ['POST', '/api/v1/auth/logout'],
  ['POST', '/api/v1/auth/password'],
  ['GET', '/api/v1/me'],
  ['GET', '/api/v1/domains'],
  ['POST', '/api/v1/domains'],
  ['DELETE', '/api/v1/domains/{name}'],
  ['PATCH', '/api/v1/domains/{name}/limits'],
  ['GET', '/api/v1/domains/{name}/dkim'],
  ['POST', '/api/v1/domains/{name}/dkim/rotate'],
  ['GET', '/api/v1/domains/{name}/dns-check'],
  ['GET', '/api/v1/mailboxes'],
  ['POST', '/api/v1/mailboxes'],
  ['DELETE', '/api/v1/mailboxes/{address}'],
  ['PUT', '/api/v1/mailboxes/{address}/quota'],
  ['PATCH', '/api/v1/mailboxes/{address}/limits'],
  ['GET', '/api/v1/mailboxes/{address}/device-passwords'],
  ['POST', '/api/v1/mailboxes/{address}/device-passwords'],
  ['DELETE', '/api/v1/mailboxes/{address}/device-passwords/{id}'],
  ['GET', '/api/v1/aliases'],
  ['POST', '/api/v1/aliases'],
  ['DELETE', '/api/v1/aliases/{alias}'],
  ['GET', '/api/v1/redirects'],
  ['POST', '/api/v1/redirects'],
  ['DELETE', '/api/v1/redirects/{address}'],
  ['GET', '/api/v1/mailboxes/{address}/redirect'],
  ['PUT', '/api/v1/mailboxes/{address}/redirect'],
  ['GET', '/api/v1/mailboxes/{address}/sender-lists'],
  ['POST', '/api/v1/mailboxes/{address}/sender-lists/{kind}'],
  ['DELETE', '/api/v1/mailboxes/{address}/sender-lists/{kind}/{entry}'],
  ['PUT', '/api/v1/mailboxes/{address}/block-action'],
  ['GET', '/api/v1/domains/{name}/sender-lists'],
  ['POST', '/api/v1/domains/{name}/sender-lists/{kind}'],
  ['DELETE', '/api/v1/domains/{name}/sender-lists/{kind}/{entry}'],
  ['GET', '/api/v1/mailboxes/{address}/temporary-aliases'],
  ['POST', '/api/v1/mailboxes/{address}/temporary-aliases'],
  ['PATCH', '/api/v1/mailboxes/{address}/temporary-aliases/{alias}'],
  ['DELETE', '/api/v1/mailboxes/{address}/temporary-aliases/{alias}'],
  ['GET', '/api/v1/mailboxes/{address}/rules'],
  ['PUT', '/api/v1/mailboxes/{address}/rules'],
  ['POST', '/api/v1/mailboxes/{address}/rules/mode'],
  ['GET', '/api/v1/mailboxes/{address}/rules/sieve'],
  ['GET', '/api/v1/mailboxes/{address}/rule-templates'],
  ['PUT', '/api/v1/mailboxes/{address}/rule-templates/{id}'],
  ['GET', '/api/v1/domains/{name}/rule-templates'],
  ['POST', '/api/v1/domains/{name}/rule-templates'],
  ['DELETE', '/api/v1/domains/{name}/rule-templates/{id}'],
  ['PUT', '/api/v1/domains/{name}/rule-settings'],
  ['GET', '/api/v1/mailboxes/{address}/sieve/scripts'],
  ['GET', '/api/v1/mailboxes/{address}/sieve/scripts/{name}'],
  ['PUT', '/api/v1/mailboxes/{address}/sieve/scripts/{name}'],
  ['DELETE', '/api/v1/mailboxes/{address}/sieve/scripts/{name}'],
  ['POST', '/api/v1/mailboxes/{address}/sieve/scripts/{name}/rename'],
  ['POST', '/api/v1/mailboxes/{address}/sieve/active'],
  ['POST', '/api/v1/mailboxes/{address}/sieve/check'],
  ['GET', '/api/v1/domains/{name}/sieve'],
  ['PUT', '/api/v1/domains/{name}/sieve'],
  ['GET', '/api/v1/mailboxes/{address}/spam-settings'],
  ['PUT', '/api/v1/mailboxes/{address}/spam-settings'],
  ['POST', '/api/v1/mailboxes/{address}/messages/{folder}/{uid}/report'],
  ['GET', '/api/v1/mailboxes/{address}/spam/waves'],
  ['GET', '/api/v1/spam/waves'],
  ['GET', '/api/v1/spam/phishing-reports'],
  ['GET', '/api/v1/mailboxes/{address}/responders'],
  ['PUT', '/api/v1/mailboxes/{address}/responders/{name}'],
  ['GET', '/api/v1/mailboxes/{address}/responders/{name}/sieve'],
  ['PUT', '/api/v1/mailboxes/{address}/active-responder'],
  ['POST', '/api/v1/mailboxes/{address}/responders/{name}/reset'],
  ['DELETE', '/api/v1/mailboxes/{address}/responders/{name}'],
  ['PUT', '/api/v1/mailboxes/{address}/time-zone'],
  ['GET', '/api/v1/mailboxes/{address}/responder-from'],
  ['POST', '/api/v1/mailboxes/{address}/responder-from'],
  ['POST', '/api/v1/mailboxes/{address}/responder-from/{from}/verify'],
  ['DELETE', '/api/v1/mailboxes/{address}/responder-from/{from}'],
  ['GET', '/api/v1/mailboxes/{address}/responder-templates'],
  ['POST', '/api/v1/mailboxes/{address}/responder-templates/{template}/apply'],
  ['GET', '/api/v1/domains/{name}/responder-templates'],
  ['PUT', '/api/v1/domains/{name}/responder-templates/{template}'],
  ['POST', '/api/v1/domains/{name}/responder-templates/{template}/apply'],
  ['DELETE', '/api/v1/domains/{name}/responder-templates/{template}'],
  ['GET', '/api/v1/redirect-targets'],
  ['POST', '/api/v1/redirect-targets/resend'],
  ['GET', '/api/v1/users'],
  ['POST', '/api/v1/users'],
  ['POST', '/api/v1/users/{email}/grants'],
  ['POST', '/api/v1/users/{email}/tokens'],
  ['GET', '/api/v1/queue'],
  ['POST', '/api/v1/queue/retry'],
  ['POST', '/api/v1/queue/{id}/retry'],
  ['DELETE', '/api/v1/queue/{id}'],
  ['GET', '/api/v1/trace/{id}'],
  ['GET', '/api/v1/reports/dmarc'],
  ['GET', '/api/v1/reports/tls'],
  ['GET', '/api/v1/openapi.json'],
];

if (PG_SKIP_REASON) console.info(`HTTP API tests: PostgreSQL skipped, ${PG_SKIP_REASON}`);

for (const dialect of ['sqlite', 'postgres'] as TestDialect[]) {
  // The postgres copy needs a server to create databases on (MAILCOVE_TEST_PG, see
  // test/helpers/store.ts); CI and laptops without one run SQLite only and say so above.
  describe.skipIf(!DIALECTS.includes(dialect))(`HTTP API (${dialect})`, () => {
    let h: Harness;
    let adminToken: string;
    let userToken: string;
    let ctx: AdminContext;

    beforeAll(async () => {
      const t = await freshStore(dialect);
      ctx = { store: t.store, blobs: t.blobs, defaultQuotaBytes: 5_000_000 };
      await addUser(ctx, ADMIN, { admin: true, password: ADMIN_PASSWORD });
      adminToken = (await createApiToken(ctx, ADMIN, 'tests')).token;
      await addUser(ctx, USER, { password: USER_PASSWORD });
      userToken = (await createApiToken(ctx, USER, 'tests')).token;
      h = await start(t);
    });

    afterAll(async () => {
      await stop(h);
      await h?.t.cleanup();
    });

    describe('authentication', () => {
      it('answers 401 without credentials, with a generic JSON error', async () => {
        for (const path of ['/api/v1/me', '/api/v1/domains', '/api/v1/queue']) {
          const r = await call(h, 'GET', path);
          expect(r.status, path).toBe(401);
          expect(r.body.error).toBe('unauthorized');
          expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
        }
        const posted = await call(h, 'POST', '/api/v1/domains', { body: { name: 'nope.test' } });
        expect(posted.status).toBe(401);
      });

      it('answers 401 for a wrong or malformed token', async () => {
        const wrong = await call(h, 'GET', '/api/v1/me', { token: 'mc_not_a_real_token_at_all' });
        expect(wrong.status).toBe(401);
        expect(wrong.headers.get('www-authenticate')).toContain('error="invalid_token"');
        expect((await call(h, 'GET', '/api/v1/me', { headers: { authorization: 'Basic YWRtaW46eA==' } })).status).toBe(401);
        expect((await call(h, 'GET', '/api/v1/me', { headers: { authorization: 'Bearer' } })).status).toBe(401);
      });

      it('accepts an API token', async () => {
        const r = await call(h, 'GET', '/api/v1/me', { token: adminToken });
        expect(r.status).toBe(200);
        expect(r.body).toMatchObject({ email: ADMIN, admin: true, via: 'token', mustChangePassword: false });
        expect(r.headers.get('cache-control')).toBe('no-store');
      });

      it('logs in with a session cookie, stored hashed, and logs out', async () => {
        const wrong = await call(h, 'POST', '/api/v1/auth/login', { body: { email: ADMIN, password: 'wrong password!' } });
        expect(wrong.status).toBe(401);
        const unknown = await call(h, 'POST', '/api/v1/auth/login', { body: { email: 'ghost@example.test', password: 'whatever it is' } });
        expect(unknown.status).toBe(401);
        expect(unknown.body.message).toBe(wrong.body.message); // no hint which part was wrong
        expect(wrong.headers.get('set-cookie')).toBeNull();

        const ok = await call(h, 'POST', '/api/v1/auth/login', { body: { email: 'Admin@Example.TEST', password: ADMIN_PASSWORD } });
        expect(ok.status).toBe(200);
        expect(ok.body.user).toMatchObject({ email: ADMIN, admin: true, via: 'session' });
        const setCookie = ok.headers.get('set-cookie')!;
        expect(setCookie).toMatch(/^mailcove_session=[A-Za-z0-9_-]{40,}; /);
        expect(setCookie).toContain('HttpOnly');
        expect(setCookie).toContain('SameSite=Strict');
        expect(setCookie).toContain('Path=/');
        expect(setCookie).not.toContain('Secure'); // plain HTTP here; set when the socket is TLS
        const cookie = setCookie.split(';')[0];
        const value = cookie.split('=')[1];

        // The database holds only the hash of the cookie value.
        const rows = await h.t.store.db.selectFrom('sessions').select('id').execute();
        expect(rows.map((r) => r.id)).toContain(sha256Hex(value));
        expect(rows.map((r) => r.id)).not.toContain(value);

        const me = await call(h, 'GET', '/api/v1/me', { cookie });
        expect(me.status).toBe(200);
        expect(me.body).toMatchObject({ email: ADMIN, via: 'session' });
        expect((await call(h, 'GET', '/api/v1/domains', { cookie })).status).toBe(200);

        // A cookie request that changes something from another origin is refused.
        const cross = await call(h, 'POST', '/api/v1/domains', { cookie, body: { name: 'csrf.test' }, headers: { origin: 'https://evil.test' } });
        expect(cross.status).toBe(403);
        const same = await call(h, 'POST', '/api/v1/domains', { cookie, body: { name: 'cookie.test' }, headers: { origin: h.base } });
        expect(same.status).toBe(201);

        const out = await call(h, 'POST', '/api/v1/auth/logout', { cookie });
        expect(out.status).toBe(200);
        expect(out.body).toEqual({ loggedOut: true });
        expect(out.headers.get('set-cookie')).toMatch(/^mailcove_session=; .*Max-Age=0/);
        expect((await call(h, 'GET', '/api/v1/me', { cookie })).status).toBe(401);
        expect((await call(h, 'POST', '/api/v1/auth/logout', { cookie })).body).toEqual({ loggedOut: false });
      });

      it('gives non-admins 403 on admin routes but lets them see themselves', async () => {
        expect((await call(h, 'GET', '/api/v1/domains', { token: userToken })).status).toBe(403);
        const r = await call(h, 'POST', '/api/v1/domains', { token: userToken, body: { name: 'mine.test' } });
        expect(r.status).toBe(403);
        expect(r.body.error).toBe('forbidden');
        expect((await call(h, 'GET', '/api/v1/me', { token: userToken })).body).toMatchObject({ email: USER, admin: false });
        // 403 comes before input validation: a non-admin learns nothing about the schemas.
        expect((await call(h, 'POST', '/api/v1/mailboxes', { token: userToken, body: { quotaBytes: -1 } })).status).toBe(403);
      });

      it('locks logins after repeated failures, per IP and per email', async () => {
        const locked = await start(h.t, makeConfig({ auth: { maxFailures: 3, failureDelayMs: 0 } }));
        try {
          for (let i = 0; i < 3; i++) {
            const r = await call(locked, 'POST', '/api/v1/auth/login', { body: { email: USER, password: `guess number ${i}` } });
            expect(r.status).toBe(401);
          }
          // Even the right password is refused while locked.
          const r = await call(locked, 'POST', '/api/v1/auth/login', { body: { email: USER, password: USER_PASSWORD } });
          expect(r.status).toBe(429);
          expect(r.body.error).toBe('limit');
          expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
          // Another account from the same IP still may (the per-IP limit is higher, people share addresses)...
          expect((await call(locked, 'POST', '/api/v1/auth/login', { body: { email: ADMIN, password: ADMIN_PASSWORD } })).status).toBe(200);
          // ...until guesses spread over many accounts lock the IP itself.
          let ipLocked = false;
          for (let i = 0; i < 50 && !ipLocked; i++) {
            const g = await call(locked, 'POST', '/api/v1/auth/login', { body: { email: `spray${i}@example.test`, password: `guess number ${i}` } });
            expect([401, 429]).toContain(g.status);
            ipLocked = g.status === 429;
          }
          expect(ipLocked).toBe(true);
          expect((await call(locked, 'POST', '/api/v1/auth/login', { body: { email: ADMIN, password: ADMIN_PASSWORD } })).status).toBe(429);
          expect(locked.logs.some((l) => l.msg === 'http login failed')).toBe(true);
          expect(JSON.stringify(locked.logs)).not.toContain('guess number'); // passwords never logged
        } finally {
          await stop(locked);
        }
      });
    });

    describe('admin operations', () => {
      const asAdmin = (method: string, path: string, body?: unknown) => call(h, method, path, { token: adminToken, body });

      it('adds, lists and refuses duplicate domains', async () => {
        const r = await asAdmin('POST', '/api/v1/domains', { name: 'Example.TEST' });
        expect(r.status).toBe(201);
        expect(r.body).toMatchObject({ name: 'example.test', maxRecipientsPerMessage: null, maxRecipientsPer24h: null });
        expect(r.body).not.toHaveProperty('org_id');
        const dup = await asAdmin('POST', '/api/v1/domains', { name: 'example.test' });
        expect(dup.status).toBe(409);
        expect(dup.body).toMatchObject({ error: 'conflict', field: 'domain' });
        const bad = await asAdmin('POST', '/api/v1/domains', { name: 'not a domain' });
        expect(bad.status).toBe(400);
        expect(bad.body.field).toBe('domain');
        const list = await asAdmin('GET', '/api/v1/domains');
        expect(list.body.domains.map((d: { name: string }) => d.name)).toContain('example.test');
      });

      it('sets domain limits, keeping left-out keys', async () => {
        const a = await asAdmin('PATCH', '/api/v1/domains/example.test/limits', { maxRecipientsPerMessage: 50, maxRecipientsPer24h: 500 });
        expect(a.status).toBe(200);
        const b = await asAdmin('PATCH', '/api/v1/domains/example.test/limits', { maxRecipientsPer24h: null });
        expect(b.body).toEqual({ domain: 'example.test', maxRecipientsPerMessage: 50, maxRecipientsPer24h: null });
        const bad = await asAdmin('PATCH', '/api/v1/domains/example.test/limits', { maxRecipientsPerMessage: 0 });
        expect(bad.status).toBe(400);
        expect(bad.body.field).toBe('maxRecipientsPerMessage');
      });

      it('adds and lists mailboxes', async () => {
        const r = await asAdmin('POST', '/api/v1/mailboxes', { address: 'Alice@example.test', displayName: 'Alice', quotaBytes: 1000 });
        expect(r.status).toBe(201);
        expect(r.body).toMatchObject({ address: 'alice@example.test', kind: 'mailbox', displayName: 'Alice', quotaBytes: 1000, usedBytes: 0 });
        const d = await asAdmin('POST', '/api/v1/mailboxes', { address: 'bob@example.test' });
        expect(d.body.quotaBytes).toBe(5_000_000); // defaultQuotaBytes
        const list = await asAdmin('GET', '/api/v1/mailboxes?domain=example.test');
        expect(list.status).toBe(200);
        expect(list.body.mailboxes.map((m: { address: string }) => m.address)).toEqual(['alice@example.test', 'bob@example.test']);
        expect((await asAdmin('GET', '/api/v1/mailboxes?domain=cookie.test')).body.mailboxes).toEqual([]);
      });

      it('answers 400 naming the field for bad input', async () => {
        for (const quotaBytes of [-1, 1.5, '10', 2 ** 60]) {
          const r = await asAdmin('POST', '/api/v1/mailboxes', { address: 'carol@example.test', quotaBytes });
          expect(r.status, String(quotaBytes)).toBe(400);
          expect(r.body).toEqual({ error: 'invalid', field: 'quotaBytes', message: 'quotaBytes: expected a whole number of bytes, 0 or more' });
        }
        const q = await asAdmin('PUT', `/api/v1/mailboxes/${enc('alice@example.test')}/quota`, { quotaBytes: -5 });
        expect(q.status).toBe(400);
        expect(q.body.field).toBe('quotaBytes');

        const addr = await asAdmin('POST', '/api/v1/mailboxes', { address: 'not-an-address' });
        expect(addr.status).toBe(400);
        expect(addr.body).toMatchObject({ error: 'invalid', field: 'address' });
        expect(addr.body.message).toMatch(/^address: /);

        const missing = await asAdmin('POST', '/api/v1/mailboxes', {});
        expect(missing.body).toMatchObject({ field: 'address', message: 'address: is required' });
        const typo = await asAdmin('POST', '/api/v1/mailboxes', { address: 'carol@example.test', quota: 5 });
        expect(typo.body).toMatchObject({ field: 'quota', message: 'quota: is not a known field' });
        const notObject = await asAdmin('POST', '/api/v1/mailboxes', [1, 2]);
        expect(notObject.body).toMatchObject({ field: 'body', message: 'body: expected a JSON object' });
        const badJson = await call(h, 'POST', '/api/v1/mailboxes', { token: adminToken, rawBody: '{"address":' });
        expect(badJson.status).toBe(400);
        expect(badJson.body.error).toBe('invalid');
        const wrongType = await call(h, 'POST', '/api/v1/mailboxes', { token: adminToken, rawBody: 'address=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        expect(wrongType.status).toBe(415);
        expect(wrongType.body.error).toBe('unsupported_media_type');
        const huge = await asAdmin('POST', '/api/v1/mailboxes', { address: 'x@example.test', displayName: 'x'.repeat(1024 * 1024) });
        expect(huge.status).toBe(413);
        expect(huge.body.error).toBe('too_large');
      });

      it('answers 409 on duplicates and 404 on unknown mailboxes', async () => {
        const dup = await asAdmin('POST', '/api/v1/mailboxes', { address: 'alice@example.test' });
        expect(dup.status).toBe(409);
        expect(dup.body).toMatchObject({ error: 'conflict', field: 'address' });
        for (const [method, path, body] of [
          ['DELETE', `/api/v1/mailboxes/${enc('nobody@example.test')}`],
          ['PUT', `/api/v1/mailboxes/${enc('nobody@example.test')}/quota`, { quotaBytes: 1 }],
          ['GET', `/api/v1/mailboxes/${enc('nobody@example.test')}/device-passwords`],
        ] as Array<[string, string, unknown?]>) {
          const r = await asAdmin(method, path, body);
          expect(r.status, `${method} ${path}`).toBe(404);
          expect(r.body.error).toBe('not_found');
        }
      });

      it('sets quota and mailbox limits', async () => {
        const q = await asAdmin('PUT', `/api/v1/mailboxes/${enc('alice@example.test')}/quota`, { quotaBytes: 2048 });
        expect(q.body).toEqual({ address: 'alice@example.test', quotaBytes: 2048, usedBytes: 0 });
        await asAdmin('PATCH', `/api/v1/mailboxes/${enc('alice@example.test')}/limits`, { maxRecipientsPerMessage: 5 });
        const l = await asAdmin('PATCH', `/api/v1/mailboxes/${enc('alice@example.test')}/limits`, { maxRecipientsPer24h: 100 });
        expect(l.body).toEqual({ address: 'alice@example.test', maxRecipientsPerMessage: 5, maxRecipientsPer24h: 100 });
      });

      it('creates, lists and revokes device passwords', async () => {
        const base = `/api/v1/mailboxes/${enc('alice@example.test')}/device-passwords`;
        const gen = await asAdmin('POST', base, { name: 'phone' });
        expect(gen.status).toBe(201);
        expect(gen.body).toMatchObject({ mailbox: 'alice@example.test', name: 'phone', generated: true });
        expect(gen.body.password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
        const own = await asAdmin('POST', base, { name: 'laptop', password: 'my own device password' });
        expect(own.body.generated).toBe(false);
        expect(own.body).not.toHaveProperty('password'); // not echoed back
        const short = await asAdmin('POST', base, { name: 'x', password: 'short' });
        expect(short.body.field).toBe('password');

        const list = await asAdmin('GET', base);
        expect(list.body.devicePasswords.map((d: { name: string }) => d.name)).toEqual(['phone', 'laptop']);
        expect(JSON.stringify(list.body)).not.toContain(gen.body.password);
        expect(JSON.stringify(list.body)).not.toContain('argon2');

        const del = await asAdmin('DELETE', `${base}/${gen.body.id}`);
        expect(del.body).toEqual({ mailbox: 'alice@example.test', id: gen.body.id, revoked: true });
        expect((await asAdmin('DELETE', `${base}/${gen.body.id}`)).status).toBe(404);
        const badId = await asAdmin('DELETE', `${base}/abc`);
        expect(badId.status).toBe(400);
        expect(badId.body.field).toBe('id');
      });

      it('adds, lists and removes aliases', async () => {
        const r = await asAdmin('POST', '/api/v1/aliases', { alias: 'al@example.test', mailbox: 'alice@example.test' });
        expect(r.status).toBe(201);
        expect(r.body).toMatchObject({ alias: 'al@example.test', mailbox: 'alice@example.test' });
        expect((await asAdmin('POST', '/api/v1/aliases', { alias: 'al@example.test', mailbox: 'bob@example.test' })).status).toBe(409);
        expect((await asAdmin('POST', '/api/v1/aliases', { alias: 'bob@example.test', mailbox: 'alice@example.test' })).status).toBe(409);
        const unknownMailbox = await asAdmin('POST', '/api/v1/aliases', { alias: 'x@example.test', mailbox: 'nobody@example.test' });
        expect(unknownMailbox.status).toBe(404);
        expect(unknownMailbox.body.field).toBe('mailbox');
        const list = await asAdmin('GET', `/api/v1/aliases?mailbox=${enc('alice@example.test')}`);
        expect(list.body.aliases).toEqual([expect.objectContaining({ alias: 'al@example.test', mailbox: 'alice@example.test' })]);
        expect((await asAdmin('GET', `/api/v1/aliases?mailbox=${enc('bob@example.test')}`)).body.aliases).toEqual([]);
        expect((await asAdmin('DELETE', `/api/v1/aliases/${enc('al@example.test')}`)).body).toEqual({ alias: 'al@example.test' });
        expect((await asAdmin('DELETE', `/api/v1/aliases/${enc('al@example.test')}`)).status).toBe(404);
      });

      it('adds, lists and removes redirects; at most 10 targets', async () => {
        const r = await asAdmin('POST', '/api/v1/redirects', { address: 'fwd@example.test', targets: ['a@elsewhere.test', 'b@elsewhere.test'] });
        expect(r.status).toBe(201);
        expect(r.body).toMatchObject({ address: 'fwd@example.test', targets: ['a@elsewhere.test', 'b@elsewhere.test'] });
        const eleven = Array.from({ length: 11 }, (_, i) => `t${i}@elsewhere.test`);
        const tooMany = await asAdmin('POST', '/api/v1/redirects', { address: 'many@example.test', targets: eleven });
        expect(tooMany.status).toBe(400);
        expect(tooMany.body).toMatchObject({ error: 'invalid', field: 'targets' });
        expect(tooMany.body.message).toMatch(/^targets: at most 10/);
        const badTarget = await asAdmin('POST', '/api/v1/redirects', { address: 'bad@example.test', targets: ['ok@elsewhere.test', 'nope'] });
        expect(badTarget.body).toMatchObject({ field: 'targets[1]' });
        const notString = await asAdmin('POST', '/api/v1/redirects', { address: 'bad@example.test', targets: ['ok@elsewhere.test', 7] });
        expect(notString.body).toMatchObject({ field: 'targets[1]', message: 'targets[1]: expected a string' });
        expect((await asAdmin('POST', '/api/v1/redirects', { address: 'fwd@example.test', targets: ['c@elsewhere.test'] })).status).toBe(409);
        const list = await asAdmin('GET', '/api/v1/redirects');
        expect(list.body.redirects).toEqual([expect.objectContaining({ address: 'fwd@example.test' })]);
        expect((await asAdmin('DELETE', `/api/v1/redirects/${enc('fwd@example.test')}`)).status).toBe(200);
        expect((await asAdmin('DELETE', `/api/v1/redirects/${enc('fwd@example.test')}`)).status).toBe(404);
      });

      it('manages users, grants and API tokens', async () => {
        const gen = await asAdmin('POST', '/api/v1/users', { email: 'carol@example.test' });
        expect(gen.status).toBe(201);
        expect(gen.body).toMatchObject({ email: 'carol@example.test', admin: false, oneTime: true });
        expect(gen.body.password.length).toBeGreaterThanOrEqual(12);
        const own = await asAdmin('POST', '/api/v1/users', { email: 'dave@example.test', admin: true, password: 'dave has a long password' });
        expect(own.body).toEqual({ id: expect.any(Number), email: 'dave@example.test', admin: true, oneTime: false });
        expect((await asAdmin('POST', '/api/v1/users', { email: 'dave@example.test' })).status).toBe(409);
        const users = await asAdmin('GET', '/api/v1/users');
        expect(users.body.users.map((u: { email: string }) => u.email)).toEqual([ADMIN, 'carol@example.test', 'dave@example.test', USER]);
        expect(JSON.stringify(users.body)).not.toContain('argon2');

        const g = await asAdmin('POST', `/api/v1/users/${enc('carol@example.test')}/grants`, { mailbox: 'alice@example.test', permissions: ['read', 'send'] });
        expect(g.body).toEqual({ email: 'carol@example.test', mailbox: 'alice@example.test', permissions: ['read', 'send'] });
        const badPerm = await asAdmin('POST', `/api/v1/users/${enc('carol@example.test')}/grants`, { mailbox: 'alice@example.test', permissions: ['read', 'fly'] });
        expect(badPerm.body.field).toBe('permissions[1]');
        expect((await asAdmin('POST', `/api/v1/users/${enc('nobody@example.test')}/grants`, { mailbox: 'alice@example.test', permissions: ['read'] })).status).toBe(404);

        const tok = await asAdmin('POST', `/api/v1/users/${enc('carol@example.test')}/tokens`, { name: 'script' });
        expect(tok.status).toBe(201);
        expect(tok.body.token).toMatch(/^mc_/);
        const me = await call(h, 'GET', '/api/v1/me', { token: tok.body.token });
        expect(me.body).toMatchObject({ email: 'carol@example.test', mustChangePassword: true });
        expect((await asAdmin('POST', `/api/v1/users/${enc('nobody@example.test')}/tokens`, { name: 'x' })).status).toBe(404);
      });

      it('shows and manages the queue, traces messages', async () => {
        const q = await asAdmin('GET', '/api/v1/queue');
        expect(q.status).toBe(200);
        expect(q.body).toEqual({ queue: [] });
        expect((await asAdmin('POST', '/api/v1/queue/retry')).body).toEqual({ retried: 0 });
        expect((await asAdmin('POST', '/api/v1/queue/NOSUCHID/retry')).status).toBe(404);
        const del = await asAdmin('DELETE', '/api/v1/queue/NOSUCHID');
        expect(del.status).toBe(404);
        expect(del.body).toMatchObject({ error: 'not_found', field: 'id' });
        expect((await asAdmin('GET', `/api/v1/trace/${enc('<missing@example.test>')}`)).status).toBe(404);
      });

      it('removes mailboxes and domains', async () => {
        expect((await asAdmin('DELETE', `/api/v1/mailboxes/${enc('bob@example.test')}`)).body).toEqual({ address: 'bob@example.test' });
        expect((await asAdmin('DELETE', '/api/v1/domains/cookie.test')).body).toEqual({ domain: 'cookie.test' });
        expect((await asAdmin('DELETE', '/api/v1/domains/cookie.test')).status).toBe(404);
      });
    });

    describe('the rest', () => {
      it('answers unknown routes with a JSON 404', async () => {
        const r = await call(h, 'GET', '/api/v1/nothing-here');
        expect(r.status).toBe(404);
        expect(r.headers.get('content-type')).toMatch(/^application\/json/);
        expect(r.body).toMatchObject({ error: 'not_found' });
        expect((await call(h, 'GET', '/favicon.ico')).body.error).toBe('not_found');
      });

      it('serves an OpenAPI 3.1 document of every route', async () => {
        const r = await call(h, 'GET', '/api/v1/openapi.json');
        expect(r.status).toBe(200);
        const doc = r.body;
        expect(doc.openapi).toBe('3.1.0');
        const listed = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
        expect(listed.sort()).toEqual(EXPECTED_ROUTES.map(([m, p]) => `${m} ${p}`).sort());
        expect(doc.components.securitySchemes).toMatchObject({
          bearerAuth: { type: 'http', scheme: 'bearer' },
          sessionCookie: { type: 'apiKey', in: 'cookie', name: 'mailcove_session' },
        });
        expect(doc.components.schemas.Error.required).toEqual(['error', 'message']);

        const addMailbox = doc.paths['/api/v1/mailboxes'].post;
        expect(addMailbox.security).toEqual([{ bearerAuth: [] }, { sessionCookie: [] }]);
        const body = addMailbox.requestBody.content['application/json'].schema;
        expect(body.required).toEqual(['address']);
        expect(body.properties.quotaBytes).toMatchObject({ type: 'integer', minimum: 0 });
        expect(addMailbox.responses['201'].content['application/json'].schema.properties.address).toEqual({ type: 'string' });
        for (const s of ['400', '401', '403', '409', '500']) expect(addMailbox.responses[s].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
        expect(doc.paths['/api/v1/redirects'].post.requestBody.content['application/json'].schema.properties.targets.maxItems).toBe(10);
        expect(doc.paths['/api/v1/mailboxes'].get.parameters).toEqual([expect.objectContaining({ name: 'domain', in: 'query', required: false })]);
        expect(doc.paths['/api/v1/mailboxes/{address}/device-passwords/{id}'].delete.parameters.map((p: { name: string }) => p.name)).toEqual(['address', 'id']);
        expect(doc.paths['/api/v1/auth/login'].post.security).toEqual([]);

        // Every documented operation is really routed: without credentials each answers 401, never 404.
        for (const [method, path] of EXPECTED_ROUTES) {
          const op = doc.paths[path][method.toLowerCase()];
          if (op.security.length === 0) continue;
          const url = path.replace(/\{[^}]+\}/g, (m) => (m === '{id}' && path.includes('device-passwords') ? '1' : 'x%40example.test'));
          const res = await call(h, method, url);
          expect(res.status, `${method} ${url}`).toBe(401);
        }
      });

      it('reports health', async () => {
        const r = await call(h, 'GET', '/healthz');
        expect(r.status).toBe(200);
        expect(r.body).toEqual({ status: 'ok' });
      });

      it('exports Prometheus metrics, counting HTTP requests by route pattern', async () => {
        const r = await call(h, 'GET', '/metrics');
        expect(r.status).toBe(200);
        expect(r.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
        for (const name of ['smtp_connections_total', 'smtp_messages_total', 'smtp_auth_failures_total', 'delivery_duration_seconds', 'queue_attempts_total', 'imap_connections_total', 'http_requests_total']) {
          expect(r.text).toContain(`# TYPE ${name} `);
        }
        expect(r.text).toMatch(/^http_requests_total\{route="\/api\/v1\/domains",status="201"\} \d+$/m);
        expect(r.text).toMatch(/^http_requests_total\{route="\/api\/v1\/mailboxes\/:address",status="404"\} \d+$/m);
        expect(r.text).toMatch(/^http_requests_total\{route="\/api\/v1\/me",status="401"\} \d+$/m);
        expect(r.text).toMatch(/^http_requests_total\{route="unmatched",status="404"\} \d+$/m);
        expect(r.text).not.toContain('nothing-here');
      });
    });
  });

  describe.skipIf(!DIALECTS.includes(dialect))(`HTTP API failures (${dialect})`, () => {
    let h: Harness;
    let token: string;

    beforeAll(async () => {
      const t = await freshStore(dialect);
      const ctx = { store: t.store, blobs: t.blobs, defaultQuotaBytes: 1 };
      await addUser(ctx, ADMIN, { admin: true, password: ADMIN_PASSWORD });
      token = (await createApiToken(ctx, ADMIN, 'tests')).token;
      h = await start(t);
    });

    afterAll(async () => {
      await stop(h);
      await h?.t.cleanup();
    });

    it('serves HTTPS when given a certificate, and then marks the session cookie Secure', async () => {
      const pair = createSelfSignedCertificate({ hostnames: ['127.0.0.1'] });
      const secure = await start(h.t, makeConfig(), { cert: pair.certPem, key: pair.keyPem });
      try {
        const r = await httpsRequest(`${secure.base}/api/v1/auth/login`, pair.certPem, 'POST', { email: ADMIN, password: ADMIN_PASSWORD });
        expect(r.status).toBe(200);
        const cookie = String(r.headers['set-cookie']);
        expect(cookie).toMatch(/^mailcove_session=.*; HttpOnly; SameSite=Strict; .*Secure/);
      } finally {
        await stop(secure);
      }
    });

    it('answers 503 on /healthz and a bare 500 on the API when the database is gone, and logs why', async () => {
      await h.t.store.close();
      const health = await call(h, 'GET', '/healthz');
      expect(health.status).toBe(503);
      expect(health.body).toEqual({ status: 'error' });
      const r = await call(h, 'GET', '/api/v1/domains', { token });
      expect(r.status).toBe(500);
      expect(r.body).toMatchObject({ error: 'internal' });
      expect(r.text).not.toMatch(/kysely|destroy|driver|at /i);
      const logged = h.logs.find((l) => l.msg === 'http request failed');
      expect(logged).toBeDefined();
      expect(logged!.err).toBeDefined();
    });
  });
}
