// The out-of-office responder end to end (issue 7): responders saved through the service the API
// and CLI use, mail in over SMTP, replies caught by a loopback server standing for the sender's
// mail system (DNS: example.test → the node on 127.0.0.1, sender.test → 127.0.0.4), an injected
// clock for the schedules and the once-per-7-days rule.
import crypto from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as admin from '../../src/accounts/admin.js';
import * as lists from '../../src/accounts/sender-lists.js';
import * as responders from '../../src/responder/service.js';
import { findMailbox } from '../../src/store/domains-repo.js';
import { traceMessage } from '../../src/delivery/trace.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { provision, startTestNode, TEST_DIALECTS, type TestNode } from '../helpers/server.js';
import { message, RawSmtp } from '../helpers/smtp-client.js';
import { waitFor } from '../helpers/wait.js';

const ALICE = 'alice@example.test';
const BOB = 'bob@example.test';
const ALICE_ALIAS = 'al@example.test';
const DAY = 86_400_000;

interface Received { from: string; to: string[]; text: string }

/** The sender's mail system: keeps what it receives. Listens first, so the node takes its port. */
async function senderMx(host: string): Promise<{ port: number; got: Received[]; close(): Promise<void> }> {
  const got: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        got.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), text: Buffer.concat(chunks).toString('utf8') });
        cb(null, 'Ok');
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, host, () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  return { port, got, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe.each(TEST_DIALECTS)('out-of-office responder (%s)', (dialect) => {
  let node: TestNode;
  let dns: TestDnsServer;
  let mx: Awaited<ReturnType<typeof senderMx>>;
  let shift = 0;
  const clock = () => Date.now() + shift;
  const ctx = () => ({ store: node.server.deps.store, now: clock });
  const db = () => node.server.deps.store.db;

  /** The clock's instant as a local date-time in UTC (the mailbox zone unless a test sets one). */
  const local = (ms: number) => new Date(ms).toISOString().slice(0, 19);

  async function send(from: string, rcpts: string[], subject: string, opts: { headers?: string[]; to?: string; cc?: string } = {}) {
    const messageId = `<${crypto.randomUUID()}@sender.test>`;
    const headers = [...(opts.cc ? [`Cc: ${opts.cc}`] : []), ...(opts.headers ?? [])];
    const raw = message({ from: from || 'daemon@sender.test', to: opts.to ?? rcpts.join(', '), subject, messageId, headers });
    const { client } = await RawSmtp.connect(node.port('smtp'));
    try {
      await client.cmd('EHLO client.sender.test');
      expect((await client.cmd(`MAIL FROM:<${from}>`)).code).toBe(250);
      for (const r of rcpts) expect((await client.cmd(`RCPT TO:<${r}>`)).code).toBe(250);
      expect((await client.data(raw)).code).toBe(250);
      await client.cmd('QUIT');
    } finally {
      client.close();
    }
    return messageId;
  }

  const notes = async (messageId: string) => (await traceMessage(node.server.deps.store, messageId)).deliveries.flatMap((d) => d.trace.map((t) => `${t.stage}: ${t.note}`));
  const repliesTo = (sender: string) => mx.got.filter((m) => m.to.includes(sender) && m.from === '' && /^Auto-Submitted: auto-replied\r$/m.test(m.text));

  /** Delivers, then flushes the queue and returns the replies the sender got for it. */
  async function exchange(from: string, rcpts: string[], subject: string, opts: Parameters<typeof send>[3] = {}) {
    const before = repliesTo(from).length;
    const messageId = await send(from, rcpts, subject, opts);
    await node.server.queue.runOnce();
    const n = await notes(messageId);
    if (n.some((x) => /^responder: .*vacation response to/.test(x))) await waitFor(`reply to ${from}`, () => repliesTo(from).length > before);
    return { messageId, notes: n, replies: repliesTo(from).slice(before) };
  }

  beforeAll(async () => {
    mx = await senderMx('127.0.0.4');
    dns = await startDnsServer({
      'example.test': { MX: [{ priority: 10, exchange: 'mx.example.test' }] },
      'mx.example.test': { A: ['127.0.0.1'] },
      'sender.test': { MX: [{ priority: 10, exchange: 'mx.sender.test' }] },
      'mx.sender.test': { A: ['127.0.0.4'] },
    });
    node = await startTestNode({
      dialect,
      now: clock,
      config: {
        hostname: 'mx.example.test',
        dns: { servers: [dns.address], timeoutMs: 2000 },
        listen: { smtp: `127.0.0.1:${mx.port}`, submission: 'off', submissions: 'off', imap: 'off', imaps: 'off', managesieve: 'off', http: 'off' },
        queue: { remotePort: mx.port, blockLocalAddresses: false, pollMs: 100, retryMinutes: [1], connectTimeoutMs: 3000 },
      },
    });
    await provision(node.admin, 'example.test', ['alice', 'bob']);
    await admin.addAlias(node.admin, ALICE_ALIAS, ALICE);
  });

  afterAll(async () => {
    await node?.stop();
    await node?.cleanup();
    await mx?.close();
    await dns?.close();
  });

  beforeEach(async () => {
    shift = 0;
    for (const a of [ALICE, BOB]) await responders.deactivateResponder(ctx(), a);
  });

  it('answers a new sender once, not again within 7 days, again after a reset and after the period', async () => {
    await responders.addResponder(ctx(), ALICE, 'Holidays', { text: 'I am away until Monday.' }, { replace: true, activate: true });
    const S = 'once@sender.test';
    const first = await exchange(S, [ALICE], 'are you there?');
    expect(first.replies).toHaveLength(1);
    const reply = first.replies[0]!.text;
    expect(reply).toMatch(/^From: <alice@example\.test>\r$/m);
    expect(reply).toMatch(/^Subject: Auto: are you there\?\r$/m);
    expect(reply).toContain(`In-Reply-To: ${first.messageId}`);
    expect(reply).toContain(`References: ${first.messageId}`);
    expect(reply).toMatch(/^DKIM-Signature: /m);
    expect(reply).toContain('I am away until Monday.');
    // Counted toward the sending limit.
    const mailboxId = (await findMailbox(db(), ALICE))!.id;
    const sent = await db().selectFrom('send_log').selectAll().where('mailbox_id', '=', mailboxId).execute();
    expect(sent.reduce((n, r) => n + Number(r.recipients), 0)).toBeGreaterThanOrEqual(1);

    shift = 6 * DAY;
    const again = await exchange(S, [ALICE], 'still there?');
    expect(again.replies).toHaveLength(0);
    expect(again.notes.some((n) => n.includes('vacation: no response') && n.includes('already had a response'))).toBe(true);

    await responders.resetResponder(ctx(), ALICE, 'Holidays');
    expect((await exchange(S, [ALICE], 'after reset')).replies).toHaveLength(1);
    shift = 6 * DAY + 8 * DAY;
    expect((await exchange(S, [ALICE], 'a week later')).replies).toHaveLength(1);
  });

  it('answers mail to an alias in Cc, but never Bcc-only mail', async () => {
    await responders.addResponder(ctx(), ALICE, 'Holidays', { text: 'Away.' }, { replace: true, activate: true });
    expect((await exchange('cc@sender.test', [ALICE], 'cc', { to: 'someone@sender.test', cc: `Al <${ALICE_ALIAS}>` })).replies).toHaveLength(1);
    const bcc = await exchange('bcc@sender.test', [ALICE], 'bcc', { to: 'someone@sender.test' });
    expect(bcc.replies).toHaveLength(0);
    expect(bcc.notes.some((n) => n.startsWith(`responder: ${ALICE}: "Holidays": no response`))).toBe(true);
  });

  it('never answers excluded addresses and domains, lists, bulk, robots, the null sender, noreply senders or spam', async () => {
    await responders.addResponder(ctx(), ALICE, 'Holidays', { text: 'Away.', exclude: ['boss@sender.test', '@partner.test'] }, { replace: true, activate: true });
    await lists.addListEntry(node.admin, { mailbox: ALICE }, 'block', 'spammer@sender.test');
    const quiet: Array<[string, string[]]> = [
      ['boss@sender.test', []],
      ['someone@partner.test', []],
      ['list1@sender.test', ['List-Id: <news.sender.test>']],
      ['list2@sender.test', ['List-Unsubscribe: <mailto:u@sender.test>']],
      ['bulk@sender.test', ['Precedence: bulk']],
      ['junk@sender.test', ['Precedence: junk']],
      ['robot@sender.test', ['Auto-Submitted: auto-generated']],
      ['', []],
      ['noreply@sender.test', []],
      ['no-reply@sender.test', []],
      ['MAILER-DAEMON@sender.test', []],
      ['owner-news@sender.test', []],
      ['news-request@sender.test', []],
      ['spammer@sender.test', []],
    ];
    for (const [from, headers] of quiet) {
      const r = await exchange(from, [ALICE], `quiet ${from}`, { headers });
      expect(r.replies, from).toHaveLength(0);
      expect(r.notes.some((n) => n.startsWith(`responder: ${ALICE}:`) && n.includes('no response')), `${from}: ${r.notes.join('\n')}`).toBe(true);
    }
    expect(mx.got.filter((m) => m.to.includes('someone@partner.test'))).toHaveLength(0);
    // Auto-Submitted: no is a person's mail.
    expect((await exchange('person@sender.test', [ALICE], 'by hand', { headers: ['Auto-Submitted: no'] })).replies).toHaveLength(1);
  });

  it('is not silenced by the user script\'s stop, but a discarded message gets no answer', async () => {
    const { putScript, setActiveScript } = await import('../../src/store/sieve-scripts-repo.js');
    const id = (await findMailbox(db(), ALICE))!.id;
    await putScript(node.server.deps.store, id, 'main', 'if header :contains "subject" "drop" { discard; stop; }\nstop;', Date.now());
    await setActiveScript(node.server.deps.store, id, 'main');
    try {
      await responders.addResponder(ctx(), ALICE, 'Holidays', { text: 'Away.' }, { replace: true, activate: true });
      expect((await exchange('stop@sender.test', [ALICE], 'hello')).replies).toHaveLength(1);
      const dropped = await exchange('drop@sender.test', [ALICE], 'drop this');
      expect(dropped.replies).toHaveLength(0);
      expect(dropped.notes).toContain(`responder: ${ALICE}: "Holidays": no response (the mailbox's script kept no copy)`);
    } finally {
      await setActiveScript(node.server.deps.store, id, null);
    }
  });

  it('answers only inside the schedule window, read in the mailbox time zone', async () => {
    await responders.setTimeZone(ctx(), ALICE, 'UTC');
    const now = clock();
    await responders.addResponder(ctx(), ALICE, 'Trip', { text: 'On a trip.', start: local(now + 2 * DAY), end: local(now + 4 * DAY), subject: 'Travelling' }, { replace: true, activate: true });
    expect((await exchange('w1@sender.test', [ALICE], 'before')).replies).toHaveLength(0);
    shift = 3 * DAY;
    const inside = await exchange('w1@sender.test', [ALICE], 'inside');
    expect(inside.replies).toHaveLength(1);
    expect(inside.replies[0]!.text).toMatch(/^Subject: Travelling\r$/m);
    shift = 5 * DAY;
    expect((await exchange('w2@sender.test', [ALICE], 'after')).replies).toHaveLength(0);

    // The same window read in a zone 10 hours ahead starts 10 hours earlier.
    const start = now + 2 * DAY;
    await responders.setTimeZone(ctx(), ALICE, 'Pacific/Port_Moresby');
    shift = 2 * DAY - 5 * 3_600_000;
    expect(clock()).toBeLessThan(start);
    expect((await exchange('w3@sender.test', [ALICE], 'early in UTC, inside locally')).replies).toHaveLength(1);
    await responders.setTimeZone(ctx(), ALICE, 'UTC');
  });

  it('answers only on its recurring days of the week', async () => {
    const today = new Date(clock()).getUTCDay();
    const tomorrow = (today + 1) % 7;
    await responders.addResponder(ctx(), ALICE, 'Weekly', { text: 'Not on this day.', weekdays: [tomorrow] }, { replace: true, activate: true });
    expect((await exchange('d1@sender.test', [ALICE], 'today')).replies).toHaveLength(0);
    shift = DAY;
    expect((await exchange('d1@sender.test', [ALICE], 'tomorrow')).replies).toHaveLength(1);
  });

  it('uses an alternative From only once it is verified by the mailed code', async () => {
    const ALT = 'assistant@sender.test';
    await expect(responders.addResponder(ctx(), ALICE, 'Alt', { text: 'Away.', from: ALT })).rejects.toMatchObject({ field: 'from' });
    expect(await responders.listResponders(ctx(), ALICE).then((l) => l.responders.some((r) => r.name === 'Alt'))).toBe(false);
    // An alias needs no code.
    expect((await responders.addFromAddress(ctx(), ALICE, ALICE_ALIAS)).status).toBe('own');

    expect((await responders.addFromAddress(ctx(), ALICE, ALT)).status).toBe('code requested');
    await node.server.fromCodes.runOnce();
    await node.server.queue.runOnce();
    const mail = await waitFor('the code mail', () => mx.got.find((m) => m.to.includes(ALT)));
    expect(mail.from).toBe('');
    const code = /^ {4}(\d{6})\r?$/m.exec(mail.text)![1]!;
    await expect(responders.verifyFromAddress(ctx(), ALICE, ALT, code === '000000' ? '000001' : '000000')).rejects.toMatchObject({ field: 'code' });
    expect((await responders.verifyFromAddress(ctx(), ALICE, ALT, code)).status).toBe('verified');

    await responders.addResponder(ctx(), ALICE, 'Alt', { text: 'Away.', from: ALT }, { replace: true, activate: true });
    const r = await exchange('f1@sender.test', [ALICE], 'from whom?');
    expect(r.replies[0]!.text).toMatch(/^From: <assistant@sender\.test>\r$/m);
    // Withdrawn: the responder falls back to the mailbox's address.
    await responders.removeFromAddress(ctx(), ALICE, ALT);
    const r2 = await exchange('f2@sender.test', [ALICE], 'from whom now?');
    expect(r2.replies[0]!.text).toMatch(/^From: <alice@example\.test>\r$/m);
  });

  it('applies a template to every new mailbox of the domain and in bulk; hidden ones are not listed to users', async () => {
    await responders.addTemplate(ctx(), 'example.test', 'Company holidays', { text: 'The office is closed.', subject: 'Office closed' }, { autoApply: true });
    await responders.addTemplate(ctx(), 'example.test', 'Internal', { text: 'x' }, { hidden: true });
    await admin.addMailbox(node.admin, 'carol@example.test');
    const carol = await responders.listResponders(ctx(), 'carol@example.test');
    expect(carol.responders).toMatchObject([{ name: 'Company holidays', active: false, template: 'Company holidays' }]);
    expect((await responders.listTemplates(ctx(), 'example.test', { includeHidden: false })).templates.map((t) => t.name)).toEqual(['Company holidays']);
    expect((await responders.listTemplates(ctx(), 'example.test', { includeHidden: true })).templates.map((t) => t.name)).toEqual(['Company holidays', 'Internal']);

    const bulk = await responders.applyTemplate(ctx(), 'example.test', 'Company holidays', { activate: true });
    expect(bulk.mailboxes.sort()).toEqual([ALICE, BOB, 'carol@example.test']);
    const r = await exchange('t1@sender.test', [BOB], 'anyone?');
    expect(r.replies).toHaveLength(1);
    expect(r.replies[0]!.text).toMatch(/^Subject: Office closed\r$/m);
    // Activating another responder deactivates the template's.
    await responders.addResponder(ctx(), BOB, 'Mine', { text: 'Mine.' }, { activate: true });
    expect((await responders.listResponders(ctx(), BOB)).responders.filter((x) => x.active).map((x) => x.name)).toEqual(['Mine']);
  });

  it('refuses bad input naming the field, saving nothing', async () => {
    const bad: Array<[Parameters<typeof responders.addResponder>[3], string]> = [
      [{ text: 'x', start: '2026-08-10T10:00', end: '2026-08-01T10:00' }, 'end'],
      [{ text: '' }, 'text'],
      [{ text: 'x', exclude: ['@'] }, 'exclude[0]'],
      [{ text: 'x', exclude: ['a@b.test', 'what'] }, 'exclude[1]'],
      [{ text: 'x', from: 'stranger@elsewhere.test' }, 'from'],
    ];
    for (const [input, field] of bad) await expect(responders.addResponder(ctx(), ALICE, 'Bad', input)).rejects.toMatchObject({ kind: 'invalid', field });
    await expect(responders.setTimeZone(ctx(), ALICE, 'Atlantis/Capital')).rejects.toMatchObject({ field: 'timeZone' });
    expect((await responders.listResponders(ctx(), ALICE)).responders.some((r) => r.name === 'Bad')).toBe(false);
    expect((await responders.getTimeZone(ctx(), ALICE)).timeZone).toBe('UTC');
  });

  it('counts replies toward the sending limit: over it, none goes', async () => {
    const DAVE = 'dave@example.test';
    await admin.addMailbox(node.admin, DAVE);
    await admin.setMailboxLimits(node.admin, DAVE, null, 1);
    await responders.addResponder(ctx(), DAVE, 'Away', { text: 'Away.' }, { replace: true, activate: true });
    expect((await exchange('l1@sender.test', [DAVE], 'first')).replies).toHaveLength(1);
    const over = await exchange('l2@sender.test', [DAVE], 'second');
    expect(over.replies).toHaveLength(0);
    expect(over.notes.some((n) => n.startsWith(`responder: ${DAVE}: vacation: no response (Sending limit reached`))).toBe(true);
  });

  it('does not answer mail that reached the catch-all for an address nobody has', async () => {
    await admin.addMailbox(node.admin, 'catchall@example.test');
    await responders.addResponder(ctx(), 'catchall@example.test', 'CA', { text: 'Caught.' }, { replace: true, activate: true });
    const r = await exchange('ca@sender.test', ['nobody@example.test'], 'guessing');
    expect(r.replies).toHaveLength(0);
    expect(r.notes.some((n) => n.startsWith('responder: catchall@example.test:') && n.includes('no response'))).toBe(true);
    await responders.deactivateResponder(ctx(), 'catchall@example.test');
  });
});
