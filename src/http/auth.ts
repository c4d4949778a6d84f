// Who is calling: an API token (`Authorization: Bearer mc_...`, looked up by its SHA-256) or a
// session cookie from POST /auth/login.
//
// Sessions: the cookie holds 32 random bytes (base64url); the database holds only their SHA-256,
// so a copy of the database (a backup, a read-only SQL hole) cannot be replayed as a login.
// The cookie is HttpOnly, SameSite=Strict, Secure when the request came over TLS, and lives as
// long as the session row (SESSION_TTL_MS). As a second line against cross-site requests, a
// cookie-authenticated request that changes something and carries an Origin header must come
// from this same host.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Row } from '../store/schema.js';
import * as accounts from '../store/accounts-repo.js';
import { hashPassword, verifyPassword } from '../accounts/passwords.js';
import { AppError } from '../util/errors.js';
import { newSecret, sha256Hex } from '../util/ids.js';
import { parseAddress } from '../util/address.js';
import type { ApiContext, AuthUser } from './route.js';

export const SESSION_COOKIE = 'mailcove_session';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const TOKEN_RE = /^[A-Za-z0-9_-]{16,200}$/;

export const unauthorized = () =>
  new AppError('unauthorized', 'authentication required: send "Authorization: Bearer <API token>" or log in with POST /api/v1/auth/login');
export const forbidden = (message = 'this needs an administrator') => new AppError('forbidden', message);

export function toAuthUser(u: Row<'users'>, via: AuthUser['via'], sessionToken?: string): AuthUser {
  return {
    id: u.id,
    email: u.email,
    admin: !!u.is_admin,
    mustChangePassword: !!u.must_change_password,
    createdAt: u.created_at,
    via,
    ...(sessionToken ? { sessionToken } : {}),
  };
}

/** The value of one cookie from the Cookie header, if present. */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * The caller, or null when no (usable) credentials were sent. A malformed or unknown bearer token
 * is a 401 straight away: the client chose that credential, so it learns it is wrong. A session
 * cookie that is unknown or expired counts as absent (the route then answers 401 if it needs a user).
 */
export async function authenticate(ctx: ApiContext, request: FastifyRequest): Promise<AuthUser | null> {
  const db = ctx.deps.store.db;
  const authz = request.headers.authorization;
  if (authz !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authz);
    if (!m || !TOKEN_RE.test(m[1])) throw unauthorized();
    const user = await accounts.findUserByTokenHash(db, sha256Hex(m[1]));
    if (!user) throw unauthorized();
    return toAuthUser(user, 'token');
  }
  const cookie = readCookie(request, SESSION_COOKIE);
  if (cookie) {
    if (!TOKEN_RE.test(cookie)) return null; // not one of ours (or cleared): treat as absent
    const user = await accounts.findUserBySession(db, sha256Hex(cookie));
    if (!user) return null; // expired or logged out elsewhere: as absent, so logout and login still work
    return toAuthUser(user, 'session', cookie);
  }
  return null;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses a state-changing request whose Origin header names another host. Applied to
 * cookie-authenticated requests and to login/logout (SameSite=Strict should already stop them).
 */
export function checkOrigin(request: FastifyRequest): void {
  if (!UNSAFE.has(request.method)) return;
  const origin = request.headers.origin;
  if (origin === undefined) return;
  let host: string | null = null;
  try {
    host = new URL(origin).host;
  } catch {
    host = null;
  }
  if (!host || host !== request.headers.host) throw forbidden('cross-origin request refused');
}

function cookieAttributes(request: FastifyRequest, maxAgeSec: number): string {
  // trustProxy is off, so this is the socket's own TLS state, not a header anyone can send.
  const secure = request.protocol === 'https' ? '; Secure' : '';
  return `Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSec}${secure}`;
}

// Unknown emails are verified against this hash too, so their answer takes as long as a wrong password.
let dummyHash: Promise<string> | undefined;
const getDummyHash = () => (dummyHash ??= hashPassword(newSecret(16)));
/** Computes the dummy hash ahead of the first login, so even that one takes no extra time. */
export const primeLogin = () => void getDummyHash().catch(() => (dummyHash = undefined));

/**
 * Checks email and password under the failed-login limiter (per IP and per email), creates the
 * session and sets the cookie. Every failure gets the same 401 message.
 */
export async function login(ctx: ApiContext, request: FastifyRequest, reply: FastifyReply, email: string, password: string): Promise<AuthUser> {
  const { store, log } = ctx.deps;
  const account = parseAddress(email)?.address ?? email.trim().toLowerCase();
  const ip = request.ip;
  const locked = ctx.limiter.lockedFor(ip, account);
  if (locked > 0) {
    void reply.header('Retry-After', String(Math.ceil(locked / 1000)));
    throw new AppError('limit', 'too many failed logins; try again later');
  }
  const user = await accounts.findUserByEmail(store.db, account);
  const ok = await verifyPassword(user?.password_hash ?? (await getDummyHash()), password);
  if (!user || !ok) {
    log.info({ ip, email: account, reason: user ? 'password' : 'no such user' }, 'http login failed');
    await ctx.limiter.failure(ip, account);
    throw new AppError('unauthorized', 'wrong email or password');
  }
  ctx.limiter.success(account);
  const token = newSecret(32);
  const now = Date.now();
  // Housekeeping: expired sessions are useless; logins are rare enough to sweep them here.
  await store.db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
  await accounts.insertSession(store.db, { id: sha256Hex(token), userId: user.id, ttlMs: SESSION_TTL_MS, ip });
  void reply.header('Set-Cookie', `${SESSION_COOKIE}=${token}; ${cookieAttributes(request, Math.floor(SESSION_TTL_MS / 1000))}`);
  log.info({ ip, userId: user.id }, 'http login');
  return toAuthUser(user, 'session', token);
}

/** Ends the session named by the cookie (if any) and clears the cookie. */
export async function logout(ctx: ApiContext, request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  const cookie = readCookie(request, SESSION_COOKIE);
  let ended = false;
  if (cookie && TOKEN_RE.test(cookie)) {
    const id = sha256Hex(cookie);
    ended = (await ctx.deps.store.db.selectFrom('sessions').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
    await accounts.deleteSession(ctx.deps.store.db, id);
  }
  void reply.header('Set-Cookie', `${SESSION_COOKIE}=; ${cookieAttributes(request, 0)}`);
  return ended;
}
