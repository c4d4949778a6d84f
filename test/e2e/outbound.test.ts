// End to end: mail our users send leaves through the outbound queue to a scripted remote SMTP
// server found through a test DNS server, over real loopback sockets. The node's clock is
// injected, so retries, delay notices and expiry are reached by moving it, never by sleeping.
import { collectBlobGarbage } from '../../src/blobs/gc.js';
import { BLOB_DELETION_GRACE_MS } from '../../src/store/blobs-repo.js';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import nodemailer, { type Transporter } from 'nodemailer';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliver } from '../../src/delivery/pipeline.js';
import { addBlobRefs, blobRefcount } from '../../src/store/blobs-repo.js';
import { insertQueueMessage } from '../../src/store/queue-repo.js';
import { mtaStsPolicies } from '../../src/queue/remote-smtp.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { folderMessages, provision, startTestNode, TEST_DIALECTS, type TestNode } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ALICE = 'alice@example.test';

// ---------------------------------------------------------------------------
// The remote side: one SMTP server, scripted per test

interface Received { from: string; to: string[]; raw: Buffer; connection: string }
type Verdict = { code: number; text: string } | null;

interface Remote {
  port: number;
  connections: number;
  messages: Received[];
  /** null accepts; otherwise the reply for that RCPT TO. */
  onRcpt: (rcpt: string, session: SMTPServerSession) => Verdict;
  /** null accepts; otherwise the reply at the end of DATA. */
  onData: (rcpts: string[], session: SMTPServerSession) => Verdict;
  /** null accepts; otherwise the greeting refusal. */
  onConnect: (session: SMTPServerSession) => Verdict;
  /** How many times a recipient got a copy. */
  copies(rcpt: string): number;
  close(): Promise<void>;
}

function smtpError(v: { code: number; text: string }): Error {
  return Object.assign(new Error(v.text), { responseCode: v.code });
}

async function startRemote(opts: { starttls?: boolean; host?: string; port?: number } = {}): Promise<Remote> {
  const remote: Remote = {
    port: 0,
    connections: 0,
    messages: [],
    onRcpt: () => null,
    onData: () => null,
    onConnect: () => null,
    copies: (rcpt) => remote.messages.filter((m) => m.to.includes(rcpt)).length,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
  const server = new SMTPServer({
    authOptional: true,
    // With STARTTLS on, smtp-server offers it with its built-in self-signed certificate.
    disabledCommands: opts.starttls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    logger: false,
    onConnect(session, cb) {
      remote.connections++;
      const v = remote.onConnect(session);
      cb(v ? smtpError(v) : undefined);
    },
    onRcptTo(address, session, cb) {
      const v = remote.onRcpt(address.address, session);
      cb(v ? smtpError(v) : undefined);
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        const v = remote.onData(to, session);
        if (v) return cb(smtpError(v));
        remote.messages.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to, raw: Buffer.concat(chunks), connection: session.id });
        cb(null, 'Ok: queued');
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((r) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => r()));
  remote.port = (server.server.address() as AddressInfo).port;
  return remote;
}

// ---------------------------------------------------------------------------
// Helpers

function message(opts: { to: string; bcc?: string; subject: string; body?: string; from?: string }): string {
  const lines = [
    `From: Alice <${opts.from ?? ALICE}>`,
    `To: ${opts.to}`,
    ...(opts.bcc ? [`Bcc: ${opts.bcc}`] : []),
    `Subject: ${opts.subject}`,
    `Message-ID: <${crypto.randomUUID()}@example.test>`,
    'Date: Tue, 26 Nov 2024 15:15:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    opts.body ?? 'Hello there.',
    '',
  ];
  return lines.join('\r\n');
}

/** A header field's unfolded value in a block of text (the first one). */
function field(text: string, name: string): string | undefined {
  const m = new RegExp(`^${name}:[ \\t]*((?:.*)(?:\\r\\n[ \\t].*)*)`, 'mi').exec(text);
  return m?.[1]!.replace(/\r\n[ \t]+/g, ' ').trim();
}

// ---------------------------------------------------------------------------

describe.each(TEST_DIALECTS)('outbound queue (%s)', (dialect) => {
  let dns: TestDnsServer;
  let remote: Remote;
  let node: TestNode;
  let transport: Transporter | null = null;
  let password = '';
  let skew = 0;
  /** The node's clock: real time moved forward by the test. */
  const now = () => Date.now() + skew;

  async function setup(opts: { starttls?: boolean; queue?: Record<string, unknown> } = {}): Promise<void> {
    remote = await startRemote({ starttls: opts.starttls });
    node = await startTestNode({
      dialect,
      now,
      config: {
        dns: { servers: [dns.address] },
        queue: { remotePort: remote.port, blockLocalAddresses: false, pollMs: 100, retryMinutes: [5, 10], connectTimeoutMs: 3000, ...opts.queue },
      },
    });
    const passwords = await provision(node.admin, 'example.test', ['alice']);
    password = passwords[ALICE]!;
  }

  beforeEach(async () => {
    skew = 0;
    dns = await startDnsServer({
      'remote.test': { MX: [{ priority: 10, exchange: 'mx.remote.test' }] },
      'mx.remote.test': { A: ['127.0.0.1'] },
      'nullmx.test': { MX: [{ priority: 0, exchange: '.' }] },
      'broken.test': { rcode: 'SERVFAIL' },
    });
  });

  afterEach(async () => {
    transport?.close();
    transport = null;
    await node?.cleanup();
    await remote?.close();
    await dns.close();
  });

  /** Alice sends through submission (one pooled, authenticated connection per test). */
  async function send(to: string[], raw: string): Promise<void> {
    transport ??= nodemailer.createTransport({
      host: '127.0.0.1',
      port: node.port('submission'),
      secure: false,
      requireTLS: true,
      tls: { rejectUnauthorized: false },
      auth: { user: ALICE, pass: password },
      pool: true,
      maxConnections: 1,
    });
    await transport.sendMail({ envelope: { from: ALICE, to }, raw });
  }

  const db = () => node.server.deps.store.db;
  const queueRows = () => db().selectFrom('queue_recipients').selectAll().orderBy('id').execute();
  const queueMessages = () => db().selectFrom('queue_messages').selectAll().execute();
  const rowOf = async (rcpt: string) => (await queueRows()).find((r) => r.recipient === rcpt);
  /** Moves the clock and runs a queue round. */
  async function later(ms: number): Promise<void> {
    skew += ms;
    await node.server.queue.runOnce();
  }
  const inbox = () => folderMessages(node, ALICE);
  async function bounces() {
    return (await inbox()).map((m) => m.bytes.toString('utf8'));
  }
  /** Waits until the recipient's row exists and has had `attempts` attempts. */
  const attempted = (rcpt: string, attempts = 1) => waitFor(`${rcpt} attempt ${attempts}`, async () => {
    const r = await rowOf(rcpt);
    return r && r.attempts >= attempts && r.lease_until === 0 ? r : null;
  });

  it('delivers the exact message: Bcc removed, our Received added, body intact; then the queue entry and its blob go', async () => {
    await setup({ starttls: true });
    const body = 'First line\r\n.a line that starts with a dot\r\n..two dots\r\n\r\nLast line, ünïcödé';
    const raw = message({ to: 'bob@remote.test', bcc: 'carol@remote.test', subject: 'Hello outbound', body });
    await send(['bob@remote.test', 'carol@remote.test'], raw);

    const got = await waitFor('remote delivery', () => remote.messages[0]);
    expect(remote.messages).toHaveLength(1);
    expect(got.from).toBe(ALICE);
    expect(got.to.sort()).toEqual(['bob@remote.test', 'carol@remote.test']);
    const signed = got.raw.toString('utf8');
    // Our two DKIM signatures (RSA, Ed25519) come first; test/e2e/dkim.test.ts verifies them.
    const signatures = /^(?:DKIM-Signature: .*\r\n(?:[ \t].*\r\n)*){2}/.exec(signed)?.[0] ?? '';
    expect(signatures).toContain('a=rsa-sha256');
    const text = signed.slice(signatures.length);
    expect(text).toMatch(/^Received: /);
    const received = text.slice(0, text.indexOf('\r\nFrom: ') + 2);
    expect(received).toContain('by mx.mailcove.test (Mailcove) with ESMTPSA');
    expect(received.split('\r\n').slice(1, -1).every((l) => /^[ \t]/.test(l))).toBe(true);
    // Everything after our Received header is what alice sent, minus Bcc.
    expect(text.slice(received.length)).toBe(raw.replace(/^Bcc: .*\r\n/m, ''));
    expect(text).not.toMatch(/^Bcc:/im);

    // Both recipients final: the entry leaves the queue and drops its blob reference.
    await waitFor('queue cleanup', async () => (await queueMessages()).length === 0);
    expect(await queueRows()).toEqual([]);
    const hash = crypto.createHash('sha256').update(got.raw).digest('hex');
    expect(await blobRefcount(db(), hash)).toBe(0);
    // The file stays for the grace period (a delivery may be about to reuse it), then goes.
    expect(await node.server.deps.blobs.exists(hash)).toBe(true);
    expect(await collectBlobGarbage(node.server.deps.store, node.server.deps.blobs, now() + BLOB_DELETION_GRACE_MS)).toBeGreaterThanOrEqual(1);
    expect(await node.server.deps.blobs.exists(hash)).toBe(false);
    expect(await inbox()).toHaveLength(0);
  });

  it('retries a 4xx at RCPT after retryMinutes and then delivers once', async () => {
    await setup();
    let defer = true;
    remote.onRcpt = () => (defer ? { code: 451, text: '4.7.1 Greylisted, try again later' } : null);
    await send(['bob@remote.test'], message({ to: 'bob@remote.test', subject: 'greylisted' }));

    const first = await attempted('bob@remote.test');
    expect(first.status).toBe('pending');
    const [queued] = await queueMessages();
    expect(await blobRefcount(db(), queued!.blob_hash)).toBe(1);
    expect(first.last_reply).toContain('451 4.7.1 Greylisted');
    expect(first.next_attempt_at - now()).toBeGreaterThan(4 * MINUTE);

    // Not due yet: nothing happens.
    await later(2 * MINUTE);
    expect((await rowOf('bob@remote.test'))!.attempts).toBe(1);
    expect(remote.messages).toHaveLength(0);

    defer = false;
    await later(4 * MINUTE);
    expect(remote.copies('bob@remote.test')).toBe(1);
    expect(await queueMessages()).toEqual([]);
    // What went out is the queued blob, and its reference and file are gone.
    expect(crypto.createHash('sha256').update(remote.messages[0]!.raw).digest('hex')).toBe(queued!.blob_hash);
    expect(await blobRefcount(db(), queued!.blob_hash)).toBe(0);
    await collectBlobGarbage(node.server.deps.store, node.server.deps.blobs, now() + BLOB_DELETION_GRACE_MS);
    expect(await node.server.deps.blobs.exists(queued!.blob_hash)).toBe(false);
    await later(60 * MINUTE);
    expect(remote.copies('bob@remote.test')).toBe(1);
    expect(await inbox()).toHaveLength(0);
  });

  it('retries a 4xx at the end of DATA for every recipient of the message, attempts counted', async () => {
    await setup();
    let failures = 2;
    remote.onData = () => (failures-- > 0 ? { code: 452, text: '4.3.1 Insufficient system storage' } : null);
    await send(['bob@remote.test', 'carol@remote.test'], message({ to: 'bob@remote.test, carol@remote.test', subject: 'data 4xx' }));
    await attempted('bob@remote.test');
    await attempted('carol@remote.test');
    await later(5 * MINUTE + 1000);
    const rows = await queueRows();
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([['pending', 2], ['pending', 2]]);
    // The second wait is the second retryMinutes value.
    await later(5 * MINUTE);
    expect(remote.messages).toHaveLength(0);
    await later(5 * MINUTE + 1000);
    expect(remote.messages).toHaveLength(1);
    expect(remote.copies('bob@remote.test')).toBe(1);
    expect(remote.copies('carol@remote.test')).toBe(1);
    expect(await queueMessages()).toEqual([]);
  });

  it('bounces a 5xx to the local sender: an RFC 3464 report from the null sender', async () => {
    await setup();
    remote.onRcpt = (rcpt) => (rcpt === 'nobody@remote.test' ? { code: 550, text: '5.1.1 <nobody@remote.test>: Recipient address rejected: User unknown' } : null);
    await send(['nobody@remote.test'], message({ to: 'nobody@remote.test', subject: 'To nobody' }));

    const [dsn] = await waitFor('the bounce', async () => {
      const b = await bounces();
      return b.length ? b : null;
    });
    expect(dsn).toMatch(/^Return-Path: <>\r\n/);
    expect(field(dsn!, 'From')).toContain(`MAILER-DAEMON@mx.mailcove.test`);
    expect(field(dsn!, 'To')).toContain(ALICE);
    expect(field(dsn!, 'Content-Type')).toMatch(/^multipart\/report; report-type=delivery-status;/);
    const status = dsn!.slice(dsn!.indexOf('Content-Type: message/delivery-status'));
    expect(field(status, 'Reporting-MTA')).toBe('dns; mx.mailcove.test');
    expect(field(status, 'Final-Recipient')).toBe('rfc822; nobody@remote.test');
    expect(field(status, 'Action')).toBe('failed');
    expect(field(status, 'Status')).toBe('5.1.1');
    expect(field(status, 'Remote-MTA')).toBe('dns; mx.remote.test');
    expect(field(status, 'Diagnostic-Code')).toBe('smtp; 550 5.1.1 <nobody@remote.test>: Recipient address rejected: User unknown');
    const headers = dsn!.slice(dsn!.indexOf('Content-Type: text/rfc822-headers'));
    expect(field(headers, 'Subject')).toBe('To nobody');
    expect(field(headers, 'To')).toBe('nobody@remote.test');
    expect(remote.messages).toHaveLength(0);
    await waitFor('queue cleanup', async () => (await queueMessages()).length === 0);
    // The bounce is itself never bounced or queued.
    expect(await queueRows()).toEqual([]);
    // The queue entry is gone; the trace of the submission keeps the refusal, explained.
    const notes = (await db().selectFrom('deliveries').select('trace').execute()).flatMap((r) => JSON.parse(r.trace) as Array<{ stage: string; note: string }>);
    expect(notes.filter((e) => e.stage === 'queue').map((e) => e.note)).toContainEqual(
      expect.stringMatching(/^nobody@remote\.test: failed: mx\.remote\.test: 550 5\.1\.1 <nobody@remote\.test>: Recipient address rejected: User unknown \(why: The recipient address does not exist/),
    );
  });

  it('sends a bounce still owed after a crash, once, after the restart', async () => {
    await setup();
    // What a crash between writing a failure and sending its report leaves behind.
    const raw = Buffer.from(message({ to: 'gone@remote.test', subject: 'owed' }));
    const ref = await node.server.deps.blobs.put([raw]);
    await node.server.deps.store.tx(async (trx) => {
      await insertQueueMessage(trx, { id: 'CRASHED1', sender: ALICE, blobHash: ref.hash, size: ref.size, deliveryId: null, kind: 'normal', recipients: ['gone@remote.test'], now: now() });
      await addBlobRefs(trx, ref.hash, ref.size, 1);
      const report = JSON.stringify({ kind: 'failure', rcpt: { address: 'gone@remote.test', action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 no such user' } });
      await trx.updateTable('queue_recipients').set({ status: 'failed', attempts: 1, dsn_report: report }).where('queue_id', '=', 'CRASHED1').execute();
    });
    await node.stop();
    await node.restart();
    await node.server.queue.runOnce();
    const sent = await bounces();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain('Final-Recipient: rfc822; gone@remote.test');
    expect(sent[0]).toContain('Subject: owed');
    // Sent once: cleared, and the entry has left the queue.
    await node.server.queue.runOnce();
    expect(await bounces()).toHaveLength(1);
    expect(await queueMessages()).toEqual([]);
    expect(remote.messages).toHaveLength(0);
  });

  it('bounces only the rejected recipient of a message with mixed results', async () => {
    await setup();
    remote.onRcpt = (rcpt) => (rcpt === 'bad@remote.test' ? { code: 550, text: '5.1.1 No such user' } : null);
    await send(['good@remote.test', 'bad@remote.test'], message({ to: 'good@remote.test, bad@remote.test', subject: 'mixed' }));

    await waitFor('remote delivery', () => remote.messages[0]);
    const b = await waitFor('the bounce', async () => {
      const x = await bounces();
      return x.length ? x : null;
    });
    await waitFor('queue cleanup', async () => (await queueMessages()).length === 0);
    await node.server.queue.runOnce();
    expect(await bounces()).toHaveLength(1);
    expect(remote.messages[0]!.to).toEqual(['good@remote.test']);
    expect(b[0]).toContain('Final-Recipient: rfc822; bad@remote.test');
    expect(b[0]).not.toContain('Final-Recipient: rfc822; good@remote.test');
    expect(b[0]!.match(/^Final-Recipient:/gm)).toHaveLength(1);
  });

  it('sends one bounce listing every rejected recipient of a message', async () => {
    await setup();
    remote.onRcpt = () => ({ code: 550, text: '5.1.1 No such user' });
    await send(['x@remote.test', 'y@remote.test'], message({ to: 'x@remote.test, y@remote.test', subject: 'two bad' }));
    await waitFor('queue cleanup', async () => (await queueMessages()).length === 0 && (await bounces()).length > 0);
    const b = await bounces();
    expect(b).toHaveLength(1);
    expect(b[0]).toContain('Final-Recipient: rfc822; x@remote.test');
    expect(b[0]).toContain('Final-Recipient: rfc822; y@remote.test');
  });

  it('sends one delay notice after delayNoticeHours, then gives up after maxAgeHours with a failure report', async () => {
    await setup({ queue: { retryMinutes: [30], delayNoticeHours: 1, maxAgeHours: 3 } });
    remote.onRcpt = () => ({ code: 450, text: '4.2.0 Mailbox busy' });
    await send(['slow@remote.test'], message({ to: 'slow@remote.test', subject: 'slowly' }));
    await attempted('slow@remote.test');
    expect(await bounces()).toHaveLength(0);

    await later(31 * MINUTE); // attempt 2, 31 min old: no notice yet
    expect((await rowOf('slow@remote.test'))!.attempts).toBe(2);
    expect(await bounces()).toHaveLength(0);

    await later(31 * MINUTE); // attempt 3, 62 min old: the delay notice
    const row = (await rowOf('slow@remote.test'))!;
    expect([row.attempts, row.delay_notified, row.status]).toEqual([3, 1, 'pending']);
    const [delay] = await bounces();
    expect(delay).toMatch(/^Return-Path: <>\r\n/);
    const delayStatus = delay!.slice(delay!.indexOf('Content-Type: message/delivery-status'));
    expect(field(delayStatus, 'Action')).toBe('delayed');
    expect(field(delayStatus, 'Status')).toBe('4.2.0');
    expect(field(delayStatus, 'Will-Retry-Until')).toBeDefined();

    await later(31 * MINUTE); // attempt 4: no second notice
    await later(31 * MINUTE); // attempt 5
    expect((await rowOf('slow@remote.test'))!.attempts).toBe(5);
    expect(await bounces()).toHaveLength(1);

    await later(60 * MINUTE); // past 3 hours: failed
    expect(await queueMessages()).toEqual([]);
    const all = await bounces();
    expect(all).toHaveLength(2);
    const failure = all[1]!;
    const status = failure.slice(failure.indexOf('Content-Type: message/delivery-status'));
    expect(field(status, 'Action')).toBe('failed');
    expect(field(status, 'Final-Recipient')).toBe('rfc822; slow@remote.test');
    expect(field(status, 'Diagnostic-Code')).toContain('gave up after 3 hours');
    expect(remote.messages).toHaveLength(0);
  });

  it('resumes after a restart without sending again to a delivered recipient', async () => {
    await setup();
    let defer = true;
    remote.onRcpt = (rcpt) => (rcpt === 'second@remote.test' && defer ? { code: 451, text: '4.3.0 Try later' } : null);
    await send(['first@remote.test', 'second@remote.test'], message({ to: 'first@remote.test, second@remote.test', subject: 'restart' }));
    await attempted('second@remote.test');
    expect(remote.copies('first@remote.test')).toBe(1);
    expect((await rowOf('first@remote.test'))!.status).toBe('delivered');
    expect((await rowOf('second@remote.test'))!.status).toBe('pending');

    // An idle client would hold the shutdown for smtp.closeTimeout: let it go first.
    transport?.close();
    transport = null;
    await node.stop();
    await node.restart();
    defer = false;
    await later(6 * MINUTE);
    expect(remote.copies('first@remote.test')).toBe(1);
    expect(remote.copies('second@remote.test')).toBe(1);
    expect(remote.messages.at(-1)!.to).toEqual(['second@remote.test']);
    expect(await queueMessages()).toEqual([]);
    await later(60 * MINUTE);
    expect(remote.messages).toHaveLength(2);
  });

  it('fails at once for a null MX (5.1.10) and an unknown domain (5.1.2), keeps queued on SERVFAIL', async () => {
    await setup();
    await send(['a@nullmx.test'], message({ to: 'a@nullmx.test', subject: 'null mx' }));
    await send(['b@nowhere.test'], message({ to: 'b@nowhere.test', subject: 'nxdomain' }));
    await send(['c@broken.test'], message({ to: 'c@broken.test', subject: 'servfail' }));
    await attempted('c@broken.test');
    const dsns = await waitFor('two bounces', async () => {
      const b = await bounces();
      return b.length >= 2 ? b : null;
    });
    const byRcpt = (rcpt: string) => dsns.find((d) => d.includes(`Final-Recipient: rfc822; ${rcpt}`))!;
    const nullMx = byRcpt('a@nullmx.test').slice(byRcpt('a@nullmx.test').indexOf('Content-Type: message/delivery-status'));
    expect(field(nullMx, 'Action')).toBe('failed');
    expect(field(nullMx, 'Status')).toBe('5.1.10');
    // Not a remote server's reply: our own diagnostic type, text intact.
    expect(field(nullMx, 'Diagnostic-Code')).toBe('x-mailcove; 5.1.10 nullmx.test publishes a null MX: it accepts no mail');
    expect(field(nullMx, 'Remote-MTA')).toBeUndefined();
    const nx = byRcpt('b@nowhere.test').slice(byRcpt('b@nowhere.test').indexOf('Content-Type: message/delivery-status'));
    expect(field(nx, 'Action')).toBe('failed');
    expect(field(nx, 'Status')).toBe('5.1.2');

    await node.server.queue.runOnce(); // the round that bounced them has also cleaned up
    const rows = await queueRows();
    expect(rows.map((r) => [r.recipient, r.status])).toEqual([['c@broken.test', 'pending']]);
    expect(rows[0]!.next_attempt_at).toBeGreaterThan(now());
    expect(dsns).toHaveLength(2);
    expect(remote.connections).toBe(0);

    // The domain's DNS comes back: delivered.
    dns.zone['broken.test'] = { MX: [{ priority: 10, exchange: 'mx.remote.test' }] };
    await later(6 * MINUTE);
    expect(remote.copies('c@broken.test')).toBe(1);
    expect(await bounces()).toHaveLength(2);
  });

  it('never bounces a message from the null sender, and sends it with MAIL FROM:<>', async () => {
    await setup();
    remote.onRcpt = (rcpt) => (rcpt === 'gone@remote.test' ? { code: 550, text: '5.1.1 No such user' } : null);
    const local = async (rcpt: string) => {
      const raw = Buffer.from(message({ to: rcpt, subject: 'a bounce of ours', from: 'MAILER-DAEMON@mx.mailcove.test' }));
      const ctx = await deliver(node.server.deps, {
        source: 'local',
        client: { ip: null, helo: null, reverseName: null, tls: false, mailbox: null },
        mailFrom: '',
        rcptTo: [rcpt],
        raw,
      });
      expect(ctx.outbound).toEqual([rcpt]);
    };
    await local('owner@remote.test');
    const got = await waitFor('remote delivery', () => remote.messages[0]);
    expect(got.from).toBe('');

    await local('gone@remote.test');
    await waitFor('queue cleanup', async () => (await queueMessages()).length === 0);
    await node.server.queue.runOnce();
    expect(await queueRows()).toEqual([]);
    // No DSN stored, queued or even attempted: the only deliveries are the two made here.
    expect(await db().selectFrom('messages').select('id').execute()).toEqual([]);
    expect(await db().selectFrom('deliveries').select('id').execute()).toHaveLength(2);
    expect(remote.messages).toHaveLength(1);
  });

  it('sends the messages of one domain over one connection, also after a rejected transaction', async () => {
    await setup();
    let defer = true;
    remote.onRcpt = (rcpt) => (defer ? { code: 451, text: '4.3.0 Later' } : rcpt === 'bad@remote.test' ? { code: 550, text: '5.1.1 No such user' } : null);
    await send(['bad@remote.test'], message({ to: 'bad@remote.test', subject: 'one' }));
    await send(['bob@remote.test'], message({ to: 'bob@remote.test', subject: 'two' }));
    await send(['carol@remote.test'], message({ to: 'carol@remote.test', subject: 'three' }));
    await attempted('bad@remote.test');
    await attempted('bob@remote.test');
    await attempted('carol@remote.test');
    const before = remote.connections;

    defer = false;
    await later(6 * MINUTE);
    expect(remote.connections - before).toBe(1);
    expect(remote.copies('bob@remote.test')).toBe(1);
    expect(remote.copies('carol@remote.test')).toBe(1);
    expect(new Set(remote.messages.map((m) => m.connection)).size).toBe(1);
    expect(await queueMessages()).toEqual([]);
    expect(await bounces()).toHaveLength(1);
  });

  it('treats a refused greeting as temporary and does not hang the round', async () => {
    await setup();
    let refuse = true;
    remote.onConnect = () => (refuse ? { code: 421, text: 'Too busy, try later' } : null);
    await send(['bob@remote.test'], message({ to: 'bob@remote.test', subject: 'busy' }));
    const row = await attempted('bob@remote.test');
    expect(row.status).toBe('pending');
    refuse = false;
    await later(6 * MINUTE);
    expect(remote.copies('bob@remote.test')).toBe(1);
  });

  it('tries the next MX in the same round when the first refuses the greeting', async () => {
    await setup();
    remote.onConnect = () => ({ code: 554, text: 'No SMTP service here' });
    // A second MX on another loopback address, same port (the queue's remotePort).
    const backup = await startRemote({ host: '127.0.0.2', port: remote.port });
    try {
      dns.zone['two.test'] = { MX: [{ priority: 10, exchange: 'mx1.two.test' }, { priority: 20, exchange: 'mx2.two.test' }] };
      dns.zone['mx1.two.test'] = { A: ['127.0.0.1'] };
      dns.zone['mx2.two.test'] = { A: ['127.0.0.2'] };
      await send(['bob@two.test'], message({ to: 'bob@two.test', subject: 'backup mx' }));
      await waitFor('delivered through the backup MX', async () => backup.copies('bob@two.test') === 1 || null);
      expect(remote.connections).toBeGreaterThanOrEqual(1);
      expect(remote.messages).toHaveLength(0);
      expect(await waitFor('queue emptied', async () => ((await queueMessages()).length === 0 ? true : null))).toBe(true);
      // When every MX refuses, the recipient stays queued with the refusal as the reason.
      backup.onConnect = () => ({ code: 421, text: 'Backup busy' });
      await send(['carol@two.test'], message({ to: 'carol@two.test', subject: 'both refuse' }));
      const row = await attempted('carol@two.test');
      expect(row.status).toBe('pending');
      expect(String(row.last_reply ?? '')).toMatch(/busy|No SMTP service/i);
    } finally {
      await backup.close();
    }
  });

  it('requires verified TLS for an MX under an MTA-STS "enforce" policy', async () => {
    // The policy as if fetched earlier. Its HTTPS host refuses connections (nothing on 127.0.0.1:443),
    // and a policy that cannot be refreshed stays in force (RFC 8461 5.1).
    dns.zone['_mta-sts.remote.test'] = { TXT: [['v=STSv1; id=20261126']] };
    dns.zone['mta-sts.remote.test'] = { A: ['127.0.0.1'] };
    mtaStsPolicies.set('remote.test', { id: '20261126', mode: 'enforce', mx: ['mx.remote.test'], maxAge: 86400, expires: new Date(Date.now() + 86_400_000).toISOString() });
    try {
      await setup({ starttls: true }); // STARTTLS with a self-signed certificate: not valid for mx.remote.test
      await send(['bob@remote.test'], message({ to: 'bob@remote.test', subject: 'sts' }));
      const row = await attempted('bob@remote.test');
      expect(row.status).toBe('pending');
      expect(remote.messages).toHaveLength(0);
      // Without a policy the same server gets the message over unverified STARTTLS.
      mtaStsPolicies.delete('remote.test');
      delete dns.zone['_mta-sts.remote.test'];
      delete dns.zone['mta-sts.remote.test'];
      node.server.resolver.clearCache();
      await later(6 * MINUTE);
      expect(remote.copies('bob@remote.test')).toBe(1);
    } finally {
      mtaStsPolicies.delete('remote.test');
    }
  });
});
