// The rule builder end to end: rules saved through the service the API and CLI use, mail in over
// SMTP, read over IMAP. Standard mode files by the generated script (flags, templates, disabled
// rules, stop), advanced mode by the raw script, and back.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFolder } from '../../src/mailbox/folders.js';
import * as rules from '../../src/accounts/sieve-rules.js';
import { findMailbox } from '../../src/store/domains-repo.js';
import { provision, startTestNode, TEST_DIALECTS, type TestNode } from '../helpers/server.js';
import { message, RawSmtp } from '../helpers/smtp-client.js';
import { RawImap } from '../helpers/imap-client.js';

const ALICE = 'alice@example.test';

describe.each(TEST_DIALECTS)('rule builder at delivery (%s)', (dialect) => {
  let node: TestNode;
  let pw: Record<string, string>;

  async function send(subject: string, headers: string[] = [], from = 'news@sender.test') {
    const { client } = await RawSmtp.connect(node.port('smtp'));
    try {
      await client.cmd('EHLO client.sender.test');
      expect((await client.cmd(`MAIL FROM:<${from}>`)).code).toBe(250);
      expect((await client.cmd(`RCPT TO:<${ALICE}>`)).code).toBe(250);
      expect((await client.data(message({ from, to: ALICE, subject, headers }))).code).toBe(250);
      await client.cmd('QUIT');
    } finally {
      client.close();
    }
  }

  /** Flags of the message with this subject in each folder it is in, over IMAP. */
  async function whereIs(subject: string): Promise<Record<string, string[]>> {
    const { client } = await RawImap.connect(node.port('imaps'), { tls: true });
    const found: Record<string, string[]> = {};
    try {
      expect((await client.cmd(`LOGIN ${ALICE} ${pw[ALICE]}`)).status).toBe('OK');
      for (const folder of ['INBOX', 'Newsletters', 'Archive', 'Raw', 'Spam', 'Trash']) {
        if ((await client.cmd(`SELECT ${folder}`)).status !== 'OK') continue;
        const uid = /^\* SEARCH (\d+)/m.exec((await client.cmd(`UID SEARCH SUBJECT "${subject}"`)).untagged.join('\n'))?.[1];
        if (!uid) continue;
        const f = await client.cmd(`UID FETCH ${uid} (FLAGS)`);
        found[folder] = /FLAGS \(([^)]*)\)/.exec(f.untagged.join('\n'))![1]!.split(' ').filter((x) => x && x !== '\\Recent').sort();
      }
      await client.cmd('LOGOUT');
    } finally {
      client.close();
    }
    return found;
  }

  beforeAll(async () => {
    node = await startTestNode({ dialect, config: { hostname: 'mx.example.test', listen: { smtp: '127.0.0.1:0', submission: 'off', submissions: 'off', imap: 'off', imaps: '127.0.0.1:0', managesieve: 'off', http: 'off' } } });
    pw = await provision(node.admin, 'example.test', ['alice']);
    const id = (await findMailbox(node.server.deps.store.db, ALICE))!.id;
    for (const f of ['Newsletters', 'Raw']) await createFolder(node.server.deps.store, node.server.deps.events, id, f);
  });
  afterAll(async () => {
    await node?.stop();
    await node?.cleanup();
  });

  it('standard mode: the saved rules file, flag and drop mail; a template applies with the user\'s action', async () => {
    const t = await rules.addRuleTemplate(node.admin, 'example.test', {
      name: 'Receipts', conditions: [{ field: 'subject', op: 'startsWith', value: 'Receipt' }], allowedActions: ['move', 'flag'], defaultAction: { type: 'flag' },
    });
    await rules.setTemplateChoice(node.admin, ALICE, t.id, { action: { type: 'move', folder: 'Archive' } });
    await rules.setRules(node.admin, ALICE, [
      { name: 'Lists', match: 'any', conditions: [{ field: 'header', name: 'List-Id', op: 'contains', value: 'news.sender.test' }, { field: 'subject', op: 'startsWith', value: '[news*]' }], actions: [{ type: 'move', folder: 'Newsletters' }, { type: 'markRead' }, { type: 'keyword', keyword: '$List' }, { type: 'stop' }] },
      { name: 'Old rule', enabled: false, conditions: [], actions: [{ type: 'delete' }] },
      { name: 'Drop casino', conditions: [{ field: 'subject', op: 'contains', value: 'casino' }, { field: 'from', op: 'endsWith', value: '@sender.test' }], actions: [{ type: 'delete' }] },
      { name: 'Flag the boss', conditions: [{ field: 'from', op: 'is', value: 'boss@sender.test' }], actions: [{ type: 'flag' }] },
    ]);

    await send('weekly digest', ['List-Id: <news.sender.test>']);
    await send('[news*] literal brackets and star');
    await send('[newsX] not a match');
    await send('casino bonus');
    await send('from the boss', [], 'boss@sender.test');
    await send('Receipt 42');

    expect(await whereIs('weekly digest')).toEqual({ Newsletters: ['$List', '\\Seen'] });
    expect(await whereIs('[news*] literal brackets and star')).toEqual({ Newsletters: ['$List', '\\Seen'] });
    expect(await whereIs('[newsX] not a match')).toEqual({ INBOX: [] });
    expect(await whereIs('casino bonus')).toEqual({});
    expect(await whereIs('from the boss')).toEqual({ INBOX: ['\\Flagged'] });
    expect(await whereIs('Receipt 42')).toEqual({ Archive: [] });
  });

  it('advanced mode files by the raw script; standard mode brings the rules back', async () => {
    const limits = node.config.sieveScripts;
    await rules.setMode(node.admin, ALICE, 'advanced', { script: 'require "fileinto";\nfileinto "Raw";\n', limits });
    await send('weekly digest two', ['List-Id: <news.sender.test>']);
    expect(await whereIs('weekly digest two')).toEqual({ Raw: [] });
    await rules.setMode(node.admin, ALICE, 'standard', { limits });
    await send('weekly digest three', ['List-Id: <news.sender.test>']);
    expect(await whereIs('weekly digest three')).toEqual({ Newsletters: ['$List', '\\Seen'] });
  });

  it('the email type the classifier gave is a rule condition (here: promotions into Newsletters)', async () => {
    await rules.setRules(node.admin, ALICE, [{ name: 'Promos', conditions: [{ field: 'type', value: 'promotion' }], actions: [{ type: 'move', folder: 'Newsletters' }] }]);
    const sample = fs.readFileSync(new URL('../spam/samples/promotion/01-spring-gear-sale-25-off-packs-and-tents.eml', import.meta.url));
    const raw = Buffer.concat([Buffer.from('Subject: typed promo\r\n'), sample.subarray(sample.indexOf('\n') + 1)]);
    const { client } = await RawSmtp.connect(node.port('smtp'));
    try {
      await client.cmd('EHLO client.sender.test');
      expect((await client.cmd('MAIL FROM:<deals@shop.sender.test>')).code).toBe(250);
      expect((await client.cmd(`RCPT TO:<${ALICE}>`)).code).toBe(250);
      expect((await client.data(raw.toString('latin1').replace(/^Subject: (?!typed promo).*\r?\n/m, ''))).code).toBe(250);
      await client.cmd('QUIT');
    } finally {
      client.close();
    }
    expect(Object.keys(await whereIs('typed promo'))).toEqual(['Newsletters']);
  });
});
