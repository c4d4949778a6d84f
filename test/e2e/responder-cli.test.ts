// `mailcove responder ...` through the real command line (the built dist/): --json and human
// output, refusals naming the field (exit 1) with nothing saved, usage errors (exit 2), templates
// given to new mailboxes and applied in bulk.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliJson, cliOk, runCli, tempDir } from '../helpers/cli.js';

describe('mailcove responder', { timeout: 120_000 }, () => {
  let dataDir: string;
  const opts = () => ({ dataDir });
  const A = 'alice@example.com';

  beforeAll(async () => {
    dataDir = tempDir('mailcove-cli-responder-');
    await cliOk(['init', '--admin-email', 'boss@example.com'], opts());
    await cliOk(['domain', 'add', 'example.com'], opts());
    await cliOk(['mailbox', 'add', A], opts());
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('adds, lists, activates, resets, deactivates and removes responders', async () => {
    expect(await cliJson(['responder', 'timezone', A, 'Europe/Zurich'], opts())).toEqual({ mailbox: A, timeZone: 'Europe/Zurich' });
    const body = path.join(dataDir, 'away.txt');
    fs.writeFileSync(body, 'I am away.\nBack on Monday.\n');
    const added = await cliJson(['responder', 'add', A, 'Holidays', '--text-file', body, '--start', '2026-07-01T09:00', '--end', '2026-07-15', '--weekdays', 'sat,sun', '--exclude', 'boss@x.test,@spam.xyz', '--days', '3', '--activate'], opts());
    expect(added).toMatchObject({ name: 'Holidays', active: true, settings: { text: 'I am away.\nBack on Monday.\n', weekdays: [0, 6], exclusions: ['boss@x.test', '@spam.xyz'], days: 3 } });
    expect(await cliOk(['responder', 'add', A, 'Short', '--text', 'Out.', '--activate'], opts())).toContain('responder "Short" saved and active');
    const human = await cliOk(['responder', 'list', A], opts());
    expect(human).toContain('alice@example.com (time zone Europe/Zurich)');
    expect(human).toMatch(/Short\s+yes/);
    expect((await cliJson(['responder', 'list', A], opts())).responders.filter((r: any) => r.active).map((r: any) => r.name)).toEqual(['Short']);
    const sieve = await cliOk(['responder', 'sieve', A, 'Holidays'], opts());
    expect(sieve).toContain('vacation :days 3 :handle "responder-');
    expect(sieve).toContain('currentdate :is "weekday" ["0", "6"]');
    expect(await cliJson(['responder', 'activate', A, 'Holidays'], opts())).toEqual({ mailbox: A, active: 'Holidays' });
    expect(await cliOk(['responder', 'reset', A, 'Holidays'], opts())).toContain('responder "Holidays" reset');
    expect((await cliJson(['responder', 'list', A], opts())).responders.find((r: any) => r.name === 'Holidays').generation).toBe(1);
    expect(await cliJson(['responder', 'deactivate', A], opts())).toEqual({ mailbox: A, active: null });
    expect(await cliJson(['responder', 'remove', A, 'Short'], opts())).toMatchObject({ removed: true });
    const from = await cliJson(['responder', 'from', 'add', A, 'assistant@elsewhere.test'], opts());
    expect(from.status).toBe('code requested');
    expect((await cliJson(['responder', 'from', 'list', A], opts())).addresses).toMatchObject([{ address: 'assistant@elsewhere.test', status: 'code requested' }]);
  });

  it('refuses bad input naming the field, saving nothing; usage errors exit 2', async () => {
    const bad: Array<[string[], string]> = [
      [['--text', 'x', '--start', '2026-08-10', '--end', '2026-08-01'], 'end'],
      [['--text', ''], 'text'],
      [['--text', 'x', '--exclude', 'ok@x.test,not-an-entry'], 'exclude[1]'],
      [['--text', 'x', '--from', 'assistant@elsewhere.test'], 'from'],
    ];
    for (const [flags, field] of bad) {
      const r = await runCli(['responder', 'add', A, 'Bad', ...flags, '--json'], opts());
      expect(r.code, flags.join(' ')).toBe(1);
      expect(JSON.parse(r.stdout).field).toBe(field);
    }
    let r = await runCli(['responder', 'timezone', A, 'Moon/Base'], opts());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('timeZone: "Moon/Base" is not a known time zone');
    expect((await cliJson(['responder', 'list', A], opts())).responders.some((x: any) => x.name === 'Bad')).toBe(false);
    r = await runCli(['responder', 'add', A], opts());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing <name>');
  });

  it('templates: given to new mailboxes, applied in bulk, hidden', async () => {
    expect(await cliOk(['responder', 'template', 'add', 'example.com', 'Closed', '--text', 'The office is closed.', '--auto-apply'], opts())).toContain('applied to new mailboxes');
    await cliOk(['responder', 'template', 'add', 'example.com', 'Internal', '--text', 'x', '--hidden'], opts());
    await cliOk(['mailbox', 'add', 'bob@example.com'], opts());
    expect((await cliJson(['responder', 'list', 'bob@example.com'], opts())).responders).toMatchObject([{ name: 'Closed', active: false, template: 'Closed' }]);
    expect((await cliJson(['responder', 'template', 'list', 'example.com'], opts())).templates.map((t: any) => [t.name, t.hidden, t.autoApply])).toEqual([['Closed', false, true], ['Internal', true, false]]);
    const applied = await cliJson(['responder', 'template', 'apply', 'example.com', 'Closed', '--activate'], opts());
    expect(applied.mailboxes.sort()).toEqual([A, 'bob@example.com']);
    expect((await cliJson(['responder', 'list', A], opts())).responders.find((x: any) => x.active).name).toBe('Closed');
    expect(await cliJson(['responder', 'template', 'remove', 'example.com', 'Internal'], opts())).toMatchObject({ removed: true });
  });
});
