// The delivery keeps each mailbox's settings in memory (src/delivery/mailbox-settings.ts), keyed by
// versions that database triggers bump on every write (migration 016). Whatever changes a block
// list, a spam setting, a Sieve script or a responder (the services the API and CLI use,
// ManageSieve, or another process on the same database, as the CLI or a second node is), the
// very next message delivered over SMTP must obey it. Each case delivers once before the change,
// so the old settings are cached when the change comes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as lists from '../../src/accounts/sender-lists.js';
import { setSpamSettings } from '../../src/accounts/spam-settings.js';
import * as responders from '../../src/responder/service.js';
import { createFolder } from '../../src/store/folders-repo.js';
import { findMailbox } from '../../src/store/domains-repo.js';
import { openStore, type Store } from '../../src/store/db.js';
import { traceMessage } from '../../src/delivery/trace.js';
import { loadCorpus } from '../../src/spam/corpus.js';
import { provision, startTestNode, TEST_DIALECTS, type TestNode } from '../helpers/server.js';
import { message, smtpTransaction } from '../helpers/smtp-client.js';
import { literal, RawSieve } from '../helpers/managesieve-client.js';

const ALICE = 'alice@example.test';
const BOB = 'bob@example.test';
const CORPUS_SPAM = loadCorpus('test').find((m) => m.name === 'spam-1/00002.d94f1b97e48ed3b553b3508d116e6a09.txt')!.raw;
const PROMO_HEADERS = ['List-Unsubscribe: <https://shop.example.net/u/1>', 'List-Unsubscribe-Post: List-Unsubscribe=One-Click', 'Precedence: bulk'];

describe.each(TEST_DIALECTS)('settings changes reach the next delivery (%s)', (dialect) => {
  let node: TestNode;
  let pw: Record<string, string>;
  /** A second connection to the same database: what the CLI or another node writes through. */
  let other: Store;
  let n = 0;

  /** Delivers one message over SMTP; returns its reply code and Message-ID. */
  async function deliver(to: string, opts: { from?: string; subject?: string; headers?: string[] } = {}) {
    const from = opts.from ?? 'someone@sender.example.net';
    const messageId = `<cache-${++n}@sender.example.net>`;
    const r = await smtpTransaction(node.port('smtp'), from, [to], message({ from, to, subject: opts.subject ?? `message ${n}`, messageId, headers: opts.headers }), 'mx.sender.example.net');
    return { code: r.data?.code, messageId };
  }

  /** A held-out corpus spam (never trained on), under a Message-ID of its own. */
  async function deliverSpam(to: string) {
    const messageId = `<cache-spam-${++n}@spam.test>`;
    const raw = CORPUS_SPAM.toString('latin1').replace(/^Message-Id:.*$/im, `Message-Id: ${messageId}`);
    const r = await smtpTransaction(node.port('smtp'), 'ilug-admin@linux.ie', [to], raw, 'mx.sender.example.net');
    return { code: r.data?.code, messageId };
  }

  /** The folder a delivered message is stored in, for a mailbox (null: not stored there). */
  async function folderOf(messageId: string, address: string): Promise<string | null> {
    const row = await node.server.deps.store.db
      .selectFrom('messages')
      .innerJoin('folders', 'folders.id', 'messages.folder_id')
      .innerJoin('mailboxes', 'mailboxes.id', 'messages.mailbox_id')
      .select('folders.name')
      .where('messages.message_id', '=', messageId)
      .where('mailboxes.address', '=', address)
      .executeTakeFirst();
    return row?.name ?? null;
  }

  /** The trace of a message, as "stage: note" lines. */
  const notes = async (messageId: string) => (await traceMessage(node.server.deps.store, messageId)).deliveries.flatMap((d) => d.trace.map((t) => `${t.stage}: ${t.note}`));

  beforeAll(async () => {
    node = await startTestNode({ dialect });
    pw = await provision(node.admin, 'example.test', ['alice', 'bob']);
    const url = node.config.database.url;
    other = await openStore({ url, dataDir: node.dataDir });
  });
  afterAll(async () => {
    await other?.close();
    await node.cleanup();
  });

  it('block list and block action, through the service', async () => {
    const ctx = node.admin;
    let m = await deliver(ALICE, { from: 'news@blocked.example.net' });
    expect(await folderOf(m.messageId, ALICE)).toBe('INBOX');

    await lists.addListEntry(ctx, { mailbox: ALICE }, 'block', 'blocked.example.net');
    m = await deliver(ALICE, { from: 'news@blocked.example.net' });
    expect(await folderOf(m.messageId, ALICE)).toBe('Spam');

    await lists.setBlockAction(ctx, ALICE, 'reject');
    m = await deliver(ALICE, { from: 'news@blocked.example.net' });
    expect(m.code).toBe(550);

    await lists.removeListEntry(ctx, { mailbox: ALICE }, 'block', 'blocked.example.net');
    m = await deliver(ALICE, { from: 'news@blocked.example.net' });
    expect(await folderOf(m.messageId, ALICE)).toBe('INBOX');
    await lists.setBlockAction(ctx, ALICE, 'spam');
  });

  it('spam settings: the promotions filter, the spam filter and the reject score, through the service', async () => {
    const ctx = node.admin;
    let m = await deliver(BOB, { from: 'deals@shop.example.net', subject: 'Weekly deals: 30% off everything', headers: PROMO_HEADERS });
    expect(await folderOf(m.messageId, BOB)).toBe('Promotions');
    await setSpamSettings(ctx, BOB, { categoryFilter: false });
    m = await deliver(BOB, { from: 'deals@shop.example.net', subject: 'Weekly deals: 30% off everything', headers: PROMO_HEADERS });
    expect(await folderOf(m.messageId, BOB)).toBe('INBOX');
    await setSpamSettings(ctx, BOB, { categoryFilter: true });

    let spam = await deliverSpam(BOB);
    expect(await folderOf(spam.messageId, BOB)).toBe('Spam');
    await setSpamSettings(ctx, BOB, { spamFilter: false });
    spam = await deliverSpam(BOB);
    expect(await folderOf(spam.messageId, BOB)).toBe('INBOX');
    await setSpamSettings(ctx, BOB, { spamFilter: true, rejectAbove: 6 });
    expect((await deliverSpam(BOB)).code).toBe(550);
    await setSpamSettings(ctx, BOB, { rejectAbove: null });
    spam = await deliverSpam(BOB);
    expect(await folderOf(spam.messageId, BOB)).toBe('Spam');
  });

  it('a Sieve script uploaded, replaced and deactivated over ManageSieve', async () => {
    const db = node.server.deps.store.db;
    const alice = (await findMailbox(db, ALICE))!;
    await createFolder(db, alice.id, 'Work', null);
    let m = await deliver(ALICE, { subject: 'report' });
    expect(await folderOf(m.messageId, ALICE)).toBe('INBOX');

    const { client } = await RawSieve.connect(node.port('managesieve'));
    await client.starttls();
    expect((await client.authenticatePlain(ALICE, pw[ALICE]!)).status).toBe('OK');
    const put = async (script: string) => expect((await client.command(`PUTSCRIPT "main" ${literal(script)}`)).status).toBe('OK');
    try {
      await put('require "fileinto";\r\nif header :contains "subject" "report" { fileinto "Work"; }\r\n');
      expect((await client.command('SETACTIVE "main"')).status).toBe('OK');
      m = await deliver(ALICE, { subject: 'report' });
      expect(await folderOf(m.messageId, ALICE)).toBe('Work');

      // The same name, another text: compiled again.
      await put('require "fileinto";\r\nif header :contains "subject" "report" { fileinto "Archive"; }\r\n');
      m = await deliver(ALICE, { subject: 'report' });
      expect(await folderOf(m.messageId, ALICE)).toBe('Archive');

      expect((await client.command('SETACTIVE ""')).status).toBe('OK');
      m = await deliver(ALICE, { subject: 'report' });
      expect(await folderOf(m.messageId, ALICE)).toBe('INBOX');
    } finally {
      client.close();
    }
  });

  it('a responder activated and deactivated, through the service', async () => {
    const ctx = { store: node.server.deps.store };
    let m = await deliver(BOB, { from: 'friend@sender.example.net' });
    expect((await notes(m.messageId)).some((t) => t.startsWith('responder:'))).toBe(false);

    await responders.addResponder(ctx, BOB, 'Away', { text: 'I am away.' }, { activate: true });
    m = await deliver(BOB, { from: 'friend@sender.example.net' });
    expect(await notes(m.messageId)).toContain(`responder: ${BOB}: vacation response to friend@sender.example.net`);

    await responders.deactivateResponder(ctx, BOB);
    m = await deliver(BOB, { from: 'other@sender.example.net' });
    expect((await notes(m.messageId)).some((t) => t.startsWith('responder:'))).toBe(false);
  });

  it('changes written by another connection to the database (the CLI, another node)', async () => {
    const ctx = { store: other, blobs: node.admin.blobs, defaultQuotaBytes: node.admin.defaultQuotaBytes };
    let m = await deliver(BOB, { from: 'x@elsewhere.example.net' });
    expect(await folderOf(m.messageId, BOB)).toBe('INBOX');

    // The mailbox's own list.
    await lists.addListEntry(ctx, { mailbox: BOB }, 'block', '*@elsewhere.example.net');
    m = await deliver(BOB, { from: 'x@elsewhere.example.net' });
    expect(await folderOf(m.messageId, BOB)).toBe('Spam');
    await lists.removeListEntry(ctx, { mailbox: BOB }, 'block', '*@elsewhere.example.net');

    // The domain's list, which applies to every mailbox of the domain.
    m = await deliver(ALICE, { from: 'y@domainwide.example.net' });
    expect(await folderOf(m.messageId, ALICE)).toBe('INBOX');
    await lists.addListEntry(ctx, { domain: 'example.test' }, 'block', 'domainwide.example.net');
    m = await deliver(ALICE, { from: 'y@domainwide.example.net' });
    expect(await folderOf(m.messageId, ALICE)).toBe('Spam');
    await lists.removeListEntry(ctx, { domain: 'example.test' }, 'block', 'domainwide.example.net');
    m = await deliver(ALICE, { from: 'y@domainwide.example.net' });
    expect(await folderOf(m.messageId, ALICE)).toBe('INBOX');

    // Spam settings, and a responder.
    await setSpamSettings(ctx, BOB, { categoryFilter: false });
    m = await deliver(BOB, { from: 'deals@shop.example.net', subject: 'Weekly deals: 30% off everything', headers: PROMO_HEADERS });
    expect(await folderOf(m.messageId, BOB)).toBe('INBOX');
    await setSpamSettings(ctx, BOB, { categoryFilter: true });
    await responders.addResponder({ store: other }, BOB, 'Elsewhere', { text: 'Away from the other node.' }, { activate: true });
    m = await deliver(BOB, { from: 'pal@sender.example.net' });
    expect(await folderOf(m.messageId, BOB)).toBe('INBOX');
    expect(await notes(m.messageId)).toContain(`responder: ${BOB}: vacation response to pal@sender.example.net`);
    await responders.deactivateResponder({ store: other }, BOB);
  });
});
