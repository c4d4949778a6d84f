// The whole domain security check against a real DNS server on 127.0.0.1 serving a test zone, and
// real HTTPS for the MTA-STS policy (port 443 of a loopback address, see helpers/mta-sts-server.ts):
// a well-configured domain is all ok; each broken setup gives its finding, naming the problem, with
// the record to publish; DNS failures give findings, never an exception.
import crypto from 'node:crypto';
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDomain, type DomainCheckOptions } from '../../src/dns-check/check.js';
import type { DomainReport, ExpectedDkimRecord, Finding } from '../../src/dns-check/types.js';
import { createResolver } from '../../src/dns/resolver.js';
import { reverseName } from '../../src/dns/wire.js';
import { startDnsServer, type TestDnsServer, type Zone, type ZoneEntry } from '../helpers/dns-server.js';
import { startPolicyServer, type PolicyServer } from '../helpers/mta-sts-server.js';

const HOST = 'mx.mailcove.test';
const IP4 = '192.0.2.10';
const IP6 = '2001:db8::10';

const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const RSA_P = rsa.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const ed = crypto.generateKeyPairSync('ed25519');
// RFC 8463: the raw 32-byte key, the end of its SubjectPublicKeyInfo.
const ED_P = (ed.publicKey.export({ type: 'spki', format: 'der' }) as Buffer).subarray(-32).toString('base64');
const OTHER_RSA_P = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const EXPECTED: ExpectedDkimRecord[] = [
  { selector: 'rsa1', publicKey: RSA_P, algorithm: 'rsa' },
  { selector: 'ed1', publicKey: ED_P, algorithm: 'ed25519' },
];
const POLICY = `version: STSv1\nmode: enforce\nmx: ${HOST}\nmax_age: 604800\n`;

let policy: PolicyServer | { unavailable: string };
let badCert: PolicyServer | { unavailable: string };
const serving = (s: typeof policy | undefined): s is PolicyServer => !!s && 'address' in s;
let dns: TestDnsServer;

/** A well-configured domain; `over` replaces records by name relative to the domain ('' is the apex), null removes them. */
function domainZone(d: string, over: Record<string, ZoneEntry | null> = {}): Zone {
  const z: Zone = {
    [d]: { MX: [{ priority: 10, exchange: HOST }], TXT: [`v=spf1 a:${HOST} -all`] },
    [`rsa1._domainkey.${d}`]: { TXT: [`v=DKIM1; k=rsa; p=${RSA_P}`] },
    [`ed1._domainkey.${d}`]: { TXT: [`v=DKIM1; k=ed25519; p=${ED_P}`] },
    [`_dmarc.${d}`]: { TXT: [`v=DMARC1; p=reject; rua=mailto:dmarc@${d}`] },
    [`_mta-sts.${d}`]: { TXT: ['v=STSv1; id=20250101T1'] },
    [`mta-sts.${d}`]: { A: [serving(policy) ? policy.address : '127.0.0.1'] },
    [`_smtp._tls.${d}`]: { TXT: [`v=TLSRPTv1; rua=mailto:tlsrpt@${d}`] },
  };
  for (const [rel, entry] of Object.entries(over)) {
    const name = rel ? `${rel}.${d}` : d;
    if (entry === null) delete z[name];
    else z[name] = entry;
  }
  return z;
}

const spfOnly = (txt: string | string[], extra: ZoneEntry = {}): ZoneEntry => ({ MX: [{ priority: 10, exchange: HOST }], TXT: [txt], ...extra });

/** Built twice: first to learn the mta-sts.* names the certificate must cover, then with the servers' addresses. */
function buildZone(): Zone {
  return {
    [HOST]: { A: [IP4], AAAA: [IP6] },
    [reverseName(IP4)]: { PTR: [HOST] },
    [reverseName(IP6)]: { PTR: [HOST] },
    'elsewhere.test': { A: ['198.51.100.1'] },
    'mx.elsewhere.test': { A: ['198.51.100.2'] },
    ...domainZone('good.test'),
    'sub.good.test': { MX: [{ priority: 10, exchange: HOST }], TXT: [`v=spf1 a:${HOST} -all`] },

    // TXT records split into 255-byte strings (and a DKIM key long enough to need it)
    ...domainZone('split.test', {
      '': spfOnly(['v=spf1 ip4:198.51.100.0/24 ', `a:${HOST}`, ' -all']),
      _dmarc: { TXT: [['v=DMARC1; p=reject; ', `rua=mailto:dmarc@split.test,${Array.from({ length: 12 }, (_, i) => `mailto:dmarc${i}@split.test`).join(',')}`]] },
    }),

    // MX
    ...domainZone('mx-other.test', { '': spfOnly(`v=spf1 a:${HOST} -all`, { MX: [{ priority: 10, exchange: 'mx.elsewhere.test' }] }) }),
    ...domainZone('mx-null.test', { '': spfOnly(`v=spf1 a:${HOST} -all`, { MX: [{ priority: 0, exchange: '.' }] }) }),
    ...domainZone('mx-none.test', { '': { TXT: [`v=spf1 a:${HOST} -all`], A: ['198.51.100.9'] } }),
    ...domainZone('mx-backup.test', { '': spfOnly(`v=spf1 a:${HOST} -all`, { MX: [{ priority: 10, exchange: HOST }, { priority: 20, exchange: 'mx.elsewhere.test' }] }) }),
    ...domainZone('mx-first.test', { '': spfOnly(`v=spf1 a:${HOST} -all`, { MX: [{ priority: 5, exchange: 'mx.elsewhere.test' }, { priority: 10, exchange: HOST }] }) }),
    ...domainZone('mx-nowhere.test', { '': spfOnly(`v=spf1 a:${HOST} -all`, { MX: [{ priority: 10, exchange: 'mail.nowhere.test' }] }) }),

    // SPF
    ...domainZone('spf-missing.test', { '': { MX: [{ priority: 10, exchange: HOST }], TXT: ['google-site-verification=abc'] } }),
    ...domainZone('spf-syntax.test', { '': spfOnly(`v=spf1 include:_spf.elsewhere.test a:${HOST} ip4:192.0.2.300 -all`) }),
    '_spf.elsewhere.test': { TXT: ['v=spf1 ip4:198.51.100.0/24 -all'] },
    ...domainZone('spf-multiple.test', { '': { MX: [{ priority: 10, exchange: HOST }], TXT: [`v=spf1 a:${HOST} -all`, 'v=spf1 include:_spf.elsewhere.test ~all'] } }),
    ...domainZone('spf-pass-all.test', { '': spfOnly(`v=spf1 a:${HOST} +all`) }),
    ...domainZone('spf-open.test', { '': spfOnly('v=spf1 ip4:198.51.100.7 +all') }),
    ...domainZone('spf-neutral.test', { '': spfOnly(`v=spf1 a:${HOST} ?all`) }),
    ...domainZone('spf-ptr.test', { '': spfOnly(`v=spf1 a:${HOST} ptr -all`) }),
    ...domainZone('spf-no-all.test', { '': spfOnly(`v=spf1 a:${HOST}`) }),
    ...domainZone('spf-server-missing.test', { '': spfOnly('v=spf1 ip4:198.51.100.7 -all') }),
    ...domainZone('spf-redirect.test', { '': spfOnly('v=spf1 redirect=_spf.spf-redirect.test') }),
    '_spf.spf-redirect.test': { TXT: [`v=spf1 a:${HOST} -all`] },
    ...domainZone('spf-include-missing.test', { '': spfOnly(`v=spf1 a:${HOST} include:nospf.elsewhere.test -all`) }),
    'nospf.elsewhere.test': { A: ['198.51.100.3'] },
    // include loop two levels down: loop-a → loop-b → loop-a
    ...domainZone('spf-loop.test', { '': spfOnly(`v=spf1 ip4:198.51.100.7 include:loop-a.elsewhere.test -all`) }),
    'loop-a.elsewhere.test': { TXT: ['v=spf1 include:loop-b.elsewhere.test -all'] },
    'loop-b.elsewhere.test': { TXT: ['v=spf1 ip4:203.0.113.1 include:loop-a.elsewhere.test -all'] },
    // 1 + 1 + (a mx include) 3 + (a mx exists include) 4 + (a mx a: mx: ptr) 5 = 14 lookups
    ...domainZone('spf-lookups.test', { '': spfOnly(`v=spf1 a:${HOST} include:l1.elsewhere.test -all`) }),
    'l1.elsewhere.test': { TXT: ['v=spf1 a mx include:l2.elsewhere.test -all'], A: ['198.51.100.11'], MX: [{ priority: 1, exchange: 'mx.elsewhere.test' }] },
    'l2.elsewhere.test': { TXT: ['v=spf1 a mx exists:%{i}.l2.elsewhere.test include:l3.elsewhere.test ~all'], A: ['198.51.100.12'], MX: [{ priority: 1, exchange: 'mx.elsewhere.test' }] },
    'l3.elsewhere.test': { TXT: ['v=spf1 a mx a:mx.elsewhere.test mx:elsewhere.test ptr -all'], A: ['198.51.100.13'], MX: [{ priority: 1, exchange: 'mx.elsewhere.test' }] },
    // 12 lookups, 10 once this server's own names (a:HOST, mx) become addresses
    ...domainZone('spf-flatten.test', { '': spfOnly(`v=spf1 mx a:${HOST} include:nine.elsewhere.test -all`) }),
    'nine.elsewhere.test': { TXT: [`v=spf1 ${Array.from({ length: 9 }, (_, i) => `exists:e${i}.elsewhere.test`).join(' ')} -all`] },

    ...domainZone('spf-typo.test', { '': spfOnly(`v=spf1 a:${HOST} include=_spf.elsewhere.test -all`) }),
    ...domainZone('spf-voids.test', { '': spfOnly(`v=spf1 a:${HOST} a:v1.nowhere.test a:v2.nowhere.test mx:v3.nowhere.test -all`) }),
    ...domainZone('spf-include-bad.test', { '': spfOnly(`v=spf1 a:${HOST} include:bad.elsewhere.test -all`) }),
    'bad.elsewhere.test': { TXT: ['v=spf1 ip4:1.2.3 -all'] },
    ...domainZone('spf-open-include.test', { '': spfOnly(`v=spf1 a:${HOST} include:open.elsewhere.test -all`) }),
    'open.elsewhere.test': { TXT: ['v=spf1 +all'] },
    ...domainZone('spf-redirect-ignored.test', { '': spfOnly(`v=spf1 a:${HOST} redirect=_spf.spf-redirect.test -all`) }),
    ...domainZone('mx-ip.test', { '': spfOnly(`v=spf1 a:${HOST} -all`, { MX: [{ priority: 10, exchange: HOST }, { priority: 20, exchange: '192.0.2.10' }] }) }),

    // DKIM
    ...domainZone('dkim-missing.test', { 'rsa1._domainkey': null }),
    ...domainZone('dkim-mismatch.test', { 'rsa1._domainkey': { TXT: [`v=DKIM1; k=rsa; p=${OTHER_RSA_P}`] } }),
    ...domainZone('dkim-revoked.test', { 'ed1._domainkey': { TXT: ['v=DKIM1; k=ed25519; p='] } }),

    // DMARC
    ...domainZone('dmarc-missing.test', { _dmarc: null }),
    ...domainZone('dmarc-none.test', { _dmarc: { TXT: ['v=DMARC1; p=none; rua=mailto:dmarc@dmarc-none.test'] } }),
    ...domainZone('dmarc-bad-p.test', { _dmarc: { TXT: ['v=DMARC1; p=block; sp=deny; rua=mailto:dmarc@dmarc-bad-p.test'] } }),
    ...domainZone('dmarc-multiple.test', { _dmarc: { TXT: ['v=DMARC1; p=reject; rua=mailto:a@dmarc-multiple.test', 'v=DMARC1; p=none'] } }),
    ...domainZone('dmarc-malformed.test', { _dmarc: { TXT: ['p=reject; v=DMARC1'] } }),
    ...domainZone('dmarc-uris.test', { _dmarc: { TXT: ['v=DMARC1; p=reject; pct=150; rua=https://reports.elsewhere.test/dmarc,mailto:not-an-address; ruf=mailto:forensic@reports.elsewhere.test'] } }),
    ...domainZone('dmarc-no-rua.test', { _dmarc: { TXT: ['v=DMARC1; p=reject'] } }),
    ...domainZone('dmarc-empty-rua.test', { _dmarc: { TXT: ['v=DMARC1; p=reject; rua='] } }),
    ...domainZone('dmarc-external.test', { _dmarc: { TXT: ['v=DMARC1; p=quarantine; rua=mailto:agg@reports.elsewhere.test,mailto:agg@authorized.test'] } }),
    'reports.elsewhere.test': { A: ['198.51.100.20'] },
    'dmarc-external.test._report._dmarc.authorized.test': { TXT: ['v=DMARC1'] },

    // MTA-STS and TLS-RPT
    ...domainZone('sts-missing.test', { '_mta-sts': null, '_smtp._tls': null }),
    ...domainZone('sts-multiple.test', { '_mta-sts': { TXT: ['v=STSv1; id=1', 'v=STSv1; id=2'] } }),
    ...domainZone('sts-syntax.test', { '_mta-sts': { TXT: ['v=STSv1; id=2025-01-01'] }, '_smtp._tls': { TXT: ['v=TLSRPTv1; rua=ftp://reports.elsewhere.test'] } }),
    ...domainZone('sts-nohost.test', { 'mta-sts': null }),
    ...domainZone('sts-mismatch.test'),
    ...domainZone('sts-testing.test'),
    ...domainZone('sts-gone.test'),
    ...domainZone('sts-badcert.test', { 'mta-sts': { A: [serving(badCert) ? badCert.address : '127.0.0.1'] } }),

    // PTR: publicAddresses of these are configured in the tests
    [reverseName('192.0.2.98')]: { PTR: ['vps-98.hoster.test'] },
    'vps-98.hoster.test': { A: ['192.0.2.98'] },
    [reverseName('192.0.2.97')]: { PTR: [HOST] },

    // DNS failures
    ...Object.fromEntries(Object.keys(domainZone('servfail.test')).map((n) => [n, { rcode: 'SERVFAIL' as const }])),
    ...Object.fromEntries(Object.keys(domainZone('slow.test')).map((n) => [n, { timeout: true }])),
    ...domainZone('dmarc-slow.test', { _dmarc: { timeout: true } }),
  };
}

beforeAll(async () => {
  const stsHosts = Object.keys(buildZone()).filter((n) => n.startsWith('mta-sts.') && n !== 'mta-sts.sts-badcert.test');
  policy = await startPolicyServer({ certNames: stsHosts });
  badCert = await startPolicyServer({ certNames: ['not-mta-sts.example'] });
  if (serving(policy)) {
    // The fetch is mailauth's, through the global agent: trust our test certificate there (this
    // test file runs in its own process).
    https.globalAgent.options.ca = [policy.certPem];
    for (const h of stsHosts) policy.policies.set(h, POLICY);
    policy.policies.set('mta-sts.sts-mismatch.test', `version: STSv1\nmode: enforce\nmx: mx.elsewhere.test\nmax_age: 604800\n`);
    policy.policies.set('mta-sts.sts-testing.test', `version: STSv1\nmode: testing\nmx: ${HOST}\nmax_age: 3600\n`);
    policy.policies.delete('mta-sts.sts-gone.test');
  } else {
    console.log(`MTA-STS policy fetch over HTTPS not tested: ${policy.unavailable}`);
  }
  if (serving(badCert)) badCert.policies.set('mta-sts.sts-badcert.test', POLICY);

  dns = await startDnsServer(buildZone());
});

afterAll(async () => {
  await dns?.close();
  if (policy && serving(policy)) await policy.close();
  if (badCert && serving(badCert)) await badCert.close();
});

function run(domain: string, o: Partial<DomainCheckOptions> = {}): Promise<DomainReport> {
  // Short timeouts: the failure cases must not take the default 3 × 2 s per query.
  const resolver = createResolver({ servers: [dns.address], timeoutMs: 400, tries: 1 });
  return checkDomain({ domain, resolver, hostname: HOST, publicAddresses: [], expectedDkim: EXPECTED, now: () => Date.UTC(2025, 5, 1, 12, 0, 0), ...o });
}

const of = (r: DomainReport, name: Finding['name']) => r.checks.filter((c) => c.name === name);
function one(r: DomainReport, code: string): Finding {
  const f = r.checks.filter((c) => c.code === code);
  expect(f, `${code} in ${JSON.stringify(r.checks, null, 2)}`).toHaveLength(1);
  return f[0]!;
}
const summary = (r: DomainReport) => r.checks.map((c) => `${c.name}:${c.status}:${c.code}`);
/** Every finding that is not ok (MTA-STS left out when its policy cannot be served here). */
const problems = (r: DomainReport) => r.checks.filter((c) => c.status !== 'ok' && (serving(policy) || c.name !== 'mta-sts')).map((c) => `${c.status}:${c.code}`);

describe('a well-configured domain', () => {
  it('is all ok, with one finding per family (two DKIM keys, two addresses)', async () => {
    const r = await run('good.test');
    const mtaSts = serving(policy) ? ['mta-sts:ok:mta-sts-ok'] : ['mta-sts:error:mta-sts-policy-unreachable'];
    expect(summary(r)).toEqual([
      'mx:ok:mx-ok',
      'spf:ok:spf-ok',
      'dkim:ok:dkim-ok',
      'dkim:ok:dkim-ok',
      'dmarc:ok:dmarc-ok',
      ...mtaSts,
      'tls-rpt:ok:tls-rpt-ok',
      'ptr:ok:ptr-ok',
      'ptr:ok:ptr-ok',
    ]);
    expect(r).toMatchObject({ domain: 'good.test', status: serving(policy) ? 'ok' : 'error', checkedAt: Date.UTC(2025, 5, 1, 12, 0, 0) });
    expect(one(r, 'spf-ok').message).toBe(`"v=spf1 a:${HOST} -all": 1 of 10 DNS lookups; this server (${IP4}, ${IP6}) passes; other servers get "-all"`);
    expect(of(r, 'ptr').map((f) => f.message)).toEqual([
      `${IP4} → ${HOST} → ${IP4}: reverse DNS names the HELO name and is forward-confirmed`,
      `${IP6} → ${HOST} → ${IP6}: reverse DNS names the HELO name and is forward-confirmed`,
    ]);
    for (const f of r.checks) if (f.status === 'ok') expect(f.record).toBeUndefined();
    if (serving(policy)) expect(policy.requests).toContain('mta-sts.good.test /.well-known/mta-sts.txt');
  });

  it('uses server.publicAddresses when configured, comparing IPv6 in any spelling', async () => {
    const r = await run('good.test', { publicAddresses: ['2001:DB8:0:0::10'] });
    expect(one(r, 'ptr-ok').message).toContain(`${IP6} → ${HOST}`);
    expect(one(r, 'spf-ok').message).toContain(`this server (${IP6}) passes`);
  });

  it('joins TXT records split into 255-byte strings before parsing (SPF, DMARC, a 2048-bit DKIM key)', async () => {
    const r = await run('split.test');
    expect(one(r, 'spf-ok').message).toContain(`"v=spf1 ip4:198.51.100.0/24 a:${HOST} -all"`);
    expect(one(r, 'dmarc-ok').message).toContain('mailto:dmarc11@split.test');
    expect(of(r, 'dkim').map((f) => f.code)).toEqual(['dkim-ok', 'dkim-ok']);
    expect(RSA_P.length).toBeGreaterThan(255);
  });

  it('a subdomain without a DMARC record of its own falls under its organizational domain', async () => {
    const r = await run('sub.good.test', { expectedDkim: [] });
    expect(one(r, 'dmarc-inherited')).toMatchObject({ status: 'ok', message: expect.stringContaining('receivers apply the record of good.test') });
  });
});

describe('each broken setup gives exactly its own findings, nothing else', () => {
  const expected: Record<string, string[]> = {
    // the MX cases also break MTA-STS: its policy names only this server
    'mx-other': ['error:mx-not-us', 'error:mta-sts-mx-mismatch'],
    'mx-null': ['error:mx-null'],
    'mx-none': ['error:mx-missing'],
    'mx-backup': ['warning:mx-other-host', 'error:mta-sts-mx-mismatch'],
    'mx-first': ['error:mx-not-first', 'error:mta-sts-mx-mismatch'],
    'mx-nowhere': ['error:mx-host-unresolvable', 'error:mx-not-us', 'error:mta-sts-mx-mismatch'],
    'spf-missing': ['error:spf-missing'],
    'spf-syntax': ['error:spf-syntax'],
    'spf-multiple': ['error:spf-multiple'],
    'spf-pass-all': ['error:spf-pass-all'],
    'spf-open': ['error:spf-pass-all', 'error:spf-server-missing'],
    'spf-neutral': ['warning:spf-neutral-all'],
    'spf-ptr': ['warning:spf-ptr'],
    'spf-no-all': ['warning:spf-no-all'],
    'spf-server-missing': ['error:spf-server-missing'],
    'spf-redirect': [],
    'spf-include-missing': ['error:spf-include-missing'],
    'spf-loop': ['error:spf-loop', 'error:spf-server-missing'],
    'spf-lookups': ['error:spf-too-many-lookups'],
    'spf-flatten': ['error:spf-too-many-lookups'],
    'spf-typo': ['warning:spf-unknown-modifier'],
    'spf-voids': ['error:spf-void-lookups'],
    'spf-include-bad': ['error:spf-include-invalid'],
    'spf-open-include': ['error:spf-pass-all'],
    'spf-redirect-ignored': ['warning:spf-redirect-ignored'],
    'mx-ip': ['error:mx-ip-literal', 'error:mta-sts-mx-mismatch'],
    'dkim-missing': ['error:dkim-missing'],
    'dkim-mismatch': ['error:dkim-key-mismatch'],
    'dkim-revoked': ['error:dkim-revoked'],
    'dmarc-missing': ['warning:dmarc-missing'],
    'dmarc-none': ['warning:dmarc-p-none'],
    'dmarc-bad-p': ['error:dmarc-invalid-p', 'error:dmarc-invalid-sp'],
    'dmarc-multiple': ['error:dmarc-multiple'],
    'dmarc-malformed': ['error:dmarc-syntax'],
    'dmarc-uris': ['error:dmarc-pct-range', 'error:dmarc-bad-uri', 'error:dmarc-bad-uri', 'warning:dmarc-report-unauthorized'],
    'dmarc-external': ['warning:dmarc-report-unauthorized'],
    'dmarc-no-rua': ['warning:dmarc-no-rua'],
    'dmarc-empty-rua': ['error:dmarc-bad-uri'],
    'sts-missing': ['warning:mta-sts-missing', 'warning:tls-rpt-missing'],
    'sts-multiple': ['error:mta-sts-multiple'],
    'sts-syntax': ['error:mta-sts-syntax', 'error:tls-rpt-syntax'],
    'sts-nohost': ['error:mta-sts-policy-host'],
    'sts-mismatch': ['error:mta-sts-mx-mismatch'],
    'sts-testing': ['warning:mta-sts-testing', 'warning:mta-sts-max-age'],
    'sts-gone': ['error:mta-sts-policy-missing'],
    'split': [],
  };
  for (const [d, want] of Object.entries(expected)) {
    it(`${d}.test`, async () => {
      const r = await run(`${d}.test`);
      expect(problems(r)).toEqual(serving(policy) ? want : want.filter((w) => !w.includes('mta-sts')));
      if (serving(policy)) expect(r.status).toBe(want.some((w) => w.startsWith('error')) ? 'error' : want.length ? 'warning' : 'ok');
      // Every problem says how to fix it.
      for (const f of r.checks.filter((c) => c.status !== 'ok')) expect(f.fix, f.code).toBeTruthy();
    });
  }
});

describe('MX', () => {
  it('MX pointing elsewhere: error naming the MX, with ours to publish', async () => {
    const f = one(await run('mx-other.test'), 'mx-not-us');
    expect(f).toMatchObject({ status: 'error', record: `mx-other.test. MX 10 ${HOST}.` });
    expect(f.message).toBe(`mail for mx-other.test goes to MX 10 mx.elsewhere.test, not to this server (${HOST}): Mailcove never receives it`);
  });
  it('null MX (RFC 7505)', async () => {
    const f = one(await run('mx-null.test'), 'mx-null');
    expect(f).toMatchObject({ status: 'error', record: `mx-null.test. MX 10 ${HOST}.` });
    expect(f.message).toContain('null MX (RFC 7505)');
  });
  it('no MX at all', async () => {
    expect(one(await run('mx-none.test'), 'mx-missing')).toMatchObject({ status: 'error', record: `mx-none.test. MX 10 ${HOST}.` });
  });
  it('a backup MX elsewhere is a warning; one preferred over us is an error', async () => {
    expect(summary(await run('mx-backup.test')).filter((s) => s.startsWith('mx:'))).toEqual(['mx:warning:mx-other-host']);
    const f = one(await run('mx-first.test'), 'mx-not-first');
    expect(f).toMatchObject({ status: 'error', message: 'MX 5 mx.elsewhere.test is preferred over this server: senders deliver there first' });
  });
  it('an MX host without an address', async () => {
    const r = await run('mx-nowhere.test');
    expect(one(r, 'mx-host-unresolvable').message).toBe('MX 10 mail.nowhere.test has no A or AAAA record: mail sent to it cannot arrive');
    expect(one(r, 'mx-not-us').status).toBe('error');
  });
});

describe('SPF', () => {
  it('no SPF record (other TXT records do not count)', async () => {
    const f = one(await run('spf-missing.test'), 'spf-missing');
    expect(f).toMatchObject({ status: 'error', record: `spf-missing.test. TXT "v=spf1 a:${HOST} -all"` });
  });
  it('malformed: names the bad term; the record to publish keeps the valid terms', async () => {
    const f = one(await run('spf-syntax.test'), 'spf-syntax');
    expect(f.status).toBe('error');
    expect(f.message).toContain('"ip4:192.0.2.300": expected ip4:<IPv4 address>');
    expect(f.record).toBe(`spf-syntax.test. TXT "v=spf1 include:_spf.elsewhere.test a:${HOST} -all"`);
  });
  it('several records: error, and one merged record', async () => {
    const f = one(await run('spf-multiple.test'), 'spf-multiple');
    expect(f.message).toContain('publishes 2 SPF records; receivers answer permerror');
    expect(f.record).toBe(`spf-multiple.test. TXT "v=spf1 a:${HOST} include:_spf.elsewhere.test -all"`);
  });
  it('+all is an error, ?all and a missing all are warnings, ptr is deprecated', async () => {
    expect(one(await run('spf-pass-all.test'), 'spf-pass-all')).toMatchObject({ status: 'error', record: `spf-pass-all.test. TXT "v=spf1 a:${HOST} -all"` });
    expect(one(await run('spf-neutral.test'), 'spf-neutral-all')).toMatchObject({ status: 'warning', record: `spf-neutral.test. TXT "v=spf1 a:${HOST} -all"` });
    expect(one(await run('spf-no-all.test'), 'spf-no-all')).toMatchObject({ status: 'warning', record: `spf-no-all.test. TXT "v=spf1 a:${HOST} -all"` });
    expect(one(await run('spf-ptr.test'), 'spf-ptr')).toMatchObject({ status: 'warning', message: expect.stringContaining('"ptr" is deprecated'), record: `spf-ptr.test. TXT "v=spf1 a:${HOST} -all"` });
  });
  it('this server missing from SPF (evaluated as receivers do): error with our server added', async () => {
    const f = one(await run('spf-server-missing.test'), 'spf-server-missing');
    expect(f.message).toBe(`the SPF record does not allow this server (${IP4}, ${IP6}): receivers get "fail" for the mail Mailcove sends for spf-server-missing.test`);
    expect(f.record).toBe(`spf-server-missing.test. TXT "v=spf1 ip4:198.51.100.7 a:${HOST} -all"`);
  });
  it('an include written with "=" is an unknown modifier that receivers ignore', async () => {
    const f = one(await run('spf-typo.test'), 'spf-unknown-modifier');
    expect(f.message).toBe('"include=_spf.elsewhere.test" is read as an unknown modifier and ignored; "include:" with a colon was probably meant');
    expect(f.record).toBe(`spf-typo.test. TXT "v=spf1 a:${HOST} -all"`);
  });
  it('more than two lookups that find nothing (RFC 7208 4.6.4 void lookups)', async () => {
    expect(one(await run('spf-voids.test'), 'spf-void-lookups').message).toBe("3 of the record's lookups find nothing (the limit is 2, RFC 7208 4.6.4): receivers answer permerror");
  });
  it('an included record that is malformed, or that allows everyone', async () => {
    const bad = one(await run('spf-include-bad.test'), 'spf-include-invalid');
    expect(bad.message).toContain('the SPF record of bad.elsewhere.test is malformed ("ip4:1.2.3": expected ip4:');
    expect(bad.record).toBe(`spf-include-bad.test. TXT "v=spf1 a:${HOST} -all"`);
    const open = one(await run('spf-open-include.test'), 'spf-pass-all');
    expect(open.message).toContain('the SPF record of open.elsewhere.test (reached through open.elsewhere.test) has "+all"');
    expect(open.record).toBe(`spf-open-include.test. TXT "v=spf1 a:${HOST} -all"`);
  });
  it('a server that passes only through +all is not named: the fixed record names it', async () => {
    const r = await run('spf-open.test');
    expect(one(r, 'spf-server-missing').message).toBe(
      `the SPF record does not name this server (${IP4}, ${IP6}): it passes only through "+all", and once that is fixed the mail Mailcove sends for spf-open.test fails SPF`,
    );
    expect(one(r, 'spf-pass-all').record).toBe(`spf-open.test. TXT "v=spf1 ip4:198.51.100.7 a:${HOST} -all"`);
  });
  it('follows redirect=', async () => {
    expect(one(await run('spf-redirect.test'), 'spf-ok').message).toContain('2 of 10 DNS lookups');
  });
  it('an include of a domain without SPF: error, record without it', async () => {
    const f = one(await run('spf-include-missing.test'), 'spf-include-missing');
    expect(f.message).toBe('include:nospf.elsewhere.test points to a domain without an SPF record: receivers answer permerror');
    expect(f.record).toBe(`spf-include-missing.test. TXT "v=spf1 a:${HOST} -all"`);
  });
  it('an include loop further down: error naming the chain; the record drops the include and adds this server', async () => {
    const r = await run('spf-loop.test');
    const f = one(r, 'spf-loop');
    expect(f.message).toContain('spf-loop.test → loop-a.elsewhere.test → loop-b.elsewhere.test → loop-a.elsewhere.test');
    expect(f.record).toBe(`spf-loop.test. TXT "v=spf1 ip4:198.51.100.7 a:${HOST} -all"`);
    expect(one(r, 'spf-server-missing').status).toBe('error');
  });
  it('more than 10 lookups through includes: error with the count and the cost of each term', async () => {
    const f = one(await run('spf-lookups.test'), 'spf-too-many-lookups');
    expect(f.message).toContain('needs 14 DNS lookups');
    expect(f.message).toContain('include:l1.elsewhere.test (13), a:mx.mailcove.test (1)');
    expect(f.record).toBeUndefined(); // cannot be fixed on our side alone
  });
  it('over the limit only because of our own names: the record names this server by address', async () => {
    const f = one(await run('spf-flatten.test'), 'spf-too-many-lookups');
    expect(f.message).toContain('needs 12 DNS lookups');
    expect(f.record).toBe(`spf-flatten.test. TXT "v=spf1 ip4:${IP4} ip6:${IP6} include:nine.elsewhere.test -all"`);
  });
});

describe('DKIM', () => {
  it('a selector without a record: error with the exact record, split into 255-byte strings', async () => {
    const f = one(await run('dkim-missing.test'), 'dkim-missing');
    expect(f.message).toBe('selector rsa1: no record at rsa1._domainkey.dkim-missing.test; receivers cannot verify the signatures Mailcove makes with this key');
    const value = `v=DKIM1; k=rsa; p=${RSA_P}`;
    expect(f.record).toBe(`rsa1._domainkey.dkim-missing.test. TXT "${value.slice(0, 255)}" "${value.slice(255)}"`);
  });
  it('a published key that is not ours, and a revoked one', async () => {
    expect(one(await run('dkim-mismatch.test'), 'dkim-key-mismatch')).toMatchObject({ status: 'error', message: expect.stringContaining('is not the key Mailcove signs with') });
    expect(one(await run('dkim-revoked.test'), 'dkim-revoked')).toMatchObject({ status: 'error', record: `ed1._domainkey.dkim-revoked.test. TXT "v=DKIM1; k=ed25519; p=${ED_P}"` });
  });
  it('no keys configured in Mailcove: a warning', async () => {
    const r = await run('good.test', { expectedDkim: [] });
    expect(one(r, 'dkim-not-configured')).toMatchObject({ status: 'warning', message: expect.stringContaining('no DKIM keys configured for this domain in Mailcove') });
  });
});

describe('DMARC', () => {
  it('no record: warning with a suggested one', async () => {
    const f = one(await run('dmarc-missing.test'), 'dmarc-missing');
    expect(f).toMatchObject({ status: 'warning', record: '_dmarc.dmarc-missing.test. TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@dmarc-missing.test"' });
  });
  it('p=none: warning that it does not protect', async () => {
    const f = one(await run('dmarc-none.test'), 'dmarc-p-none');
    expect(f.message).toBe('p=none: DMARC does not protect dmarc-none.test; receivers deliver mail forged in its name');
    expect(f.record).toBe('_dmarc.dmarc-none.test. TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@dmarc-none.test"');
  });
  it('invalid p= and sp=', async () => {
    const r = await run('dmarc-bad-p.test');
    expect(one(r, 'dmarc-invalid-p').status).toBe('error');
    expect(one(r, 'dmarc-invalid-sp').status).toBe('error');
    expect(one(r, 'dmarc-invalid-p').record).toBe('_dmarc.dmarc-bad-p.test. TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@dmarc-bad-p.test"');
  });
  it('several records', async () => {
    const f = one(await run('dmarc-multiple.test'), 'dmarc-multiple');
    expect(f.message).toContain('has 2 DMARC records; receivers then apply none of them');
    expect(f.record).toBe('_dmarc.dmarc-multiple.test. TXT "v=DMARC1; p=reject; rua=mailto:a@dmarc-multiple.test"');
  });
  it('malformed (not starting with v=DMARC1)', async () => {
    expect(one(await run('dmarc-malformed.test'), 'dmarc-syntax')).toMatchObject({ status: 'error', record: '_dmarc.dmarc-malformed.test. TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@dmarc-malformed.test"' });
  });
  it('bad report URIs and pct out of range', async () => {
    const r = await run('dmarc-uris.test');
    expect(r.checks.filter((c) => c.code === 'dmarc-bad-uri').map((c) => c.message)).toEqual([
      'rua: "https://reports.elsewhere.test/dmarc" is not a mailto: URI; receivers send DMARC reports by mail only',
      'rua: "mailto:not-an-address": "not-an-address" is not a valid mail address',
    ]);
    expect(one(r, 'dmarc-pct-range').status).toBe('error');
    // ruf outside the domain, not authorized by the destination
    expect(one(r, 'dmarc-report-unauthorized').record).toBe('dmarc-uris.test._report._dmarc.reports.elsewhere.test. TXT "v=DMARC1"');
    expect(one(r, 'dmarc-pct-range').record).toBe('_dmarc.dmarc-uris.test. TXT "v=DMARC1; p=reject; rua=mailto:dmarc@dmarc-uris.test; ruf=mailto:forensic@reports.elsewhere.test"');
  });
  it('an external report address needs the destination\'s authorization record (RFC 7489 7.1)', async () => {
    const r = await run('dmarc-external.test');
    const f = one(r, 'dmarc-report-unauthorized');
    expect(f.status).toBe('warning');
    expect(f.message).toContain('reports.elsewhere.test does not publish dmarc-external.test._report._dmarc.reports.elsewhere.test');
    expect(r.checks.filter((c) => c.name === 'dmarc')).toHaveLength(1); // authorized.test publishes its record
  });
});

describe('MTA-STS and TLS-RPT', () => {
  it('none published: warnings with the records and the policy file', async () => {
    const r = await run('sts-missing.test');
    const sts = one(r, 'mta-sts-missing');
    expect(sts).toMatchObject({ status: 'warning', record: '_mta-sts.sts-missing.test. TXT "v=STSv1; id=20250601120000"' });
    expect(sts.fix).toContain(`https://mta-sts.sts-missing.test/.well-known/mta-sts.txt`);
    expect(sts.fix).toContain(`version: STSv1\nmode: enforce\nmx: ${HOST}\nmax_age: 604800`);
    expect(one(r, 'tls-rpt-missing')).toMatchObject({ status: 'warning', record: '_smtp._tls.sts-missing.test. TXT "v=TLSRPTv1; rua=mailto:tlsrpt@sts-missing.test"' });
  });
  it('several or malformed TXT records', async () => {
    expect(one(await run('sts-multiple.test'), 'mta-sts-multiple').status).toBe('error');
    const r = await run('sts-syntax.test');
    expect(one(r, 'mta-sts-syntax').message).toContain('id=2025-01-01 must be 1 to 32 letters and digits');
    expect(one(r, 'tls-rpt-syntax')).toMatchObject({ status: 'error', record: '_smtp._tls.sts-syntax.test. TXT "v=TLSRPTv1; rua=mailto:tlsrpt@sts-syntax.test"' });
  });
  it('the policy host has no address', async () => {
    expect(one(await run('sts-nohost.test'), 'mta-sts-policy-host').status).toBe('error');
  });

  // Skipped (each, with the reason printed above) when port 443 of a loopback address cannot be bound.
  describe('policy fetched over HTTPS', () => {
    it('an MX the enforced policy does not allow', async ({ skip }) => {
      if (!serving(policy)) return skip();
      const f = one(await run('sts-mismatch.test'), 'mta-sts-mx-mismatch');
      expect(f).toMatchObject({ status: 'error', message: `MX ${HOST} is not allowed by the policy (mx: mx.elsewhere.test): senders that enforce MTA-STS refuse to deliver to it` });
      expect(f.fix).toContain(`mx: ${HOST}`);
    });
    it('testing mode and a short max_age', async ({ skip }) => {
      if (!serving(policy)) return skip();
      expect(summary(await run('sts-testing.test')).filter((s) => s.startsWith('mta-sts'))).toEqual(['mta-sts:warning:mta-sts-testing', 'mta-sts:warning:mta-sts-max-age']);
    });
    it('no policy file (HTTP 404)', async ({ skip }) => {
      if (!serving(policy)) return skip();
      expect(one(await run('sts-gone.test'), 'mta-sts-policy-missing').message).toBe('https://mta-sts.sts-gone.test/.well-known/mta-sts.txt answered HTTP 404 instead of the policy');
    });
    it('a certificate that is not valid for mta-sts.<domain>', async ({ skip }) => {
      if (!serving(badCert)) return skip();
      const f = one(await run('sts-badcert.test'), 'mta-sts-policy-tls');
      expect(f.message).toMatch(/^the certificate of mta-sts.sts-badcert.test is not valid \((DEPTH_ZERO_SELF_SIGNED_CERT|ERR_TLS_CERT_ALTNAME_INVALID)/);
    });
  });
});

describe('reverse DNS and HELO', () => {
  it('an address without PTR', async () => {
    const f = one(await run('good.test', { publicAddresses: ['192.0.2.99'] }), 'ptr-missing');
    expect(f).toMatchObject({ status: 'error', record: `99.2.0.192.in-addr.arpa. PTR ${HOST}.` });
  });
  it('a PTR naming another host than the HELO name', async () => {
    const f = one(await run('good.test', { publicAddresses: ['192.0.2.98'] }), 'ptr-mismatch');
    expect(f.message).toBe(`reverse DNS of 192.0.2.98 is vps-98.hoster.test, but this server introduces itself (HELO) as ${HOST}`);
    expect(f.fix).toContain('Or set hostname to vps-98.hoster.test');
    expect(f.record).toBe(`98.2.0.192.in-addr.arpa. PTR ${HOST}.`);
  });
  it('a PTR naming us whose name does not resolve back (not forward-confirmed)', async () => {
    const f = one(await run('good.test', { publicAddresses: ['192.0.2.97'] }), 'ptr-not-confirmed');
    expect(f.message).toBe(`192.0.2.97 points to ${HOST}, but ${HOST} resolves to ${IP4}, ${IP6}, not back to 192.0.2.97: the reverse DNS is not forward-confirmed`);
    expect(f.record).toBe(`${HOST}. A 192.0.2.97`);
  });
  it('a HELO name without any address: the records to publish use the MX host\'s addresses', async () => {
    const r = await run('good.test', { hostname: 'unknown-host.mailcove.test' });
    const f = one(r, 'ptr-helo-no-address');
    expect(f.status).toBe('error');
    expect(f.record).toBe(`unknown-host.mailcove.test. A ${IP4}\nunknown-host.mailcove.test. AAAA ${IP6}`);
    expect(r.checks.filter((c) => c.code === 'ptr-mismatch')).toHaveLength(2);
  });
  it('no address known at all', async () => {
    const r = await run('mx-nowhere.test', { hostname: 'unknown-host.mailcove.test' });
    expect(summary(r).filter((s) => s.startsWith('ptr'))).toEqual(['ptr:error:ptr-helo-no-address']);
    expect(one(r, 'ptr-helo-no-address').record).toBe('unknown-host.mailcove.test. A <the public IPv4 address of this server>');
    expect(one(r, 'spf-server-unknown').status).toBe('warning');
  });
});

describe('DNS that cannot answer', () => {
  it('NXDOMAIN for the domain: one clear error', async () => {
    const r = await run('nowhere.test');
    expect(summary(r)).toEqual(['mx:error:domain-not-found']);
    expect(r.checks[0]!.message).toBe('nowhere.test does not exist in DNS (NXDOMAIN): none of its records can be found');
  });
  it('SERVFAIL: every family says DNS could not answer', async () => {
    const r = await run('servfail.test');
    expect(r.status).toBe('error');
    for (const name of ['mx', 'spf', 'dmarc', 'mta-sts', 'tls-rpt'] as const) {
      const f = of(r, name);
      expect(f.map((x) => x.message).join('\n'), name).toMatch(/DNS could not answer the (MX|TXT) query for .*servfail\.test: the DNS server failed \(SERVFAIL\)/);
    }
    expect(of(r, 'dkim').map((f) => f.code)).toEqual(['dkim-dns', 'dkim-dns']);
  });
  it('timeouts: a clear finding, in bounded time', async () => {
    const started = Date.now();
    const r = await run('slow.test');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.status).toBe('error');
    expect(one(r, 'mx-dns').message).toBe('DNS could not answer the MX query for slow.test: no answer in time (timeout); senders cannot find where to deliver mail for slow.test either');
    expect(one(r, 'dmarc-dns').message).toContain('no answer in time (timeout)');
  });
  it('one name timing out leaves the rest of the report intact', async () => {
    const r = await run('dmarc-slow.test');
    expect(one(r, 'dmarc-dns').status).toBe('error');
    expect(one(r, 'spf-ok').status).toBe('ok');
    expect(one(r, 'mx-ok').status).toBe('ok');
  });
});
