// `mailcove spam settings|waves|phishing` through the real command line (the built dist/):
// --json and human output, refusals naming the field (exit 1), usage errors (exit 2).
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliJson, cliOk, runCli, tempDir } from '../helpers/cli.js';

describe('mailcove spam', { timeout: 120_000 }, () => {
  let dataDir: string;
  const opts = () => ({ dataDir });

  beforeAll(async () => {
    dataDir = tempDir('mailcove-cli-spam-');
    await cliOk(['init', '--admin-email', 'boss@example.com'], opts());
    await cliOk(['domain', 'add', 'example.com'], opts());
    await cliOk(['mailbox', 'add', 'alice@example.com'], opts());
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('shows and changes the filters of a mailbox', async () => {
    expect(await cliJson(['spam', 'settings', 'alice@example.com'], opts())).toEqual({ mailbox: 'alice@example.com', spamFilter: true, categoryFilter: true, rejectAbove: null, expiryDays: null });
    expect(await cliJson(['spam', 'settings', 'alice@example.com', '--spam', 'off', '--promotions', 'off', '--reject-above', '15', '--expiry-days', '14'], opts())).toEqual({ mailbox: 'alice@example.com', spamFilter: false, categoryFilter: false, rejectAbove: 15, expiryDays: 14 });
    const human = await cliOk(['spam', 'settings', 'alice@example.com', '--spam', 'on', '--reject-above', 'off', '--expiry-days', 'default'], opts());
    expect(human).toMatch(/spam filter .*: +on/);
    expect(human).toMatch(/promotions\/social filter .*: +off/);
    expect(human).toMatch(/at or above score: +off/);
    expect(human).toContain('30 days (server default)');
  });

  it('refuses a reject score below the spam threshold (exit 1) and bad flags (exit 2)', async () => {
    const r = await runCli(['spam', 'settings', 'alice@example.com', '--reject-above', '3', '--json'], opts());
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ field: 'rejectAbove' });
    expect((await runCli(['spam', 'settings', 'alice@example.com', '--spam', 'maybe'], opts())).code).toBe(2);
  });

  it('prints the spam-wave and phishing reports', async () => {
    expect(await cliJson(['spam', 'waves', '--days', '3'], opts())).toMatchObject({ days: 3, mailbox: null, bySender: [], byIp: [] });
    expect(await cliJson(['spam', 'waves', 'alice@example.com'], opts())).toMatchObject({ days: 7, mailbox: 'alice@example.com' });
    expect(await cliOk(['spam', 'waves'], opts())).toContain('by sender domain');
    expect(await cliJson(['spam', 'phishing'], opts())).toEqual([]);
  });
});
