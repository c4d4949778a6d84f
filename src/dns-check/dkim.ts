// DKIM keys of the domain (RFC 6376 3.6.1, RFC 8463): for each key Mailcove signs with, the record
// at <selector>._domainkey.<domain> exists, is well-formed and publishes that very key. Selectors
// cannot be listed from DNS, so the check starts from the keys we expect (see expected.ts).
import { askTxt } from './lookup.js';
import { parseTagList } from './tag-list.js';
import { finding, type CheckContext, type ExpectedDkimRecord, type Finding } from './types.js';
import { txtRecord } from './zone.js';

export interface DkimKeyRecord {
  /** 'rsa' unless k= says otherwise. */
  k: string;
  /** base64, whitespace removed; empty means the key was revoked. */
  p: string;
  /** t= flags ('y' testing, 's' strict). */
  t: string[];
}

export type DkimKeyParse = { ok: true; record: DkimKeyRecord } | { ok: false; error: string };

export function parseDkimKey(text: string): DkimKeyParse {
  const list = parseTagList(text);
  if (list.errors.length) return { ok: false, error: list.errors.join('; ') };
  const v = list.byName.get('v');
  // RFC 6376 3.6.1: v= is optional, but when present it is first and says DKIM1.
  if (v && (list.tags[0] !== v || v.value !== 'DKIM1')) return { ok: false, error: 'v= must come first and be "DKIM1"' };
  const p = list.byName.get('p');
  if (!p) return { ok: false, error: 'the required tag p= (the public key) is missing' };
  const key = p.value.replace(/[ \t\r\n]/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(key) || key.length % 4 === 1) return { ok: false, error: 'p= is not base64' };
  const k = (list.byName.get('k')?.value ?? 'rsa').toLowerCase();
  if (k !== 'rsa' && k !== 'ed25519') return { ok: false, error: `k=${k} is not a key type receivers know (rsa, ed25519)` };
  const t = (list.byName.get('t')?.value ?? '').split(':').map((s) => s.trim().toLowerCase()).filter(Boolean);
  return { ok: true, record: { k, p: key, t } };
}

export const dkimRecordText = (e: ExpectedDkimRecord): string => `v=DKIM1; k=${e.algorithm}; p=${e.publicKey}`;

const sameKey = (a: string, b: string): boolean => Buffer.from(a, 'base64').equals(Buffer.from(b.replace(/\s/g, ''), 'base64'));

export async function checkDkim(ctx: CheckContext): Promise<Finding[]> {
  if (ctx.expectedDkim.length === 0) {
    return [
      finding('dkim', 'warning', 'dkim-not-configured', `no DKIM keys configured for this domain in Mailcove: its mail leaves unsigned, so DMARC rests on SPF alone, which forwarding breaks`, {
        fix: 'Create DKIM keys for the domain in Mailcove; this check then shows the exact records to publish.',
      }),
    ];
  }
  return (await Promise.all(ctx.expectedDkim.map((e) => checkKey(ctx, e)))).flat();
}

async function checkKey(ctx: CheckContext, e: ExpectedDkimRecord): Promise<Finding[]> {
  const name = `${e.selector}._domainkey.${ctx.domain}`;
  const record = txtRecord(name, dkimRecordText(e));
  const publish = { fix: `Publish this ${e.algorithm === 'rsa' ? 'RSA' : 'Ed25519'} key at ${name}.`, record };
  const txt = await askTxt(ctx.resolver, name);
  if (txt.kind === 'failed') return [finding('dkim', 'error', 'dkim-dns', `selector ${e.selector}: ${txt.reason}`, { fix: 'Check that the domain\'s DNS servers answer; receivers get the same failure and cannot verify signatures.' })];
  if (txt.kind === 'none') {
    return [finding('dkim', 'error', 'dkim-missing', `selector ${e.selector}: no record at ${name}; receivers cannot verify the signatures Mailcove makes with this key`, publish)];
  }
  if (txt.value.length > 1) {
    return [finding('dkim', 'error', 'dkim-multiple', `selector ${e.selector}: ${name} has ${txt.value.length} TXT records; receivers may pick any one and fail`, { ...publish, fix: `Keep a single record at ${name}: the one below.` })];
  }
  const parsed = parseDkimKey(txt.value[0]!);
  if (!parsed.ok) return [finding('dkim', 'error', 'dkim-syntax', `selector ${e.selector}: the record at ${name} is malformed (${parsed.error})`, { ...publish, fix: `Replace it with the record below.` })];
  const r = parsed.record;
  if (!r.p) return [finding('dkim', 'error', 'dkim-revoked', `selector ${e.selector}: the key at ${name} is revoked (empty p=), but Mailcove still signs with it`, publish)];
  if (r.k !== e.algorithm) {
    return [finding('dkim', 'error', 'dkim-key-mismatch', `selector ${e.selector}: ${name} publishes a ${r.k} key, but Mailcove signs with ${e.algorithm}`, { ...publish, fix: `Replace the record at ${name} with the one below.` })];
  }
  if (!sameKey(r.p, e.publicKey)) {
    return [finding('dkim', 'error', 'dkim-key-mismatch', `selector ${e.selector}: the key published at ${name} is not the key Mailcove signs with; receivers see its signatures fail`, { ...publish, fix: `Replace the record at ${name} with the one below.` })];
  }
  if (r.t.includes('y')) {
    return [finding('dkim', 'warning', 'dkim-testing', `selector ${e.selector}: t=y (testing) lets receivers treat failing signatures as absent`, { fix: 'Remove t=y once signing works.', record })];
  }
  return [finding('dkim', 'ok', 'dkim-ok', `selector ${e.selector} (${e.algorithm}): ${name} publishes the key Mailcove signs with`)];
}
