// `mailcove sieve put|get|list|activate|deactivate|delete|rename` and `domain sieve-redirect`
// through the real command line (the built dist/): --json and human output, refusals with
// line:col (exit 1), usage errors (exit 2).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliJson, cliOk, runCli, tempDir } from '../helpers/cli.js';

describe('mailcove sieve scripts and domain sieve-redirect', { timeout: 120_000 }, () => {
  let dataDir: string;
  const opts = () => ({ dataDir });
  const file = (name: string, text: string) => {
    const p = path.join(dataDir, name);
    fs.writeFileSync(p, text);
    return p;
  };

  beforeAll(async () => {
    dataDir = tempDir('mailcove-cli-sieve-');
    await cliOk(['init', '--admin-email', 'boss@example.com'], opts());
    await cliOk(['domain', 'add', 'example.com'], opts());
    await cliOk(['mailbox', 'add', 'alice@example.com'], opts());
    await cliOk(['mailbox', 'add', 'bob@example.com'], opts());
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('stores, lists, prints, activates, renames and deletes scripts', async () => {
    const good = file('good.sieve', 'require "fileinto";\nfileinto "Archive";\n');
    expect(await cliOk(['sieve', 'put', 'alice@example.com', 'main', good], opts())).toContain('main stored for alice@example.com');
    expect(await cliJson(['sieve', 'put', 'alice@example.com', 'main', good], opts())).toEqual({ name: 'main', created: false, warnings: [] });
    expect(await cliOk(['sieve', 'get', 'alice@example.com', 'main'], opts())).toBe('require "fileinto";\nfileinto "Archive";\n');
    expect(await cliJson(['sieve', 'activate', 'alice@example.com', 'main'], opts())).toEqual({ active: 'main' });
    const listed = await cliJson(['sieve', 'list', 'alice@example.com'], opts());
    expect(listed).toEqual([expect.objectContaining({ name: 'main', active: true, managed: false })]);
    expect(await cliOk(['sieve', 'list', 'alice@example.com'], opts())).toMatch(/main\s+yes/);
    expect((await cliJson(['sieve', 'list', 'bob@example.com'], opts()))).toEqual([]);

    let r = await runCli(['sieve', 'delete', 'alice@example.com', 'main'], opts());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('"main" is the active script');
    expect(await cliJson(['sieve', 'rename', 'alice@example.com', 'main', 'sorting'], opts())).toEqual({ from: 'main', to: 'sorting' });
    expect(await cliOk(['sieve', 'deactivate', 'alice@example.com'], opts())).toContain('no script is active for alice@example.com');
    expect(await cliOk(['sieve', 'delete', 'alice@example.com', 'sorting'], opts())).toContain('sorting deleted');
    r = await runCli(['sieve', 'get', 'alice@example.com', 'sorting', '--json'], opts());
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: 'not_found' });
  });

  it('refuses an invalid script with line:col, and redirect where the domain forbids it', async () => {
    const bad = file('bad.sieve', 'keep;\nfileinto "x";\n');
    let r = await runCli(['sieve', 'put', 'alice@example.com', 'bad', bad], opts());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/2:1: /);
    expect(await cliOk(['domain', 'sieve-redirect', 'example.com'], opts())).toContain('allowed');
    expect(await cliJson(['domain', 'sieve-redirect', 'example.com', 'forbid'], opts())).toEqual({ domain: 'example.com', redirect: 'forbid' });
    const fwd = file('fwd.sieve', 'redirect "x@example.net";\n');
    r = await runCli(['sieve', 'put', 'alice@example.com', 'fwd', fwd], opts());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/1:1: .*redirect/);
    r = await runCli(['domain', 'sieve-redirect', 'example.com', 'maybe'], opts());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('redirect: "maybe" is not one of allow, forbid');
    expect(await cliOk(['domain', 'sieve-redirect', 'example.com', 'allow'], opts())).toContain('allowed');
    expect(await cliOk(['sieve', 'put', 'alice@example.com', 'fwd', fwd], opts())).toContain('fwd stored');
  });

  it('usage errors exit 2', async () => {
    const r = await runCli(['sieve', 'put', 'alice@example.com', 'x'], opts());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing <file>');
  });
});
