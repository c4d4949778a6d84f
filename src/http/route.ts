// What one API route is: method, path, who may call it, zod schemas for its input and output,
// and the handler. The router (server.ts) and the OpenAPI document (openapi.ts) are both built
// from the same list of these, so they cannot drift apart.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Store } from '../store/db.js';
import type { BlobStore } from '../blobs/blob-store.js';
import type { Config } from '../config/schema.js';
import type { Metrics } from '../metrics/registry.js';
import type { AdminContext } from '../accounts/admin.js';
import type { AuthLimiter } from '../accounts/auth-limiter.js';
import type { EventBus } from '../events/bus.js';

export const API_PREFIX = '/api/v1';

export interface HttpDeps {
  store: Store;
  blobs: BlobStore;
  /** The node's event bus: changes made over the API (reports moving messages) reach IMAP sessions. */
  events?: EventBus;
  config: Config;
  log: Logger;
  metrics: Metrics;
  defaultQuotaBytes: number;
  /** Shared with other listeners if given; otherwise the HTTP server makes its own from config.auth. */
  authLimiter?: AuthLimiter;
  /** PEM certificate and key: serve HTTPS instead of HTTP (e.g. server.ts's loadTls(config)). */
  https?: { cert: string; key: string };
}

/** Built once per server and handed to every handler. */
export interface ApiContext {
  deps: HttpDeps;
  admin: AdminContext;
  limiter: AuthLimiter;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** none: anyone (login, logout, the API document); user: any logged-in user; admin: users with is_admin. */
export type AuthLevel = 'none' | 'user' | 'admin';

/** The caller, however they authenticated. */
export interface AuthUser {
  id: number;
  email: string;
  admin: boolean;
  mustChangePassword: boolean;
  createdAt: number;
  via: 'token' | 'session';
  /** The raw session cookie value when via === 'session' (for logout). */
  sessionToken?: string;
}

export interface HandlerInput<P, Q, B, A extends AuthLevel> {
  params: P;
  query: Q;
  body: B;
  user: A extends 'none' ? AuthUser | null : AuthUser;
  ctx: ApiContext;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteDef<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType, A extends AuthLevel> {
  method: HttpMethod;
  /** Below API_PREFIX, in Fastify's syntax: `/domains/:name`. */
  path: string;
  /** Unique, camelCase: the OpenAPI operationId. */
  operationId: string;
  summary: string;
  /** Groups routes in the document, one tag per file under routes/. */
  tag: string;
  auth: A;
  params?: P;
  query?: Q;
  body?: B;
  /** The success body. Handler results are parsed with it, so it is also an allow-list of what leaves the server. */
  response: R;
  /** Success status; 200 unless given. */
  status?: 200 | 201;
  /** Error statuses this route can answer besides the ones implied by its auth and input (400/401/403/500). */
  errors?: number[];
  /** Largest request body in octets, when a route needs more than the server's BODY_LIMIT_BYTES. */
  bodyLimit?: number;
  handler(input: HandlerInput<z.output<P>, z.output<Q>, z.output<B>, A>): Promise<z.input<R>>;
}

// The erased form kept in the table; defineRoute checks each definition against its own schemas first.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ApiRoute = RouteDef<any, any, any, any, AuthLevel>;

export function defineRoute<
  R extends z.ZodType,
  A extends AuthLevel,
  P extends z.ZodType = z.ZodUndefined,
  Q extends z.ZodType = z.ZodUndefined,
  B extends z.ZodType = z.ZodUndefined,
>(def: RouteDef<P, Q, B, R, A>): ApiRoute {
  return def as unknown as ApiRoute;
}

/** `/domains/:name/limits` -> `/domains/{name}/limits` */
export const openApiPath = (path: string) => API_PREFIX + path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
