// The spam filter end to end: mail in over SMTP, folders and flags read back over IMAP, the
// verdict in the trace and the X-Mailcove-Spam header; per-mailbox settings; reports over the
// JSON API and IMAP MOVE changing how the next similar message is filed.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as admin from '../../src/accounts/admin.js';
import { setSpamSettings } from '../../src/accounts/spam-settings.js';
import { traceMessage } from '../../src/delivery/trace.js';
import { loadCorpus, samplesDir } from '../../src/spam/corpus.js';
import { folderMessages, provision, startTestNode, TEST_DIALECTS, type TestNode } from '../helpers/server.js';
import { RawSmtp } from '../helpers/smtp-client.js';
import { RawImap } from '../helpers/imap-client.js';

const sample = (name: string) => fs.readFileSync(path.join(samplesDir()!, name));
/** A held-out spam of the SpamAssassin corpus (never trained on). */
const corpusSpam = () => loadCorpus('test').find((m) => m.name === 'spam-1/00002.d94f1b97e48ed3b553b3508d116e6a09.txt')!.raw;

async function send(port: number, from: string, rcpts: string[], raw: string | Buffer) {
  const { client } = await RawSmtp.connect(port);
  await client.cmd('EHLO client.remote.test');
  await client.cmd(`MAIL FROM:<${from}>`);
  for (const r of rcpts) expect((await client.cmd(`RCPT TO:<${r}>`)).code).toBe(250);
  const data = await client.data(raw);
  await client.cmd('QUIT');
  return data;
}

describe.each(TEST_DIALECTS)('spam filtering (%s)', (dialect) => {
  let node: TestNode;
  let pw: Record<string, string>;
  let port: number;

  /** Message-IDs and flags of a folder, over IMAP. */
  async function folder(address: string, name: string): Promise<Array<{ messageId: string; flags: string[] }>> {
    const { client } = await RawImap.connect(node.port('imaps'), { tls: true });
    expect((await client.cmd(`LOGIN ${address} ${pw[address]}`)).status).toBe('OK');
    expect((await client.cmd(`SELECT "${name}"`)).status).toBe('OK');
    const r = await client.cmd('FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])');
    await client.cmd('LOGOUT');
    client.close();
    const out: Array<{ messageId: string; flags: string[] }> = [];
    for (const line of r.untagged) {
      const f = /^\* \d+ FETCH \(FLAGS \(([^)]*)\)/.exec(line);
      if (f) out.push({ messageId: '', flags: f[1]!.split(' ').filter(Boolean) });
      const m = /^Message-ID:\s*(\S+)/i.exec(line);
      if (m && out.length) out[out.length - 1]!.messageId = m[1]!;
    }
    return out;
  }
  const ids = async (address: string, name: string) => (await folder(address, name)).map((m) => m.messageId);
  const trace = async (messageId: string) => (await traceMessage(node.server.deps.store, messageId)).deliveries.at(-1)!.trace;
  const notes = async (messageId: string) => (await trace(messageId)).map((t) => `${t.stage}: ${t.note}`);

  beforeAll(async () => {
    node = await startTestNode({ dialect });
    port = node.port('smtp');
    pw = await provision(node.admin, 'example.test', ['alice', 'bob', 'carol', 'dave', 'erin', 'frank']);
  });
  afterAll(async () => {
    await node.cleanup();
  });

  it('a known spam lands in Spam, with its reasons in the trace and the X-Mailcove-Spam header', async () => {
    const raw = corpusSpam();
    const messageId = /^Message-Id:\s*(\S+)/im.exec(raw.toString('latin1'))![1]!;
    // A header claiming our verdict is removed before ours goes on.
    const forged = Buffer.concat([Buffer.from('X-Mailcove-Spam: no; score=-10.0\r\n'), raw]);
    expect((await send(port, 'ilug-admin@linux.ie', ['alice@example.test'], forged)).code).toBe(250);
    expect(await ids('alice@example.test', 'Spam')).toEqual([messageId]);
    expect(await ids('alice@example.test', 'INBOX')).toEqual([]);
    const [stored] = await folderMessages(node, 'alice@example.test', 'junk');
    const head = stored!.bytes.toString('latin1').split('\r\n\r\n')[0]!;
    expect(head.match(/^X-Mailcove-Spam:.*$/gim)).toHaveLength(1);
    expect(head).toMatch(/^X-Mailcove-Spam: yes; score=\d+\.\d; threshold=5\.0; type=spam; tags=.*LEARNED/m);
    expect(stored!.email_type).toBe('spam');
    expect(stored!.flags).toContain('$Junk');
    const n = await notes(messageId);
    expect(n).toContain('classify: removed incoming X-Mailcove-Spam headers');
    expect(n.some((x) => /^classify: spam score \d+\.\d+ \(spam\), type spam$/.test(x))).toBe(true);
    expect(n.some((x) => /^classify: spam reasons: LEARNED \+/.test(x))).toBe(true);
    expect(n.some((x) => /^decide: alice@example\.test: into Spam \(spam, score \d+\.\d: LEARNED/.test(x))).toBe(true);
  });

  it('a newsletter goes to Promotions, a social notification to Social networks, a receipt stays in the Inbox', async () => {
    const mails: Array<[string, string, string]> = [
      ['promotion/12-new-arrivals-summer-shirts-in-organic-co.eml', 'Promotions', 'promotion'],
      ['social/02-sophie-keller-sent-you-a-friend-request.eml', 'Social networks', 'social'],
      ['transactional/01-order-confirmation-at-204518.eml', 'INBOX', 'transactional'],
    ];
    for (const [file] of mails) expect((await send(port, 'bounces@esp.example', ['bob@example.test'], sample(file))).code).toBe(250);
    const promo = await ids('bob@example.test', 'Promotions');
    expect(promo).toEqual(['<1e42d4dd400da6a635f9bfa57ae011@klaviyomail.com>']);
    expect(await ids('bob@example.test', 'Social networks')).toEqual(['<0101018f596bb56cd856-f1305af6-f7a3-8f3c-89a3-459f6ea23767-000000@email.amazonses.com>']);
    expect(await ids('bob@example.test', 'INBOX')).toEqual(['<ebab5e9d-7a9d-2946-7689-bd0250c08783@mtasv.net>']);
    expect((await folderMessages(node, 'bob@example.test', 'promotions'))[0]!.email_type).toBe('promotion');
    expect((await folderMessages(node, 'bob@example.test', 'social'))[0]!.email_type).toBe('social');
    expect((await folderMessages(node, 'bob@example.test', 'inbox'))[0]!.email_type).toBe('transactional');
    // "Why is this in Promotions?"
    const n = await notes(promo[0]!);
    expect(n.some((x) => /^classify: type promotion because: PROMOTION:/.test(x))).toBe(true);
    expect(n.some((x) => /^decide: bob@example\.test: into Promotions \(type promotion: PROMOTION:/.test(x))).toBe(true);
  });

  it('phishing goes to Spam with the $Phishing and $Junk keywords', async () => {
    expect((await send(port, 'service@paypal-secure-alerts.com', ['carol@example.test'], sample('phishing/01-your-account-has-been-limited.eml'))).code).toBe(250);
    const [m] = await folder('carol@example.test', 'Spam');
    expect(m!.messageId).toBe('<1vw4w0@vps-4471.hostingbox.top>');
    expect(m!.flags).toEqual(expect.arrayContaining(['$Phishing', '$Junk']));
    expect((await notes(m!.messageId)).some((x) => /^classify: phishing reasons: /.test(x))).toBe(true);
  });

  it('filters switched off per mailbox deliver to the Inbox, and say so', async () => {
    await setSpamSettings(node.admin, 'dave@example.test', { spamFilter: false, categoryFilter: false });
    const spam = corpusSpam().toString('latin1').replace(/^Message-Id:.*$/im, 'Message-Id: <off-1@spam.test>');
    expect((await send(port, 'ilug-admin@linux.ie', ['dave@example.test'], spam)).code).toBe(250);
    expect((await send(port, 'bounces@esp.example', ['dave@example.test'], sample('promotion/12-new-arrivals-summer-shirts-in-organic-co.eml'))).code).toBe(250);
    const inbox = await folder('dave@example.test', 'INBOX');
    expect(inbox.map((m) => m.messageId)).toEqual(['<off-1@spam.test>', '<1e42d4dd400da6a635f9bfa57ae011@klaviyomail.com>']);
    expect(inbox[0]!.flags).not.toContain('$Junk');
    expect(await notes('<off-1@spam.test>')).toContainEqual(expect.stringMatching(/^decide: dave@example\.test: spam, score .*; spam filter off for this mailbox, not filed into Spam$/));
  });

  it('refuses at SMTP time above the reject score only when every recipient refuses', async () => {
    await setSpamSettings(node.admin, 'erin@example.test', { rejectAbove: 6 });
    const spam = (id: string) => corpusSpam().toString('latin1').replace(/^Message-Id:.*$/im, `Message-Id: <${id}@spam.test>`);
    const refused = await send(port, 'ilug-admin@linux.ie', ['erin@example.test'], spam('rej-1'));
    expect(refused.code).toBe(550);
    expect(refused.text).toMatch(/^5\.7\.1 /);
    expect((await notes('<rej-1@spam.test>')).some((x) => /^decide: erin@example\.test: spam, score .*reject score 6 → rejected$/.test(x))).toBe(true);
    expect((await send(port, 'ilug-admin@linux.ie', ['erin@example.test', 'frank@example.test'], spam('rej-2'))).code).toBe(250);
    expect(await ids('frank@example.test', 'Spam')).toContain('<rej-2@spam.test>');
    expect(await ids('erin@example.test', 'Spam')).not.toContain('<rej-2@spam.test>');
  });

  it('a huge binary message is classified on a prefix and still delivered', async () => {
    const body = Buffer.alloc(3 * 1024 * 1024);
    for (let i = 0; i < body.length; i++) body[i] = (i * 7919) % 251 === 10 ? 0x20 : 0x80 + ((i * 31) % 127);
    for (let i = 998; i < body.length; i += 1000) body.write('\r\n', i - 2, 'latin1');
    const raw = Buffer.concat([Buffer.from('From: a@remote.example\r\nTo: frank@example.test\r\nSubject: binary\r\nMessage-ID: <bin-1@remote.example>\r\nDate: Thu, 26 Nov 2026 10:00:00 +0000\r\nContent-Type: application/octet-stream\r\n\r\n'), body]);
    expect((await send(port, 'a@remote.example', ['frank@example.test'], raw)).code).toBe(250);
    const n = await notes('<bin-1@remote.example>');
    expect(n.some((x) => x.startsWith('classify: spam score '))).toBe(true);
    expect(n.some((x) => x.startsWith('commit: frank@example.test: stored in '))).toBe(true);
  });
});
