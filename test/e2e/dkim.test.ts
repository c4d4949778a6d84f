// End to end over sockets: what leaves a node carries two DKIM signatures (RSA and Ed25519) that
// verify against the records the API says to publish, served by a test DNS server: a submission
// through port 587, the same bytes again on a retry, mail redirected from a foreign sender, and
// the bounce (DSN) it causes.
import type { AddressInfo } from 'node:net';
import crypto from 'node:crypto';
import { dkimVerify } from '../../src/authentication/mailauth.js';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as admin from '../../src/accounts/admin.js';
import { createResolver } from '../../src/dns/resolver.js';
import { traceMessage } from '../../src/delivery/trace.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { provision, startTestNode, TEST_DIALECTS, type TestNode } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const MINUTE = 60_000;
const ALICE = 'alice@example.test';

interface Attempt { from: string; to: string[]; raw: Buffer; accepted: boolean }

/** A loopback SMTP server standing in for every remote MX; `verdict` may refuse at RCPT or DATA. */
async function startRemote() {
  const attempts: Attempt[] = [];
  const policy = {
    rcpt: (_rcpt: string): { code: number; text: string } | null => null,
    data: (_n: number): { code: number; text: string } | null => null,
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(address, _session, cb) {
      const v = policy.rcpt(address.address);
      cb(v ? Object.assign(new Error(v.text), { responseCode: v.code }) : undefined);
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const v = policy.data(attempts.length);
        attempts.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks), accepted: !v });
        cb(v ? Object.assign(new Error(v.text), { responseCode: v.code }) : null);
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.server.address() as AddressInfo).port,
    attempts,
    policy,
    delivered: () => attempts.filter((a) => a.accepted),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const field = (raw: Buffer, name: string) =>
  [...raw.toString('latin1').split(/\r\n\r\n/, 1)[0]!.matchAll(new RegExp(`^${name}:(.*(?:\\r\\n[ \\t].*)*)`, 'gmi'))].map((m) => m[1]!.replace(/\r\n[ \t]+/g, ' ').trim());

describe.each(TEST_DIALECTS)('DKIM signing end to end (%s)', (dialect) => {
  let dns: TestDnsServer;
  let remote: Awaited<ReturnType<typeof startRemote>>;
  let node: TestNode;
  let skew = 0;
  const now = () => Date.now() + skew;
  let password = '';
  let records: Array<{ name: string; strings: string[]; value: string }> = [];

  beforeEach(async () => {
    skew = 0;
    dns = await startDnsServer({
      'remote.test': { MX: [{ priority: 10, exchange: 'mx.remote.test' }] },
      'far.test': { MX: [{ priority: 10, exchange: 'mx.remote.test' }] },
      'mx.remote.test': { A: ['127.0.0.1'] },
    });
    remote = await startRemote();
    node = await startTestNode({
      dialect,
      now,
      config: {
        // The host name is under a hosted domain, so our own bounces are signed too.
        hostname: 'mx.example.test',
        listen: { smtp: '127.0.0.1:0', submission: '127.0.0.1:0', submissions: 'off', imap: 'off', imaps: 'off', managesieve: 'off', http: '127.0.0.1:0' },
        http: { tls: false },
        dns: { servers: [dns.address] },
        queue: { remotePort: remote.port, blockLocalAddresses: false, pollMs: 100, retryMinutes: [5, 10], connectTimeoutMs: 3000 },
      },
    });
    password = (await provision(node.admin, 'example.test', ['alice']))[ALICE]!;
    await admin.addUser(node.admin, 'boss@example.test', { admin: true, password: 'a long admin password' });
    const token = (await admin.createApiToken(node.admin, 'boss@example.test', 'e2e')).token;
    // The records exactly as the API gives them to an admin, published in the test DNS.
    const res = await fetch(`http://127.0.0.1:${node.server.addresses.http!.port}/api/v1/domains/example.test/dkim`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    records = ((await res.json()) as { records: typeof records }).records;
    for (const r of records) dns.zone[r.name] = { TXT: [r.strings] };
  });

  afterEach(async () => {
    await node?.cleanup();
    await remote?.close();
    await dns?.close();
  });

  /** mailauth's result per DKIM-Signature, asking the test DNS server over the network. */
  async function verify(raw: Buffer) {
    const resolver = createResolver({ servers: [dns.address] }).forMailauth();
    const r = await dkimVerify(raw, { resolver, curTime: new Date(now()) });
    return r.results.map((x) => `${x.status.result} d=${x.signingDomain} s=${x.selector}`);
  }
  const expected = () => records.map((r) => `pass d=example.test s=${r.name.split('.')[0]}`);

  it('a submission arrives with two DKIM-Signatures that verify against the published records', async () => {
    expect(records).toHaveLength(2);
    expect(records[0]!.strings.length).toBe(2); // RSA-2048: two strings of the TXT record
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: node.port('submission'),
      secure: false,
      requireTLS: true,
      tls: { rejectUnauthorized: false },
      auth: { user: ALICE, pass: password },
    });
    let messageId = '';
    try {
      ({ messageId } = await transport.sendMail({
        from: `Alice <${ALICE}>`,
        to: 'bob@remote.test',
        subject: 'Signed, sealed, delivered',
        text: 'Hello Bob,\n\nthis one is signed twice.\n'.repeat(50),
        attachments: [{ filename: 'data.bin', content: crypto.randomBytes(4000) }],
      }));
    } finally {
      transport.close();
    }
    const got = await waitFor('delivery', () => remote.delivered()[0]);
    expect(got.from).toBe(ALICE);
    const sigs = field(got.raw, 'DKIM-Signature');
    expect(sigs).toHaveLength(2);
    expect(sigs[0]).toContain('a=rsa-sha256');
    expect(sigs[1]).toContain('a=ed25519-sha256');
    expect(await verify(got.raw)).toEqual(expected());
    // The trace says who signed.
    const trace = await traceMessage(node.server.deps.store, messageId);
    const selectors = records.map((r) => r.name.split('.')[0]).join(', ');
    expect(trace.deliveries[0]!.trace.map((t) => t.note)).toContain(`DKIM-signed as d=example.test (${selectors})`);
  });

  it('a retry sends the very bytes signed the first time', async () => {
    remote.policy.data = (n) => (n === 0 ? { code: 451, text: '4.3.0 try again later' } : null);
    const transport = nodemailer.createTransport({
      host: '127.0.0.1', port: node.port('submission'), secure: false, requireTLS: true, tls: { rejectUnauthorized: false }, auth: { user: ALICE, pass: password },
    });
    try {
      await transport.sendMail({ from: ALICE, to: 'bob@remote.test', subject: 'retried', text: 'once more' });
    } finally {
      transport.close();
    }
    await waitFor('first attempt', () => remote.attempts[0]);
    skew += 6 * MINUTE;
    await node.server.queue.runOnce();
    const [first, second] = await waitFor('second attempt', () => remote.attempts.length >= 2 && remote.attempts);
    expect(first!.accepted).toBe(false);
    expect(second!.accepted).toBe(true);
    expect(second!.raw).toEqual(first!.raw);
    expect(await verify(second!.raw)).toEqual(expected());
  });

  it('mail redirected from a foreign sender is signed with our domain, and so is the bounce it causes', async () => {
    await admin.addRedirect(node.admin, 'fwd@example.test', ['gone@remote.test', 'dave@remote.test']);
    // Consent by link is tested with redirections (redirect-srs.test.ts); here both have given it.
    await node.server.deps.store.db.updateTable('redirect_confirmations').set({ status: 'confirmed', confirmed_at: Date.now() }).where('origin', '=', 'fwd@example.test').execute();
    remote.policy.rcpt = (rcpt) => (rcpt === 'gone@remote.test' ? { code: 550, text: '5.1.1 no such user' } : null);
    const mx = nodemailer.createTransport({ host: '127.0.0.1', port: node.port('smtp'), secure: false, ignoreTLS: true });
    try {
      await mx.sendMail({ envelope: { from: 'carol@far.test', to: ['fwd@example.test'] }, raw: 'From: Carol <carol@far.test>\r\nTo: fwd@example.test\r\nSubject: please forward\r\nMessage-ID: <c1@far.test>\r\n\r\nHi.\r\n' });
    } finally {
      mx.close();
    }
    // The copy for dave: From is foreign, so d= is the domain of our host name.
    const forwarded = await waitFor('redirected copy', () => remote.delivered().find((a) => a.to.includes('dave@remote.test') && a.raw.includes('please forward')));
    expect(await verify(forwarded.raw)).toEqual(expected());

    // gone@ refused it: the DSN goes back to carol@far.test, through the queue, signed.
    const dsn = await waitFor('bounce', async () => {
      await node.server.queue.runOnce();
      return remote.delivered().find((a) => a.to.includes('carol@far.test'));
    });
    expect(dsn.from).toBe('');
    expect(field(dsn.raw, 'From')).toEqual(['Mail Delivery System <MAILER-DAEMON@mx.example.test>']);
    expect(field(dsn.raw, 'Content-Type')[0]).toMatch(/^multipart\/report; report-type=delivery-status/);
    expect(field(dsn.raw, 'DKIM-Signature')).toHaveLength(2);
    expect(await verify(dsn.raw)).toEqual(expected());
  });

  it('after a rotation, new mail is signed with the new keys only', async () => {
    const { rotateDkimKeys } = await import('../../src/dkim/domain-keys.js');
    const rotated = await rotateDkimKeys(node.server.deps.store, 'example.test', { graceDays: 7 });
    for (const r of rotated.records) dns.zone[r.name] = { TXT: [r.strings] };
    const transport = nodemailer.createTransport({
      host: '127.0.0.1', port: node.port('submission'), secure: false, requireTLS: true, tls: { rejectUnauthorized: false }, auth: { user: ALICE, pass: password },
    });
    try {
      await transport.sendMail({ from: ALICE, to: 'bob@remote.test', subject: 'after rotation', text: 'new keys' });
    } finally {
      transport.close();
    }
    const got = await waitFor('delivery', () => remote.delivered()[0]);
    const signing = rotated.keys.filter((k) => k.signing).map((k) => `pass d=example.test s=${k.selector}`);
    expect(await verify(got.raw)).toEqual(signing);
  });
});
