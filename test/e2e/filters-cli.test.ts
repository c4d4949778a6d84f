// `mailcove block|allow|temp-alias` through the real command line (the built dist/): --json and
// human output, refusals naming the field and the entry (exit 1), usage errors (exit 2).
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliJson, cliOk, runCli, tempDir } from '../helpers/cli.js';

describe('mailcove block, allow and temp-alias', { timeout: 120_000 }, () => {
  let dataDir: string;
  const opts = () => ({ dataDir });

  beforeAll(async () => {
    dataDir = tempDir('mailcove-cli-filters-');
    await cliOk(['init', '--admin-email', 'boss@example.com'], opts());
    await cliOk(['domain', 'add', 'example.com'], opts());
    await cliOk(['mailbox', 'add', 'alice@example.com'], opts());
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('adds, lists and removes block and allow entries of a mailbox and a domain', async () => {
    expect(await cliJson(['block', 'add', 'alice@example.com', '*@Spam.XYZ'], opts())).toEqual({ target: 'alice@example.com', kind: 'block', entry: '*@spam.xyz' });
    expect(await cliOk(['allow', 'add', 'alice@example.com', 'friend@spam.xyz'], opts())).toContain('friend@spam.xyz added to the allow list of alice@example.com');
    expect(await cliJson(['block', 'add', '@example.com', 'bücher.example'], opts())).toMatchObject({ target: '@example.com', entry: 'xn--bcher-kva.example' });
    expect(await cliJson(['block', 'action', 'alice@example.com', 'reject'], opts())).toEqual({ mailbox: 'alice@example.com', blockAction: 'reject' });

    const listed = await cliJson(['block', 'list', 'alice@example.com'], opts());
    expect(listed).toMatchObject({ target: 'alice@example.com', blockAction: 'reject', entries: [{ entry: '*@spam.xyz' }] });
    const human = await cliOk(['block', 'list', 'alice@example.com'], opts());
    expect(human).toContain('refused (550 5.7.1)');
    expect(human).toContain('*@spam.xyz');
    expect((await cliJson(['block', 'list', '@example.com'], opts())).entries.map((e: any) => e.entry)).toEqual(['xn--bcher-kva.example']);

    expect(await cliJson(['block', 'remove', 'alice@example.com', '*@spam.xyz'], opts())).toMatchObject({ entry: '*@spam.xyz' });
    expect((await cliJson(['block', 'list', 'alice@example.com'], opts())).entries).toEqual([]);
  });

  it('refusals name the field and the entry; usage errors exit 2', async () => {
    let r = await runCli(['allow', 'add', 'alice@example.com', '*@example.com', '--json'], opts());
    expect(r.code).toBe(1);
    const err = JSON.parse(r.stdout);
    expect(err.field).toBe('entry');
    expect(err.message).toMatch(/^entry: "\*@example\.com" matches your own address alice@example\.com: spammers forge/);
    r = await runCli(['block', 'add', 'alice@example.com', 'john@spam..xyz'], opts());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('entry: "john@spam..xyz"');
    r = await runCli(['block', 'action', 'alice@example.com', 'bounce'], opts());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('action: "bounce" is not one of spam, reject');
    r = await runCli(['block', 'add', 'alice@example.com'], opts());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing <entry>');
    r = await runCli(['temp-alias', 'add', 'alice@example.com', '--expires', 'soon'], opts());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--expires: "soon"');
  });

  it('temporary aliases: add, list, disable, enable, remove', async () => {
    const a = await cliJson(['temp-alias', 'add', 'alice@example.com', '--note', 'shop.example', '--folder', 'Archive', '--expires', '30d'], opts());
    expect(a.address).toMatch(/^shop-example\.[a-z2-7]{8}@example\.com$/);
    expect(a).toMatchObject({ mailbox: 'alice@example.com', folder: 'Archive', status: 'active', received: 0 });
    expect(a.expiresAt).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    const chosen = await cliJson(['temp-alias', 'add', 'alice@example.com', '--address', 'forum@example.com'], opts());
    expect(chosen.address).toBe('forum@example.com');

    expect((await cliJson(['temp-alias', 'disable', a.address], opts())).status).toBe('disabled');
    expect(await cliOk(['temp-alias', 'enable', a.address], opts())).toContain(`${a.address}: active`);
    const human = await cliOk(['temp-alias', 'list', 'alice@example.com'], opts());
    expect(human).toContain(a.address);
    expect(human).toContain('shop.example');
    expect(await cliJson(['temp-alias', 'remove', 'forum@example.com'], opts())).toEqual({ alias: 'forum@example.com', mailbox: 'alice@example.com', deleted: true });
    expect((await cliJson(['temp-alias', 'list', 'alice@example.com'], opts())).map((x: any) => x.address)).toEqual([a.address]);

    const r = await runCli(['temp-alias', 'add', 'alice@example.com', '--folder', 'Nope', '--json'], opts());
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ field: 'folder' });
    const again = await runCli(['temp-alias', 'add', 'alice@example.com', '--address', 'forum@example.com', '--json'], opts());
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toMatchObject({ field: 'address' });
  });
});
