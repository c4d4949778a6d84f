// DKIM signing (RFC 6376, RFC 8463 for Ed25519): relaxed/relaxed, one DKIM-Signature per key, the
// body hashed and the covered fields canonicalized once for all keys. Pure: keys are KeyObjects
// the caller caches (importing an RSA key costs more than signing with it), the time is given.
import type { KeyObject } from 'node:crypto';
import { bodyHash, relaxedField, selectFields, splitMessage, type RawField } from './canon.js';
import { algorithmTag, signedHeader, type KeyAlgorithm, type Tag } from './signature.js';

export interface SigningKey {
  domain: string;
  selector: string;
  algorithm: KeyAlgorithm;
  key: KeyObject;
}

/** Signed with every instance they have, when present. */
export const SIGNED_FIELDS = [
  'from', 'sender', 'reply-to', 'subject', 'date', 'message-id', 'to', 'cc',
  'mime-version', 'content-type', 'content-transfer-encoding', 'content-id', 'content-description',
  'in-reply-to', 'references',
  'list-id', 'list-help', 'list-unsubscribe', 'list-unsubscribe-post', 'list-subscribe', 'list-post', 'list-owner', 'list-archive',
  'resent-date', 'resent-from', 'resent-sender', 'resent-to', 'resent-cc', 'resent-message-id',
];

/**
 * Listed once more than they occur (RFC 6376 8.15): a copy of any of these added after signing
 * (a second From shown by some clients, a new Subject or Reply-To) breaks the signature.
 */
export const OVERSIGNED_FIELDS = [
  'from', 'sender', 'reply-to', 'subject', 'date', 'message-id', 'to', 'cc',
  'mime-version', 'content-type', 'content-transfer-encoding', 'in-reply-to', 'references',
];

/** The h= list for these fields: each name as often as it occurs, plus once for oversigned names. */
export function signedFieldNames(fields: RawField[]): string[] {
  const count = new Map<string, number>();
  for (const f of fields) count.set(f.key, (count.get(f.key) ?? 0) + 1);
  const names: string[] = [];
  for (const name of SIGNED_FIELDS) {
    const n = (count.get(name) ?? 0) + (OVERSIGNED_FIELDS.includes(name) ? 1 : 0);
    for (let i = 0; i < n; i++) names.push(name);
  }
  return names;
}

/**
 * DKIM-Signature fields for `message`, one per key, each ending in CRLF, to be put in front of the
 * message unchanged. `now` (ms) becomes t=; no x= (the queue may hold a message for days).
 */
export function dkimSign(message: Buffer, keys: SigningKey[], now: number): string {
  if (keys.length === 0) return '';
  const { fields, body } = splitMessage(message);
  const names = signedFieldNames(fields);
  const canonical = selectFields(fields, names).map((f) => `${relaxedField(f.raw)}\r\n`).join('');
  const bh = bodyHash(body);
  const t = String(Math.floor(now / 1000));
  let out = '';
  for (const k of keys) {
    const tags: Tag[] = [
      ['v', '1'],
      ['a', algorithmTag(k.algorithm)],
      ['c', 'relaxed/relaxed'],
      ['d', k.domain],
      ['s', k.selector],
      ['t', t],
      ['h', names.join(':')],
      ['bh', bh],
      ['b', ''],
    ];
    out += `${signedHeader('DKIM-Signature', tags, canonical, k.algorithm, k.key)}\r\n`;
  }
  return out;
}
