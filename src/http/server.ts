// The HTTP listener: health check, Prometheus metrics and the JSON API under /api/v1.
// Assembly only: routes live in routes/*.ts (one table), authentication in auth.ts, the error
// shape in errors.ts, the API document in openapi.ts. The caller calls listen() and close().
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { z } from 'zod';
import { AuthLimiter } from '../accounts/auth-limiter.js';
import { PROMETHEUS_CONTENT_TYPE } from '../metrics/registry.js';
import { AppError } from '../util/errors.js';
import { authenticate, checkOrigin, forbidden, primeLogin, unauthorized } from './auth.js';
import { friendlyZodErrors, installErrorHandlers, zodToAppError } from './errors.js';
import { API_PREFIX, type ApiContext, type ApiRoute, type AuthUser, type HttpDeps } from './route.js';
import { API_ROUTES } from './routes/index.js';
import { registerRedirectConfirmation } from './confirm-redirect.js';

export type { HttpDeps } from './route.js';
export { API_ROUTES } from './routes/index.js';

const PASSWORD_CHANGE_ROUTES = new Set(['getMe', 'logout', 'changePassword']);

export const BODY_LIMIT_BYTES = 1024 * 1024;

function parseInput<T extends z.ZodType | undefined>(schema: T, value: unknown, where: 'body' | 'query' | 'params'): unknown {
  if (!schema) return undefined;
  const r = schema.safeParse(value, { error: friendlyZodErrors });
  if (!r.success) throw zodToAppError(r.error, where);
  return r.data;
}

export function createHttpServer(deps: HttpDeps): FastifyInstance {
  const options = { logger: false, bodyLimit: BODY_LIMIT_BYTES, trustProxy: false, return503OnClosing: true } as const;
  // With deps.https the listener speaks TLS itself (and session cookies get Secure). The instance
  // is typed as the plain-HTTP one either way; the routes do not care which server carries them.
  const app = (deps.https ? Fastify({ ...options, https: { cert: deps.https.cert, key: deps.https.key } }) : Fastify(options)) as unknown as FastifyInstance;
  const limiter =
    deps.authLimiter ??
    new AuthLimiter({
      maxFailures: deps.config.auth.maxFailures,
      windowMs: deps.config.auth.failureWindowMin * 60_000,
      lockMs: deps.config.auth.lockMin * 60_000,
      failureDelayMs: deps.config.auth.failureDelayMs,
    });
  const ctx: ApiContext = {
    deps,
    admin: { store: deps.store, blobs: deps.blobs, defaultQuotaBytes: deps.defaultQuotaBytes },
    limiter,
  };
  const users = new WeakMap<FastifyRequest, AuthUser>();
  primeLogin();

  installErrorHandlers(app, deps.log);

  app.addHook('onSend', async (request, reply, payload) => {
    void reply.header('X-Content-Type-Options', 'nosniff');
    // API answers carry secrets shown once (tokens, passwords) and per-user data: never cache.
    if (request.url.startsWith(`${API_PREFIX}/`)) void reply.header('Cache-Control', 'no-store');
    return payload;
  });

  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, not the URL, keeps the label set bounded.
    const route = request.routeOptions.url ?? 'unmatched';
    deps.metrics.httpRequests.inc({ route, status: reply.statusCode });
    const fields = {
      method: request.method,
      route,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
      ip: request.ip,
      userId: users.get(request)?.id,
    };
    if (route === '/healthz' || route === '/metrics') deps.log.debug(fields, 'http request');
    else deps.log.info(fields, 'http request');
  });

  app.get('/healthz', async (_request, reply) => {
    try {
      await sql`select 1`.execute(deps.store.db);
      return { status: 'ok' };
    } catch (err) {
      deps.log.warn({ err }, 'health check: database query failed');
      return reply.code(503).send({ status: 'error' });
    }
  });

  app.get('/metrics', async (_request, reply) => {
    return reply.type(PROMETHEUS_CONTENT_TYPE).send(deps.metrics.render());
  });

  for (const route of API_ROUTES) registerApiRoute(app, route, ctx, users);
  registerRedirectConfirmation(app, deps);
  return app;
}

function registerApiRoute(app: FastifyInstance, route: ApiRoute, ctx: ApiContext, users: WeakMap<FastifyRequest, AuthUser>): void {
  app.route({
    method: route.method,
    url: API_PREFIX + route.path,
    bodyLimit: route.bodyLimit,
    handler: async (request, reply) => {
      let user: AuthUser | null = null;
      if (route.auth === 'none') {
        checkOrigin(request);
      } else {
        user = await authenticate(ctx, request).catch((err: unknown) => {
          if (err instanceof AppError && err.kind === 'unauthorized') {
            void reply.header('WWW-Authenticate', 'Bearer realm="mailcove", error="invalid_token"');
          }
          throw err;
        });
        if (!user) {
          void reply.header('WWW-Authenticate', 'Bearer realm="mailcove"');
          throw unauthorized();
        }
        users.set(request, user);
        if (user.via === 'session') checkOrigin(request);
        // A one-time password is for setting one's own: until then only that and "who am I" work.
        if (user.mustChangePassword && user.via === 'session' && !PASSWORD_CHANGE_ROUTES.has(route.operationId)) {
          throw forbidden('change your one-time password first (POST /api/v1/auth/password)');
        }
        if (route.auth === 'admin' && !user.admin) throw forbidden();
      }
      const params = parseInput(route.params, request.params, 'params');
      const query = parseInput(route.query, request.query, 'query');
      const body = parseInput(route.body, request.body, 'body');
      const result = await route.handler({ params, query, body, user, ctx, request, reply });
      // The response schema is the allow-list of what leaves; a mismatch is our bug, hence a 500.
      const out = route.response.safeParse(result);
      if (!out.success) throw new Error(`response of ${route.operationId} does not match its schema: ${out.error.message}`);
      return reply.code(route.status ?? 200).send(out.data);
    },
  });
}
