// `mailcove dns check <domain>` through the real command line, against a DNS server on loopback
// (MAILCOVE_DNS_SERVERS) and, when port 443 of a loopback address can be bound, the MTA-STS policy
// over real HTTPS (the child trusts the test certificate through NODE_EXTRA_CA_CERTS): the table
// and --json forms, exit codes (0 without errors, 1 with any error or a refusal, 2 usage), on each
// store dialect.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reverseName } from '../../src/dns/wire.js';
import { cliOk, freePort, runCli, tempDir } from '../helpers/cli.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { startPolicyServer, type PolicyServer } from '../helpers/mta-sts-server.js';
import { createPgDatabase, DIALECTS, PG_SKIP_REASON } from '../helpers/store.js';

const HOST = 'mx.mailcove.test';
const IP4 = '192.0.2.10';

let dns: TestDnsServer;
let policy: PolicyServer | { unavailable: string };
const serving = (): PolicyServer | null => (policy && 'address' in policy ? policy : null);
let caFile: string;
const dirs: string[] = [];

beforeAll(async () => {
  policy = await startPolicyServer({ certNames: ['mta-sts.good.test'] });
  const p = serving();
  if (p) {
    p.policies.set('mta-sts.good.test', `version: STSv1\nmode: enforce\nmx: ${HOST}\nmax_age: 604800\n`);
    const dir = tempDir('mailcove-dnscheck-ca-');
    dirs.push(dir);
    caFile = path.join(dir, 'ca.pem');
    fs.writeFileSync(caFile, p.certPem);
  } else {
    console.log(`MTA-STS policy fetch over HTTPS not tested: ${(policy as { unavailable: string }).unavailable}`);
  }
  dns = await startDnsServer({
    [HOST]: { A: [IP4] },
    [reverseName(IP4)]: { PTR: [HOST] },
    [reverseName('192.0.2.98')]: { PTR: ['vps-98.hoster.test'] },
    'good.test': { MX: [{ priority: 10, exchange: HOST }], TXT: [`v=spf1 a:${HOST} -all`] },
    '_dmarc.good.test': { TXT: ['v=DMARC1; p=reject; rua=mailto:dmarc@good.test'] },
    '_mta-sts.good.test': { TXT: ['v=STSv1; id=20250101'] },
    'mta-sts.good.test': { A: [p ? p.address : '127.0.0.1'] },
    '_smtp._tls.good.test': { TXT: ['v=TLSRPTv1; rua=mailto:tlsrpt@good.test'] },
    'broken.test': { MX: [{ priority: 10, exchange: HOST }], TXT: ['v=spf1 ip4:198.51.100.7 +all'] },
    '_dmarc.broken.test': { TXT: ['v=DMARC1; p=none'] },
  });
});

afterAll(async () => {
  await dns?.close();
  const p = serving();
  if (p) await p.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

if (PG_SKIP_REASON) console.log(`PostgreSQL run of the dns check CLI skipped: ${PG_SKIP_REASON}`);

for (const dialect of DIALECTS) {
  // Each CLI call is a fresh Node process, hence the generous timeout.
  describe(`mailcove dns check (${dialect})`, { timeout: 120_000 }, () => {
    let dataDir: string;
    let env: Record<string, string>;
    let dropDb: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      dataDir = tempDir('mailcove-dnscheck-');
      dirs.push(dataDir);
      env = { MAILCOVE_DNS_SERVERS: dns.address, MAILCOVE_HOSTNAME: HOST, MAILCOVE_DNS__TIMEOUT_MS: '500', ...(caFile ? { NODE_EXTRA_CA_CERTS: caFile } : {}) };
      if (dialect === 'postgres') {
        const db = await createPgDatabase();
        env.MAILCOVE_DATABASE_URL = db.url;
        dropDb = db.drop;
      }
      await cliOk(['init', '--admin-email', 'admin@good.test'], { dataDir, env });
      for (const d of ['good.test', 'broken.test']) await cliOk(['domain', 'add', d], { dataDir, env });
      // good.test publishes the DKIM keys Mailcove made for it; broken.test does not.
      const dkim = JSON.parse((await cliOk(['domain', 'dkim', 'good.test', '--json'], { dataDir, env }))) as { records: Array<{ name: string; strings: string[] }> };
      for (const r of dkim.records) dns.zone[r.name] = { TXT: [r.strings] };
    });
    afterAll(async () => {
      await dropDb?.();
    });

    it('a well-configured domain: a table of findings, exit 0', async () => {
      const r = await runCli(['dns', 'check', 'good.test'], { dataDir, env });
      // Without port 443 the policy cannot be fetched, which is an error.
      expect(r.code, r.stderr + r.stdout).toBe(serving() ? 0 : 1);
      expect(r.stderr).toBe('');
      expect(r.stdout.split('\n')[0]).toBe(serving() ? 'DNS check of good.test: all ok' : 'DNS check of good.test: 1 error');
      expect(r.stdout).toMatch(/^CHECK\s+STATUS\s+FINDING$/m);
      expect(r.stdout).toMatch(new RegExp(`^mx\\s+ok\\s+MX 10 ${HOST}: this server$`, 'm'));
      expect(r.stdout).toMatch(/^spf\s+ok\s+"v=spf1 a:mx\.mailcove\.test -all": 1 of 10 DNS lookups/m);
      expect(r.stdout).toMatch(/^dkim\s+ok\s+selector mc\d{6}r \(rsa\): /m);
      expect(r.stdout).toMatch(/^dkim\s+ok\s+selector mc\d{6}e \(ed25519\): /m);
      expect(r.stdout).toMatch(/^dmarc\s+ok\s+/m);
      expect(r.stdout).toMatch(/^tls-rpt\s+ok\s+/m);
      expect(r.stdout).toMatch(new RegExp(`^ptr\\s+ok\\s+${IP4.replace(/\./g, '\\.')} → ${HOST}`, 'm'));
      if (serving()) expect(r.stdout).toMatch(/^mta-sts\s+ok\s+policy 20250101: mode enforce, mx mx\.mailcove\.test, max_age 604800$/m);
      if (!serving()) expect(r.stdout).toContain('How to fix');
    });

    it('--json gives the report', async () => {
      const r = await runCli(['dns', 'check', 'GOOD.test', '--json'], { dataDir, env });
      expect(r.code, r.stderr).toBe(serving() ? 0 : 1);
      const report = JSON.parse(r.stdout);
      expect(report).toMatchObject({ domain: 'good.test', status: serving() ? 'ok' : 'error' });
      expect(report.checks.map((c: { name: string }) => c.name)).toEqual(['mx', 'spf', 'dkim', 'dkim', 'dmarc', 'mta-sts', 'tls-rpt', 'ptr']);
      expect(report.checks.filter((c: { name: string }) => c.name === 'dkim').map((c: { code: string }) => c.code)).toEqual(['dkim-ok', 'dkim-ok']);
    });

    it('a broken domain: exit 1, each problem with its fix and the record to publish', async () => {
      const r = await runCli(['dns', 'check', 'broken.test'], { dataDir, env });
      expect(r.code, r.stderr).toBe(1);
      expect(r.stdout).toMatch(/^DNS check of broken\.test: \d+ errors?, \d+ warnings?$/m);
      expect(r.stdout).toMatch(/^spf\s+error\s+"\+all" allows every server on the Internet to send as broken\.test$/m);
      expect(r.stdout).toContain(`  spf error: the SPF record does not name this server (${IP4}): it passes only through "+all"`);
      expect(r.stdout).toContain(`      broken.test. TXT "v=spf1 ip4:198.51.100.7 a:${HOST} -all"`);
      expect(r.stdout).toContain('      _dmarc.broken.test. TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@broken.test"');
      expect(r.stdout).toContain('    publish: the record above');
      expect(r.stdout).toContain('      _dmarc.broken.test. TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@broken.test"');
      const json = await runCli(['dns', 'check', 'broken.test', '--json'], { dataDir, env });
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout).checks.filter((c: { status: string }) => c.status === 'error').map((c: { code: string }) => c.code)).toEqual(
        expect.arrayContaining(['spf-pass-all', 'spf-server-missing']),
      );
    });

    it('reads server.publicAddresses from the environment', async () => {
      const r = await runCli(['dns', 'check', 'good.test', '--json'], { dataDir, env: { ...env, MAILCOVE_SERVER__PUBLIC_ADDRESSES: '["192.0.2.98"]' } });
      expect(r.code).toBe(1);
      const ptr = JSON.parse(r.stdout).checks.filter((c: { name: string }) => c.name === 'ptr');
      expect(ptr).toEqual([expect.objectContaining({ status: 'error', code: 'ptr-mismatch', record: `98.2.0.192.in-addr.arpa. PTR ${HOST}.` })]);
    });

    it('DNS that does not answer: findings saying so, exit 1, no crash', async () => {
      const dead = `127.0.0.1:${await freePort()}`;
      const r = await runCli(['dns', 'check', 'good.test'], { dataDir, env: { ...env, MAILCOVE_DNS_SERVERS: dead } });
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^mx\s+error\s+DNS could not answer the MX query for good\.test/m);
      expect(r.stdout).toMatch(/^dmarc\s+error\s+DNS could not answer the TXT query for _dmarc\.good\.test/m);
    });

    it('refuses a domain that is not hosted (exit 1) and a missing argument (exit 2)', async () => {
      const r = await runCli(['dns', 'check', 'elsewhere.test'], { dataDir, env });
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('mailcove dns check: domain elsewhere.test not found\n');
      const json = await runCli(['dns', 'check', 'elsewhere.test', '--json'], { dataDir, env });
      expect(JSON.parse(json.stdout)).toEqual({ error: 'not_found', field: 'domain', message: 'domain elsewhere.test not found' });
      const bad = await runCli(['dns', 'check', 'not a domain'], { dataDir, env });
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('domain: "not a domain" is not a valid domain name');
      const usage = await runCli(['dns', 'check'], { dataDir, env });
      expect(usage.code).toBe(2);
      expect(usage.stderr).toContain('usage: mailcove dns check <domain>');
      expect((await runCli(['--help'])).stdout).toContain('mailcove dns check <domain>');
    });
  });
}
