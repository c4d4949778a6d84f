// DMARC over real signatures and a real DNS server: aligned and unaligned SPF and DKIM, relaxed
// and strict alignment, the subdomain policy, pct= sampling, each policy, DNS errors that decide,
// and a trusted ARC sealer vouching for a forwarded message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealMessage } from '../../src/authentication/mailauth.js';
import { authenticate, type AuthResults } from '../../src/authentication/index.js';
import { ed25519Key, mail, rsaKey, sign, testDns, type DkimKey, type TestDns } from './helpers.js';

const GOOD_IP = '192.0.2.10';
const BAD_IP = '198.51.100.66';
const HOST = 'mx.mailcove.test';

let dns: TestDns;
let rsa: DkimKey;
let ed: DkimKey;
let other: DkimKey;
let forwarder: DkimKey;

beforeAll(async () => {
  rsa = rsaKey();
  ed = ed25519Key();
  other = rsaKey();
  forwarder = rsaKey();
  dns = await testDns({
    'example.com': { TXT: [`v=spf1 ip4:${GOOD_IP} -all`] },
    'mail.example.com': { TXT: [`v=spf1 ip4:${GOOD_IP} -all`] },
    'sel._domainkey.example.com': { TXT: [rsa.txt] },
    'ed._domainkey.example.com': { TXT: [ed.txt] },
    'sel._domainkey.sub.example.com': { TXT: [rsa.txt] },
    '_dmarc.example.com': { TXT: ['v=DMARC1; p=reject'] },
    'other.org': { TXT: [`v=spf1 ip4:${GOOD_IP} -all`] },
    'sel._domainkey.other.org': { TXT: [other.txt] },
    'arc._domainkey.lists.forwarder.test': { TXT: [forwarder.txt] },
    'flaky.test': { rcode: 'SERVFAIL' },
    '_dmarc.flaky.test': { TXT: ['v=DMARC1; p=reject'] },
    'sel._domainkey.flaky.test': { TXT: [rsa.txt] },
    '_dmarc.broken.test': { rcode: 'SERVFAIL' },
    'sel._domainkey.broken.test': { TXT: [rsa.txt] },
  });
});
afterAll(() => dns.close());

function dmarcRecord(record: string, domain = 'example.com'): void {
  dns.zone[`_dmarc.${domain}`] = { TXT: [record] };
}

async function check(o: { raw: string | Buffer; ip?: string; mailFrom: string; from: string[]; helo?: string; trusted?: string[]; random?: () => number }): Promise<AuthResults> {
  return authenticate(
    { raw: Buffer.isBuffer(o.raw) ? o.raw : Buffer.from(o.raw), ip: o.ip ?? GOOD_IP, helo: o.helo ?? 'client.example.net', mailFrom: o.mailFrom, fromAddresses: o.from },
    { authservId: HOST, resolver: dns.resolver, trustedArcSealers: o.trusted ?? [], random: o.random ?? (() => 0) },
  );
}

describe('DMARC matrix', () => {
  it('aligned SPF alone passes', async () => {
    dmarcRecord('v=DMARC1; p=reject');
    const r = await check({ raw: mail({ from: 'a@example.com' }), mailFrom: 'bounce@example.com', from: ['a@example.com'] });
    expect(r.spf.result).toBe('pass');
    expect(r.dkim[0]!.result).toBe('none');
    expect(r.dmarc).toMatchObject({ result: 'pass', spfAligned: true, dkimAligned: false, policy: 'reject' });
    expect(r.verdict.action).toBe('accept');
  });

  it('aligned DKIM alone passes, RSA and Ed25519', async () => {
    for (const [sel, key] of [['sel', rsa], ['ed', ed]] as const) {
      const raw = await sign(mail({ from: 'a@example.com' }), 'example.com', sel, key);
      const r = await check({ raw, ip: BAD_IP, mailFrom: 'bounce@example.com', from: ['a@example.com'] });
      expect(r.spf.result).toBe('fail');
      expect(r.dkim).toEqual([expect.objectContaining({ result: 'pass', domain: 'example.com', selector: sel, algorithm: key.algorithm })]);
      expect(r.dmarc).toMatchObject({ result: 'pass', dkimAligned: true, spfAligned: false });
      expect(r.verdict.action).toBe('accept');
    }
  });

  it('relaxed SPF alignment accepts a subdomain of MAIL FROM; strict does not', async () => {
    dmarcRecord('v=DMARC1; p=reject; aspf=r');
    const relaxed = await check({ raw: mail({ from: 'a@example.com' }), mailFrom: 'b@mail.example.com', from: ['a@example.com'] });
    expect(relaxed.spf).toMatchObject({ result: 'pass', domain: 'mail.example.com' });
    expect(relaxed.dmarc).toMatchObject({ result: 'pass', spfAligned: true });
    dmarcRecord('v=DMARC1; p=reject; aspf=s');
    const strict = await check({ raw: mail({ from: 'a@example.com' }), mailFrom: 'b@mail.example.com', from: ['a@example.com'] });
    expect(strict.dmarc).toMatchObject({ result: 'fail', spfAligned: false });
    expect(strict.verdict).toMatchObject({ action: 'reject', code: 550, enhanced: '5.7.1' });
  });

  it('relaxed DKIM alignment accepts d= of a subdomain; strict does not', async () => {
    const raw = await sign(mail({ from: 'a@example.com' }), 'sub.example.com', 'sel', rsa);
    dmarcRecord('v=DMARC1; p=reject');
    const relaxed = await check({ raw, ip: BAD_IP, mailFrom: 'x@other.org', from: ['a@example.com'] });
    expect(relaxed.dkim[0]).toMatchObject({ result: 'pass', domain: 'sub.example.com' });
    expect(relaxed.dmarc).toMatchObject({ result: 'pass', dkimAligned: true });
    dmarcRecord('v=DMARC1; p=reject; adkim=s');
    const strict = await check({ raw, ip: BAD_IP, mailFrom: 'x@other.org', from: ['a@example.com'] });
    expect(strict.dmarc).toMatchObject({ result: 'fail', dkimAligned: false });
    expect(strict.verdict.action).toBe('reject');
  });

  it('SPF and DKIM passing for another domain do not align', async () => {
    dmarcRecord('v=DMARC1; p=reject');
    const raw = await sign(mail({ from: 'ceo@example.com' }), 'other.org', 'sel', other);
    const r = await check({ raw, mailFrom: 'bounce@other.org', from: ['ceo@example.com'] });
    expect(r.spf.result).toBe('pass');
    expect(r.dkim[0]).toMatchObject({ result: 'pass', domain: 'other.org' });
    expect(r.dmarc).toMatchObject({ result: 'fail', spfAligned: false, dkimAligned: false });
    expect(r.verdict).toMatchObject({ action: 'reject', code: 550, enhanced: '5.7.1' });
    expect(r.verdict.reason).toMatch(/^Message rejected: DMARC policy of example\.com is reject \(SPF and DKIM not aligned/);
  });

  it('each policy: none delivers, quarantine goes to Spam, reject refuses', async () => {
    const raw = mail({ from: 'a@example.com' });
    const expected = { none: 'accept', quarantine: 'quarantine', reject: 'reject' } as const;
    for (const p of ['none', 'quarantine', 'reject'] as const) {
      dmarcRecord(`v=DMARC1; p=${p}`);
      const r = await check({ raw, ip: BAD_IP, mailFrom: 'bounce@example.com', from: ['a@example.com'] });
      expect(r.dmarc).toMatchObject({ result: 'fail', policy: p, appliedPolicy: p });
      expect(r.verdict.action, p).toBe(expected[p]);
    }
  });

  it('sp= applies to subdomains without their own record; p= to the domain itself', async () => {
    dmarcRecord('v=DMARC1; p=reject; sp=quarantine');
    const sub = await check({ raw: mail({ from: 'a@news.example.com' }), ip: BAD_IP, mailFrom: 'bounce@example.com', from: ['a@news.example.com'] });
    expect(sub.dmarc).toMatchObject({ result: 'fail', fromDomain: 'news.example.com', policy: 'quarantine' });
    expect(sub.verdict.action).toBe('quarantine');
    const org = await check({ raw: mail({ from: 'a@example.com' }), ip: BAD_IP, mailFrom: 'bounce@example.com', from: ['a@example.com'] });
    expect(org.dmarc.policy).toBe('reject');
    dmarcRecord('v=DMARC1; p=reject; sp=none');
    const lenient = await check({ raw: mail({ from: 'a@news.example.com' }), ip: BAD_IP, mailFrom: 'bounce@example.com', from: ['a@news.example.com'] });
    expect(lenient.verdict.action).toBe('accept');
    // A subdomain with its own record uses that record's p=.
    dmarcRecord('v=DMARC1; p=none', 'news.example.com');
    dmarcRecord('v=DMARC1; p=reject; sp=reject');
    const own = await check({ raw: mail({ from: 'a@news.example.com' }), ip: BAD_IP, mailFrom: 'bounce@example.com', from: ['a@news.example.com'] });
    expect(own.dmarc.policy).toBe('none');
    delete dns.zone['_dmarc.news.example.com'];
  });

  it('pct= samples: messages left out get the next milder policy', async () => {
    const raw = mail({ from: 'a@example.com' });
    const run = (random: number) => check({ raw, ip: BAD_IP, mailFrom: 'bounce@example.com', from: ['a@example.com'], random: () => random });
    dmarcRecord('v=DMARC1; p=reject; pct=50');
    expect((await run(0.2)).verdict.action).toBe('reject');
    const out = await run(0.7);
    expect(out.dmarc).toMatchObject({ policy: 'reject', appliedPolicy: 'quarantine', pct: 50 });
    expect(out.verdict.action).toBe('quarantine');
    dmarcRecord('v=DMARC1; p=quarantine; pct=0');
    expect((await run(0)).verdict.action).toBe('accept');
    dmarcRecord('v=DMARC1; p=reject; pct=100');
    expect((await run(0.999)).verdict.action).toBe('reject');
    dmarcRecord('v=DMARC1; p=reject; pct=abc');
    const bad = await run(0.999);
    expect(bad.dmarc.pct).toBe(100);
    expect(bad.dmarc.reason).toContain('invalid pct=abc');
  });

  it('an invalid p= counts as none, with the reason', async () => {
    dmarcRecord('v=DMARC1; p=bogus');
    const r = await check({ raw: mail({ from: 'a@example.com' }), ip: BAD_IP, mailFrom: 'bounce@example.com', from: ['a@example.com'] });
    expect(r.dmarc).toMatchObject({ result: 'fail', policy: 'none' });
    expect(r.dmarc.reason).toContain('invalid p=bogus');
    expect(r.verdict.action).toBe('accept');
    dmarcRecord('v=DMARC1; p=reject');
  });

  it('no DMARC record: none, delivered', async () => {
    const r = await check({ raw: mail({ from: 'a@nodmarc.test' }), ip: BAD_IP, mailFrom: 'x@nodmarc.test', from: ['a@nodmarc.test'] });
    expect(r.dmarc.result).toBe('none');
    expect(r.verdict.action).toBe('accept');
  });

  it('several From domains: the worst outcome counts', async () => {
    dmarcRecord('v=DMARC1; p=reject');
    const raw = await sign(mail({ from: 'a@other.org, b@example.com' }), 'other.org', 'sel', other);
    const r = await check({ raw, ip: BAD_IP, mailFrom: 'x@other.org', from: ['a@other.org', 'b@example.com'] });
    expect(r.dmarc).toMatchObject({ result: 'fail', fromDomain: 'example.com' });
    expect(r.verdict.action).toBe('reject');
  });

  it('a DMARC record lookup failing (SERVFAIL) defers with 451 unless DKIM passes for the From domain itself', async () => {
    const unsigned = await check({ raw: mail({ from: 'a@broken.test' }), ip: BAD_IP, mailFrom: 'x@broken.test', from: ['a@broken.test'] });
    expect(unsigned.dmarc.result).toBe('temperror');
    expect(unsigned.verdict).toMatchObject({ action: 'tempfail', code: 451 });
    expect((unsigned.verdict as { enhanced: string }).enhanced).toMatch(/^4\.7\./);
    const signed = await check({ raw: await sign(mail({ from: 'a@broken.test' }), 'broken.test', 'sel', rsa), ip: BAD_IP, mailFrom: 'x@broken.test', from: ['a@broken.test'] });
    expect(signed.verdict.action).toBe('accept');
  });

  it('an SPF temperror that decides DMARC defers; one that cannot change it does not', async () => {
    const r = await check({ raw: mail({ from: 'a@flaky.test' }), mailFrom: 'bounce@flaky.test', from: ['a@flaky.test'] });
    expect(r.spf.result).toBe('temperror');
    expect(r.verdict).toMatchObject({ action: 'tempfail', code: 451, enhanced: '4.7.24' });
    // DKIM aligned: DMARC passes whatever SPF would have said.
    const signed = await check({ raw: await sign(mail({ from: 'a@flaky.test' }), 'flaky.test', 'sel', rsa), mailFrom: 'bounce@flaky.test', from: ['a@flaky.test'] });
    expect(signed.spf.result).toBe('temperror');
    expect(signed.verdict.action).toBe('accept');
  });

  it('a DKIM key lookup failing for the only aligned signature defers', async () => {
    dns.zone['sel._domainkey.example.com'] = { rcode: 'SERVFAIL' };
    try {
      const raw = await sign(mail({ from: 'a@example.com' }), 'example.com', 'sel', rsa);
      const r = await check({ raw, ip: BAD_IP, mailFrom: 'x@other.org', from: ['a@example.com'] });
      expect(r.dkim[0]).toMatchObject({ result: 'temperror' });
      expect(r.verdict).toMatchObject({ action: 'tempfail', code: 451 });
    } finally {
      dns.zone['sel._domainkey.example.com'] = { TXT: [rsa.txt] };
    }
  });

  describe('a forwarded message that broke DKIM, ARC-sealed by the forwarder', () => {
    let forwarded: Buffer;
    beforeAll(async () => {
      dmarcRecord('v=DMARC1; p=reject');
      const original = await sign(mail({ from: 'a@example.com', subject: 'original' }), 'example.com', 'sel', rsa);
      // The list tags the subject: the author's signature no longer verifies.
      const edited = Buffer.from(original.toString().replace('Subject: original', 'Subject: [list] original'));
      const seal = await sealMessage(edited, {
        signingDomain: 'lists.forwarder.test',
        selector: 'arc',
        privateKey: forwarder.privatePem,
        authResults: 'lists.forwarder.test; dkim=pass header.d=example.com; spf=pass smtp.mailfrom=a@example.com; dmarc=pass header.from=example.com',
        cv: 'none',
      } as Parameters<typeof sealMessage>[1]);
      forwarded = Buffer.concat([seal, edited]);
    });

    it('is rejected when the sealer is not trusted', async () => {
      const r = await check({ raw: forwarded, ip: BAD_IP, mailFrom: 'list-bounces@forwarder.test', from: ['a@example.com'] });
      expect(r.dkim[0]!.result).not.toBe('pass');
      expect(r.arc).toMatchObject({ result: 'pass', sealer: 'lists.forwarder.test', trustedVouch: false });
      expect(r.verdict.action).toBe('reject');
    });

    it('is accepted when the admin trusts the sealer, and says why', async () => {
      const r = await check({ raw: forwarded, ip: BAD_IP, mailFrom: 'list-bounces@forwarder.test', from: ['a@example.com'], trusted: ['lists.forwarder.test'] });
      expect(r.dmarc.result).toBe('fail');
      expect(r.arc).toMatchObject({ result: 'pass', trustedVouch: true });
      expect(r.verdict.action).toBe('accept');
      expect(r.verdict.reason).toContain('trusted ARC sealer lists.forwarder.test');
    });

    it('a trusted sealer cannot vouch with a broken chain', async () => {
      const tampered = Buffer.from(forwarded.toString().replace('Subject: [list] original', 'Subject: [list] changed later'));
      const r = await check({ raw: tampered, ip: BAD_IP, mailFrom: 'list-bounces@forwarder.test', from: ['a@example.com'], trusted: ['lists.forwarder.test'] });
      expect(r.arc.result).toBe('fail');
      expect(r.verdict.action).toBe('reject');
    });
  });

  it('writes one Authentication-Results field with every method', async () => {
    dmarcRecord('v=DMARC1; p=reject');
    const raw = await sign(mail({ from: 'a@example.com' }), 'example.com', 'sel', rsa);
    const r = await check({ raw, mailFrom: 'bounce@example.com', from: ['a@example.com'], helo: 'mail.example.com' });
    const h = r.header;
    expect(h).toMatch(/^Authentication-Results: mx\.mailcove\.test;\r\n\t/);
    expect(h.endsWith('\r\n')).toBe(true);
    expect(h.match(/Authentication-Results:/g)).toHaveLength(1);
    expect(h).toMatch(/\bspf=pass \([^)]*\) smtp\.mailfrom=bounce@example\.com;/);
    expect(h).toMatch(/\bspf=pass \([^)]*\) smtp\.helo=mail\.example\.com;/);
    expect(h).toMatch(/\bdkim=pass \(good signature\) header\.d=example\.com header\.s=sel header\.a=rsa-sha256 header\.b=("[^"]{8}"|[^\s";]{8});/); // quoted when it holds a tspecial such as '/'
    expect(h).toMatch(/\bdmarc=pass \([^)]*\) header\.from=example\.com policy\.dmarc=reject;/);
    expect(h).toMatch(/\barc=none \(no ARC sets\)\r\n$/);
  });
});
