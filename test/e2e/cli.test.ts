// Every admin command of `mailcove` through the real command line, in --json and human form:
// exit codes (0 done, 1 refused naming the field, 2 usage), nothing half-applied on refusal,
// and admin commands against the data directory of a running server.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliJson, cliOk, killAllServers, runCli, startServe, swaks, tempDir, type CliResult } from '../helpers/cli.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';

const dirs: string[] = [];
function newDataDir(): string {
  const d = tempDir('mailcove-cli-');
  dirs.push(d);
  return d;
}

afterAll(async () => {
  await killAllServers();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** Expects a refusal: exit code `code`, and (human form) the message on stderr. */
async function refused(args: string[], dataDir: string, code: 1 | 2): Promise<CliResult> {
  const r = await runCli(args, { dataDir });
  expect(r.code, `mailcove ${args.join(' ')}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(code);
  expect(r.stderr).toMatch(new RegExp(`^mailcove ${args[0]}`));
  return r;
}

/** The --json form of a refusal (exit 1): { error, field, message } on stdout. */
async function refusedJson(args: string[], dataDir: string): Promise<{ error: string; field: string | null; message: string }> {
  const r = await runCli([...args, '--json'], { dataDir });
  expect(r.code, `mailcove ${args.join(' ')} --json\nstdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(1);
  return JSON.parse(r.stdout) as { error: string; field: string | null; message: string };
}

describe('mailcove init', { timeout: 60_000 }, () => {
  it('creates the first admin once, printing a one-time password, and says so when already initialised', async () => {
    const dataDir = newDataDir();
    const first = await runCli(['init', '--admin-email', 'boss@example.com'], { dataDir });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`data directory: ${dataDir}`);
    expect(first.stdout).toContain('first admin: boss@example.com');
    const password = /one-time password: (\S+)/.exec(first.stdout)?.[1];
    expect(password).toBeDefined();
    expect(password!.length).toBeGreaterThanOrEqual(12);
    expect(fs.existsSync(`${dataDir}/mailcove.db`)).toBe(true);

    const again = await runCli(['init'], { dataDir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already initialised');
    expect(again.stdout).not.toContain('one-time password');

    const againJson = await cliJson(['init'], { dataDir });
    expect(againJson).toEqual({ dataDir, admin: null });

    const users = await cliJson<Array<{ email: string; admin: boolean }>>(['user', 'list'], { dataDir });
    expect(users.map((u) => [u.email, u.admin])).toEqual([['boss@example.com', true]]);
  });

  it('--json gives the admin and its password once', async () => {
    const dataDir = newDataDir();
    const created = await cliJson(['init', '--admin-email', 'root@example.com'], { dataDir });
    expect(created.dataDir).toBe(dataDir);
    expect(created.admin).toMatchObject({ email: 'root@example.com', admin: true, oneTime: true });
    expect(typeof created.admin.password).toBe('string');
    expect(created.admin.password.length).toBeGreaterThanOrEqual(12);
    expect((await cliJson(['init'], { dataDir })).admin).toBeNull();
  });
});

describe('mailcove usage errors', { timeout: 60_000 }, () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = newDataDir();
  });

  it('unknown command: exit 2 with the usage', async () => {
    const r = await runCli(['frobnicate'], { dataDir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
    expect(r.stderr).toContain('usage: mailcove <command>');
    const two = await runCli(['domain', 'frobnicate'], { dataDir });
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('unknown command "domain frobnicate"');
  });

  it('no command: exit 2 with the usage; --help: exit 0', async () => {
    const none = await runCli([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toContain('usage: mailcove <command>');
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const cmd of ['serve', 'init', 'config check', 'domain add', 'mailbox add', 'redirect add', 'queue list', 'trace']) {
      expect(help.stdout).toContain(`mailcove ${cmd}`);
    }
  });

  it('a missing argument or flag value: exit 2 naming it', async () => {
    const missing = await refused(['mailbox', 'add'], dataDir, 2);
    expect(missing.stderr).toContain('missing <address>');
    expect(missing.stderr).toContain('usage: mailcove mailbox add <address>');
    const noValue = await runCli(['mailbox', 'list', '--domain']);
    expect(noValue.code).toBe(2);
    expect(noValue.stderr).toContain('--domain needs a value');
  });
});

// Each CLI call is a fresh Node process (about half a second), hence the generous timeouts.
describe('mailcove admin commands', { timeout: 120_000 }, () => {
  let dataDir: string;
  const dir = () => ({ dataDir });

  beforeAll(async () => {
    dataDir = newDataDir();
    await cliOk(['init', '--admin-email', 'admin@example.com'], dir());
    // What the tests below share; each test makes the rest of what it needs itself.
    await cliOk(['domain', 'add', 'example.test'], dir());
    for (const m of ['owner', 'second', 'catchall']) await cliOk(['mailbox', 'add', `${m}@example.test`], dir());
  });

  it('domain add / list / limits / remove', async () => {
    expect(await cliOk(['domain', 'add', 'Domains.TEST'], dir())).toContain('domain domains.test added');
    const added = await cliJson(['domain', 'add', 'other.test'], dir());
    expect(added).toMatchObject({ name: 'other.test', max_recipients_per_message: null });

    const list = await cliJson<Array<{ name: string }>>(['domain', 'list'], dir());
    expect(list.map((d) => d.name).sort()).toEqual(['domains.test', 'example.test', 'other.test']);
    const human = await cliOk(['domain', 'list'], dir());
    expect(human).toMatch(/^NAME\s+MAX_RECIPIENTS_PER_MESSAGE\s+MAX_RECIPIENTS_PER_24H\s+CREATED_AT/);
    expect(human).toContain('domains.test');

    // Refusals name the field, and change nothing.
    const dup = await refused(['domain', 'add', 'domains.test'], dataDir, 1);
    expect(dup.stderr).toContain('domain domains.test already exists');
    expect(await refusedJson(['domain', 'add', 'DOMAINS.test'], dataDir)).toMatchObject({ error: 'conflict', field: 'domain' });
    const bad = await refused(['domain', 'add', 'not a domain'], dataDir, 1);
    expect(bad.stderr).toContain('domain: "not a domain" is not a valid domain name');
    expect(await refusedJson(['domain', 'add', 'bad_domain!'], dataDir)).toMatchObject({ error: 'invalid', field: 'domain' });
    expect(await cliJson(['domain', 'list'], dir())).toEqual(list);

    expect(await cliJson(['domain', 'limits', 'other.test', '--per-message', '5', '--per-24h', '50'], dir())).toEqual({
      domain: 'other.test',
      maxRecipientsPerMessage: 5,
      maxRecipientsPer24h: 50,
    });
    expect(await cliOk(['domain', 'limits', 'other.test', '--per-message', 'default', '--per-24h', '70'], dir())).toContain(
      'limits of other.test: default per message, 70 per 24h',
    );
    const badLimit = await refused(['domain', 'limits', 'other.test', '--per-message', 'lots'], dataDir, 2);
    expect(badLimit.stderr).toContain('--per-message: "lots" is not a whole number');
    const zero = await refusedJson(['domain', 'limits', 'other.test', '--per-24h', '0'], dataDir);
    expect(zero).toMatchObject({ error: 'invalid', field: 'maxRecipientsPer24h' });
    const limits = (await cliJson<Array<{ name: string; max_recipients_per_message: number | null; max_recipients_per_24h: number | null }>>(['domain', 'list'], dir())).find(
      (d) => d.name === 'other.test',
    );
    expect(limits).toMatchObject({ max_recipients_per_message: null, max_recipients_per_24h: 70 });
    expect((await refusedJson(['domain', 'limits', 'nowhere.test', '--per-message', '3'], dataDir)).field).toBe('domain');

    await cliOk(['mailbox', 'add', 'x@other.test'], dir());
    expect(await cliOk(['domain', 'remove', 'other.test'], dir())).toContain('domain other.test removed');
    expect((await cliJson<Array<{ name: string }>>(['domain', 'list'], dir())).map((d) => d.name).sort()).toEqual(['domains.test', 'example.test']);
    expect((await cliJson<Array<{ address: string }>>(['mailbox', 'list'], dir())).map((m) => m.address)).not.toContain('x@other.test');
    const gone = await refused(['domain', 'remove', 'other.test'], dataDir, 1);
    expect(gone.stderr).toContain('domain other.test not found');
  });

  it('mailbox add / list / quota / limits / remove', async () => {
    await cliOk(['domain', 'add', 'mbox.test'], dir());
    const m = await cliJson(['mailbox', 'add', 'Alice@Mbox.test', '--name', 'Alice A', '--quota', '1G'], dir());
    expect(m).toMatchObject({ address: 'alice@mbox.test', kind: 'mailbox', display_name: 'Alice A', quota_bytes: 1024 ** 3, used_bytes: 0 });
    expect(await cliOk(['mailbox', 'add', 'bob@mbox.test'], dir())).toContain('mailbox bob@mbox.test created');
    expect(await cliOk(['mailbox', 'add', 'catchall@mbox.test'], dir())).toContain('(catch-all: receives mail for unknown addresses, cannot send)');

    const human = await cliOk(['mailbox', 'list', '--domain', 'mbox.test'], dir());
    expect(human).toMatch(/^ADDRESS\s+KIND\s+DISPLAY_NAME\s+USED_BYTES\s+QUOTA_BYTES/);
    expect(human).toMatch(/alice@mbox\.test\s+mailbox\s+Alice A\s+0\s+1073741824/);
    expect(human).toMatch(/catchall@mbox\.test\s+catchall/);
    const before = await cliJson<Array<{ address: string }>>(['mailbox', 'list'], dir());
    expect((await cliJson<Array<{ address: string }>>(['mailbox', 'list', '--domain', 'mbox.test'], dir())).map((x) => x.address)).toEqual([
      'alice@mbox.test',
      'bob@mbox.test',
      'catchall@mbox.test',
    ]);
    expect(before.map((x) => x.address)).toContain('owner@example.test');

    // Refusals: each names the field, exit 1; a bad size is a usage error (exit 2) naming --quota.
    const badAddress = await refused(['mailbox', 'add', 'not-an-address'], dataDir, 1);
    expect(badAddress.stderr).toContain('address: "not-an-address" is not a valid email address');
    expect(await refusedJson(['mailbox', 'add', 'a b@mbox.test'], dataDir)).toMatchObject({ error: 'invalid', field: 'address' });
    const dup = await refused(['mailbox', 'add', 'alice@mbox.test'], dataDir, 1);
    expect(dup.stderr).toContain('address alice@mbox.test is already used by a mailbox');
    expect(await refusedJson(['mailbox', 'add', 'ALICE@mbox.test'], dataDir)).toMatchObject({ error: 'conflict', field: 'address' });
    const unhosted = await refusedJson(['mailbox', 'add', 'carol@elsewhere.test'], dataDir);
    expect(unhosted).toMatchObject({ error: 'invalid', field: 'address' });
    expect(unhosted.message).toContain('the domain elsewhere.test is not hosted here');
    const quota = await refused(['mailbox', 'add', 'dave@mbox.test', '--quota', 'abc'], dataDir, 2);
    expect(quota.stderr).toContain('--quota: "abc" is not a size');
    expect(quota.stderr).toContain('usage: mailcove mailbox add <address>');
    expect(await cliJson(['mailbox', 'list'], dir())).toEqual(before);

    expect(await cliJson(['mailbox', 'quota', 'bob@mbox.test', '500M'], dir())).toEqual({ address: 'bob@mbox.test', quotaBytes: 500 * 1024 ** 2, usedBytes: 0 });
    expect(await cliOk(['mailbox', 'quota', 'bob@mbox.test', '0'], dir())).toContain('quota of bob@mbox.test: 0 bytes (0 used)');
    const unknownQuota = await refusedJson(['mailbox', 'quota', 'nobody@mbox.test', '1G'], dataDir);
    expect(unknownQuota).toMatchObject({ error: 'not_found', field: 'address' });
    expect(unknownQuota.message).toContain('mailbox nobody@mbox.test not found');
    expect((await refused(['mailbox', 'quota', 'bob@mbox.test', 'lots'], dataDir, 2)).stderr).toContain('size: "lots" is not a size');

    expect(await cliJson(['mailbox', 'limits', 'bob@mbox.test', '--per-message', '3'], dir())).toEqual({
      address: 'bob@mbox.test',
      maxRecipientsPerMessage: 3,
      maxRecipientsPer24h: null,
    });
    expect(await cliOk(['mailbox', 'limits', 'bob@mbox.test', '--per-message', 'default'], dir())).toContain('default per message, default per 24h');
    expect((await refusedJson(['mailbox', 'limits', 'nobody@mbox.test', '--per-message', '3'], dataDir)).field).toBe('address');

    await cliOk(['mailbox', 'add', 'temp@mbox.test'], dir());
    expect(await cliJson(['mailbox', 'remove', 'temp@mbox.test'], dir())).toEqual({ address: 'temp@mbox.test' });
    expect((await cliJson<Array<{ address: string }>>(['mailbox', 'list'], dir())).map((x) => x.address)).not.toContain('temp@mbox.test');
    expect((await refused(['mailbox', 'remove', 'temp@mbox.test'], dataDir, 1)).stderr).toContain('mailbox temp@mbox.test not found');
  });

  it('device-password add / list / revoke', async () => {
    const human = await cliOk(['device-password', 'add', 'owner@example.test', 'phone'], dir());
    const shown = /device password "phone" \(id (\d+)\) for owner@example\.test:\n(\S+)\n\(shown once\)/.exec(human);
    expect(shown, human).not.toBeNull();
    const laptop = await cliJson(['device-password', 'add', 'owner@example.test', 'laptop', '--password', 'a-long-enough-secret'], dir());
    expect(laptop).toMatchObject({ mailbox: 'owner@example.test', name: 'laptop', password: 'a-long-enough-secret' });

    const list = await cliJson<Array<Record<string, unknown>>>(['device-password', 'list', 'owner@example.test'], dir());
    expect(list.map((d) => d.name)).toEqual(['phone', 'laptop']);
    expect(JSON.stringify(list)).not.toContain(shown![2]);
    expect(JSON.stringify(list)).not.toContain('a-long-enough-secret');
    expect(list.every((d) => !('hash' in d) && !('password' in d))).toBe(true);
    expect(await cliOk(['device-password', 'list', 'owner@example.test'], dir())).toMatch(/^ID\s+NAME\s+CREATEDAT\s+LASTUSEDAT\s+LASTUSEDIP\s+REVOKEDAT/);

    const short = await refusedJson(['device-password', 'add', 'owner@example.test', 'tablet', '--password', 'short'], dataDir);
    expect(short).toMatchObject({ error: 'invalid', field: 'password' });
    expect((await refused(['device-password', 'add', 'nobody@example.test', 'tablet'], dataDir, 1)).stderr).toContain('mailbox nobody@example.test not found');
    expect((await refusedJson(['device-password', 'add', 'nobody@example.test', 'tablet'], dataDir)).field).toBe('mailbox');
    expect((await refused(['device-password', 'add', 'owner@example.test'], dataDir, 2)).stderr).toContain('missing <name>');
    expect((await cliJson<unknown[]>(['device-password', 'list', 'owner@example.test'], dir())).length).toBe(2);

    const id = Number(shown![1]);
    expect(await cliJson(['device-password', 'revoke', 'owner@example.test', String(id)], dir())).toEqual({ mailbox: 'owner@example.test', id, revoked: true });
    const after = await cliJson<Array<{ id: number; revokedAt: number | null }>>(['device-password', 'list', 'owner@example.test'], dir());
    expect(after.find((d) => d.id === id)!.revokedAt).toEqual(expect.any(Number));
    expect(after.find((d) => d.id !== id)!.revokedAt).toBeNull();
    expect(await refusedJson(['device-password', 'revoke', 'owner@example.test', String(id)], dataDir)).toMatchObject({ error: 'not_found', field: 'id' });
    expect((await refused(['device-password', 'revoke', 'owner@example.test', 'x'], dataDir, 2)).stderr).toContain('id: "x" is not a whole number');
  });

  it('alias add / list / remove', async () => {
    expect(await cliOk(['alias', 'add', 'own@example.test', 'owner@example.test'], dir())).toContain('alias own@example.test → owner@example.test');
    expect(await cliJson(['alias', 'add', 'a.l@example.test', 'owner@example.test'], dir())).toMatchObject({ alias: 'a.l@example.test', mailbox: 'owner@example.test' });
    const list = await cliJson<Array<{ address: string; mailbox: string }>>(['alias', 'list', '--mailbox', 'owner@example.test'], dir());
    expect(list.map((a) => a.address).sort()).toEqual(['a.l@example.test', 'own@example.test']);
    expect(await cliOk(['alias', 'list'], dir())).toMatch(/^ADDRESS\s+MAILBOX\s+CREATED_AT/);

    expect(await refusedJson(['alias', 'add', 'second@example.test', 'owner@example.test'], dataDir)).toMatchObject({ error: 'conflict', field: 'alias' });
    expect(await refusedJson(['alias', 'add', 'own@example.test', 'second@example.test'], dataDir)).toMatchObject({ error: 'conflict', field: 'alias' });
    const unknown = await refused(['alias', 'add', 'x@example.test', 'nobody@example.test'], dataDir, 1);
    expect(unknown.stderr).toContain('mailbox nobody@example.test not found');
    expect(await refusedJson(['alias', 'add', 'x@example.test', 'nobody@example.test'], dataDir)).toMatchObject({ field: 'mailbox' });
    expect(await refusedJson(['alias', 'add', 'x@@example.test', 'owner@example.test'], dataDir)).toMatchObject({ error: 'invalid', field: 'alias' });
    expect(await refusedJson(['alias', 'add', 'x@example.test', 'catchall@example.test'], dataDir)).toMatchObject({ error: 'invalid', field: 'mailbox' });
    expect((await cliJson<unknown[]>(['alias', 'list'], dir())).length).toBe(2);

    expect(await cliJson(['alias', 'remove', 'a.l@example.test'], dir())).toEqual({ alias: 'a.l@example.test' });
    expect((await refused(['alias', 'remove', 'a.l@example.test'], dataDir, 1)).stderr).toContain('alias a.l@example.test not found');
    expect((await cliJson<Array<{ address: string }>>(['alias', 'list'], dir())).map((a) => a.address)).toEqual(['own@example.test']);
  });

  it('redirect add / list / remove, refusing all of a bad request', async () => {
    expect(await cliOk(['redirect', 'add', 'team@example.test', 'owner@example.test', 'someone@far.example'], dir())).toContain(
      'redirect team@example.test → owner@example.test, someone@far.example',
    );
    const before = await cliJson<Array<{ address: string; targets: string[] }>>(['redirect', 'list'], dir());
    expect(before).toEqual([{ id: expect.any(Number), address: 'team@example.test', targets: ['owner@example.test', 'someone@far.example'] }]);
    expect(await cliOk(['redirect', 'list'], dir())).toMatch(/team@example\.test\s+owner@example\.test,someone@far\.example/);

    // 11 targets: refused as a whole.
    const eleven = Array.from({ length: 11 }, (_, i) => `t${i}@far.example`);
    const tooMany = await refused(['redirect', 'add', 'many@example.test', ...eleven], dataDir, 1);
    expect(tooMany.stderr).toContain('targets: at most 10 targets per address');
    expect(await refusedJson(['redirect', 'add', 'many@example.test', ...eleven], dataDir)).toMatchObject({ error: 'invalid', field: 'targets' });
    // One bad target among good ones: nothing is created.
    const oneBad = await refused(['redirect', 'add', 'mixed@example.test', 'good1@far.example', 'bad@@far', 'good2@far.example'], dataDir, 1);
    expect(oneBad.stderr).toContain('targets[1]: "bad@@far" is not a valid email address');
    expect(await refusedJson(['redirect', 'add', 'mixed@example.test', 'good1@far.example', 'bad@@far'], dataDir)).toMatchObject({ field: 'targets[1]' });
    expect(await refusedJson(['redirect', 'add', 'self@example.test', 'self@example.test'], dataDir)).toMatchObject({ field: 'targets' });
    expect(await refusedJson(['redirect', 'add', 'second@example.test', 'x@far.example'], dataDir)).toMatchObject({ error: 'conflict', field: 'address' });
    expect(await refusedJson(['redirect', 'add', 'x@nothosted.test', 'x@far.example'], dataDir)).toMatchObject({ field: 'address' });
    expect((await refused(['redirect', 'add', 'lonely@example.test'], dataDir, 1)).stderr).toContain('targets: give at least one target address');
    expect(await cliJson(['redirect', 'list'], dir())).toEqual(before);
    // ...and the refused addresses are still free.
    expect(await cliJson(['redirect', 'add', 'mixed@example.test', 'good1@far.example', 'good2@far.example'], dir())).toMatchObject({
      address: 'mixed@example.test',
      targets: ['good1@far.example', 'good2@far.example'],
    });
    expect(await cliJson(['redirect', 'add', 'many@example.test', ...eleven.slice(0, 10)], dir())).toMatchObject({ targets: eleven.slice(0, 10) });

    expect(await cliOk(['redirect', 'remove', 'mixed@example.test'], dir())).toContain('redirect mixed@example.test removed');
    expect(await cliJson(['redirect', 'remove', 'many@example.test'], dir())).toEqual({ address: 'many@example.test' });
    expect(await refusedJson(['redirect', 'remove', 'many@example.test'], dataDir)).toMatchObject({ error: 'not_found', field: 'address' });
    expect(await cliJson(['redirect', 'list'], dir())).toEqual(before);
  });

  it('user add / list / grant / token', async () => {
    const human = await cliOk(['user', 'add', 'helper@example.com'], dir());
    expect(human).toMatch(/^user helper@example\.com created\none-time password: \S{12,}/);
    const boss = await cliJson(['user', 'add', 'boss@example.com', '--admin', '--password', 'twelve-chars-or-more'], dir());
    expect(boss).toMatchObject({ email: 'boss@example.com', admin: true, oneTime: false, password: 'twelve-chars-or-more' });
    expect(await cliOk(['user', 'add', 'ops@example.com', '--admin', '--password', 'twelve-chars-or-more'], dir())).toBe('user ops@example.com (admin) created\n');

    const before = await cliJson<Array<{ email: string; admin: boolean }>>(['user', 'list'], dir());
    // Listed by email.
    expect(before.map((u) => [u.email, u.admin])).toEqual([
      ['admin@example.com', true],
      ['boss@example.com', true],
      ['helper@example.com', false],
      ['ops@example.com', true],
    ]);
    expect(await cliOk(['user', 'list'], dir())).toMatch(/^ID\s+EMAIL\s+ADMIN\s+CREATEDAT\n1\s+admin@example\.com\s+true/);
    expect(await refusedJson(['user', 'add', 'helper@example.com'], dataDir)).toMatchObject({ error: 'conflict', field: 'email' });
    expect(await refusedJson(['user', 'add', 'not-an-email'], dataDir)).toMatchObject({ error: 'invalid', field: 'email' });
    expect((await refused(['user', 'add', 'short@example.com', '--password', 'short'], dataDir, 1)).stderr).toContain('password: must be at least 12 characters');
    expect(await cliJson(['user', 'list'], dir())).toEqual(before);

    expect(await cliJson(['user', 'grant', 'helper@example.com', 'owner@example.test', 'read,send'], dir())).toEqual({
      email: 'helper@example.com',
      mailbox: 'owner@example.test',
      permissions: ['read', 'send'],
    });
    expect(await cliOk(['user', 'grant', 'helper@example.com', 'second@example.test', 'manage'], dir())).toContain('helper@example.com may manage on second@example.test');
    const badPerm = await refused(['user', 'grant', 'helper@example.com', 'owner@example.test', 'read,fly'], dataDir, 1);
    expect(badPerm.stderr).toContain('permissions: "fly" is not one of read, send');
    expect(await refusedJson(['user', 'grant', 'ghost@example.com', 'owner@example.test', 'read'], dataDir)).toMatchObject({ error: 'not_found', field: 'email' });
    expect(await refusedJson(['user', 'grant', 'helper@example.com', 'nobody@example.test', 'read'], dataDir)).toMatchObject({ error: 'not_found', field: 'mailbox' });
    expect((await refused(['user', 'grant', 'helper@example.com', 'owner@example.test'], dataDir, 2)).stderr).toContain('missing <permissions>');

    const token = await cliJson(['user', 'token', 'helper@example.com', 'ci'], dir());
    expect(token).toMatchObject({ email: 'helper@example.com', name: 'ci' });
    expect(token.token).toMatch(/^mc_\S{20,}$/);
    const tokenHuman = await cliOk(['user', 'token', 'helper@example.com', 'backup'], dir());
    expect(tokenHuman).toMatch(/^API token "backup" for helper@example\.com:\nmc_\S+\n\(shown once\)/);
    expect(await refusedJson(['user', 'token', 'ghost@example.com', 'ci'], dataDir)).toMatchObject({ error: 'not_found', field: 'email' });
  });

  it('queue and trace on an empty queue', async () => {
    expect(await cliJson(['queue', 'list'], dir())).toEqual([]);
    expect(await cliOk(['queue', 'list'], dir())).toBe('(none)\n');
    expect(await cliJson(['queue', 'retry'], dir())).toEqual({ retried: 0 });
    expect(await cliOk(['queue', 'retry'], dir())).toBe('0 recipient(s) due now\n');
    expect(await refusedJson(['queue', 'retry', 'NOSUCHID'], dataDir)).toMatchObject({ error: 'not_found', field: 'id' });
    expect((await refused(['queue', 'remove', 'NOSUCHID'], dataDir, 1)).stderr).toContain('queue entry NOSUCHID not found');
    expect((await refused(['queue', 'remove'], dataDir, 2)).stderr).toContain('missing <queue-id>');
    expect((await refused(['trace', 'NOSUCHID'], dataDir, 1)).stderr).toContain('message NOSUCHID not found');
    expect(await refusedJson(['trace', 'NOSUCHID'], dataDir)).toMatchObject({ error: 'not_found', field: 'id' });
  });

  it('config check shows the effective configuration of this data directory', async () => {
    const r = await cliJson(['config', 'check'], dir());
    expect(r.ok).toBe(true);
    expect(r.config.dataDir).toBe(dataDir);
    expect(await cliOk(['config', 'check'], dir())).toMatch(/^configuration is valid\n\{/);
  });
});

describe('mailcove admin commands next to a running server', () => {
  let dataDir: string;
  let dns: TestDnsServer;

  beforeAll(async () => {
    dataDir = newDataDir();
    // remote.test answers SERVFAIL: outbound mail to it stays queued (temporary failure).
    dns = await startDnsServer({ 'remote.test': { rcode: 'SERVFAIL' } });
    await cliOk(['init'], { dataDir });
    await cliOk(['domain', 'add', 'live.test'], { dataDir });
  });

  afterAll(async () => {
    await killAllServers();
    await dns?.close();
  });

  it('adds a mailbox while serving, which then receives mail; trace and queue see the server\'s work', async () => {
    const server = await startServe({ dataDir, env: { MAILCOVE_DNS_SERVERS: dns.address } });
    const dir = { dataDir };

    // Provisioned while the server runs: mail to it is accepted at once.
    expect(await cliOk(['mailbox', 'add', 'late@live.test'], dir)).toContain('mailbox late@live.test created');
    const sent = await swaks([
      '--server', `127.0.0.1:${server.port}`,
      '--helo', 'client.example.org',
      '--from', 'sender@example.org',
      '--to', 'late@live.test',
      '--header', 'Subject: hello while serving',
      '--header', 'Message-Id: <live-1@example.org>',
      '--body', 'added by the CLI while the server was running',
    ]);
    expect(sent.code, sent.stdout + sent.stderr).toBe(0);
    const deliveryId = /<-\s+250 2\.6\.0 Ok: queued as (\S+)/.exec(sent.stdout)?.[1];
    expect(deliveryId, sent.stdout).toBeDefined();

    const box = (await cliJson<Array<{ address: string; used_bytes: number }>>(['mailbox', 'list'], dir)).find((m) => m.address === 'late@live.test');
    expect(box!.used_bytes).toBeGreaterThan(0);

    const trace = await cliJson(['trace', deliveryId!], dir);
    expect(trace.deliveries).toHaveLength(1);
    expect(trace.deliveries[0]).toMatchObject({ id: deliveryId, source: 'mx', mailFrom: 'sender@example.org', rcptTo: ['late@live.test'], messageId: '<live-1@example.org>', outcome: 'accepted', helo: 'client.example.org' });
    expect(trace.deliveries[0].trace.map((t: { stage: string }) => t.stage)).toEqual(expect.arrayContaining(['route', 'commit']));
    expect(await cliJson(['trace', 'live-1@example.org'], dir)).toEqual(trace);
    const traceHuman = await cliOk(['trace', '<live-1@example.org>'], dir);
    expect(traceHuman).toContain(`delivery ${deliveryId} (mx)`);
    expect(traceHuman).toMatch(/commit\s+late@live\.test: stored in INBOX as UID 1/i);

    // An unknown address is still refused at RCPT (and a removed mailbox too).
    const unknown = await swaks(['--server', `127.0.0.1:${server.port}`, '--from', 'sender@example.org', '--to', 'nobody@live.test']);
    expect(unknown.stdout).toMatch(/<\*\*\s+550 5\.1\.1/);

    // A redirect to another server, added while serving: its target is first sent a confirmation
    // link (queued, null sender), and mail to the address is not forwarded until it is followed.
    await cliOk(['redirect', 'add', 'fwd@live.test', 'someone@remote.test'], dir);
    const fwd = await swaks(['--server', `127.0.0.1:${server.port}`, '--from', 'sender@example.org', '--to', 'fwd@live.test', '--header', 'Message-Id: <live-2@example.org>']);
    expect(fwd.code, fwd.stdout + fwd.stderr).toBe(0);
    let queue: Array<{ queueId: string; recipient: string; status: string; attempts: number; lastReply: string | null }> = [];
    for (const deadline = Date.now() + 20_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
      queue = await cliJson(['queue', 'list'], dir);
      if (queue.length === 1 && queue[0]!.attempts >= 1) break;
    }
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({ recipient: 'someone@remote.test', sender: '', status: 'pending' });
    expect(queue[0]!.attempts).toBeGreaterThanOrEqual(1);
    expect(queue[0]!.lastReply).toMatch(/^4\./);
    const queueId = queue[0]!.queueId;
    expect(await cliOk(['queue', 'list'], dir)).toMatch(new RegExp(`${queueId}\\s+someone@remote\\.test\\s+pending`));
    const held = await cliJson(['trace', 'live-2@example.org'], dir);
    expect(held.deliveries[0].trace.map((t: { note: string }) => t.note)).toContain('fwd@live.test → someone@remote.test: target not confirmed, not forwarded');
    expect(await cliJson(['redirect', 'status', 'fwd@live.test'], dir)).toEqual([expect.objectContaining({ target: 'someone@remote.test', status: 'pending' })]);

    const byQueue = await cliJson(['trace', queueId], dir);
    expect(byQueue.deliveries[0]).toMatchObject({ source: 'local', mailFrom: '', rcptTo: ['someone@remote.test'] });
    expect(byQueue.queue).toEqual([expect.objectContaining({ queueId, recipient: 'someone@remote.test', status: 'pending' })]);
    expect(await cliOk(['trace', queueId], dir)).toContain(`queue ${queueId} someone@remote.test: pending after`);

    expect(await cliJson(['queue', 'retry', queueId], dir)).toEqual({ retried: 1 });
    expect((await cliJson<{ retried: number }>(['queue', 'retry'], dir)).retried).toBeLessThanOrEqual(1);
    expect(await cliOk(['queue', 'remove', queueId], dir)).toBe(`queue entry ${queueId} removed\n`);
    expect(await cliJson(['queue', 'list'], dir)).toEqual([]);
    expect(await refusedJson(['queue', 'remove', queueId], dataDir)).toMatchObject({ error: 'not_found' });

    // Removing the mailbox while serving: mail to it is refused from then on.
    await cliOk(['mailbox', 'remove', 'late@live.test'], dir);
    const removed = await swaks(['--server', `127.0.0.1:${server.port}`, '--from', 'sender@example.org', '--to', 'late@live.test']);
    expect(removed.stdout).toMatch(/<\*\*\s+550 5\.1\.1/);

    const exit = await server.stop();
    expect(exit.code, server.output().stderr).toBe(0);
  }, 180_000);
});
