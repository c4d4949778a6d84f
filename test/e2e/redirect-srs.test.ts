// End to end: redirections to other servers with SRS, over real loopback sockets. "The Internet"
// is a test DNS server and loopback SMTP servers on other 127.0.0.x addresses sharing one port
// (the queue's remotePort), so the node reaches each by its MX record:
//   example.test → the node itself (127.0.0.1)   remote.test → the redirect target's server (127.0.0.2)
//   sender.test  → the original sender's server (127.0.0.3)   b.test → a second node (127.0.0.4)
// The target confirms by following the mailed link over HTTPS; bounces come back to the SRS
// address at our MX and reach the original sender's server.
import crypto from 'node:crypto';
import https from 'node:https';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as admin from '../../src/accounts/admin.js';
import { STAGES, type Stage } from '../../src/delivery/pipeline.js';
import { srsFor } from '../../src/srs/keys.js';
import { dkimReport } from '../../src/dkim/domain-keys.js';
import { authenticate } from '../../src/authentication/mailauth.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { folderMessages, provision, startTestNode, TEST_DIALECTS, type TestNode } from '../helpers/server.js';
import { message, smtpTransaction } from '../helpers/smtp-client.js';
import { waitFor } from '../helpers/wait.js';
import { portFreeOn, startSmtpSink, type Received, type SmtpSink } from '../helpers/smtp-sink.js';

const DAY = 86_400_000;
const ALICE = 'alice@example.test';
const TARGET = 'fwd@remote.test';
const SENDER = 'ext@sender.test';

// ---------------------------------------------------------------------------
// The spam classifier does not exist yet; until it does, this stands in for it where it will
// run (before route), flagging messages whose subject says so. Only this file's process sees it.

const testClassifier: Stage = async (ctx) => {
  if (ctx.parsed?.subject.includes('[test-spam]')) ctx.spam = { isSpam: true, reason: 'test classifier' };
};
const stages = STAGES as Array<readonly [string, Stage]>;
stages.splice(stages.findIndex(([name]) => name === 'route'), 0, ['classify', testClassifier]);

// ---------------------------------------------------------------------------
// Loopback "Internet" servers

/** One SMTP transaction at the node's MX; the replies to each RCPT and to the end of DATA. */
const smtp = (port: number, from: string, rcpts: string[], raw: string | null) => smtpTransaction(port, from, rcpts, raw);

function request(at: { host: string; port: number }, method: string, path: string, opts: { token?: string; json?: unknown; form?: boolean } = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const body = opts.json !== undefined ? JSON.stringify(opts.json) : opts.form ? '' : undefined;
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: at.host,
        port: at.port,
        path,
        method,
        rejectUnauthorized: false, // the node's self-signed certificate
        headers: {
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          ...(opts.json !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(opts.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          ...(body !== undefined ? { 'content-length': Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, body: text, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The Message-ID as the node stores it (with angle brackets). */
const msgId = (raw: string) => /^Message-ID: (<.*>)\r$/m.exec(raw)![1]!;

const linkIn = (raw: Buffer) => /https:\/\/\S+\/confirm-redirect\/[A-Za-z0-9_-]+/.exec(raw.toString('utf8'))?.[0];

/** A remote server's DSN (RFC 3464) about a message it could not deliver. */
function dsn(to: string, original: string): string {
  return [
    'From: Mail Delivery System <MAILER-DAEMON@mx.remote.test>',
    `To: ${to}`,
    'Subject: Undelivered Mail Returned to Sender',
    `Message-ID: <${crypto.randomUUID()}@mx.remote.test>`,
    'Date: Thu, 26 Nov 2026 10:05:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain',
    '',
    `Your message to ${TARGET} could not be delivered: mailbox full.`,
    '--b1',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.remote.test',
    '',
    `Final-Recipient: rfc822; ${TARGET}`,
    'Action: failed',
    'Status: 5.2.2',
    '--b1',
    'Content-Type: text/rfc822-headers',
    '',
    original.split('\r\n\r\n')[0]!,
    '--b1--',
    '',
  ].join('\r\n');
}

// ---------------------------------------------------------------------------

describe.each(TEST_DIALECTS)('redirections with SRS (%s)', (dialect) => {
  let port: number;
  let dns: TestDnsServer;
  let target: SmtpSink;
  let senderMx: SmtpSink;
  let node: TestNode;
  let token: string;
  const nodes: TestNode[] = [];

  const nodeConfig = (hostname: string, ip: string) => ({
    hostname,
    dns: { servers: [dns.address] },
    listen: { smtp: `${ip}:${port}`, submission: 'off', submissions: 'off', imap: 'off', imaps: 'off', managesieve: 'off', http: `${ip}:0` },
    queue: { remotePort: port, blockLocalAddresses: false, pollMs: 100, retryMinutes: [1], connectTimeoutMs: 3000 },
  });
  const httpAt = (n: TestNode) => n.server.addresses.http!;
  const smtpPort = () => port;
  const trace = async (n: TestNode, messageId: string) =>
    (await n.server.deps.store.db.selectFrom('deliveries').select(['trace', 'rcpt_to', 'mail_from']).where('message_id', '=', messageId).orderBy('received_at').execute()).map((d) => ({
      rcptTo: JSON.parse(d.rcpt_to) as string[],
      notes: (JSON.parse(d.trace) as Array<{ note: string }>).map((t) => t.note),
    }));

  beforeAll(async () => {
    port = await portFreeOn(['127.0.0.1', '127.0.0.2', '127.0.0.3', '127.0.0.4']);
    dns = await startDnsServer({
      'example.test': { MX: [{ priority: 10, exchange: 'mx.example.test' }] },
      'mx.example.test': { A: ['127.0.0.1'] },
      'remote.test': { MX: [{ priority: 10, exchange: 'mx.remote.test' }] },
      'mx.remote.test': { A: ['127.0.0.2'] },
      'sender.test': { MX: [{ priority: 10, exchange: 'mx.sender.test' }] },
      'mx.sender.test': { A: ['127.0.0.3'] },
      'b.test': { MX: [{ priority: 10, exchange: 'mx.b.test' }] },
      'mx.b.test': { A: ['127.0.0.4'] },
    });
    target = await startSmtpSink('127.0.0.2', port);
    senderMx = await startSmtpSink('127.0.0.3', port);
    node = await startTestNode({ dialect, config: nodeConfig('mx.example.test', '127.0.0.1') });
    nodes.push(node);
    await provision(node.admin, 'example.test', ['alice', 'carol', 'dave']);
    await admin.addUser(node.admin, 'root@example.test', { admin: true, password: 'a long admin password' });
    token = (await admin.createApiToken(node.admin, 'root@example.test', 'test')).token;
  });

  afterAll(async () => {
    // pg-pool's end() resolves before its sockets have closed; dropping the database (WITH FORCE)
    // at once can kill a closing connection and surface as an unhandled error. Let them go first.
    for (const n of nodes) await n.stop();
    await new Promise((r) => setTimeout(r, 200));
    for (const n of nodes) await n.cleanup();
    await target?.close();
    await senderMx?.close();
    await dns?.close();
  });

  beforeEach(() => {
    target.messages.length = 0;
    senderMx.messages.length = 0;
  });

  afterEach(async () => {
    await node.server.queue.runOnce();
  });

  /** Sets a redirect over the JSON API, as the web app will. */
  async function redirect(address: string, targets: string[], keepCopy: boolean) {
    const r = await request(httpAt(node), 'PUT', `/api/v1/mailboxes/${encodeURIComponent(address)}/redirect`, { token, json: { targets, keepCopy } });
    expect(r.status).toBe(200);
    return JSON.parse(r.body) as { targets: string[]; keepCopy: boolean };
  }

  async function targetStates(address: string) {
    const r = await request(httpAt(node), 'GET', `/api/v1/redirect-targets?address=${encodeURIComponent(address)}`, { token });
    expect(r.status).toBe(200);
    return (JSON.parse(r.body) as { targets: Array<{ target: string; status: string; sentAt: number | null }> }).targets;
  }

  /** The target's server receives the link; the test follows it like a person would (GET, then the button). */
  async function confirmAt(server: SmtpSink, rcpt: string, via: TestNode = node) {
    const mail = await waitFor(`confirmation to ${rcpt}`, () => server.to(rcpt).find((m) => linkIn(m.raw)));
    return follow(linkIn(mail.raw)!, via, mail);
  }

  async function follow(link: string, via: TestNode, mail?: Received) {
    const path = new URL(link).pathname;
    const page = await request(httpAt(via), 'GET', path);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<form method="post">');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const done = await request(httpAt(via), 'POST', path, { form: true });
    expect(done.status).toBe(200);
    expect(done.body).toContain('Redirection confirmed');
    return { path, mail };
  }

  it('sends the target a confirmation link and forwards nothing until it is followed', async () => {
    expect(await redirect(ALICE, [TARGET], true)).toEqual({ address: ALICE, targets: [TARGET], keepCopy: true });
    const mail = await waitFor('confirmation mail', () => target.to(TARGET)[0]);
    expect(mail.from).toBe(''); // null sender: nothing bounces back to it
    const text = mail.raw.toString('utf8');
    expect(text).toMatch(/^Auto-Submitted: auto-generated\r$/m);
    expect(text).toContain(`${ALICE} asks to redirect the mail it receives to this address (${TARGET})`);
    expect(linkIn(mail.raw)).toMatch(/^https:\/\/mx\.example\.test(:\d+)?\/confirm-redirect\//);
    expect((await targetStates(ALICE))[0]).toMatchObject({ target: TARGET, status: 'pending' });

    // Mail meanwhile stays here, and the trace says why it did not leave.
    const raw = message({ from: SENDER, to: ALICE, subject: 'before confirmation', messageId: `<${crypto.randomUUID()}@sender.test>` });
    const sent = await smtp(smtpPort(), SENDER, [ALICE], raw);
    expect(sent.data?.code).toBe(250);
    await node.server.queue.runOnce();
    expect(target.to(TARGET)).toHaveLength(1); // only the confirmation
    expect((await folderMessages(node, ALICE)).some((m) => m.bytes.toString().includes('before confirmation'))).toBe(true);
    const messageId = msgId(raw);
    expect((await trace(node, messageId))[0]!.notes).toContain(`${ALICE} → ${TARGET}: target not confirmed, not forwarded`);

    const { path } = await follow(linkIn(mail.raw)!, node);
    expect((await targetStates(ALICE))[0]).toMatchObject({ target: TARGET, status: 'confirmed' });
    // Single use: the link is spent.
    expect((await request(httpAt(node), 'POST', path, { form: true })).status).toBe(404);
    expect((await request(httpAt(node), 'GET', path)).status).toBe(404);
  });

  it('forwards with an SRS0 envelope sender on our domain, bytes unchanged but for our trace headers', async () => {
    const raw = message({ from: SENDER, to: ALICE, subject: 'forward me', messageId: `<${crypto.randomUUID()}@sender.test>`, body: 'Body stays as it was.\r\n.leading dot line' });
    const before = (await folderMessages(node, ALICE)).length;
    expect((await smtp(smtpPort(), SENDER, [ALICE], raw)).data?.code).toBe(250);
    const fwd = await waitFor('forwarded copy', () => target.to(TARGET)[0]);
    expect(fwd.from).toMatch(/^SRS0=[A-Za-z0-9+/]{4}=[A-Z2-7]{2}=sender\.test=ext@example\.test$/);
    const text = fwd.raw.toString('latin1');
    // On top: our DKIM signatures (for the SRS sender's domain) and an ARC set vouching for what
    // we saw; then our loop and trace headers; then the original message byte for byte.
    const loopAt = text.indexOf('X-Mailcove-Loop: mx.example.test; origin=');
    const added = text.slice(0, loopAt);
    expect(added).toMatch(/^DKIM-Signature: /);
    expect(added.match(/^DKIM-Signature: [^]*?\bd=example\.test;/gm)).not.toBeNull();
    for (const f of ['ARC-Seal', 'ARC-Message-Signature', 'ARC-Authentication-Results']) expect(added).toMatch(new RegExp(`(^|\r\n)${f}: `));
    expect(added).toMatch(/ARC-Authentication-Results: i=1; mx\.example\.test;/);
    const rest = text.slice(loopAt);
    expect(rest).toMatch(/\r\nReceived: from client\.sender\.test .*\r\n\tby mx\.example\.test \(Mailcove\)/);
    expect(rest.endsWith(raw)).toBe(true);
    // The seal and the signatures verify against the keys the domain publishes.
    for (const r of (await dkimReport(node.server.deps.store, 'example.test')).records) dns.zone[r.name] = { TXT: [r.strings] };
    const verdict = await authenticate(fwd.raw, { ip: '127.0.0.1', helo: 'mx.example.test', sender: fwd.from, mta: 'target.test', resolver: node.server.resolver.forMailauth() });
    expect(verdict.arc && verdict.arc.status.result).toBe('pass');
    expect(verdict.dkim.results.filter((r) => r.signingDomain === 'example.test').map((r) => r.status.result)).toEqual(['pass', 'pass']);
    // keepCopy: alice has it too.
    expect((await folderMessages(node, ALICE)).length).toBe(before + 1);
  });

  it('keeps no local copy when told so, but keeps one when nothing could be forwarded', async () => {
    await redirect(ALICE, [TARGET], false);
    expect((await targetStates(ALICE))[0]!.status).toBe('confirmed'); // consent kept for a target that stays
    const before = (await folderMessages(node, ALICE)).length;
    const raw = message({ from: SENDER, to: ALICE, subject: 'no copy', messageId: `<${crypto.randomUUID()}@sender.test>` });
    expect((await smtp(smtpPort(), SENDER, [ALICE], raw)).data?.code).toBe(250);
    await waitFor('forwarded copy', () => target.to(TARGET)[0]);
    expect((await folderMessages(node, ALICE)).length).toBe(before);

    // Spam is not forwarded: with no copy kept by choice, it stays here (in Spam, when filters file it there).
    const spam = message({ from: SENDER, to: ALICE, subject: 'cheap pills [test-spam]', messageId: `<${crypto.randomUUID()}@sender.test>` });
    expect((await smtp(smtpPort(), SENDER, [ALICE], spam)).data?.code).toBe(250);
    await node.server.queue.runOnce();
    expect(target.to(TARGET)).toHaveLength(1);
    expect((await folderMessages(node, ALICE)).some((m) => m.bytes.toString().includes('cheap pills'))).toBe(true);
    const notes = (await trace(node, msgId(spam)))[0]!.notes;
    expect(notes).toContain(`${ALICE} → ${TARGET}: classified as spam (test classifier), not forwarded`);
    expect(notes).toContain(`${ALICE}: kept here, nothing was forwarded`);
    await redirect(ALICE, [TARGET], true);
  });

  it('sends a bounce to the SRS address back to the original sender', async () => {
    const raw = message({ from: SENDER, to: ALICE, subject: 'will bounce', messageId: `<${crypto.randomUUID()}@sender.test>` });
    expect((await smtp(smtpPort(), SENDER, [ALICE], raw)).data?.code).toBe(250);
    const fwd = await waitFor('forwarded copy', () => target.to(TARGET)[0]);
    // The target's server cannot deliver it and bounces to the envelope sender it saw: ours.
    const bounce = await smtp(smtpPort(), '', [fwd.from], dsn(fwd.from, raw));
    expect(bounce.rcpt[0]!.code).toBe(250);
    expect(bounce.data?.code).toBe(250);
    const back = await waitFor('bounce at the original sender', () => senderMx.to(SENDER)[0]);
    expect(back.from).toBe(''); // still a bounce: never bounced again
    expect(back.raw.toString()).toContain(`Final-Recipient: rfc822; ${TARGET}`);
    expect(back.raw.toString()).toMatch(/(^|\r\n)X-Mailcove-Loop: mx\.example\.test; origin=/);
  });

  it('refuses forged, expired and malformed SRS addresses at RCPT with 550 5.7.1', async () => {
    const srs = srsFor(node.config, Date.now);
    const good = srs.forward(SENDER, 'example.test');
    if (!good.ok) throw new Error(good.reason);
    const hash = good.address.split('=')[1]!;
    const forged = good.address.replace(`=${hash}=`, `=${hash === 'AAAA' ? 'BBBB' : 'AAAA'}=`);
    const old = srsFor(node.config, () => Date.now() - 30 * DAY).forward(SENDER, 'example.test');
    if (!old.ok) throw new Error(old.reason);
    // Our SRS addresses are good at the host name too (srs.domain may point there).
    const atHostname = good.address.replace(/@example\.test$/, '@mx.example.test');
    const r = await smtp(smtpPort(), '', [forged, old.address, 'SRS0=abcd=ZZ@example.test', atHostname, good.address], null);
    expect(r.rcpt.map((x) => x.code)).toEqual([550, 550, 550, 250, 250]);
    expect(r.rcpt[0]!.text).toMatch(/^5\.7\.1 Invalid SRS signature/);
    expect(r.rcpt[1]!.text).toMatch(/^5\.7\.1 SRS address expired/);
    expect(r.rcpt[2]!.text).toMatch(/^5\.7\.1 Malformed SRS address/);
  });

  it('wraps another forwarder\'s SRS0 sender in SRS1; a bounce to it goes back to that forwarder', async () => {
    const theirs = 'SRS0=AbCd=SV=orig.test=someone@sender.test';
    const raw = message({ from: 'someone@orig.test', to: ALICE, subject: 'via another forwarder', messageId: `<${crypto.randomUUID()}@orig.test>` });
    expect((await smtp(smtpPort(), theirs, [ALICE], raw)).data?.code).toBe(250);
    const fwd = await waitFor('forwarded copy', () => target.to(TARGET)[0]);
    expect(fwd.from).toMatch(/^SRS1=[A-Za-z0-9+/]{4}=sender\.test==AbCd=SV=orig\.test=someone@example\.test$/);
    expect((await smtp(smtpPort(), '', [fwd.from], dsn(fwd.from, raw))).data?.code).toBe(250);
    const back = await waitFor('bounce at the first forwarder', () => senderMx.messages[0]);
    expect(back.to).toEqual([theirs.toLowerCase()]);
  });

  it('redirect-only addresses pointing outside need the link too, and forward once confirmed', async () => {
    await admin.addRedirect(node.admin, 'team@example.test', ['lead@remote.test', 'dave@example.test']);
    expect((await targetStates('team@example.test')).map((t) => t.target)).toEqual(['lead@remote.test']); // ours need no consent
    const raw = message({ from: SENDER, to: 'team@example.test', subject: 'to the team', messageId: `<${crypto.randomUUID()}@sender.test>` });
    expect((await smtp(smtpPort(), SENDER, ['team@example.test'], raw)).data?.code).toBe(250);
    await waitFor('copy for dave', async () => (await folderMessages(node, 'dave@example.test')).length === 1);
    await confirmAt(target, 'lead@remote.test');
    expect(target.to('lead@remote.test')).toHaveLength(1); // the link only
    expect((await smtp(smtpPort(), SENDER, ['team@example.test'], raw.replace('to the team', 'again'))).data?.code).toBe(250);
    const fwd = await waitFor('forwarded copy', () => target.to('lead@remote.test')[1]);
    expect(fwd.from).toMatch(/^SRS0=.*=sender\.test=ext@example\.test$/);
  });

  it('does not redirect a message that has already used up the hop count', async () => {
    const hops = Array.from({ length: 50 }, (_, i) => `Received: from hop${i}.test by hop${i + 1}.test; Thu, 26 Nov 2026 10:00:00 +0000`);
    const raw = message({ from: SENDER, to: ALICE, subject: 'many hops', messageId: `<${crypto.randomUUID()}@sender.test>`, headers: hops });
    expect((await smtp(smtpPort(), SENDER, [ALICE], raw)).data?.code).toBe(250);
    await node.server.queue.runOnce();
    expect(target.to(TARGET)).toHaveLength(0);
    const notes = (await trace(node, msgId(raw)))[0]!.notes;
    expect(notes).toContain(`${ALICE} → ${TARGET}: loop: 50 Received headers already, not forwarded`);
  });

  it('stops a loop between two nodes redirecting to each other, without bouncing', async () => {
    const other = await startTestNode({ dialect, config: nodeConfig('mx.b.test', '127.0.0.4') });
    nodes.push(other);
    await provision(other.admin, 'b.test', ['bob']);
    // carol@example.test → bob@b.test → carol@example.test: each side confirms the other's link,
    // found in the mailbox that received it (no redirect flows yet, so it is kept there).
    await redirect('carol@example.test', ['bob@b.test'], true);
    const { setMailboxRedirect } = await import('../../src/accounts/redirections.js');
    await setMailboxRedirect(other.admin, 'bob@b.test', ['carol@example.test'], true);
    const linkFor = async (n: TestNode, mailbox: string) =>
      waitFor(`link in ${mailbox}`, async () => (await folderMessages(n, mailbox)).map((m) => linkIn(m.bytes)).find(Boolean));
    await follow((await linkFor(other, 'bob@b.test'))!, node);
    await follow((await linkFor(node, 'carol@example.test'))!, other);

    const raw = message({ from: SENDER, to: 'carol@example.test', subject: 'ping-pong', messageId: `<${crypto.randomUUID()}@sender.test>` });
    expect((await smtp(smtpPort(), SENDER, ['carol@example.test'], raw)).data?.code).toBe(250);
    const messageId = msgId(raw);
    // carol gets it, bob gets it, carol gets it back once more: then it stops.
    await waitFor('the copy back at carol', async () => (await trace(node, messageId)).length === 2);
    await node.server.queue.runOnce();
    await other.server.queue.runOnce();
    await new Promise((r) => setTimeout(r, 300));
    const here = await trace(node, messageId);
    expect(here).toHaveLength(2);
    expect(here[1]!.notes).toContain('carol@example.test → bob@b.test: loop: carol@example.test already redirected this message (X-Mailcove-Loop), not forwarded');
    expect(await trace(other, messageId)).toHaveLength(1);
    expect((await folderMessages(node, 'carol@example.test')).filter((m) => m.bytes.toString().includes('ping-pong'))).toHaveLength(2);
    expect((await folderMessages(other, 'bob@b.test')).filter((m) => m.bytes.toString().includes('ping-pong'))).toHaveLength(1);
    expect(senderMx.messages).toHaveLength(0); // no bounce to anyone
  });
});
