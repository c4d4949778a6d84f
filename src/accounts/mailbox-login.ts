// Logging in to IMAP, SMTP submission and ManageSieve: a mailbox address plus one of its active
// device passwords. Successful checks are remembered for a few minutes (keyed by a hash of the
// secret) so a phone reconnecting every minute doesn't pay Argon2 each time; revocation still
// applies at once because the remembered id is checked against the active list.
import crypto from 'node:crypto';
import type { Store } from '../store/db.js';
import { activeDevicePasswords, findMailbox, touchDevicePassword } from '../store/domains-repo.js';
import type { Row } from '../store/schema.js';
import { parseAddress } from '../util/address.js';
import { verifyPassword } from './passwords.js';
import type { AuthLimiter } from './auth-limiter.js';

export type LoginResult =
  | { ok: true; mailbox: Row<'mailboxes'>; devicePasswordId: number }
  | { ok: false; reason: 'locked'; retryAfterMs: number }
  | { ok: false; reason: 'invalid' };

const CACHE_MS = 5 * 60_000;
const cache = new Map<string, { devicePasswordId: number; until: number }>();

export async function mailboxLogin(store: Store, limiter: AuthLimiter, username: string, password: string, ip: string): Promise<LoginResult> {
  const locked = limiter.lockedFor(ip, username);
  if (locked > 0) return { ok: false, reason: 'locked', retryAfterMs: locked };
  const parsed = parseAddress(username);
  const mailbox = parsed ? await findMailbox(store.db, parsed.address) : undefined;
  const active = mailbox ? await activeDevicePasswords(store.db, mailbox.id) : [];
  const key = crypto.createHash('sha256').update(`${mailbox?.id}\0${password}`).digest('hex');
  const hit = cache.get(key);
  let matched: number | null = null;
  if (hit && hit.until > Date.now() && active.some((d) => d.id === hit.devicePasswordId)) matched = hit.devicePasswordId;
  else {
    for (const d of active) {
      if (await verifyPassword(d.hash, password)) {
        matched = d.id;
        break;
      }
    }
  }
  if (!mailbox || matched === null) {
    await limiter.failure(ip, username);
    return { ok: false, reason: 'invalid' };
  }
  cache.set(key, { devicePasswordId: matched, until: Date.now() + CACHE_MS });
  limiter.success(username);
  await touchDevicePassword(store.db, matched, ip);
  return { ok: true, mailbox, devicePasswordId: matched };
}
