// IMAP with Python's imaplib: STARTTLS on the plain port and implicit TLS, login, select, search,
// fetch RFC822, store, logout; the script prints what it got and the test reads it.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderMessages, provision, startTestNode, TEST_DIALECTS, type TestNode } from '../helpers/server.js';
import { RawImap } from '../helpers/imap-client.js';

const SCRIPT = String.raw`
import imaplib, ssl, sys, hashlib
port, user, pw, mode = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
ctx = ssl.create_default_context()
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE
if mode == 'starttls':
    M = imaplib.IMAP4('127.0.0.1', port)
    print('caps-before', 'LOGINDISABLED' in M.capabilities)
    print('starttls', M.starttls(ssl_context=ctx)[0])
else:
    M = imaplib.IMAP4_SSL('127.0.0.1', port, ssl_context=ctx)
print('login', M.login(user, pw)[0])
typ, data = M.select('INBOX')
print('select', typ, data[0].decode())
typ, data = M.search(None, 'SUBJECT', '"imaplib test"')
print('search', typ, data[0].decode())
num = data[0].split()[-1]
typ, data = M.fetch(num, '(RFC822)')
print('fetch', typ, hashlib.sha256(data[0][1]).hexdigest(), len(data[0][1]))
typ, data = M.store(num, '+FLAGS', '(\\Flagged)')
print('store', typ, data[0].decode())
typ, data = M.uid('SEARCH', None, 'FLAGGED')
print('uidsearch', typ, data[0].decode())
print('logout', M.logout()[0])
`;

describe.each(TEST_DIALECTS)('IMAP with Python imaplib (%s)', (dialect) => {
  let node: TestNode;
  let pw: Record<string, string>;
  const user = 'carol@example.test';

  beforeAll(async () => {
    node = await startTestNode({ dialect });
    pw = await provision(node.admin, 'example.test', ['carol']);
    const { client } = await RawImap.connect(node.port('imaps'), { tls: true });
    await client.cmd(`LOGIN ${user} ${pw[user]}`);
    const msg = 'From: Dan <dan@remote.test>\r\nTo: carol@example.test\r\nSubject: imaplib test\r\n\r\nHello from the test.\r\n';
    expect((await client.cmd(`APPEND INBOX {${msg.length}+}\r\n${msg}`)).status).toBe('OK');
    client.close();
  });
  afterAll(() => node.cleanup());

  async function run(mode: 'starttls' | 'ssl'): Promise<Record<string, string>> {
    const port = node.port(mode === 'ssl' ? 'imaps' : 'imap');
    const { stdout } = await promisify(execFile)('python3', ['-c', SCRIPT, String(port), user, pw[user]!, mode], { timeout: 20_000 });
    return Object.fromEntries(stdout.trim().split('\n').map((l) => [l.split(' ')[0]!, l.slice(l.indexOf(' ') + 1)]));
  }

  it.each(['starttls', 'ssl'] as const)('login, select, search, fetch RFC822, store, logout (%s)', async (mode) => {
    const out = await run(mode);
    if (mode === 'starttls') {
      expect(out['caps-before']).toBe('True');
      expect(out.starttls).toBe('OK');
    }
    expect(out.login).toBe('OK');
    expect(out.select).toBe('OK 1');
    expect(out.search).toBe('OK 1');
    const stored = (await folderMessages(node, user))[0]!;
    const { createHash } = await import('node:crypto');
    expect(out.fetch).toBe(`OK ${createHash('sha256').update(stored.bytes).digest('hex')} ${stored.bytes.length}`);
    expect(out.store).toMatch(/^OK 1 \(FLAGS \(.*\\Flagged.*\)\)$/);
    expect(out.uidsearch).toBe(`OK ${stored.uid}`);
    expect(out.logout).toBe('BYE');
  });

  it('curl reads the message over imaps:// and over imap:// with STARTTLS', async () => {
    const stored = (await folderMessages(node, user))[0]!;
    const run = promisify(execFile);
    const ssl = await run('curl', ['-sS', '-k', '--user', `${user}:${pw[user]}`, `imaps://127.0.0.1:${node.port('imaps')}/INBOX;UID=${stored.uid}`], { timeout: 20_000, encoding: 'buffer' });
    expect(Buffer.compare(ssl.stdout, stored.bytes)).toBe(0);
    const plain = await run('curl', ['-sS', '-k', '--ssl-reqd', '--user', `${user}:${pw[user]}`, `imap://127.0.0.1:${node.port('imap')}/INBOX;UID=${stored.uid}`], { timeout: 20_000, encoding: 'buffer' });
    expect(Buffer.compare(plain.stdout, stored.bytes)).toBe(0);
  });
});
