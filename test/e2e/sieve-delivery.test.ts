// Each mailbox's active Sieve script at delivery, end to end: scripts stored as ManageSieve and the
// API store them, mail in over SMTP, results read over IMAP, from the store and from loopback
// "Internet" servers. DNS: example.test → the node (127.0.0.1), remote.test → a redirect target
// (127.0.0.2), sender.test → the original sender's server (127.0.0.3), all on one shared port.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import https from 'node:https';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFolder } from '../../src/mailbox/folders.js';
import * as lists from '../../src/accounts/sender-lists.js';
import * as scripts from '../../src/accounts/sieve-scripts.js';
import { findMailbox } from '../../src/store/domains-repo.js';
import { putScript, setActiveScript } from '../../src/store/sieve-scripts-repo.js';
import { traceMessage } from '../../src/delivery/trace.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { provision, startTestNode, TEST_DIALECTS, type TestNode } from '../helpers/server.js';
import { message, type Reply, smtpTransaction } from '../helpers/smtp-client.js';
import { RawImap } from '../helpers/imap-client.js';
import { waitFor } from '../helpers/wait.js';
import { portFreeOn, startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';

const ALICE = 'alice@example.test';
const BOB = 'bob@example.test';
const CAROL = 'carol@example.test';
const SENDER = 'ext@sender.test';
const TARGET = 'fwd@remote.test';

const send = (port: number, from: string, rcpts: string[], raw: string) => smtpTransaction(port, from, rcpts, raw);

function post(at: { host: string; port: number }, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = https.request({ host: at.host, port: at.port, path, method: 'POST', rejectUnauthorized: false, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': 0 } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('error', reject);
    req.end();
  });
}

const newMessageId = () => `<${crypto.randomUUID()}@sender.test>`;

describe.each(TEST_DIALECTS)('Sieve at delivery (%s)', (dialect) => {
  let node: TestNode;
  let dns: TestDnsServer;
  let port: number;
  let target: SmtpSink;
  let senderMx: SmtpSink;
  let pw: Record<string, string>;

  const db = () => node.server.deps.store.db;
  const mailboxId = async (address: string) => (await findMailbox(db(), address))!.id;

  /** Stores and activates a script, as ManageSieve's PUTSCRIPT + SETACTIVE do. */
  async function activate(address: string, text: string) {
    const id = await mailboxId(address);
    await putScript(node.server.deps.store, id, 'main', text, Date.now());
    expect(await setActiveScript(node.server.deps.store, id, 'main')).toBe(true);
  }

  /** Messages of a folder (by name) with their bytes. */
  async function inFolder(address: string, folder: string) {
    const rows = await db()
      .selectFrom('messages')
      .innerJoin('mailboxes', 'mailboxes.id', 'messages.mailbox_id')
      .innerJoin('folders', 'folders.id', 'messages.folder_id')
      .select(['messages.blob_hash', 'messages.flags', 'messages.uid'])
      .where('mailboxes.address', '=', address)
      .where('folders.name', '=', folder)
      .orderBy('messages.uid')
      .execute();
    return Promise.all(rows.map(async (r) => ({ ...r, text: (await node.server.deps.blobs.read(r.blob_hash)).toString('utf8') })));
  }
  const has = async (address: string, folder: string, subject: string) => (await inFolder(address, folder)).some((m) => m.text.includes(`Subject: ${subject}\r\n`));
  const notes = async (messageId: string) => (await traceMessage(node.server.deps.store, messageId)).deliveries.flatMap((d) => d.trace.map((t) => `${t.stage}: ${t.note}`));

  async function deliverTo(rcpts: string[], subject: string, opts: { headers?: string[]; body?: string; messageId?: string; from?: string } = {}) {
    const messageId = opts.messageId ?? newMessageId();
    const raw = message({ from: opts.from ?? SENDER, to: rcpts.join(', '), subject, messageId, headers: opts.headers, body: opts.body });
    const r = await send(port, opts.from ?? SENDER, rcpts, raw);
    return { ...r, messageId };
  }

  beforeAll(async () => {
    port = await portFreeOn(['127.0.0.1', '127.0.0.2', '127.0.0.3']);
    dns = await startDnsServer({
      'example.test': { MX: [{ priority: 10, exchange: 'mx.example.test' }] },
      'mx.example.test': { A: ['127.0.0.1'] },
      'remote.test': { MX: [{ priority: 10, exchange: 'mx.remote.test' }] },
      'mx.remote.test': { A: ['127.0.0.2'] },
      'sender.test': { MX: [{ priority: 10, exchange: 'mx.sender.test' }] },
      'mx.sender.test': { A: ['127.0.0.3'] },
    });
    target = await startSmtpSink('127.0.0.2', port);
    senderMx = await startSmtpSink('127.0.0.3', port);
    node = await startTestNode({
      dialect,
      config: {
        hostname: 'mx.example.test',
        dns: { servers: [dns.address], timeoutMs: 2000 },
        listen: { smtp: `127.0.0.1:${port}`, submission: 'off', submissions: 'off', imap: '127.0.0.1:0', imaps: '127.0.0.1:0', managesieve: 'off', http: '127.0.0.1:0' },
        queue: { remotePort: port, blockLocalAddresses: false, pollMs: 100, retryMinutes: [1], connectTimeoutMs: 3000 },
      },
    });
    pw = await provision(node.admin, 'example.test', ['alice', 'bob', 'carol']);
  });

  afterAll(async () => {
    await node?.stop();
    await new Promise((r) => setTimeout(r, 200));
    await node?.cleanup();
    await target?.close();
    await senderMx?.close();
    await dns?.close();
  });

  beforeEach(async () => {
    for (const a of [ALICE, BOB, CAROL]) await setActiveScript(node.server.deps.store, await mailboxId(a), null);
    target.messages.length = 0;
    senderMx.messages.length = 0;
  });

  it('files into an existing folder, and notes it in the trace', async () => {
    await createFolder(node.server.deps.store, node.server.deps.events, await mailboxId(ALICE), 'Work');
    await activate(ALICE, 'require "fileinto";\nif header :contains "subject" "report" { fileinto "Work"; }');
    const r = await deliverTo([ALICE], 'weekly report');
    expect(r.data?.code).toBe(250);
    expect(await has(ALICE, 'Work', 'weekly report')).toBe(true);
    expect(await has(ALICE, 'INBOX', 'weekly report')).toBe(false);
    expect(await notes(r.messageId)).toContain(`sieve: ${ALICE}: fileinto Work`);
    // Not matching: the implicit keep.
    await deliverTo([ALICE], 'hello');
    expect(await has(ALICE, 'INBOX', 'hello')).toBe(true);
  });

  it('files into a missing folder only with :create; without it keeps in INBOX with a note', async () => {
    await activate(ALICE, 'require "fileinto";\nfileinto "Nowhere";');
    const a = await deliverTo([ALICE], 'to nowhere');
    expect(await has(ALICE, 'INBOX', 'to nowhere')).toBe(true);
    expect(await notes(a.messageId)).toContain(`sieve: ${ALICE}: fileinto Nowhere: no such folder, kept in INBOX`);

    await activate(ALICE, 'require ["fileinto", "mailbox"];\nfileinto :create "Lists/Café";');
    const b = await deliverTo([ALICE], 'created');
    expect(await has(ALICE, 'Lists/Café', 'created')).toBe(true);
    expect(await notes(b.messageId)).toContain(`sieve: ${ALICE}: created folder Lists/Café`);
  });

  it("include :global reads the administrator's folder, at upload and at delivery", async () => {
    const dir = node.server.deps.config.sieveScripts.globalDir;
    expect(dir).toBe(path.join(node.dataDir, 'sieve', 'global'));
    const ctx = { store: node.server.deps.store, limits: node.server.deps.config.sieveScripts };
    const owner = (await findMailbox(db(), CAROL))!;
    const script = 'require "include";\ninclude :global "newsletters";\nkeep;';
    // No such global script yet: the upload is refused, naming it.
    await expect(scripts.putScript(ctx, owner, 'main', script)).rejects.toThrow(/newsletters/);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'newsletters.sieve'), 'require "fileinto";\nif header :contains "subject" "Weekly digest" { fileinto "Archive"; stop; }\n');
    await new Promise((r) => setTimeout(r, 1100)); // the folder is looked at once a second
    await scripts.putScript(ctx, owner, 'main', script);
    await scripts.setActive(ctx, owner, 'main');
    await deliverTo([CAROL], 'Weekly digest 42');
    await deliverTo([CAROL], 'Lunch?');
    expect(await has(CAROL, 'Archive', 'Weekly digest 42')).toBe(true);
    expect(await has(CAROL, 'INBOX', 'Weekly digest 42')).toBe(false);
    expect(await has(CAROL, 'INBOX', 'Lunch?')).toBe(true);
    // The administrator edits it: the next delivery follows, no restart.
    fs.writeFileSync(path.join(dir, 'newsletters.sieve'), 'require "fileinto";\nif header :contains "subject" "Monthly" { fileinto "Archive"; stop; }\n');
    await new Promise((r) => setTimeout(r, 1100));
    await deliverTo([CAROL], 'Weekly digest 43');
    await deliverTo([CAROL], 'Monthly news');
    expect(await has(CAROL, 'INBOX', 'Weekly digest 43')).toBe(true);
    expect(await has(CAROL, 'Archive', 'Monthly news')).toBe(true);
    fs.rmSync(path.join(dir, 'newsletters.sieve'));
  });

  it('stores the flags imap4flags set, seen over IMAP', async () => {
    await activate(ALICE, 'require ["imap4flags", "fileinto"];\naddflag "\\\\Flagged";\naddflag "$Important";\nfileinto :flags "\\\\Seen" "Archive";\nkeep;');
    await deliverTo([ALICE], "flagged one");
    const { client } = await RawImap.connect(node.port('imaps'), { tls: true });
    expect((await client.cmd(`LOGIN ${ALICE} ${pw[ALICE]}`)).status).toBe('OK');
    for (const [folder, want] of [['INBOX', ['\\Flagged', '$Important']], ['Archive', ['\\Seen']]] as const) {
      expect((await client.cmd(`SELECT ${folder}`)).status).toBe('OK');
      const search = await client.cmd('UID SEARCH SUBJECT "flagged one"');
      const uid = /^\* SEARCH (\d+)/m.exec(search.untagged.join('\n'))![1];
      const f = await client.cmd(`UID FETCH ${uid} (FLAGS)`);
      const flags = /FLAGS \(([^)]*)\)/.exec(f.untagged.join('\n'))![1]!.split(' ').filter((x) => x !== '\\Recent');
      expect(flags.sort()).toEqual([...want].sort());
    }
    await client.cmd('LOGOUT');
    client.close();
  });

  it('runs after the system rules: a blocked sender stays in Spam on keep, and leaves it only by an explicit fileinto', async () => {
    await lists.addListEntry(node.admin, { mailbox: BOB }, 'block', 'blocked.test');
    await activate(BOB, 'require "fileinto";\nif header :contains "subject" "rescue" { fileinto "Archive"; } else { keep; }');
    const kept = await deliverTo([BOB], 'stays in spam', { from: 'x@blocked.test' });
    expect(await has(BOB, 'Spam', 'stays in spam')).toBe(true);
    const n = await notes(kept.messageId);
    expect(n.indexOf(`sieve: ${BOB}: keep in Spam`)).toBeGreaterThan(n.findIndex((x) => x.startsWith(`decide: ${BOB}: blocked by`)));
    await deliverTo([BOB], 'rescue me', { from: 'x@blocked.test' });
    expect(await has(BOB, 'Archive', 'rescue me')).toBe(true);
  });

  it('discards: 250 and nothing stored', async () => {
    await activate(ALICE, 'if header :contains "subject" "junk mail" { discard; }');
    const r = await deliverTo([ALICE], 'junk mail here');
    expect(r.data?.code).toBe(250);
    for (const f of ['INBOX', 'Spam']) expect(await has(ALICE, f, 'junk mail here')).toBe(false);
    expect(await notes(r.messageId)).toContain(`sieve: ${ALICE}: discard`);
  });

  it('rejects a single-recipient message at the end of DATA with 550 5.7.1 and the reason', async () => {
    await activate(ALICE, 'require "reject";\nreject "I do not want this.";');
    const r = await deliverTo([ALICE], 'unwanted');
    expect(r.data?.code).toBe(550);
    expect(r.data?.text).toContain('5.7.1 I do not want this.');
    expect(await has(ALICE, 'INBOX', 'unwanted')).toBe(false);
  });

  it('with two recipients, stores the other copy and sends the refusal (an MDN) to the sender', async () => {
    await activate(ALICE, 'require "ereject";\nereject "Not from you.";');
    const r = await deliverTo([ALICE, BOB], 'for both');
    expect(r.data?.code).toBe(250);
    expect(await has(BOB, 'INBOX', 'for both')).toBe(true);
    expect(await has(ALICE, 'INBOX', 'for both')).toBe(false);
    await node.server.queue.runOnce();
    const mdn = await waitFor('refusal at the sender', () => senderMx.messages.find((m) => m.to.includes(SENDER)));
    expect(mdn.from).toBe('');
    const text = mdn.raw.toString('utf8');
    expect(text).toMatch(/report-type=disposition-notification/);
    expect(text).toContain('Disposition: automatic-action/MDN-sent-automatically; deleted');
    expect(text).toContain(`Final-Recipient: rfc822; ${ALICE}`);
    expect(text).toContain('Not from you.');
    expect(text).toContain(`Original-Message-ID: ${r.messageId}`);
  });

  it('redirects to another server through the redirection path: confirmation first, then SRS', async () => {
    await activate(ALICE, `redirect "${TARGET}";`);
    const first = await deliverTo([ALICE], 'before consent');
    expect(first.data?.code).toBe(250);
    // Not confirmed: kept here (mail is never lost) and a link is mailed to the target.
    expect(await has(ALICE, 'INBOX', 'before consent')).toBe(true);
    expect(await notes(first.messageId)).toContain(`redirect: ${ALICE} → ${TARGET}: target not confirmed, not forwarded`);
    await node.server.confirmations.runOnce();
    await node.server.queue.runOnce();
    const link = await waitFor('confirmation link', () => target.messages.map((m) => /https:\/\/\S+\/confirm-redirect\/[A-Za-z0-9_-]+/.exec(m.raw.toString())?.[0]).find(Boolean));
    expect(await post(node.server.addresses.http!, new URL(link).pathname)).toBe(200);

    const second = await deliverTo([ALICE], 'after consent');
    expect(second.data?.code).toBe(250);
    await node.server.queue.runOnce();
    const fwd = await waitFor('forwarded copy', () => target.messages.find((m) => m.raw.toString().includes('Subject: after consent')));
    expect(fwd.from).toMatch(/^SRS0=[^=]+=[^=]+=sender\.test=ext@example\.test$/);
    expect(fwd.raw.toString()).toMatch(/^X-Mailcove-Loop: mx\.example\.test; origin=/m);
    expect(await has(ALICE, 'INBOX', 'after consent')).toBe(false);
    // Counted toward the sending limit.
    const sent = await db().selectFrom('send_log').selectAll().where('mailbox_id', '=', await mailboxId(ALICE)).execute();
    expect(sent.reduce((n, r) => n + Number(r.recipients), 0)).toBe(1);
  });

  it('redirects to a mailbox here, which gets it once', async () => {
    await activate(ALICE, `redirect "${CAROL}";`);
    const r = await deliverTo([ALICE], 'over to carol');
    expect(r.data?.code).toBe(250);
    expect(await has(CAROL, 'INBOX', 'over to carol')).toBe(true);
    expect(await has(ALICE, 'INBOX', 'over to carol')).toBe(false);
  });

  it('answers with vacation once per period, from the null sender, threaded', async () => {
    await activate(ALICE, 'require "vacation";\nvacation :days 3 :subject "Away until Monday" "I am away.";');
    const first = await deliverTo([ALICE], 'are you there?');
    expect(first.data?.code).toBe(250);
    await node.server.queue.runOnce();
    const reply = await waitFor('vacation reply', () => senderMx.messages.find((m) => m.to.includes(SENDER)));
    expect(reply.from).toBe('');
    const text = reply.raw.toString('utf8');
    expect(text).toMatch(/^Auto-Submitted: auto-replied\r$/m);
    expect(text).toMatch(/^Subject: Away until Monday\r$/m);
    expect(text).toContain(`In-Reply-To: ${first.messageId}`);
    expect(text).toContain(`References: ${first.messageId}`);
    expect(text).toMatch(/^From: <alice@example\.test>\r$/m);
    expect(text).toMatch(/^DKIM-Signature: /m);
    expect(text).toContain('I am away.');
    expect(await has(ALICE, 'INBOX', 'are you there?')).toBe(true);

    const second = await deliverTo([ALICE], 'still there?');
    await node.server.queue.runOnce();
    await new Promise((r) => setTimeout(r, 300));
    expect(senderMx.messages.filter((m) => m.to.includes(SENDER))).toHaveLength(1);
    expect((await notes(second.messageId)).some((n) => n.includes('vacation: no response'))).toBe(true);
  });

  it("a script refusing our own mail (here alice's vacation reply to bob) drops it, never refuses it", async () => {
    await activate(ALICE, 'require "vacation";\nvacation :subject "Away" "Away.";');
    await activate(BOB, 'require "reject";\nif header :is "auto-submitted" "auto-replied" { reject "no robots"; }');
    const r = await deliverTo([ALICE], 'from bob', { from: BOB });
    expect(r.data?.code).toBe(250);
    const reply = await waitFor('the reply delivery', async () =>
      (await db().selectFrom('deliveries').select(['outcome', 'trace']).where('mail_from', '=', '').execute()).find((d) => d.trace.includes(`${BOB}: copy refused by the script, dropped (our own mail)`)),
    );
    expect(reply.outcome).toBe('dropped');
    expect(await has(BOB, 'INBOX', 'Away')).toBe(false);
  });

  it('stores the header block editheader made, for that mailbox only', async () => {
    await activate(ALICE, 'require "editheader";\naddheader "X-Filed-By" "Sieve à Mailcove";\ndeleteheader "X-Remove-Me";');
    const r = await deliverTo([ALICE, BOB], 'edited', { headers: ['X-Remove-Me: yes', 'X-Keep: kept'] });
    expect(r.data?.code).toBe(250);
    const a = (await inFolder(ALICE, 'INBOX')).find((m) => m.text.includes('Subject: edited'))!;
    expect(a.text).toMatch(/^X-Filed-By: =\?utf-8\?B\?[A-Za-z0-9+/=]+\?=\r$/m);
    expect(Buffer.from(/X-Filed-By: =\?utf-8\?B\?([^?]+)\?=/.exec(a.text)![1]!, 'base64').toString()).toBe('Sieve à Mailcove');
    expect(a.text).not.toContain('X-Remove-Me');
    expect(a.text).toContain('X-Keep: kept\r\n');
    expect(a.text).toContain('\r\n\r\nHello.\r\n');
    const b = (await inFolder(BOB, 'INBOX')).find((m) => m.text.includes('Subject: edited'))!;
    expect(b.text).toContain('X-Remove-Me: yes');
    expect(b.text).not.toContain('X-Filed-By');
  });

  it('duplicate: the second copy of a Message-ID is discarded', async () => {
    await activate(ALICE, 'require "duplicate";\nif duplicate { discard; stop; }');
    const id = newMessageId();
    expect((await deliverTo([ALICE], 'dup test', { messageId: id })).data?.code).toBe(250);
    expect((await deliverTo([ALICE], 'dup test', { messageId: id })).data?.code).toBe(250);
    expect((await inFolder(ALICE, 'INBOX')).filter((m) => m.text.includes('Subject: dup test'))).toHaveLength(1);
  });

  it('notify mailto: a short notification to the address', async () => {
    await activate(ALICE, `require "enotify";\nnotify :message "news for alice" "mailto:${CAROL}";`);
    await deliverTo([ALICE], 'notify me');
    expect(await has(ALICE, 'INBOX', 'notify me')).toBe(true);
    const n = (await inFolder(CAROL, 'INBOX')).find((m) => m.text.includes('Subject: news for alice'));
    expect(n?.text).toMatch(/^Auto-Submitted: auto-notified\r$/m);
  });

  it('a runtime error keeps the message in INBOX with the error in the trace', async () => {
    await activate(ALICE, 'require ["editheader", "variables"];\nset "name" "bad name";\naddheader "${name}" "x";\ndiscard;');
    const r = await deliverTo([ALICE], 'runtime error');
    expect(r.data?.code).toBe(250);
    expect(await has(ALICE, 'INBOX', 'runtime error')).toBe(true);
    expect((await notes(r.messageId)).find((n) => n.startsWith(`sieve: ${ALICE}: error 3:`))).toMatch(/not a valid header field name, kept in INBOX$/);
  });

  it('a script that would run on and on is stopped by its budget; the message is kept', async () => {
    const tests = Array.from({ length: 200 }, (_, i) => `body :raw :regex "(a|b)*c${i}"`).join(',\n  ');
    await activate(ALICE, `require ["body", "regex"];\nif anyof(${tests}) { discard; }`);
    const body = ('ab'.repeat(38) + '\r\n').repeat(2600);
    const r = await deliverTo([ALICE], 'long run', { body });
    expect(r.data?.code).toBe(250);
    expect(await has(ALICE, 'INBOX', 'long run')).toBe(true);
    expect((await notes(r.messageId)).some((n) => /^sieve: alice@example\.test: error \d+:\d+ script (used more than \d+ steps|ran longer than)/.test(n))).toBe(true);
  });

  it('a domain that forbids redirect in raw scripts stops one stored before the ban: kept, with the reason', async () => {
    await activate(ALICE, 'redirect "elsewhere@example.test";');
    await db().updateTable('domains').set({ sieve_redirect: 'forbid' }).where('name', '=', 'example.test').execute();
    try {
      const r = await deliverTo([ALICE], 'no redirect here');
      expect(r.data?.code).toBe(250);
      expect(await has(ALICE, 'INBOX', 'no redirect here')).toBe(true);
      expect((await notes(r.messageId)).some((n) => n.startsWith(`sieve: ${ALICE}:`) && /redirect/i.test(n))).toBe(true);
    } finally {
      await db().updateTable('domains').set({ sieve_redirect: 'allow' }).where('name', '=', 'example.test').execute();
    }
  });
});
