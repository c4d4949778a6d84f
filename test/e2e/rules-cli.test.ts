// `mailcove rules` and `mailcove rule-template` through the real command line (the built dist/):
// a rule set from a JSON file becomes the active script in storage and compiles; modes; the
// generated Sieve; templates; refusals naming the field path (exit 1), usage errors (exit 2).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { findMailbox } from '../../src/store/domains-repo.js';
import { activeScript } from '../../src/store/sieve-scripts-repo.js';
import { openStorage } from '../../src/store/storage.js';
import { compile } from '../../src/sieve/index.js';
import { parseRules } from '../../src/sieve/rules/index.js';
import { cliJson, cliOk, runCli, tempDir } from '../helpers/cli.js';

describe('mailcove rules and rule-template', { timeout: 120_000 }, () => {
  let dataDir: string;
  const opts = () => ({ dataDir });
  const file = (name: string, content: unknown) => {
    const p = path.join(dataDir, name);
    fs.writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
    return p;
  };

  beforeAll(async () => {
    dataDir = tempDir('mailcove-cli-rules-');
    await cliOk(['init', '--admin-email', 'boss@example.com'], opts());
    await cliOk(['domain', 'add', 'example.com'], opts());
    await cliOk(['mailbox', 'add', 'alice@example.com'], opts());
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const RULES = [
    { name: 'Invoices', conditions: [{ field: 'subject', op: 'contains', value: 'invoice' }, { field: 'attachment' }], actions: [{ type: 'move', folder: 'Invoices' }] },
    { name: 'Café "crème"', match: 'any', conditions: [{ field: 'from', op: 'endsWith', value: '@café.example' }, { field: 'type', value: 'promotion' }], actions: [{ type: 'keyword', keyword: '$Cafe' }, { type: 'stop' }] },
  ];

  it('rules set: the generated script is the active one in storage and compiles', async () => {
    const set = await cliJson(['rules', 'set', 'alice@example.com', file('rules.json', RULES)], opts());
    expect(set).toMatchObject({ mailbox: 'alice@example.com', mode: 'standard', rules: [{ name: 'Invoices' }, { name: 'Café "crème"' }] });

    // Straight from the database, as the delivery pipeline reads it.
    const config = loadConfig({ env: {}, overrides: { dataDir } });
    const { store } = await openStorage(config);
    try {
      const m = (await findMailbox(store.db, 'alice@example.com'))!;
      const s = (await activeScript(store.db, m.id))!;
      expect(s).toMatchObject({ name: 'mailcove-rules', managed: 1 });
      expect(compile(s.content).errors).toBeUndefined();
      expect(parseRules(s.content)).toEqual(set.rules);
    } finally {
      await store.close();
    }

    const human = await cliOk(['rules', 'list', 'alice@example.com'], opts());
    expect(human).toContain('alice@example.com: standard mode');
    expect(human).toContain('Invoices');
    const sieve = await cliOk(['rules', 'show-sieve', 'alice@example.com'], opts());
    expect(sieve).toContain('# rule: Café "crème"\n');
    expect(sieve).toContain('address :matches "from" "*@café.example"');
  });

  it('modes: an imported script, then the rules again', async () => {
    const script = file('mine.sieve', 'require "fileinto";\nif header :contains "subject" "x" { fileinto "X"; }\n');
    expect(await cliJson(['rules', 'mode', 'alice@example.com', 'advanced', script, '--name', 'mine'], opts())).toEqual({ mailbox: 'alice@example.com', mode: 'advanced', activeScript: 'mine' });
    expect((await cliJson(['rules', 'list', 'alice@example.com'], opts())).mode).toBe('advanced');
    expect(await cliOk(['rules', 'mode', 'alice@example.com', 'standard'], opts())).toContain('standard mode, active script mailcove-rules');
  });

  it('rule templates: add, list, a choice, remove', async () => {
    const t = await cliJson(['rule-template', 'add', 'example.com', file('t.json', { name: 'Social', conditions: [{ field: 'type', value: 'social' }], allowedActions: ['move', 'delete'], defaultAction: { type: 'move', folder: 'Social networks' } })], opts());
    expect(t).toMatchObject({ domain: 'example.com', name: 'Social' });
    expect(await cliOk(['rule-template', 'list', 'example.com'], opts())).toContain('Social');
    expect((await cliJson(['rules', 'list', 'alice@example.com'], opts())).rules[0]).toMatchObject({ template: t.id });
    expect(await cliOk(['rule-template', 'choose', 'alice@example.com', String(t.id), '{"type":"delete"}'], opts())).toContain('action delete');
    expect(await cliOk(['rule-template', 'choose', 'alice@example.com', String(t.id), 'hide'], opts())).toContain('hidden');
    expect(await cliOk(['rule-template', 'remove', 'example.com', String(t.id)], opts())).toContain(`rule template ${t.id} removed from example.com`);
  });

  it('refusals name the field path; usage errors exit 2', async () => {
    let r = await runCli(['rules', 'set', 'alice@example.com', file('bad.json', [{ name: 'x', conditions: [{ field: 'size', op: 'over', value: -1 }], actions: [{ type: 'flag' }] }]), '--json'], opts());
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).field).toBe('rules[0].conditions[0].value');
    r = await runCli(['rules', 'mode', 'alice@example.com', 'advanced', file('bad.sieve', 'if { }')], opts());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/1:\d+: /);
    r = await runCli(['rules', 'set', 'alice@example.com', file('notjson.json', '{')], opts());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not JSON');
    r = await runCli(['rules', 'set', 'alice@example.com'], opts());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing <rules.json>');
  });
});
