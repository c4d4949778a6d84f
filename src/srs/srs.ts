// Sender Rewriting Scheme, the Shevek scheme of libsrs2 and Mail::SRS ("guarded" variant), so a
// message we forward carries an envelope sender in our own domain and SPF passes downstream,
// while a bounce to that address can still be sent back to whoever wrote the message.
//
//   forward  user@example.org                   → SRS0=HHHH=TT=example.org=user@our.domain
//   forward  SRS0=HHHH=TT=example.org=user@fwd  → SRS1=GGGG=fwd==HHHH=TT=example.org=user@our.domain
//   forward  SRS1=GGGG=fwd==HHHH=...@fwd2       → SRS1=KKKK=fwd==HHHH=...@our.domain   (no growth)
//   reverse  SRS0 → user@example.org (hash and age checked)
//   reverse  SRS1 → SRS0=HHHH=...@fwd (hash checked; the first forwarder checks the age)
//
// HHHH is HMAC-SHA1 over the lower-cased fields (timestamp, host, user), base64, cut to hashLength
// characters; it is compared without regard to case because mail systems lower-case addresses on
// the way. TT is the day number modulo 1024 in two base32 characters. Pure code: the secret and
// the clock come in as arguments.
import crypto from 'node:crypto';

/** RFC 5321 4.5.3.1.1 and 4.5.3.1.3 (254 rather than 256: the path includes the angle brackets). */
export const MAX_LOCAL_PART_OCTETS = 64;
export const MAX_ADDRESS_OCTETS = 254;

const DAY_MS = 86_400_000;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const TIME_SLOTS = 1024; // two base32 characters
/** Separators allowed right after the SRS0/SRS1 tag; the fields after it are always split by '='. */
const TAG_SEPARATORS = '=+-';
const SEP = '=';
/** A full SHA-1 digest is 27 base64 characters without padding. */
const MAX_HASH_LENGTH = 27;

export type SrsErrorKind = 'forged' | 'expired' | 'malformed' | 'too-long';

export type SrsResult = { ok: true; address: string } | { ok: false; error: SrsErrorKind; reason: string };

export interface SrsOptions {
  /** The first signs; every one verifies (old secrets stay here while their addresses may still bounce). */
  secrets: readonly string[];
  /** Days an SRS0 address stays valid (libsrs2: 21). */
  maxAgeDays?: number;
  /** Characters of the hash (libsrs2: 4). */
  hashLength?: number;
  /** Milliseconds since the epoch. */
  now?: () => number;
}

export interface Srs {
  /** The envelope sender to use when forwarding mail from `sender`, in `domain`. */
  forward(sender: string, domain: string): SrsResult;
  /** The address behind an SRS address (any domain: the caller decides which domains are ours). */
  reverse(address: string): SrsResult;
}

/** Does this local part claim to be an SRS address? (Then it must verify, or it is refused.) */
export function isSrsLocalPart(local: string): boolean {
  return local.length > 5 && /^srs[01]$/i.test(local.slice(0, 4)) && TAG_SEPARATORS.includes(local[4]!);
}

export function createSrs(opts: SrsOptions): Srs {
  const secrets = opts.secrets.filter((s) => s.length > 0);
  if (secrets.length === 0) throw new RangeError('SRS needs at least one secret');
  const maxAgeDays = opts.maxAgeDays ?? 21;
  const hashLength = opts.hashLength ?? 4;
  if (!Number.isInteger(maxAgeDays) || maxAgeDays < 1 || maxAgeDays >= TIME_SLOTS) throw new RangeError(`maxAgeDays must be 1-${TIME_SLOTS - 1}`);
  if (!Number.isInteger(hashLength) || hashLength < 4 || hashLength > MAX_HASH_LENGTH) throw new RangeError(`hashLength must be 4-${MAX_HASH_LENGTH}`);
  const now = opts.now ?? Date.now;

  const hash = (secret: string, fields: string[]) => {
    const h = crypto.createHmac('sha1', secret);
    for (const f of fields) h.update(f.toLowerCase(), 'utf8');
    return h.digest('base64').slice(0, hashLength);
  };

  /** Case-insensitive and constant-time for equal lengths; any secret may have made it. */
  const verify = (given: string, fields: string[]) => {
    if (given.length !== hashLength) return false;
    const a = Buffer.from(given.toLowerCase(), 'utf8');
    return secrets.some((s) => {
      const b = Buffer.from(hash(s, fields).toLowerCase(), 'utf8');
      return a.length === b.length && crypto.timingSafeEqual(a, b);
    });
  };

  const today = () => Math.floor(now() / DAY_MS) % TIME_SLOTS;

  return {
    forward(sender, domain) {
      const at = sender.lastIndexOf('@');
      if (at <= 0 || at === sender.length - 1) return fail('malformed', `sender "${sender}" is not local@domain`);
      if (!domain || domain.includes('@')) return fail('malformed', `rewrite domain "${domain}" is not a domain`);
      const user = sender.slice(0, at);
      const host = sender.slice(at + 1);
      let local: string;
      if (/^srs1$/i.test(user.slice(0, 4)) && TAG_SEPARATORS.includes(user[4] ?? '')) {
        // Re-forwarding an SRS1 address: keep the first forwarder and its SRS0 part, sign anew.
        const [, firstHost, rest] = splitFields(user.slice(5), 3);
        if (!firstHost || !rest) return fail('malformed', `SRS1 sender "${sender}" has no host or user part`);
        local = `SRS1${SEP}${hash(secrets[0]!, [firstHost, rest])}${SEP}${firstHost}${SEP}${rest}`;
      } else if (/^srs0$/i.test(user.slice(0, 4)) && TAG_SEPARATORS.includes(user[4] ?? '')) {
        // Forwarding another forwarder's SRS0 address: wrap it (the part after "SRS0" keeps its separator).
        const rest = user.slice(4);
        local = `SRS1${SEP}${hash(secrets[0]!, [host, rest])}${SEP}${host}${SEP}${rest}`;
      } else {
        const stamp = encodeStamp(today());
        local = `SRS0${SEP}${hash(secrets[0]!, [stamp, host, user])}${SEP}${stamp}${SEP}${host}${SEP}${user}`;
      }
      return withinLimits(local, domain);
    },

    reverse(address) {
      const at = address.lastIndexOf('@');
      const local = at === -1 ? address : address.slice(0, at);
      if (!isSrsLocalPart(local)) return fail('malformed', `"${address}" is not an SRS address`);
      const tag = local.slice(0, 4).toUpperCase();
      const body = local.slice(5);
      if (tag === 'SRS0') {
        const [given, stamp, host, user] = splitFields(body, 4);
        if (!given || !stamp || !host || !user) return fail('malformed', 'SRS0 address without hash, timestamp, host and user');
        const then = decodeStamp(stamp);
        if (then === null) return fail('malformed', `bad SRS timestamp "${stamp}"`);
        // The timestamp is signed too: a forged one is reported as forged, not as expired.
        if (!verify(given, [stamp, host, user])) return fail('forged', 'invalid SRS signature');
        const age = (today() - then + TIME_SLOTS) % TIME_SLOTS;
        if (age > maxAgeDays) return fail('expired', `SRS address expired (${age} days old, valid ${maxAgeDays})`);
        return { ok: true, address: `${user}@${host}` };
      }
      const [given, host, rest] = splitFields(body, 3);
      if (!given || !host || !rest) return fail('malformed', 'SRS1 address without hash, host and SRS0 part');
      if (!verify(given, [host, rest])) return fail('forged', 'invalid SRS signature');
      // RFC-wise the result is the first forwarder's SRS0 address; that forwarder checks its age.
      return { ok: true, address: `SRS0${rest}@${host}` };
    },
  };
}

function fail(error: SrsErrorKind, reason: string): SrsResult {
  return { ok: false, error, reason };
}

/** Splits on '=' into at most `n` fields, the last one keeping any further '='. */
function splitFields(s: string, n: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (out.length < n - 1) {
    const i = rest.indexOf(SEP);
    if (i === -1) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + 1);
  }
  out.push(rest);
  return out;
}

function encodeStamp(day: number): string {
  return BASE32[(day >> 5) & 31]! + BASE32[day & 31]!;
}

function decodeStamp(stamp: string): number | null {
  if (stamp.length !== 2) return null;
  const hi = BASE32.indexOf(stamp[0]!.toUpperCase());
  const lo = BASE32.indexOf(stamp[1]!.toUpperCase());
  return hi === -1 || lo === -1 ? null : (hi << 5) | lo;
}

/** A rewritten address the next server could refuse or truncate is an error, never sent. */
function withinLimits(local: string, domain: string): SrsResult {
  const localOctets = Buffer.byteLength(local, 'utf8');
  const total = localOctets + 1 + Buffer.byteLength(domain, 'utf8');
  if (localOctets > MAX_LOCAL_PART_OCTETS) {
    return fail('too-long', `rewritten local part would be ${localOctets} octets (at most ${MAX_LOCAL_PART_OCTETS})`);
  }
  if (total > MAX_ADDRESS_OCTETS) return fail('too-long', `rewritten address would be ${total} octets (at most ${MAX_ADDRESS_OCTETS})`);
  return { ok: true, address: `${local}@${domain}` };
}
