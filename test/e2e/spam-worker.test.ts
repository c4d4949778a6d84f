// The built server classifies in worker threads (src/filters/classify-pool.ts; the in-process
// tests run from sources, where the stage classifies inline): a known spam sent to `mailcove
// serve` over SMTP is filed in Spam with the classifier's reasons in its trace, and a plain note
// stays in the Inbox.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/spam/corpus.js';
import { cliJson, cliOk, killAllServers, startServe, swaks, tempDir, type ServeProcess } from '../helpers/cli.js';
import { RawSmtp } from '../helpers/smtp-client.js';
import { openStore } from '../../src/store/db.js';
import { findMailbox } from '../../src/store/domains-repo.js';
import { saveMailboxModel } from '../../src/store/spam-repo.js';
import { createModel, serializeModel, train } from '../../src/spam/index.js';
import { parseMessage } from '../../src/mime/index.js';

/** A held-out spam of the SpamAssassin corpus (never trained on). */
const corpusSpam = () => loadCorpus('test').find((m) => m.name === 'spam-1/00002.d94f1b97e48ed3b553b3508d116e6a09.txt')!.raw;

interface Trace { deliveries: Array<{ trace: Array<{ stage: string; note: string }> }> }

describe('classification in worker threads (mailcove serve)', () => {
  let dataDir: string;
  let server: ServeProcess;

  beforeAll(async () => {
    dataDir = tempDir('mailcove-spam-worker-');
    await cliOk(['init'], { dataDir });
    await cliOk(['domain', 'add', 'worker.test'], { dataDir });
    await cliOk(['mailbox', 'add', 'wendy@worker.test'], { dataDir });
    server = await startServe({ dataDir, env: { MAILCOVE_SPAM__WORKERS: '1' } });
  }, 60_000);
  afterAll(async () => {
    await killAllServers();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('files a known spam in Spam with its reasons, and a plain note in the Inbox', async () => {
    const spam = corpusSpam().toString('latin1').replace(/^Message-Id:.*$/im, 'Message-Id: <worker-spam@spam.test>');
    const { client } = await RawSmtp.connect(server.port);
    try {
      await client.cmd('EHLO client.spam.test');
      expect((await client.cmd('MAIL FROM:<offers@spam.test>')).code).toBe(250);
      expect((await client.cmd('RCPT TO:<wendy@worker.test>')).code).toBe(250);
      expect((await client.data(spam)).code).toBe(250);
      await client.cmd('QUIT');
    } finally {
      client.close();
    }
    const sent = await swaks(['--server', `127.0.0.1:${server.port}`, '--from', 'friend@example.org', '--to', 'wendy@worker.test', '--header', 'Subject: lunch tomorrow?', '--header', 'Message-Id: <worker-ham@example.org>', '--body', 'Shall we meet at noon at the usual place?']);
    expect(sent.code, sent.stdout + sent.stderr).toBe(0);

    const notes = async (id: string) => (await cliJson<Trace>(['trace', id], { dataDir })).deliveries.flatMap((d) => d.trace);
    const spamNotes = await notes('<worker-spam@spam.test>');
    expect(spamNotes.find((n) => n.stage === 'classify')?.note).toMatch(/^spam score \d+(\.\d+)? \(spam\)/);
    expect(spamNotes.some((n) => n.stage === 'commit' && /stored in Spam/.test(n.note))).toBe(true);
    const hamNotes = await notes('<worker-ham@example.org>');
    expect(hamNotes.find((n) => n.stage === 'classify')?.note).toMatch(/\(not spam\)/);
    expect(hamNotes.some((n) => n.stage === 'commit' && /stored in INBOX/.test(n.note))).toBe(true);
  });

  it("applies a mailbox's own model in the worker, which asks for it once it exists", async () => {
    const text = (id: string) => `From: Watch Deals <deals@replica.example.org>\r\nTo: wendy@worker.test\r\nSubject: Genuine replica watches, cheap\r\nMessage-Id: <${id}@replica.example.org>\r\n\r\nReplica watches and bags, lowest prices, order today from our catalogue.\r\n`;
    const send = async (id: string) => {
      const { client } = await RawSmtp.connect(server.port);
      try {
        await client.cmd('EHLO client.replica.example.org');
        expect((await client.cmd('MAIL FROM:<deals@replica.example.org>')).code).toBe(250);
        expect((await client.cmd('RCPT TO:<wendy@worker.test>')).code).toBe(250);
        expect((await client.data(text(id))).code).toBe(250);
        await client.cmd('QUIT');
      } finally {
        client.close();
      }
    };
    const decided = async (id: string) => (await cliJson<Trace>(['trace', `<${id}@replica.example.org>`], { dataDir })).deliveries.flatMap((d) => d.trace).filter((n) => n.stage === 'decide').map((n) => n.note);
    await send('before-model');
    expect((await decided('before-model')).some((n) => n.includes("with this mailbox's reports"))).toBe(false);

    // Reports teach the mailbox's model; written here through another connection, as the API of
    // another node would: the server's next delivery must see it and hand it to its worker.
    const store = await openStore({ dataDir });
    try {
      const model = createModel();
      const raw = Buffer.from(text('trained'));
      for (let i = 0; i < 5; i++) train(model, { raw, parsed: parseMessage(raw) }, 'spam');
      const wendy = (await findMailbox(store.db, 'wendy@worker.test'))!;
      await saveMailboxModel(store.db, wendy.id, serializeModel(model), Date.now());
    } finally {
      await store.close();
    }
    await send('after-model');
    expect(await decided('after-model')).toContainEqual(expect.stringMatching(/^wendy@worker\.test: with this mailbox's reports: score -?\d+\.\d \((not )?spam\); MAILBOX_LEARNED \d/));
  });
});
