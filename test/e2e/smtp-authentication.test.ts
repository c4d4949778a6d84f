// Inbound authentication end to end: a node on loopback with its DNS answered by the test DNS
// server, mail sent over real sockets. Signed mail from a p=reject domain is stored with one
// Authentication-Results (a forged one claiming our id removed); unsigned mail from the wrong IP
// gets 550 5.7.1 naming DMARC, and the trace says why; p=quarantine lands in Spam; a DNS failure
// that decides gets 451 4.7.x; a trusted ARC sealer's forward is accepted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealMessage } from '../../src/authentication/mailauth.js';
import { folderMessages, provision, startTestNode, TEST_DIALECTS, type TestNode } from '../helpers/server.js';
import { RawSmtp } from '../helpers/smtp-client.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { traceMessage } from '../../src/delivery/trace.js';
import { deliver } from '../../src/delivery/pipeline.js';
import { mail, rsaKey, ed25519Key, sign, type DkimKey } from '../authentication/helpers.js';
import { ensureBuilt, runCli } from '../helpers/cli.js';

const HOST = 'mx.mailcove.test';
const RCPT = 'alice@example.test';

async function send(port: number, from: string, body: string | Buffer, ehlo = 'mail.sender.test') {
  const { client } = await RawSmtp.connect(port);
  await client.cmd(`EHLO ${ehlo}`);
  const mailFrom = await client.cmd(`MAIL FROM:<${from}>`);
  const rcpt = await client.cmd(`RCPT TO:<${RCPT}>`);
  expect(mailFrom.code).toBe(250);
  expect(rcpt.code).toBe(250);
  const data = await client.data(body);
  await client.cmd('QUIT');
  return data;
}

describe.each(TEST_DIALECTS)('inbound authentication over SMTP (%s)', (dialect) => {
  let node: TestNode;
  let port: number;
  let dns: TestDnsServer;
  let rsa: DkimKey;
  let ed: DkimKey;
  let lists: DkimKey;

  beforeAll(async () => {
    rsa = rsaKey();
    ed = ed25519Key();
    lists = rsaKey();
    dns = await startDnsServer({
      // The 2048-bit key is longer than 255 bytes: served as several strings, joined by the resolver.
      'sel._domainkey.good.test': { TXT: [rsa.txt] },
      'ed._domainkey.good.test': { TXT: [ed.txt] },
      'good.test': { TXT: ['v=spf1 ip4:192.0.2.1 -all'] },
      '_dmarc.good.test': { TXT: ['v=DMARC1; p=reject'] },
      'forged.test': { TXT: ['v=spf1 ip4:192.0.2.1 -all'] },
      '_dmarc.forged.test': { TXT: ['v=DMARC1; p=reject; rua=mailto:d@forged.test'] },
      'quar.test': { TXT: ['v=spf1 -all'] },
      '_dmarc.quar.test': { TXT: ['v=DMARC1; p=quarantine'] },
      'flaky.test': { rcode: 'SERVFAIL' },
      '_dmarc.flaky.test': { TXT: ['v=DMARC1; p=reject'] },
      'arc._domainkey.lists.trusted.test': { TXT: [lists.txt] },
      'lists.trusted.test': { TXT: ['v=spf1 ip4:127.0.0.1 -all'] },
    });
    node = await startTestNode({ dialect, config: { dns: { servers: [dns.address], timeoutMs: 2000 }, auth: { failureDelayMs: 0, trustedArcSealers: ['lists.trusted.test'] } } });
    port = node.port('smtp');
    await provision(node.admin, 'example.test', ['alice']);
  });
  afterAll(async () => {
    await node.cleanup();
    await dns.close();
  });

  it('stores DKIM-signed mail from a p=reject domain with one Authentication-Results, forged ones removed', async () => {
    const raw = mail({
      from: 'Ann <ann@good.test>',
      to: RCPT,
      messageId: '<signed-1@good.test>',
      headers: ['Authentication-Results: MX.Mailcove.Test. 1; (forged) dkim=pass header.d=bank.test', 'Authentication-Results: other.example; spf=pass smtp.mailfrom=x@y.test'],
    });
    const signed = await sign(await sign(raw, 'good.test', 'sel', rsa), 'good.test', 'ed', ed);
    const forged = Buffer.from(`Authentication-Results:\r\n  mx.mailcove.test;\r\n\tdmarc=pass header.from=good.test\r\n${signed.toString()}`);
    const reply = await send(port, 'ann@good.test', forged);
    expect(reply.code).toBe(250);
    const stored = (await folderMessages(node, RCPT)).find((m) => m.message_id === '<signed-1@good.test>')!;
    const text = stored.bytes.toString();
    const head = text.slice(0, text.indexOf('\r\n\r\n'));
    expect(head).toMatch(/^Return-Path: <ann@good\.test>\r\nReceived: [^]*?\r\nAuthentication-Results: mx\.mailcove\.test;\r\n\t/);
    const ours = head.match(/^Authentication-Results:[ \t]*(\r\n[ \t]+)?"?mx\.mailcove\.test/gim) ?? [];
    expect(ours).toHaveLength(1);
    expect(head).not.toContain('(forged)');
    expect(head).toContain('Authentication-Results: other.example; spf=pass');
    expect(head).toMatch(/\bdkim=pass \(good signature\) header\.d=good\.test header\.s=sel header\.a=rsa-sha256/);
    expect(head).toMatch(/\bdkim=pass \(good signature\) header\.d=good\.test header\.s=ed header\.a=ed25519-sha256/);
    expect(head).toMatch(/\bspf=fail \([^)]*\) smtp\.mailfrom=ann@good\.test/);
    expect(head).toMatch(/\bdmarc=pass \([^)]*\) header\.from=good\.test policy\.dmarc=reject/);
    const t = await traceMessage(node.server.deps.store, '<signed-1@good.test>');
    const notes = t.deliveries[0]!.trace.filter((e) => e.stage === 'auth').map((e) => e.note);
    expect(notes).toContain('removed 2 incoming Authentication-Results claiming to be ours (mx.mailcove.test)');
    expect(notes.some((n) => /^DMARC good\.test: pass/.test(n))).toBe(true);
  });

  it('refuses unsigned mail from the wrong IP under p=reject with 550 5.7.1 naming DMARC, and the trace says why', async () => {
    const reply = await send(port, 'boss@forged.test', mail({ from: 'Boss <boss@forged.test>', to: RCPT, messageId: '<forged-1@forged.test>' }));
    expect(reply.code).toBe(550);
    expect(reply.text).toMatch(/^5\.7\.1 Message rejected: DMARC policy of forged\.test is reject \(SPF and DKIM not aligned/);
    expect((await folderMessages(node, RCPT)).some((m) => m.message_id === '<forged-1@forged.test>')).toBe(false);

    const t = await traceMessage(node.server.deps.store, 'forged-1@forged.test');
    expect(t.deliveries).toHaveLength(1);
    const d = t.deliveries[0]!;
    expect(d).toMatchObject({ source: 'mx', remoteIp: expect.stringMatching(/127\.0\.0\.1$/), helo: 'mail.sender.test', mailFrom: 'boss@forged.test', rcptTo: [RCPT], messageId: '<forged-1@forged.test>' });
    expect(d.outcome).toMatch(/^refused: 550 5\.7\.1 Message rejected: DMARC policy of forged\.test is reject/);
    const notes = d.trace.map((e) => `${e.stage} ${e.note}`);
    expect(notes).toEqual(expect.arrayContaining([
      expect.stringMatching(/^auth SPF MAIL FROM boss@forged\.test: fail \(domain of boss@forged\.test does not designate \S*127\.0\.0\.1 as permitted sender/),
      expect.stringMatching(/^auth DKIM: none \(message not signed\)/),
      expect.stringMatching(/^auth ARC: none/),
      expect.stringMatching(/^auth DMARC forged\.test: fail \(p=reject/),
      expect.stringMatching(/^reply 550 5\.7\.1 Message rejected: DMARC policy of forged\.test is reject .*\(from the authenticate stage\)$/),
    ]));
  });

  it('`mailcove trace <message-id>` prints the refusal and its reasons', async () => {
    if (dialect !== 'sqlite') return; // the CLI reads the node's own SQLite file
    ensureBuilt();
    const r = await runCli(['trace', '<forged-1@forged.test>'], { dataDir: node.dataDir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/from <boss@forged\.test> \[\S*127\.0\.0\.1\] to alice@example\.test: refused: 550 5\.7\.1 Message rejected: DMARC policy of forged\.test is reject/);
    expect(r.stdout).toMatch(/auth +SPF MAIL FROM boss@forged\.test: fail/);
    expect(r.stdout).toMatch(/auth +DMARC forged\.test: fail/);
    expect(r.stdout).toMatch(/reply +550 5\.7\.1 Message rejected: DMARC/);
  });

  it('delivers p=quarantine failures into Spam', async () => {
    const reply = await send(port, 'news@quar.test', mail({ from: 'news@quar.test', to: RCPT, messageId: '<quar-1@quar.test>' }));
    expect(reply.code).toBe(250);
    expect((await folderMessages(node, RCPT, 'junk')).map((m) => m.message_id)).toContain('<quar-1@quar.test>');
    expect((await folderMessages(node, RCPT, 'inbox')).map((m) => m.message_id)).not.toContain('<quar-1@quar.test>');
    const t = await traceMessage(node.server.deps.store, '<quar-1@quar.test>');
    expect(t.deliveries[0]!.trace.map((e) => e.note)).toEqual(expect.arrayContaining([expect.stringMatching(/into junk \(DMARC policy of quar\.test is quarantine/)]));
  });

  it('answers 451 4.7.x when a DNS failure (SERVFAIL) decides, and records the deferral', async () => {
    const reply = await send(port, 'x@flaky.test', mail({ from: 'x@flaky.test', to: RCPT, messageId: '<flaky-1@flaky.test>' }));
    expect(reply.code).toBe(451);
    expect(reply.text).toMatch(/^4\.7\.\d+ /);
    const t = await traceMessage(node.server.deps.store, '<flaky-1@flaky.test>');
    expect(t.deliveries[0]!.outcome).toMatch(/^deferred: 451 4\.7\./);
    expect(t.deliveries[0]!.trace.map((e) => e.note)).toEqual(expect.arrayContaining([expect.stringMatching(/^SPF MAIL FROM x@flaky\.test: temperror/)]));
  });

  it('counts each DMARC outcome for our daily aggregate reports (not the 451s)', async () => {
    const rows = await node.server.deps.store.db.selectFrom('dmarc_results').selectAll().execute();
    const by = (d: string) => rows.filter((r) => r.header_from === d);
    expect(by('good.test').map((r) => [r.disposition, r.dkim_aligned])).toEqual([['none', 'pass']]);
    expect(by('forged.test').map((r) => r.disposition)).toEqual(['reject']);
    expect(by('quar.test').map((r) => r.disposition)).toEqual(['quarantine']);
    expect(by('flaky.test')).toEqual([]);
  });

  it('does not check our own mail, but still drops results forged in our name', async () => {
    const raw = mail({ from: 'MAILER-DAEMON@mx.mailcove.test', to: RCPT, messageId: '<local-1@mx.mailcove.test>', headers: ['Authentication-Results: mx.mailcove.test; dmarc=pass header.from=bank.test'] });
    const ctx = await deliver(node.server.deps, { source: 'local', client: { ip: null, helo: null, reverseName: null, tls: false, mailbox: null }, mailFrom: '', rcptTo: [RCPT], raw: Buffer.from(raw) });
    expect(ctx.auth).toBeNull();
    expect(ctx.trace.map((e) => e.note)).toEqual(expect.arrayContaining([expect.stringMatching(/^skipped: local mail is not checked/), expect.stringMatching(/^removed 1 incoming Authentication-Results/)]));
    const stored = (await folderMessages(node, RCPT)).find((m) => m.message_id === '<local-1@mx.mailcove.test>')!;
    expect(stored.bytes.toString()).not.toContain('Authentication-Results');
  });

  it('accepts a list-forwarded message that broke DKIM when the trusted sealer vouches', async () => {
    const original = await sign(mail({ from: 'ann@good.test', to: 'list@lists.trusted.test', subject: 'hi', messageId: '<arc-1@good.test>' }), 'good.test', 'sel', rsa);
    const edited = Buffer.from(original.toString().replace('Subject: hi', 'Subject: [list] hi'));
    const seal = await sealMessage(edited, {
      signingDomain: 'lists.trusted.test',
      selector: 'arc',
      privateKey: lists.privatePem,
      authResults: 'lists.trusted.test; dkim=pass header.d=good.test; dmarc=pass header.from=good.test',
      cv: 'none',
    } as Parameters<typeof sealMessage>[1]);
    const reply = await send(port, 'list-bounces@lists.trusted.test', Buffer.concat([seal, edited]), 'lists.trusted.test');
    expect(reply.code).toBe(250);
    const t = await traceMessage(node.server.deps.store, '<arc-1@good.test>');
    const notes = t.deliveries[0]!.trace.map((e) => e.note);
    expect(notes).toEqual(expect.arrayContaining([expect.stringMatching(/^ARC: pass .*trusted sealer lists\.trusted\.test vouches/), expect.stringMatching(/overridden: trusted ARC sealer lists\.trusted\.test/)]));
    expect((await folderMessages(node, RCPT, 'inbox')).map((m) => m.message_id)).toContain('<arc-1@good.test>');
  });
});

describe('inbound authentication time limit', () => {
  it('refuses for now (451 4.7.0) when the checks take longer than auth.checkTimeoutSec', async () => {
    const dns = await startDnsServer({
      'slow.test': { TXT: ['v=spf1 -all'], delayMs: 1800 },
      '_dmarc.slow.test': { TXT: ['v=DMARC1; p=reject'], delayMs: 1800 },
    });
    const node = await startTestNode({ config: { dns: { servers: [dns.address], timeoutMs: 5000 }, auth: { failureDelayMs: 0, checkTimeoutSec: 1 } } });
    try {
      await provision(node.admin, 'example.test', ['alice']);
      const started = Date.now();
      const reply = await send(node.port('smtp'), 'x@slow.test', mail({ from: 'x@slow.test', to: RCPT, messageId: '<slow-1@slow.test>' }));
      expect(reply.code).toBe(451);
      expect(reply.text).toMatch(/^4\.7\.0 Authentication checks took over 1 s/);
      expect(Date.now() - started).toBeLessThan(4000);
      const t = await traceMessage(node.server.deps.store, '<slow-1@slow.test>');
      expect(t.deliveries[0]!.outcome).toMatch(/^deferred: 451 4\.7\.0/);
    } finally {
      await node.cleanup();
      await dns.close();
    }
  });
});
