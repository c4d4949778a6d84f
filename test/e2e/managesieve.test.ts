// ManageSieve (RFC 5804) end to end on both databases: a raw client over STARTTLS speaking every
// command, refusals with their response codes, the domain's redirect policy, mailboxes kept apart,
// bad input, and Debian's sieve-connect (a Perl client) uploading, activating and reading back.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provision, startTestNode, TEST_DIALECTS, type TestNode } from '../helpers/server.js';
import { literal, RawSieve } from '../helpers/managesieve-client.js';
import { setDomainSieveRedirectPolicy } from '../../src/accounts/sieve-scripts.js';
import { activeScript } from '../../src/store/sieve-scripts-repo.js';
import { findMailbox } from '../../src/store/domains-repo.js';
import { createFolder } from '../../src/store/folders-repo.js';
import { RawSmtp } from '../helpers/smtp-client.js';

const GOOD = 'require "fileinto";\r\nif header :contains "subject" "invoice" {\r\n  fileinto "Invoices";\r\n}\r\n';
const BAD = 'require "fileinto";\r\nif header :contains "subject" "x" {\r\n  fileinto 42;\r\n}\r\n';
const REDIRECT = 'redirect "elsewhere@example.net";\r\n';

const hasSieveConnect = spawnSync('sh', ['-c', 'command -v sieve-connect']).status === 0;

describe.each(TEST_DIALECTS)('ManageSieve (%s)', { timeout: 60_000 }, (dialect) => {
  let node: TestNode;
  let pw: Record<string, string>;

  beforeAll(async () => {
    node = await startTestNode({ dialect, config: { sieveScripts: { maxBytes: 4096, maxPerMailbox: 3 }, managesieve: { maxConnectionsPerIp: 3 } } });
    pw = { ...(await provision(node.admin, 'example.test', ['alice', 'bob', 'dave'])), ...(await provision(node.admin, 'strict.test', ['carol'])) };
    await setDomainSieveRedirectPolicy(node.admin.store, 'strict.test', 'forbid');
  });
  afterAll(async () => node?.cleanup());

  async function login(address: string): Promise<RawSieve> {
    const { client } = await RawSieve.connect(node.port('managesieve'));
    await client.starttls();
    const r = await client.authenticatePlain(address, pw[address]!);
    expect(r.final).toBe('OK "Logged in"');
    return client;
  }

  it('greets with its capabilities, offers SASL only after STARTTLS and refuses AUTHENTICATE before it', async () => {
    const { client, greeting } = await RawSieve.connect(node.port('managesieve'));
    expect(greeting.status).toBe('OK');
    expect(greeting.lines).toContain('"IMPLEMENTATION" "Mailcove"');
    expect(greeting.lines).toContain('"SASL" ""');
    expect(greeting.lines).toContain('"STARTTLS"');
    expect(greeting.lines).toContain('"VERSION" "1.0"');
    expect(greeting.lines).toContain('"NOTIFY" "mailto"');
    expect(greeting.lines).toContain('"MAXREDIRECTS" "4"');
    const sieve = greeting.lines.find((l) => l.startsWith('"SIEVE"'))!;
    for (const ext of ['fileinto', 'vacation', 'variables', 'enotify', 'regex']) expect(sieve).toMatch(new RegExp(`[" ]${ext}[" ]`));

    let r = await client.authenticatePlain('alice@example.test', pw['alice@example.test']!);
    expect(r.final).toMatch(/^NO \(ENCRYPT-NEEDED\)/);
    r = await client.command('LISTSCRIPTS');
    expect(r.final).toMatch(/^NO .*authenticate first/);

    const afterTls = await client.starttls();
    expect(afterTls.lines).toContain('"SASL" "PLAIN LOGIN"');
    expect(afterTls.lines).not.toContain('"STARTTLS"');
    r = await client.authenticatePlain('alice@example.test', 'wrong password!!');
    expect(r.final).toBe('NO "Authentication failed"');
    // SASL without an initial response: an empty challenge, then the client's answer as a literal.
    client.send('AUTHENTICATE "PLAIN"\r\n');
    expect(await client.line()).toBe('""');
    r = await client.command(literal(Buffer.from(`\0alice@example.test\0${pw['alice@example.test']}`).toString('base64')));
    expect(r.final).toBe('OK "Logged in"');
    r = await client.command('CAPABILITY');
    expect(r.lines).toContain('"OWNER" "alice@example.test"');
    r = await client.command('LOGOUT');
    expect(r.final).toBe('OK "Logout completed"');
    client.close();
  });

  it('AUTHENTICATE LOGIN, a cancelled exchange and UNAUTHENTICATE', async () => {
    const { client } = await RawSieve.connect(node.port('managesieve'));
    await client.starttls();
    client.send('AUTHENTICATE "PLAIN"\r\n');
    await client.line();
    expect((await client.command('"*"')).final).toBe('NO "Authentication cancelled"');
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    client.send(`AUTHENTICATE "LOGIN" "${b64('bob@example.test')}"\r\n`);
    expect(await client.line()).toBe(`"${b64('Password:')}"`);
    expect((await client.command(`"${b64(pw['bob@example.test']!)}"`)).final).toBe('OK "Logged in"');
    expect((await client.command('UNAUTHENTICATE')).status).toBe('OK');
    expect((await client.command('LISTSCRIPTS')).status).toBe('NO');
    client.close();
  });

  it('manages scripts: PUTSCRIPT errors with line:col, SETACTIVE, LISTSCRIPTS, GETSCRIPT, RENAMESCRIPT, DELETESCRIPT, HAVESPACE', async () => {
    const c = await login('alice@example.test');
    let r = await c.command(`PUTSCRIPT "broken" ${literal(BAD)}`);
    expect(r.status).toBe('NO');
    expect(r.final).toMatch(/^NO "3:12: /);
    r = await c.command(`PUTSCRIPT "filing" ${literal(GOOD)}`);
    expect(r.final).toBe('OK "PUTSCRIPT completed"');
    // The rule builder's script name is not for raw scripts.
    r = await c.command(`PUTSCRIPT "mailcove-rules" ${literal(GOOD)}`);
    expect(r.status).toBe('NO');
    expect(r.final).toMatch(/rule builder's script/);
    r = await c.command(`CHECKSCRIPT ${literal(BAD)}`);
    expect(r.final).toMatch(/^NO "3:12: /);
    expect((await c.command(`CHECKSCRIPT ${literal(GOOD)}`)).status).toBe('OK');

    expect((await c.command('SETACTIVE "nope"')).final).toMatch(/^NO \(NONEXISTENT\)/);
    expect((await c.command('SETACTIVE "filing"')).status).toBe('OK');
    r = await c.command(`PUTSCRIPT "other" "keep;"`);
    expect(r.status).toBe('OK');
    r = await c.command('LISTSCRIPTS');
    expect(r.lines).toEqual(['"filing" ACTIVE', '"other"']);

    r = await c.command('GETSCRIPT "filing"');
    expect(r.status).toBe('OK');
    expect(r.literals).toEqual([GOOD]);
    expect((await c.command('GETSCRIPT "missing"')).final).toMatch(/^NO \(NONEXISTENT\)/);

    expect((await c.command('RENAMESCRIPT "filing" "other"')).final).toMatch(/^NO \(ALREADYEXISTS\)/);
    expect((await c.command('RENAMESCRIPT "gone" "x"')).final).toMatch(/^NO \(NONEXISTENT\)/);
    expect((await c.command('RENAMESCRIPT "filing" "sorting"')).status).toBe('OK');
    expect((await c.command('LISTSCRIPTS')).lines).toEqual(['"other"', '"sorting" ACTIVE']);

    expect((await c.command('DELETESCRIPT "sorting"')).final).toMatch(/^NO \(ACTIVE\)/);
    expect((await c.command('DELETESCRIPT "other"')).status).toBe('OK');
    expect((await c.command('DELETESCRIPT "other"')).final).toMatch(/^NO \(NONEXISTENT\)/);

    expect((await c.command('HAVESPACE "new" 100')).status).toBe('OK');
    expect((await c.command('HAVESPACE "new" 5000')).final).toMatch(/^NO \(QUOTA\/MAXSIZE\)/);
    expect((await c.command(`PUTSCRIPT "a" "keep;"`)).status).toBe('OK');
    expect((await c.command(`PUTSCRIPT "b" "keep;"`)).status).toBe('OK');
    expect((await c.command('HAVESPACE "new" 10')).final).toMatch(/^NO \(QUOTA\/MAXSCRIPTS\)/);
    // Replacing an existing script doesn't count as one more.
    expect((await c.command('HAVESPACE "a" 10')).status).toBe('OK');
    expect((await c.command(`PUTSCRIPT "c" "keep;"`)).final).toMatch(/^NO \(QUOTA\/MAXSCRIPTS\)/);
    // Over the size limit: the literal is skipped unread and the command refused.
    expect((await c.command(`PUTSCRIPT "a" ${literal('#'.repeat(80_000))}`)).final).toMatch(/^NO \(QUOTA\/MAXSIZE\)/);
    expect((await c.command(`PUTSCRIPT "a" ${literal('#'.repeat(4097))}`)).final).toMatch(/^NO \(QUOTA\/MAXSIZE\)/);
    expect((await c.command('NOOP "still-here"')).final).toBe('OK (TAG "still-here") "Done"');

    expect((await c.command('SETACTIVE ""')).status).toBe('OK');
    expect((await c.command('LISTSCRIPTS')).lines.some((l) => l.endsWith('ACTIVE'))).toBe(false);
    expect((await c.command('SETACTIVE "sorting"')).status).toBe('OK');
    const m = await findMailbox(node.admin.store.db, 'alice@example.test');
    expect((await activeScript(node.admin.store.db, m!.id))?.content).toBe(GOOD);
    c.close();
  });

  it('two mailboxes never see each other\'s scripts', async () => {
    const bob = await login('bob@example.test');
    expect((await bob.command(`PUTSCRIPT "bobs" "keep;"`)).status).toBe('OK');
    expect((await bob.command('LISTSCRIPTS')).lines).toEqual(['"bobs"']);
    expect((await bob.command('GETSCRIPT "sorting"')).final).toMatch(/^NO \(NONEXISTENT\)/);
    expect((await bob.command('DELETESCRIPT "a"')).final).toMatch(/^NO \(NONEXISTENT\)/);
    bob.close();
    const alice = await login('alice@example.test');
    expect((await alice.command('LISTSCRIPTS')).lines).not.toContain('"bobs"');
    alice.close();
  });

  it('a domain that forbids redirect refuses it in raw scripts; others accept it', async () => {
    const carol = await login('carol@strict.test');
    const r = await carol.command(`PUTSCRIPT "fwd" ${literal(REDIRECT)}`);
    expect(r.status).toBe('NO');
    expect(r.final).toMatch(/^NO "1:1: .*redirect/);
    expect((await carol.command(`PUTSCRIPT "ok" "keep;"`)).status).toBe('OK');
    carol.close();
    const bob = await login('bob@example.test');
    expect((await bob.command(`PUTSCRIPT "fwd" ${literal(REDIRECT)}`)).status).toBe('OK');
    // Forbidding later: the stored script can no longer be activated.
    await setDomainSieveRedirectPolicy(node.admin.store, 'example.test', 'forbid');
    expect((await bob.command('SETACTIVE "fwd"')).final).toMatch(/^NO "1:1: .*redirect/);
    await setDomainSieveRedirectPolicy(node.admin.store, 'example.test', 'allow');
    expect((await bob.command('SETACTIVE "fwd"')).status).toBe('OK');
    bob.close();
  });

  it('bad input: syntax errors answer NO, an endless line or a big literal before login say BYE', async () => {
    const { client } = await RawSieve.connect(node.port('managesieve'));
    expect((await client.command('FROB')).final).toBe('NO "Unknown command FROB"');
    expect((await client.command('NOOP "unterminated')).final).toBe('NO "Unterminated quoted string"');
    expect((await client.command('NOOP "a" "b"')).final).toMatch(/^NO "NOOP takes 0 to 1 arguments"/);
    expect((await client.command(`NOOP ${literal('x'.repeat(20_000))}`)).final).toMatch(/^BYE "Literal of 20000 octets is too large here"/);
    const { client: c2 } = await RawSieve.connect(node.port('managesieve'));
    expect((await c2.command('NOOP ' + 'x'.repeat(10_000))).final).toMatch(/^BYE "Line longer than 8192 octets"/);
    const c3 = await login('alice@example.test');
    expect((await c3.command('HAVESPACE "x" -1')).final).toMatch(/^NO "Expected a number/);
    expect((await c3.command('PUTSCRIPT "a\\tb" "keep;"')).final).toMatch(/^NO "Invalid escape/);
    expect((await c3.command('PUTSCRIPT "" "keep;"')).final).toMatch(/^NO "name: a script name must not be empty"/);
    expect((await c3.command('STARTTLS')).status).toBe('NO');
    c3.close();
  });

  it('a full listener says BYE (TRYLATER) to a client over its per-IP limit', async () => {
    const open: RawSieve[] = [];
    for (let i = 0; i < 3; i++) open.push((await RawSieve.connect(node.port('managesieve'))).client);
    const { client, greeting } = await RawSieve.connect(node.port('managesieve'));
    expect(greeting.final).toBe('BYE (TRYLATER) "Too many connections from 127.0.0.1, try again later"');
    client.close();
    for (const c of open) c.close();
  });

  it('works with Debian\'s sieve-connect: upload, activate, list, download; the next message over SMTP is filed by it', async (ctx) => {
    if (!hasSieveConnect) {
      if (process.env.CI) throw new Error('sieve-connect is not installed (Debian package sieve-connect)');
      console.log('skipped: sieve-connect is not installed (apt-get install sieve-connect)');
      ctx.skip();
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailcove-sieve-connect-'));
    try {
      fs.writeFileSync(path.join(dir, 'rules.sieve'), GOOD);
      const base = ['--server', '127.0.0.1', '--port', String(node.port('managesieve')), '--nosrv', '--notlsverify', '--user', 'dave@example.test', '--passwordfd', '0'];
      const run = (args: string[]) =>
        new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
          const p = spawn('sieve-connect', [...base, ...args], { cwd: dir });
          let out = '';
          let err = '';
          p.stdout.on('data', (d) => (out += d));
          p.stderr.on('data', (d) => (err += d));
          p.on('close', (code) => resolve({ code, out, err }));
          p.stdin.end(pw['dave@example.test'] + '\n');
        });
      let r = await run(['--upload', '--localsieve', 'rules.sieve', '--remotesieve', 'from-perl']);
      expect(r.code, r.err).toBe(0);
      r = await run(['--activate', '--remotesieve', 'from-perl']);
      expect(r.code, r.err).toBe(0);
      r = await run(['--list']);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain('"from-perl" ACTIVE');
      fs.writeFileSync(path.join(dir, 'cmds'), 'get from-perl back.sieve\nquit\n');
      r = await run(['--exec', 'cmds']);
      expect(r.code, r.err).toBe(0);
      expect(fs.readFileSync(path.join(dir, 'back.sieve'), 'utf8')).toBe(GOOD);
      fs.writeFileSync(path.join(dir, 'bad.sieve'), BAD);
      r = await run(['--upload', '--localsieve', 'bad.sieve', '--remotesieve', 'bad']);
      expect(r.code).not.toBe(0);
      expect(r.err + r.out).toContain('3:12:');
      const m = await findMailbox(node.admin.store.db, 'dave@example.test');
      expect((await activeScript(node.admin.store.db, m!.id))?.name).toBe('from-perl');

      // The script sieve-connect uploaded files the next matching message delivered over SMTP.
      const invoices = await createFolder(node.admin.store.db, m!.id, 'Invoices', null);
      const smtp = await RawSmtp.connect(node.port('smtp'));
      await smtp.client.cmd('EHLO client.example.net');
      expect((await smtp.client.cmd('MAIL FROM:<billing@example.net>')).code).toBe(250);
      expect((await smtp.client.cmd('RCPT TO:<dave@example.test>')).code).toBe(250);
      expect((await smtp.client.data('From: billing@example.net\r\nTo: dave@example.test\r\nSubject: Your invoice 42\r\nMessage-ID: <inv42@example.net>\r\n\r\nPlease pay.\r\n')).code).toBe(250);
      await smtp.client.cmd('QUIT');
      const filed = await node.admin.store.db.selectFrom('messages').select('message_id').where('folder_id', '=', invoices.id).execute();
      expect(filed.map((f) => f.message_id)).toEqual(['<inv42@example.net>']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shutdown says BYE to an idle session', async () => {
    const c = await login('alice@example.test');
    const closing = node.stop();
    expect((await c.response()).final).toBe('BYE (TRYLATER) "Server shutting down"');
    await closing;
    c.close();
  });
});
