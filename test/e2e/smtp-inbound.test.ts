// Mail from the Internet to our domains, over real sockets: nodemailer, swaks and a raw client.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nodemailer from 'nodemailer';
import * as admin from '../../src/accounts/admin.js';
import { folderMessages, provision, startTestNode, TEST_DIALECTS, type TestNode } from '../helpers/server.js';
import { message, RawSmtp } from '../helpers/smtp-client.js';

/** The stored bytes are our trace headers, spam verdict and authentication results followed by exactly what the client sent. */
function splitStored(bytes: Buffer): { prefix: string; rest: Buffer } {
  const text = bytes.toString('latin1');
  const m = /^Return-Path: <[^>]*>\r\nReceived: [^\r]*(\r\n\t[^\r]*)*\r\nX-Mailcove-Spam: [^\r]*\r\nAuthentication-Results: mx\.mailcove\.test;(\r\n\t[^\r]*)+\r\n/.exec(text);
  if (!m) throw new Error(`no trace headers in: ${text.slice(0, 200)}`);
  return { prefix: m[0], rest: bytes.subarray(Buffer.byteLength(m[0], 'latin1')) };
}

async function transaction(port: number, from: string, rcpts: string[], body: string | Buffer, ehlo = 'client.remote.test') {
  const { client } = await RawSmtp.connect(port);
  const replies = [await client.cmd(`EHLO ${ehlo}`), await client.cmd(`MAIL FROM:<${from}>`)];
  for (const r of rcpts) replies.push(await client.cmd(`RCPT TO:<${r}>`));
  const data = await client.data(body);
  await client.cmd('QUIT');
  return { replies, data };
}

describe.each(TEST_DIALECTS)('inbound SMTP (%s)', (dialect) => {
  let node: TestNode;
  let port: number;

  beforeAll(async () => {
    node = await startTestNode({ dialect, config: { smtp: { maxRecipients: 5, maxMessageSize: 200_000 } } });
    port = node.port('smtp');
    await provision(node.admin, 'example.test', ['alice', 'bob', 'carol']);
    await admin.addAlias(node.admin, 'al@example.test', 'alice@example.test');
    await admin.addRedirect(node.admin, 'team@example.test', ['alice@example.test', 'bob@example.test']);
    await provision(node.admin, 'catch.test', ['catchall', 'known']);
    await provision(node.admin, 'bücher.test', ['jörg']);
  });
  afterAll(() => node.cleanup());

  it('advertises the extensions and a hostname', async () => {
    const { client, greeting } = await RawSmtp.connect(port);
    expect(greeting.code).toBe(220);
    expect(greeting.text).toContain('mx.mailcove.test');
    const ehlo = await client.cmd('EHLO client.remote.test');
    for (const ext of ['PIPELINING', '8BITMIME', 'SMTPUTF8', 'SIZE 200000', 'ENHANCEDSTATUSCODES', 'STARTTLS']) {
      expect(ehlo.lines.map((l) => l.slice(4))).toContain(ext);
    }
    expect(ehlo.text).not.toContain('AUTH');
    client.close();
  });

  it('stores a message from nodemailer byte for byte, with Return-Path and Received', async () => {
    const raw = message({ from: 'Sender <sender@remote.test>', to: 'alice@example.test', subject: 'byte check', body: 'line one\r\n.leading dot\r\nÜnïcödé body', messageId: '<bytes-1@remote.test>' });
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, name: 'client.remote.test' });
    const info = await transport.sendMail({ envelope: { from: 'sender@remote.test', to: ['alice@example.test'] }, raw });
    expect(info.response).toMatch(/^250 2\.6\.0 /);
    const stored = (await folderMessages(node, 'alice@example.test')).find((m) => m.message_id === '<bytes-1@remote.test>')!;
    const { prefix, rest } = splitStored(stored.bytes);
    expect(rest.equals(Buffer.from(raw))).toBe(true);
    expect(prefix).toMatch(/^Return-Path: <sender@remote\.test>\r\nReceived: from client\.remote\.test \(\[127\.0\.0\.1\]\)\r\n\tby mx\.mailcove\.test \(Mailcove\) with ESMTP id \w+\r\n\tfor <alice@example\.test>;\r\n\t\w{3}, /);
    expect(stored.size).toBe(stored.bytes.length);
    expect(JSON.parse(stored.envelope).subject).toBe('byte check');
  });

  it('accepts mail from swaks (STARTTLS, pipelining)', async () => {
    // Asynchronously: the server runs in this process and must keep answering.
    const r = await promisify(execFile)('swaks', ['--server', `127.0.0.1:${port}`, '--tls', '--pipeline', '--from', 'sw@remote.test', '--to', 'bob@example.test', '--header', 'Subject: from swaks', '--header', 'Message-Id: <swaks-1@remote.test>', '--body', 'swaks body']);
    expect(r.stdout).toMatch(/<~ +250 2\.6\.0 Ok: queued as/);
    const stored = (await folderMessages(node, 'bob@example.test')).find((m) => m.message_id === '<swaks-1@remote.test>')!;
    expect(stored.bytes.toString()).toContain('swaks body');
    expect(stored.bytes.toString()).toMatch(/with ESMTPS id/);
  });

  it('writes one blob for several recipients', async () => {
    const raw = message({ from: 'x@remote.test', to: 'alice@example.test, bob@example.test', messageId: '<multi-1@remote.test>' });
    const { data } = await transaction(port, 'x@remote.test', ['alice@example.test', 'bob@example.test', 'carol@example.test'], raw);
    expect(data.code).toBe(250);
    const hashes = new Set<string>();
    for (const a of ['alice', 'bob', 'carol']) {
      const m = (await folderMessages(node, `${a}@example.test`)).find((x) => x.message_id === '<multi-1@remote.test>')!;
      hashes.add(m.blob_hash);
    }
    expect(hashes.size).toBe(1);
    const blob = await node.server.deps.store.db.selectFrom('blobs').selectAll().where('hash', '=', [...hashes][0]!).executeTakeFirstOrThrow();
    expect(blob.refcount).toBe(3);
  });

  it('routes aliases, redirect-only addresses and the catch-all', async () => {
    await transaction(port, 'x@remote.test', ['al@example.test'], message({ from: 'x@remote.test', to: 'al@example.test', messageId: '<alias-1@r>' }));
    expect((await folderMessages(node, 'alice@example.test')).some((m) => m.message_id === '<alias-1@r>')).toBe(true);
    await transaction(port, 'x@remote.test', ['team@example.test'], message({ from: 'x@remote.test', to: 'team@example.test', messageId: '<team-1@r>' }));
    for (const a of ['alice', 'bob']) expect((await folderMessages(node, `${a}@example.test`)).some((m) => m.message_id === '<team-1@r>')).toBe(true);
    const { replies } = await transaction(port, 'x@remote.test', ['whoever@catch.test', 'known@catch.test'], message({ from: 'x@remote.test', to: 'whoever@catch.test', messageId: '<catch-1@r>' }));
    expect(replies.slice(2).map((r) => r.code)).toEqual([250, 250]);
    expect((await folderMessages(node, 'catchall@catch.test')).some((m) => m.message_id === '<catch-1@r>')).toBe(true);
    expect((await folderMessages(node, 'known@catch.test')).some((m) => m.message_id === '<catch-1@r>')).toBe(true);
  });

  it('refuses unknown users and other domains: never an open relay', async () => {
    const { client } = await RawSmtp.connect(port);
    await client.cmd('EHLO relay.test');
    expect((await client.cmd('MAIL FROM:<spammer@remote.test>')).code).toBe(250);
    const cases: Array<[string, RegExp]> = [
      ['RCPT TO:<nobody@example.test>', /^550 5\.1\.1 /],
      ['RCPT TO:<victim@elsewhere.test>', /^550 5\.7\.1 Relaying denied/],
      ['RCPT TO:<victim%elsewhere.test@example.test>', /^5\d\d /],
      ['RCPT TO:<"victim@elsewhere.test"@example.test>', /^5\d\d /],
      ['RCPT TO:<@example.test:victim@elsewhere.test>', /^5\d\d /],
      ['RCPT TO:<victim@elsewhere.test@example.test>', /^5\d\d /],
      ['RCPT TO:<victim!elsewhere.test@example.test>', /^5\d\d /],
    ];
    for (const [line, expected] of cases) {
      const r = await client.cmd(line);
      expect(`${r.code} ${r.text}`, line).toMatch(expected);
    }
    expect((await client.cmd('DATA')).code).toBe(503);
    client.close();
    const queued = await node.server.deps.store.db.selectFrom('queue_recipients').select('recipient').execute();
    expect(queued.filter((q) => q.recipient.includes('elsewhere'))).toEqual([]);
  });

  it('accepts the null sender (bounces)', async () => {
    const { replies, data } = await transaction(port, '', ['alice@example.test'], message({ from: 'MAILER-DAEMON@remote.test', to: 'alice@example.test', messageId: '<null-1@r>' }));
    expect(replies[1]!.code).toBe(250);
    expect(data.code).toBe(250);
    const stored = (await folderMessages(node, 'alice@example.test')).find((m) => m.message_id === '<null-1@r>')!;
    expect(stored.bytes.toString().startsWith('Return-Path: <>\r\n')).toBe(true);
  });

  it('limits recipients per transaction with 452 4.5.3', async () => {
    const { client } = await RawSmtp.connect(port);
    await client.cmd('EHLO many.test');
    await client.cmd('MAIL FROM:<x@remote.test>');
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push(await client.cmd(`RCPT TO:<someone${i}@catch.test>`));
    expect(codes.slice(0, 5).every((r) => r.code === 250)).toBe(true);
    expect(`${codes[5]!.code} ${codes[5]!.text}`).toMatch(/^452 4\.5\.3 Too many recipients/);
    client.close();
  });

  it('refuses oversize messages while streaming (552 5.3.4) and keeps serving', async () => {
    const { client } = await RawSmtp.connect(port);
    await client.cmd('EHLO big.test');
    expect((await client.cmd('MAIL FROM:<x@remote.test> SIZE=999999')).code).toBe(552);
    expect((await client.cmd('MAIL FROM:<x@remote.test>')).code).toBe(250);
    await client.cmd('RCPT TO:<alice@example.test>');
    const big = message({ from: 'x@remote.test', to: 'alice@example.test', body: 'x'.repeat(998) + '\r\n'.repeat(1) + ('y'.repeat(100) + '\r\n').repeat(3000), messageId: '<big-1@r>' });
    const r = await client.data(big);
    expect(`${r.code} ${r.text}`).toMatch(/^552 5\.3\.4/);
    // The same connection still works.
    expect((await client.cmd('MAIL FROM:<x@remote.test>')).code).toBe(250);
    expect((await client.cmd('RCPT TO:<alice@example.test>')).code).toBe(250);
    expect((await client.data(message({ from: 'x@remote.test', to: 'alice@example.test', messageId: '<after-big@r>' }))).code).toBe(250);
    client.close();
    const ids = (await folderMessages(node, 'alice@example.test')).map((m) => m.message_id);
    expect(ids).not.toContain('<big-1@r>');
    expect(ids).toContain('<after-big@r>');
    expect(fs.readdirSync(path.join(node.dataDir, 'blobs', 'tmp'))).toEqual([]);
  });

  it('answers malformed commands with 5xx and survives over-long lines', async () => {
    const { client } = await RawSmtp.connect(port);
    expect((await client.cmd('EHLO bad.test')).code).toBe(250);
    expect((await client.cmd('FROBNICATE')).code).toBeGreaterThanOrEqual(500);
    expect((await client.cmd('MAIL FROM:no-brackets-and spaces')).code).toBeGreaterThanOrEqual(500);
    expect((await client.cmd('RCPT TO:<alice@example.test>')).code).toBe(503);
    const long = await client.cmd(`MAIL FROM:<${'a'.repeat(5000)}@remote.test>`);
    expect(long.code).toBeGreaterThanOrEqual(500);
    client.close();
    const again = await transaction(port, 'x@remote.test', ['alice@example.test'], message({ from: 'x@remote.test', to: 'alice@example.test' }));
    expect(again.data.code).toBe(250);
  });

  it('stores bare LF as CRLF, keeps NUL bytes and 8-bit headers, and does not end DATA on <LF>.<LF>', async () => {
    const raw = Buffer.from(
      'From: x@remote.test\r\nTo: alice@example.test\r\nSubject: Grüße aus München\r\nMessage-ID: <eightbit-1@r>\r\n\r\nbare\nLF line\n.\nstill body\r\nnul:\0:end\r\n',
      'utf8',
    );
    const { data } = await transaction(port, 'x@remote.test', ['alice@example.test'], raw);
    expect(data.code).toBe(250);
    const stored = (await folderMessages(node, 'alice@example.test')).find((m) => m.message_id === '<eightbit-1@r>')!;
    const { rest } = splitStored(stored.bytes);
    expect(rest.toString('utf8')).toContain('bare\r\nLF line\r\n.\r\nstill body');
    expect(rest.toString('latin1')).not.toMatch(/[^\r]\n/);
    expect(rest.includes(Buffer.from([0]))).toBe(true);
    expect(stored.subject).toBe('Grüße aus München');
  });

  it('accepts IDN domains and UTF-8 addresses (SMTPUTF8)', async () => {
    const { client } = await RawSmtp.connect(port);
    await client.cmd('EHLO utf8.test');
    expect((await client.cmd('MAIL FROM:<sender@remote.test> SMTPUTF8')).code).toBe(250);
    expect((await client.cmd('RCPT TO:<jörg@xn--bcher-kva.test>')).code).toBe(250);
    expect((await client.cmd('RCPT TO:<JÖRG@bücher.test>')).code).toBe(250);
    const r = await client.data(Buffer.from('From: sender@remote.test\r\nTo: jörg@bücher.test\r\nMessage-ID: <utf8-1@r>\r\n\r\nhallo\r\n', 'utf8'));
    expect(r.code).toBe(250);
    client.close();
    const stored = await folderMessages(node, 'jörg@xn--bcher-kva.test');
    expect(stored.filter((m) => m.message_id === '<utf8-1@r>')).toHaveLength(1);
  });

  it('stops mail loops by hop count (554 5.4.6)', async () => {
    const hops = Array.from({ length: 60 }, (_, i) => `Received: from hop${i}.test by hop${i + 1}.test; Thu, 26 Nov 2026 10:00:00 +0000`);
    const { data } = await transaction(port, 'x@remote.test', ['alice@example.test'], message({ from: 'x@remote.test', to: 'alice@example.test', headers: hops }));
    expect(`${data.code} ${data.text}`).toMatch(/^554 5\.4\.6/);
  });

  it('survives address headers the fuzzer found to loop the parser (a stray ")")', async () => {
    const raw = 'From: a@rem)te.test\r\nTo: alice@example.test\r\nCc: ))), x@y)\r\nMessage-ID: <paren-1@r>\r\n\r\nbody\r\n';
    const { data } = await transaction(port, 'x@remote.test', ['alice@example.test'], raw);
    expect(data.code).toBe(250);
    expect((await folderMessages(node, 'alice@example.test')).some((m) => m.message_id === '<paren-1@r>')).toBe(true);
  });

  it('parses broken MIME without refusing the message', async () => {
    const raw = 'From: x@remote.test\r\nTo: alice@example.test\r\nMessage-ID: <broken-1@r>\r\nContent-Type: multipart/mixed; boundary="never-closed"\r\n\r\n--never-closed\r\nContent-Type: text/plain\r\n\r\nhalf a part';
    const { data } = await transaction(port, 'x@remote.test', ['alice@example.test'], raw);
    expect(data.code).toBe(250);
    expect((await folderMessages(node, 'alice@example.test')).some((m) => m.message_id === '<broken-1@r>')).toBe(true);
  });

  it('answers 452 4.2.2 when the mailbox is over quota', async () => {
    await admin.setQuota(node.admin, 'carol@example.test', 1);
    const { replies } = await transaction(port, 'x@remote.test', ['carol@example.test'], message({ from: 'x@remote.test', to: 'carol@example.test' }));
    expect(`${replies[2]!.code} ${replies[2]!.text}`).toMatch(/^452 4\.2\.2 Mailbox full/);
    await admin.setQuota(node.admin, 'carol@example.test', 0);
  });

  it('limits connections per client IP (421 4.7.0) and frees the slot when one closes', async () => {
    const limited = await startTestNode({ dialect, config: { smtp: { maxConnectionsPerIp: 2 } } });
    try {
      const a = await RawSmtp.connect(limited.port('smtp'));
      const b = await RawSmtp.connect(limited.port('smtp'));
      expect([a.greeting.code, b.greeting.code]).toEqual([220, 220]);
      const c = await RawSmtp.connect(limited.port('smtp'));
      expect(`${c.greeting.code} ${c.greeting.text}`).toMatch(/^421 4\.7\.0 Too many connections from 127\.0\.0\.1/);
      a.client.close();
      await new Promise((r) => setTimeout(r, 100));
      const d = await RawSmtp.connect(limited.port('smtp'));
      expect(d.greeting.code).toBe(220);
      b.client.close();
      d.client.close();
    } finally {
      await limited.cleanup();
    }
  });
});
