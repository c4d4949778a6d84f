import crypto from 'node:crypto';

/** Sortable, unique ids for deliveries and queue entries: time first, then randomness. */
export function newId(now = Date.now()): string {
  return now.toString(36).padStart(9, '0').toUpperCase() + crypto.randomBytes(6).toString('hex').toUpperCase();
}

/** A secret shown once: URL-safe, typed by machines (API tokens, session ids). */
export function newSecret(bytes = 24): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

export function sha256Hex(value: string | Buffer): string {
  return crypto.createHash('sha256').update(value).digest('hex');
}
