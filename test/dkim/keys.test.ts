// DKIM keys of hosted domains, on each store dialect: made with the domain, listed with their
// records, rotated with a grace period (an injected clock walks through it), and which domain
// signs an outgoing message.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as admin from '../../src/accounts/admin.js';
import { DAY_MS, dkimReport, ensureDomainKeys, rotateDkimKeys } from '../../src/dkim/domain-keys.js';
import { dnsRecord, selectorsFor, splitTxt } from '../../src/dkim/keys.js';
import { activeKey, signingCandidates, signOutbound } from '../../src/dkim/outbound.js';
import { arcSeal } from '../../src/dkim/arc-seal.js';
import { authenticate } from '../../src/authentication/mailauth.js';
import { ensureOrganization } from '../../src/store/accounts-repo.js';
import { insertDomain } from '../../src/store/domains-repo.js';
import { DIALECTS, freshStore, type FreshStore } from '../helpers/store.js';
import { mailauthVerdicts, txtResolver, zoneOf } from './helpers.js';

describe('selectors and records', () => {
  it('dated selectors, one suffix per rotation in the same month', () => {
    const nov = Date.UTC(2026, 10, 26);
    expect(selectorsFor(nov, new Set())).toEqual({ rsa: 'mc202611r', ed25519: 'mc202611e' });
    expect(selectorsFor(nov, new Set(['mc202611r', 'mc202611e']))).toEqual({ rsa: 'mc202611r2', ed25519: 'mc202611e2' });
    expect(selectorsFor(nov, new Set(['mc202611r', 'mc202611e', 'mc202611e2']))).toEqual({ rsa: 'mc202611r3', ed25519: 'mc202611e3' });
    expect(selectorsFor(Date.UTC(2027, 0, 1), new Set(['mc202611r']))).toEqual({ rsa: 'mc202701r', ed25519: 'mc202701e' });
  });

  it('splits TXT values into strings of at most 255 bytes', () => {
    expect(splitTxt('a'.repeat(255))).toEqual(['a'.repeat(255)]);
    expect(splitTxt('a'.repeat(256))).toEqual(['a'.repeat(255), 'a']);
    expect(splitTxt('b'.repeat(600)).map((s) => s.length)).toEqual([255, 255, 90]);
    expect(splitTxt('')).toEqual(['']);
  });

  it('an RSA-2048 record needs two strings; the zone line quotes each', () => {
    const { publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const p = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const r = dnsRecord('example.test', 'mc202611r', 'rsa', p);
    expect(r.name).toBe('mc202611r._domainkey.example.test');
    expect(r.value).toBe(`v=DKIM1; k=rsa; p=${p}`);
    expect(r.strings).toHaveLength(2);
    expect(r.strings[0]).toHaveLength(255);
    expect(r.strings.join('')).toBe(r.value);
    expect(r.zone).toBe(`mc202611r._domainkey.example.test. IN TXT "${r.strings[0]}" "${r.strings[1]}"`);
  });
});

for (const dialect of DIALECTS) {
  describe(`domain keys (${dialect})`, () => {
    let t: FreshStore;
    let ctx: admin.AdminContext;
    beforeAll(async () => {
      t = await freshStore(dialect);
      ctx = { store: t.store, blobs: t.blobs, defaultQuotaBytes: 1e9 };
    });
    afterAll(() => t.cleanup());

    it('adding a domain makes an RSA-2048 and an Ed25519 key, both signing', async () => {
      const before = Date.now();
      const d = await admin.addDomain(ctx, 'Keys.TEST');
      const r = await dkimReport(t.store, 'keys.test');
      const expected = selectorsFor(d.created_at, new Set());
      expect(r.domain).toBe('keys.test');
      expect(r.keys.map((k) => [k.selector, k.algorithm, k.status, k.signing, k.published])).toEqual([
        [expected.rsa, 'rsa', 'active', true, true],
        [expected.ed25519, 'ed25519', 'active', true, true],
      ]);
      expect(r.keys[0]!.createdAt).toBeGreaterThanOrEqual(before);
      expect(r.records.map((x) => x.name)).toEqual([`${expected.rsa}._domainkey.keys.test`, `${expected.ed25519}._domainkey.keys.test`]);
      const rsaPub = crypto.createPublicKey({ key: Buffer.from(r.keys[0]!.record.value.split('p=')[1]!, 'base64'), format: 'der', type: 'spki' });
      expect(rsaPub.asymmetricKeyDetails?.modulusLength).toBe(2048);
      expect(r.keys[1]!.record.value).toMatch(/^v=DKIM1; k=ed25519; p=[A-Za-z0-9+/]{43}=$/);
      expect(r.keys[1]!.record.strings).toHaveLength(1);
      // The private keys are in the database, as PKCS#8.
      const rows = await t.store.db.selectFrom('dkim_keys').selectAll().where('domain_id', '=', d.id).execute();
      expect(rows.map((k) => k.private_key.split('\n')[0])).toEqual(['-----BEGIN PRIVATE KEY-----', '-----BEGIN PRIVATE KEY-----']);
    });

    it('rotation: new keys sign; the old stay published for the grace period, then are retired', async () => {
      await admin.addDomain(ctx, 'rotate.test');
      const first = await dkimReport(t.store, 'rotate.test');
      const oldSelectors = first.keys.map((k) => k.selector);
      const t0 = Date.now() + DAY_MS;

      const rotated = await rotateDkimKeys(t.store, 'rotate.test', { graceDays: 7, now: t0 });
      expect(rotated.replaced.sort()).toEqual([...oldSelectors].sort());
      const newSelectors = selectorsFor(t0, new Set(oldSelectors));
      expect(rotated.keys.map((k) => [k.selector, k.status])).toEqual([
        [oldSelectors[0], 'retiring'],
        [oldSelectors[1], 'retiring'],
        [newSelectors.rsa, 'active'],
        [newSelectors.ed25519, 'active'],
      ]);
      expect(rotated.keys[0]).toMatchObject({ signing: false, published: true, supersededAt: t0, retireAt: t0 + 7 * DAY_MS });
      expect(rotated.records).toHaveLength(4);

      // Only the new keys sign, and what they sign verifies against the published records.
      const msg = Buffer.from('From: a@rotate.test\r\nTo: b@remote.test\r\nSubject: after rotation\r\n\r\nHi\r\n');
      const signed = await signOutbound(t.store.db, msg, { from: 'a@rotate.test', mailFrom: 'a@rotate.test', hostname: 'mx.host.test', now: t0 });
      expect(signed.selectors).toEqual([newSelectors.rsa, newSelectors.ed25519]);
      expect(await mailauthVerdicts(signed.message, zoneOf(rotated.records), new Date(t0))).toEqual([
        `pass d=rotate.test s=${newSelectors.rsa} a=rsa-sha256`,
        `pass d=rotate.test s=${newSelectors.ed25519} a=ed25519-sha256`,
      ]);

      // Six days on: still published. Seven days on: retired, its record no longer listed.
      const day6 = await dkimReport(t.store, 'rotate.test', t0 + 6 * DAY_MS);
      expect(day6.keys.filter((k) => k.status === 'retiring').map((k) => k.selector)).toEqual(oldSelectors);
      expect(day6.records).toHaveLength(4);
      const day7 = await dkimReport(t.store, 'rotate.test', t0 + 7 * DAY_MS);
      expect(day7.keys.filter((k) => k.status === 'retired').map((k) => k.selector)).toEqual(oldSelectors);
      expect(day7.keys.filter((k) => k.status === 'retired').every((k) => !k.published && !k.signing)).toBe(true);
      expect(day7.records.map((r) => r.name)).toEqual([`${newSelectors.rsa}._domainkey.rotate.test`, `${newSelectors.ed25519}._domainkey.rotate.test`]);

      // The next rotation, the same month: fresh selectors; the retired keys' private halves go.
      const again = await rotateDkimKeys(t.store, 'rotate.test', { graceDays: 7, now: t0 + 8 * DAY_MS });
      const third = selectorsFor(t0 + 8 * DAY_MS, new Set([...oldSelectors, newSelectors.rsa, newSelectors.ed25519]));
      expect(again.keys.filter((k) => k.signing).map((k) => k.selector)).toEqual([third.rsa, third.ed25519]);
      expect(new Set(again.keys.map((k) => k.selector)).size).toBe(6);
      const rows = await t.store.db.selectFrom('dkim_keys').select(['selector', 'private_key']).execute();
      const erased = rows.filter((r) => r.private_key === '').map((r) => r.selector);
      expect(erased.sort()).toEqual([...oldSelectors].sort());
    });

    it('a grace of 0 days retires the old keys at once (a leaked key)', async () => {
      await admin.addDomain(ctx, 'leak.test');
      const now = Date.now();
      const r = await rotateDkimKeys(t.store, 'leak.test', { graceDays: 0, now });
      expect(r.keys.map((k) => k.status)).toEqual(['retired', 'retired', 'active', 'active']);
      expect(r.records).toHaveLength(2);
      const leaked = await t.store.db.selectFrom('dkim_keys').innerJoin('domains', 'domains.id', 'dkim_keys.domain_id').select('private_key').where('domains.name', '=', 'leak.test').where('superseded_at', 'is not', null).execute();
      expect(leaked.map((k) => k.private_key)).toEqual(['', '']);
    });

    it('refuses bad input, naming the field', async () => {
      await expect(rotateDkimKeys(t.store, 'nowhere.test', { graceDays: 7 })).rejects.toMatchObject({ kind: 'not_found', field: 'domain' });
      await expect(rotateDkimKeys(t.store, 'keys.test', { graceDays: -1 })).rejects.toMatchObject({ kind: 'invalid', field: 'graceDays' });
      await expect(dkimReport(t.store, 'not a domain')).rejects.toMatchObject({ kind: 'invalid', field: 'domain' });
    });

    it('domains from before DKIM signing get keys at start-up (or when their records are asked for)', async () => {
      const org = (await ensureOrganization(t.store.db, admin.DEFAULT_ORG)).id;
      const old1 = await insertDomain(t.store.db, org, 'old-one.test');
      await insertDomain(t.store.db, org, 'old-two.test');
      const count = async (id: number) => (await t.store.db.selectFrom('dkim_keys').select('id').where('domain_id', '=', id).execute()).length;
      expect(await count(old1.id)).toBe(0);
      expect((await ensureDomainKeys(t.store, Date.now())).sort()).toEqual(['old-one.test', 'old-two.test']);
      expect(await count(old1.id)).toBe(2);
      expect(await ensureDomainKeys(t.store, Date.now())).toEqual([]);
      await insertDomain(t.store.db, org, 'old-three.test');
      expect((await dkimReport(t.store, 'old-three.test')).records).toHaveLength(2);
    });

    it('removing a domain removes its keys', async () => {
      await admin.addDomain(ctx, 'gone.test');
      await admin.removeDomain(ctx, 'gone.test');
      const left = await t.store.db.selectFrom('dkim_keys').leftJoin('domains', 'domains.id', 'dkim_keys.domain_id').select('domains.name').execute();
      expect(left.every((r) => r.name !== null)).toBe(true);
    });

    it('signs with the From domain, else the envelope domain, else the host name’s domain; unsigned otherwise', async () => {
      const msg = (from: string) => Buffer.from(`From: ${from}\r\nSubject: x\r\n\r\nbody\r\n`);
      const sign = (from: string, mailFrom: string, hostname = 'mx.keys.test') =>
        signOutbound(t.store.db, msg(from), { from, mailFrom, hostname, now: Date.now() });
      expect((await sign('a@keys.test', 'a@keys.test')).domain).toBe('keys.test');
      expect((await sign('someone@far.test', 'fwd@rotate.test')).domain).toBe('rotate.test');
      expect((await sign('MAILER-DAEMON@mx.keys.test', '')).domain).toBe('keys.test');
      const none = await sign('someone@far.test', 'someone@far.test', 'mx.elsewhere.test');
      expect(none.domain).toBeNull();
      expect(none.message).toEqual(msg('someone@far.test'));
      expect(signingCandidates({ from: 'A@Keys.Test', mailFrom: '', hostname: 'mail.eu.keys.test' })).toEqual(['keys.test', 'mail.eu.keys.test', 'eu.keys.test']);
    });

    it('gives the RSA key to ARC-seal with; the seal verifies against the published records', async () => {
      expect(await activeKey(t.store.db, ['far.test', 'elsewhere.test'], 'rsa')).toBeNull();
      const key = await activeKey(t.store.db, ['far.test', 'Keys.Test'], 'rsa');
      const report = await dkimReport(t.store, 'keys.test');
      expect(key).toMatchObject({ domain: 'keys.test', algorithm: 'rsa', selector: report.keys.find((k) => k.signing && k.algorithm === 'rsa')!.selector });
      const msg = Buffer.from('Authentication-Results: mx.keys.test; spf=pass smtp.mailfrom=far.test\r\nFrom: x@far.test\r\nSubject: redirected\r\n\r\nbody\r\n');
      const sealed = arcSeal(msg, { authservId: 'mx.keys.test', cv: 'none', signingDomain: key!.domain, selector: key!.selector, privateKey: key!.key, now: Date.now() });
      if (!sealed.sealed) throw new Error(sealed.reason);
      const res = await authenticate(Buffer.concat([Buffer.from(sealed.headers), msg]), {
        ip: '192.0.2.1', helo: 'client.test', sender: 'x@far.test', mta: 'mx.remote.test', resolver: txtResolver(zoneOf(report.records)), disableDmarc: true, disableBimi: true,
      });
      expect(res.arc && res.arc.status.result).toBe('pass');
    });
  });
}
