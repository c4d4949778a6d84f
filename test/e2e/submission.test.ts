// Our users sending mail: submission on 587 (STARTTLS) and 465 (implicit TLS).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nodemailer from 'nodemailer';
import * as admin from '../../src/accounts/admin.js';
import { folderMessages, provision, startTestNode, TEST_DIALECTS, type TestNode } from '../helpers/server.js';
import { message, RawSmtp } from '../helpers/smtp-client.js';

const plain = (user: string, pass: string) => Buffer.from(`\0${user}\0${pass}`).toString('base64');

describe.each(TEST_DIALECTS)('submission (%s)', (dialect) => {
  let node: TestNode;
  let pw: Record<string, string>;

  beforeAll(async () => {
    // The DNS server named does not exist: remote recipients stay queued, nothing leaves.
    node = await startTestNode({ dialect, config: { auth: { maxFailures: 3, maxFailuresPerIp: 100, failureDelayMs: 0 }, dns: { servers: ['127.0.0.1:9'], timeoutMs: 200 } } });
    pw = await provision(node.admin, 'example.test', ['alice', 'bob', 'dave', 'erin', 'lock']);
    Object.assign(pw, await provision(node.admin, 'other.test', ['catchall']));
    await admin.addAlias(node.admin, 'alice.smith@example.test', 'alice@example.test');
  });
  afterAll(() => node.cleanup());

  const transport = (user: string, pass: string, secure = false) =>
    nodemailer.createTransport({
      host: '127.0.0.1',
      port: secure ? node.port('submissions') : node.port('submission'),
      secure,
      requireTLS: !secure,
      tls: { rejectUnauthorized: false },
      auth: { user, pass },
    });

  async function authed(user: string, pass = pw[user]!) {
    const { client } = await RawSmtp.connect(node.port('submission'));
    await client.cmd('EHLO laptop');
    await client.starttls();
    await client.cmd('EHLO laptop');
    const r = await client.cmd(`AUTH PLAIN ${plain(user, pass)}`);
    expect(r.code).toBe(235);
    return client;
  }

  it('refuses AUTH before TLS with 538 5.7.11 and MAIL before AUTH with 530', async () => {
    const { client } = await RawSmtp.connect(node.port('submission'));
    const ehlo = await client.cmd('EHLO laptop');
    expect(ehlo.text).toContain('STARTTLS');
    const r = await client.cmd(`AUTH PLAIN ${plain('alice@example.test', pw['alice@example.test']!)}`);
    expect(`${r.code} ${r.text}`).toMatch(/^538 5\.7\.11 /);
    const m = await client.cmd('MAIL FROM:<alice@example.test>');
    expect(`${m.code} ${m.text}`).toMatch(/^530 5\.7\.0 /);
    client.close();
  });

  it('sends over 587 and 465, Bcc removed for recipients and kept in Sent', async () => {
    const info = await transport('alice@example.test', pw['alice@example.test']!).sendMail({
      from: 'Alice <alice@example.test>',
      to: 'bob@example.test',
      bcc: 'dave@example.test',
      subject: 'team news',
      text: 'hello team',
      messageId: '<sub-1@example.test>',
    });
    expect(info.accepted).toEqual(['bob@example.test', 'dave@example.test']);
    for (const who of ['bob', 'dave']) {
      const got = (await folderMessages(node, `${who}@example.test`)).find((m) => m.message_id === '<sub-1@example.test>')!;
      expect(got.bytes.toString()).not.toMatch(/^Bcc:/im);
      expect(got.bytes.toString()).toMatch(/with ESMTPSA id/);
    }
    const sent = (await folderMessages(node, 'alice@example.test', 'sent')).find((m) => m.message_id === '<sub-1@example.test>')!;
    expect(sent.bytes.toString()).toMatch(/^Bcc: dave@example\.test/im);
    expect(JSON.parse(sent.flags)).toContain('\\Seen');

    const info465 = await transport('alice@example.test', pw['alice@example.test']!, true).sendMail({ from: 'alice@example.test', to: 'bob@example.test', subject: 'tls', text: 'x', messageId: '<sub-465@example.test>' });
    expect(info465.response).toMatch(/^250 2\.6\.0/);
  });

  it('queues remote recipients for the outbound worker', async () => {
    await transport('alice@example.test', pw['alice@example.test']!).sendMail({ from: 'alice@example.test', to: 'friend@remote.test', subject: 'out', text: 'x', messageId: '<sub-out@example.test>' });
    const rows = await node.server.deps.store.db.selectFrom('queue_recipients').selectAll().where('recipient', '=', 'friend@remote.test').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe('pending');
  });

  it('lets a mailbox send as itself and its aliases only (envelope and From)', async () => {
    const c = await authed('alice@example.test');
    expect((await c.cmd('MAIL FROM:<alice.smith@example.test>')).code).toBe(250);
    await c.cmd('RSET');
    const other = await c.cmd('MAIL FROM:<bob@example.test>');
    expect(`${other.code} ${other.text}`).toMatch(/^553 5\.7\.1 /);
    expect((await c.cmd('MAIL FROM:<alice@example.test>')).code).toBe(250);
    expect((await c.cmd('RCPT TO:<bob@example.test>')).code).toBe(250);
    const d = await c.data(message({ from: 'Boss <bob@example.test>', to: 'bob@example.test' }));
    expect(`${d.code} ${d.text}`).toMatch(/^553 5\.7\.1 From address <bob@example\.test>/);
    c.close();
  });

  it('refuses wrong passwords (535 5.7.8) and locks after repeated failures', async () => {
    for (let i = 0; i < 3; i++) {
      const { client } = await RawSmtp.connect(node.port('submission'));
      await client.cmd('EHLO x');
      await client.starttls();
      await client.cmd('EHLO x');
      const r = await client.cmd(`AUTH PLAIN ${plain('lock@example.test', 'wrong-password-123')}`);
      expect(`${r.code} ${r.text}`).toMatch(/^535 5\.7\.8 /);
      client.close();
    }
    const { client } = await RawSmtp.connect(node.port('submission'));
    await client.cmd('EHLO x');
    await client.starttls();
    await client.cmd('EHLO x');
    const locked = await client.cmd(`AUTH PLAIN ${plain('lock@example.test', pw['lock@example.test']!)}`);
    expect(`${locked.code} ${locked.text}`).toMatch(/^454 4\.7\.0 Too many failed logins/);
    client.close();
  });

  it('enforces recipients per message with a reply naming the limit', async () => {
    await admin.setMailboxLimits(node.admin, 'erin@example.test', 2, null);
    const c = await authed('erin@example.test');
    await c.cmd('MAIL FROM:<erin@example.test>');
    expect((await c.cmd('RCPT TO:<bob@example.test>')).code).toBe(250);
    expect((await c.cmd('RCPT TO:<dave@example.test>')).code).toBe(250);
    const third = await c.cmd('RCPT TO:<alice@example.test>');
    expect(`${third.code} ${third.text}`).toMatch(/^452 4\.5\.3 Too many recipients: at most 2 per message/);
    c.close();
  });

  it('enforces the sliding 24-hour window and says when it frees up', async () => {
    await admin.setDomainLimits(node.admin, 'example.test', null, 4);
    const t = transport('dave@example.test', pw['dave@example.test']!);
    await t.sendMail({ from: 'dave@example.test', to: ['bob@example.test', 'alice@example.test', 'erin@example.test'], subject: 'w1', text: 'x' });
    const c = await authed('dave@example.test');
    await c.cmd('MAIL FROM:<dave@example.test>');
    expect((await c.cmd('RCPT TO:<bob@example.test>')).code).toBe(250);
    const over = await c.cmd('RCPT TO:<alice@example.test>');
    expect(`${over.code} ${over.text}`).toMatch(/^450 4\.7\.1 Sending limit reached: at most 4 recipients per 24 hours \(3 used\); enough frees up at \d{4}-\d\d-\d\dT/);
    c.close();
    await admin.setDomainLimits(node.admin, 'example.test', null, null);
  });

  it('the catch-all cannot send', async () => {
    const c = await authed('catchall@other.test');
    const r = await c.cmd('MAIL FROM:<catchall@other.test>');
    expect(`${r.code} ${r.text}`).toMatch(/^550 5\.7\.1 The catch-all address cannot send/);
    c.close();
  });

  it('records last use of a device password and honours revocation at once', async () => {
    const extra = await admin.addDevicePassword(node.admin, 'bob@example.test', 'tablet');
    const c = await authed('bob@example.test', extra.password);
    c.close();
    const listed = await admin.listDevicePasswords(node.admin, 'bob@example.test');
    const tablet = listed.find((d) => d.id === extra.id)!;
    expect(tablet.lastUsedAt).toBeGreaterThan(0);
    expect(tablet.lastUsedIp).toMatch(/127\.0\.0\.1/);
    await admin.revokeDevicePassword(node.admin, 'bob@example.test', extra.id);
    const { client } = await RawSmtp.connect(node.port('submission'));
    await client.cmd('EHLO x');
    await client.starttls();
    await client.cmd('EHLO x');
    expect((await client.cmd(`AUTH PLAIN ${plain('bob@example.test', extra.password)}`)).code).toBe(535);
    client.close();
  });

  it('accepts swaks with AUTH LOGIN over STARTTLS, and stores the Sent copy', async () => {
    // Asynchronously: the server runs in this process and must keep answering.
    const r = await promisify(execFile)('swaks', [
      '--server', `127.0.0.1:${node.port('submission')}`, '--tls', '--auth', 'LOGIN',
      '--auth-user', 'bob@example.test', '--auth-password', pw['bob@example.test']!,
      '--from', 'bob@example.test', '--to', 'alice@example.test',
      '--header', 'Subject: via swaks', '--header', 'Message-Id: <swaks-sub@example.test>', '--body', 'sent with swaks',
    ]);
    expect(r.stdout).toMatch(/<~ +235 2\.7\.0/);
    expect(r.stdout).toMatch(/<~ +250 2\.6\.0 Ok: queued as/);
    expect((await folderMessages(node, 'alice@example.test')).some((m) => m.message_id === '<swaks-sub@example.test>')).toBe(true);
    expect((await folderMessages(node, 'bob@example.test', 'sent')).some((m) => m.message_id === '<swaks-sub@example.test>')).toBe(true);
  });
});
