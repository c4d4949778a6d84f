// `mailcove domain dkim` and `mailcove domain dkim rotate` through the real command line, in
// --json and human form, with the exit codes of every admin command.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliJson, cliOk, runCli, tempDir } from '../helpers/cli.js';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('mailcove domain dkim', { timeout: 60_000 }, () => {
  let dataDir = '';
  beforeAll(() => {
    dataDir = tempDir('mailcove-dkim-cli-');
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const dir = (env?: Record<string, string>) => ({ dataDir, env });

  it('domain add makes the keys and says where the records are', async () => {
    expect(await cliOk(['domain', 'add', 'example.test'], dir())).toBe('domain example.test added\nits DKIM records to publish: mailcove domain dkim example.test\n');
  });

  it('lists keys and the TXT records, whole and in strings of at most 255 bytes', async () => {
    const r = await cliJson(['domain', 'dkim', 'example.test'], dir());
    expect(r.domain).toBe('example.test');
    expect(r.keys.map((k: any) => [k.algorithm, k.status, k.signing])).toEqual([['rsa', 'active', true], ['ed25519', 'active', true]]);
    expect(r.records.map((x: any) => x.name)).toEqual(r.keys.map((k: any) => `${k.selector}._domainkey.example.test`));
    for (const rec of r.records) {
      expect(rec.strings.join('')).toBe(rec.value);
      expect(rec.strings.every((s: string) => Buffer.byteLength(s) <= 255)).toBe(true);
    }

    const human = await cliOk(['domain', 'dkim', 'example.test'], dir());
    expect(human).toContain('DKIM keys of example.test');
    expect(human).toMatch(/SELECTOR\s+ALGORITHM\s+STATUS\s+SIGNING\s+CREATEDAT\s+RETIREAT/);
    for (const rec of r.records) expect(human).toContain(`${rec.zone}\n`);
    expect(human).toMatch(/IN TXT "v=DKIM1; k=rsa; p=[^"]{237}" "[^"]+"\n/);
  });

  it('rotate: given grace days, or dkim.rotationGraceDays from the configuration', async () => {
    const before = await cliJson(['domain', 'dkim', 'example.test'], dir());
    const r = await cliJson(['domain', 'dkim', 'rotate', 'example.test', '--grace-days', '2'], dir());
    expect(r.graceDays).toBe(2);
    expect(r.replaced.sort()).toEqual(before.keys.map((k: any) => k.selector).sort());
    const old = r.keys.filter((k: any) => r.replaced.includes(k.selector));
    expect(old.every((k: any) => k.status === 'retiring' && k.retireAt - k.supersededAt === 2 * DAY_MS)).toBe(true);
    expect(r.records).toHaveLength(4);

    const human = await cliOk(['domain', 'dkim', 'rotate', 'example.test'], dir({ MAILCOVE_DKIM__ROTATION_GRACE_DAYS: '5' }));
    expect(human).toMatch(/^new DKIM keys for example\.test: mc\d{6}r\d*, mc\d{6}e\d* sign from now on\n/);
    expect(human).toMatch(/stay published until \d{4}-\d\d-\d\dT[\d:.]+Z \(5 days\); remove their records after that/);
    const after = await cliJson(['domain', 'dkim', 'example.test'], dir());
    expect(after.keys).toHaveLength(6);
    expect(new Set(after.keys.map((k: any) => k.selector)).size).toBe(6);
    expect(after.keys.filter((k: any) => k.signing)).toHaveLength(2);

    const now = await cliOk(['domain', 'dkim', 'rotate', 'example.test', '--grace-days', '0'], dir());
    expect(now).toMatch(/are retired now: remove their records/);
    expect(now).toMatch(/retired, remove from DNS: mc\d{6}r\d*\._domainkey\.example\.test, mc\d{6}e\d*\._domainkey\.example\.test\n/);
  });

  it('refusals: unknown domain (1), bad or missing arguments (2)', async () => {
    const unknown = await runCli(['domain', 'dkim', 'rotate', 'nowhere.test'], { dataDir });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('mailcove domain dkim rotate: domain nowhere.test not found');
    const json = await runCli(['domain', 'dkim', 'nowhere.test', '--json'], { dataDir });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: 'not_found', field: 'domain' });
    const bad = await runCli(['domain', 'dkim', 'rotate', 'example.test', '--grace-days', 'soon'], { dataDir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--grace-days: "soon" is not a whole number');
    const tooLong = await runCli(['domain', 'dkim', 'rotate', 'example.test', '--grace-days', '999'], { dataDir });
    expect(tooLong.code).toBe(1);
    expect(tooLong.stderr).toContain('graceDays: a whole number of days from 0 to 365');
    const missing = await runCli(['domain', 'dkim'], { dataDir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('usage: mailcove domain dkim <domain>');
    const help = await runCli(['--help']);
    expect(help.stdout).toContain('mailcove domain dkim rotate <domain> [--grace-days N]');
  });
});
