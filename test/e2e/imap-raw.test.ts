// IMAP over raw sockets: the state machine, bad input, name tricks, and two sessions observing
// each other's changes (in IDLE within 1 s, otherwise at the next command).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as admin from '../../src/accounts/admin.js';
import { provision, startTestNode, TEST_DIALECTS, type TestNode } from '../helpers/server.js';
import { RawImap } from '../helpers/imap-client.js';

describe.each(TEST_DIALECTS)('IMAP raw protocol (%s)', (dialect) => {
  let node: TestNode;
  let pw: Record<string, string>;
  const alice = 'alice@example.test';

  beforeAll(async () => {
    node = await startTestNode({ dialect, config: { smtp: { maxMessageSize: 100_000 }, auth: { maxFailures: 3, maxFailuresPerIp: 100, failureDelayMs: 0 } } });
    pw = await provision(node.admin, 'example.test', ['alice', 'bob', 'lock', 'dora']);
  });
  afterAll(() => node.cleanup());

  async function loggedIn(user = alice): Promise<RawImap> {
    const { client } = await RawImap.connect(node.port('imaps'), { tls: true });
    const r = await client.cmd(`LOGIN ${user} ${pw[user]}`);
    expect(r.tagged).toMatch(/OK \[CAPABILITY /);
    return client;
  }

  it('greets with capabilities: LOGINDISABLED and STARTTLS before TLS, nothing unimplemented advertised', async () => {
    const { client, greeting } = await RawImap.connect(node.port('imap'));
    expect(greeting).toMatch(/^\* OK \[CAPABILITY IMAP4rev1 IMAP4rev2 .*STARTTLS LOGINDISABLED\]/);
    expect(greeting).not.toContain('AUTH=');
    const login = await client.cmd(`LOGIN ${alice} ${pw[alice]}`);
    expect(login.tagged).toMatch(/^T\d+ NO \[PRIVACYREQUIRED\]/);
    const auth = await client.cmd(`AUTHENTICATE PLAIN ${Buffer.from(`\0${alice}\0${pw[alice]}`).toString('base64')}`);
    expect(auth.status).toBe('NO');
    await client.starttls();
    const caps = await client.cmd('CAPABILITY');
    expect(caps.untagged[0]).toContain('AUTH=PLAIN');
    expect(caps.untagged[0]).not.toContain('LOGINDISABLED');
    const ok = await client.cmd(`AUTHENTICATE PLAIN ${Buffer.from(`\0${alice}\0${pw[alice]}`).toString('base64')}`);
    expect(ok.status).toBe('OK');
    const after = await client.cmd('CAPABILITY');
    for (const c of ['IDLE', 'MOVE', 'UIDPLUS', 'CONDSTORE', 'QRESYNC', 'SPECIAL-USE', 'QUOTA', 'ESEARCH', 'LIST-STATUS', 'SORT', 'THREAD=REFERENCES', 'COMPRESS=DEFLATE']) {
      expect(after.untagged[0]).toContain(` ${c}`);
    }
    expect((await client.cmd('SORT (DATE) UTF-8 ALL')).status).toBe('BAD'); // not selected
    await client.cmd('SELECT INBOX');
    const sorted = await client.cmd('SORT (DATE) UTF-8 ALL');
    expect(sorted.status).toBe('OK');
    expect(sorted.untagged.some((l) => l.startsWith('* SORT'))).toBe(true);
    await client.cmd('LOGOUT');
    await client.waitClosed();
  });

  it('discards plaintext pipelined after STARTTLS', async () => {
    const { client } = await RawImap.connect(node.port('imap'));
    client.write('S1 STARTTLS\r\nS2 CAPABILITY\r\n');
    expect(await client.line()).toMatch(/^S1 OK/);
    client.socket.removeAllListeners('data');
    const tls = await import('node:tls');
    const secure = tls.connect({ socket: client.socket, rejectUnauthorized: false });
    await new Promise((r) => secure.once('secureConnect', r));
    const got: string[] = [];
    secure.on('data', (d: Buffer) => got.push(d.toString()));
    secure.write('S3 NOOP\r\n');
    await new Promise((r) => setTimeout(r, 200));
    expect(got.join('')).toMatch(/^S3 OK/);
    expect(got.join('')).not.toContain('S2');
    secure.destroy();
  });

  it('AUTHENTICATE LOGIN with challenges, wrong passwords, then the lock', async () => {
    const { client } = await RawImap.connect(node.port('imaps'), { tls: true });
    client.write('A1 AUTHENTICATE LOGIN\r\n');
    expect(await client.line()).toBe(`+ ${Buffer.from('Username:').toString('base64')}`);
    client.write(Buffer.from(alice).toString('base64') + '\r\n');
    expect(await client.line()).toBe(`+ ${Buffer.from('Password:').toString('base64')}`);
    client.write(Buffer.from(pw[alice]!).toString('base64') + '\r\n');
    expect(await client.line()).toMatch(/^A1 OK \[CAPABILITY/);
    client.close();

    const { client: c2 } = await RawImap.connect(node.port('imaps'), { tls: true });
    for (let i = 0; i < 3; i++) expect((await c2.cmd('LOGIN lock@example.test wrong')).tagged).toMatch(/NO \[AUTHENTICATIONFAILED\]/);
    expect((await c2.cmd(`LOGIN lock@example.test ${pw['lock@example.test']}`)).tagged).toMatch(/NO \[UNAVAILABLE\]/);
    c2.write('A2 AUTHENTICATE PLAIN\r\n');
    expect(await c2.line()).toBe('+ ');
    c2.write('*\r\n');
    expect(await c2.line()).toMatch(/^A2 BAD/);
    c2.close();
  });

  it('unknown commands, wrong states, bad sequence sets: BAD with a reason', async () => {
    const { client } = await RawImap.connect(node.port('imaps'), { tls: true });
    const unknown = await client.cmd('FROBNICATE now');
    expect(unknown.tagged).toMatch(/^T\d+ BAD .{5,}/);
    expect((await client.cmd('SELECT INBOX')).tagged).toMatch(/BAD .*not valid in the not-authenticated state/);
    expect((await client.cmd('FETCH 1 FLAGS')).status).toBe('BAD');
    await client.cmd(`LOGIN ${alice} ${pw[alice]}`);
    expect((await client.cmd('FETCH 1 FLAGS')).tagged).toMatch(/BAD .*authenticated state/);
    expect((await client.cmd(`LOGIN ${alice} x`)).status).toBe('BAD');
    await client.cmd('SELECT INBOX');
    expect((await client.cmd('FETCH 0:x FLAGS')).status).toBe('BAD');
    expect((await client.cmd('FETCH 99 FLAGS')).tagged).toMatch(/BAD .*sequence number/);
    expect((await client.cmd('ENABLE CONDSTORE')).status).toBe('BAD'); // authenticated state only
    expect((await client.cmd('SEARCH CHARSET KOI8-R TEXT x')).tagged).toMatch(/NO \[BADCHARSET \(UTF-8 US-ASCII\)\]/);
    client.write('* junk\r\n');
    expect(await client.line()).toMatch(/^\* BAD/);
    expect((await client.cmd('NOOP')).status).toBe('OK');
    client.close();
  });

  it('refuses a {4000000000} literal without reading it, and closes on an over-long line', async () => {
    const client = await loggedIn();
    client.write('L1 APPEND INBOX {4000000000}\r\n');
    expect(await client.line()).toMatch(/^L1 BAD \[TOOBIG\]/);
    expect((await client.cmd('NOOP')).status).toBe('OK');
    client.write('L2 LOGIN {4000000000+}\r\n');
    expect(await client.line()).toMatch(/^\* BYE \[TOOBIG\]/);
    await client.waitClosed();

    const c2 = await loggedIn();
    c2.write('L3 NOOP ' + 'x'.repeat(70 * 1024));
    expect(await c2.line()).toMatch(/^\* BYE .*too long/i);
    await c2.waitClosed();
  });

  it('names: "..", "#", wildcards, mUTF-7 tricks and other users are refused', async () => {
    const client = await loggedIn();
    for (const name of ['"../bob@example.test/INBOX"', '"Archive/../Trash"', '"#shared/x"', '"#news.comp"', '"Foo&AC8-Bar"', '"&AC4ALg-/x"', '"a//b"', '"Other Users/bob/INBOX"', '"~bob"']) {
      expect((await client.cmd(`SELECT ${name}`)).tagged, name).toMatch(/^T\d+ NO \[NONEXISTENT\]/);
    }
    for (const name of ['"../x"', '"a/%/b"', '"a*"', '"Foo&AC8-Bar"', '"&Jjo-&Jjo-"']) {
      expect((await client.cmd(`CREATE ${name}`)).tagged, name).toMatch(/^T\d+ NO /);
    }
    expect((await client.cmd('CREATE "#news/x"')).tagged).toMatch(/NO \[NONEXISTENT\]/);
    const l = await client.cmd('LIST "" "*"');
    expect(l.untagged.some((x) => x.includes('bob'))).toBe(false);
    expect((await client.cmd('LIST "#shared" "*"')).untagged).toHaveLength(0);
    expect((await client.cmd('LIST "" "../*"')).untagged).toHaveLength(0);
    // A proper mUTF-7 name works and comes back the same.
    expect((await client.cmd('CREATE "Caf&AOk-"')).status).toBe('OK');
    expect((await client.cmd('LIST "" "Caf*"')).untagged).toEqual(['* LIST (\\HasNoChildren) "/" "Caf&AOk-"']);
    expect((await client.cmd('DELETE "Caf&AOk-"')).status).toBe('OK');
    expect((await client.cmd('DELETE Sent')).tagged).toMatch(/NO \[CANNOT\]/);
    client.close();
  });

  it('an IDLE session sees EXISTS, FETCH FLAGS and EXPUNGE within 1 s; a busy one at its next command', async () => {
    const idler = await loggedIn();
    const other = await loggedIn();
    const watcher = await loggedIn();
    await idler.cmd('SELECT INBOX');
    await watcher.cmd('SELECT INBOX');
    const base = Number((await idler.cmd('STATUS INBOX (MESSAGES)')).untagged[0]!.match(/MESSAGES (\d+)/)![1]);
    idler.write('I1 IDLE\r\n');
    expect(await idler.line()).toBe('+ idling');

    let t = Date.now();
    const ap = await other.cmd('APPEND INBOX {44}\r\nSubject: idle test\r\nFrom: a@b.test\r\n\r\nHello\r\n'.replace('{44}\r\n', `{${'Subject: idle test\r\nFrom: a@b.test\r\n\r\nHello\r\n'.length}}\r\n`));
    expect(ap.tagged).toMatch(/OK \[APPENDUID \d+ \d+\]/);
    expect(await idler.line(1000)).toBe(`* ${base + 1} EXISTS`);
    expect(await idler.line(1000)).toBe('* 1 RECENT'); // the idler is the first session told
    expect(Date.now() - t).toBeLessThan(1000);

    await other.cmd('SELECT INBOX');
    expect((await watcher.cmd('NOOP')).untagged).toContain(`* ${base + 1} EXISTS`);
    t = Date.now();
    await other.cmd(`STORE ${base + 1} +FLAGS (\\Deleted \\Flagged)`);
    expect(await idler.line(1000)).toMatch(new RegExp(`^\\* ${base + 1} FETCH \\(UID \\d+ FLAGS \\((\\\\Deleted \\\\Flagged|\\\\Flagged \\\\Deleted) \\\\Recent\\)\\)$`));
    expect(Date.now() - t).toBeLessThan(1000);

    t = Date.now();
    const ex = await other.cmd('EXPUNGE');
    expect(ex.untagged).toContain(`* ${base + 1} EXPUNGE`);
    expect(await idler.line(1000)).toBe(`* ${base + 1} EXPUNGE`);
    expect(Date.now() - t).toBeLessThan(1000);
    idler.write('DONE\r\n');
    expect(await idler.line()).toBe('I1 OK IDLE terminated');

    // The watcher did not IDLE: a FETCH shows no EXPUNGE (RFC 9051 7.5.1), NOOP shows everything.
    const f = await watcher.cmd('FETCH 1:* (FLAGS)');
    expect(f.untagged.some((l) => l.includes('EXPUNGE'))).toBe(false);
    const n = await watcher.cmd('NOOP');
    expect(n.untagged).toContain(`* ${base + 1} EXPUNGE`);
    for (const c of [idler, other, watcher]) c.close();
  });

  it('STORE UNCHANGEDSINCE answers MODIFIED; SEARCH RETURN (SAVE) and $; quota', async () => {
    const client = await loggedIn('bob@example.test');
    const msg = 'Subject: one\r\n\r\nbody\r\n';
    for (let i = 0; i < 3; i++) await client.cmd(`APPEND INBOX (\\Seen) {${msg.length}+}\r\n${msg}`);
    const sel = await client.cmd('SELECT INBOX (CONDSTORE)');
    expect(sel.untagged.join('\n')).toMatch(/HIGHESTMODSEQ \d+/);
    expect(sel.untagged).toContain('* 3 EXISTS');
    const f = await client.cmd('FETCH 1 (MODSEQ)');
    const modseq = Number(f.untagged[0]!.match(/MODSEQ \((\d+)\)/)![1]);
    await client.cmd('STORE 2 +FLAGS.SILENT (\\Flagged)');
    const st = await client.cmd(`STORE 1:3 +FLAGS (\\Answered) (UNCHANGEDSINCE ${modseq})`.replace('+FLAGS (\\Answered) (UNCHANGEDSINCE', '(UNCHANGEDSINCE').replace(`${modseq})`, `${modseq}) +FLAGS (\\Answered)`));
    expect(st.tagged).toMatch(/OK \[MODIFIED 2:3\]/);
    const es = await client.cmd('UID SEARCH RETURN (SAVE) FLAGGED');
    expect(es.untagged).toHaveLength(0);
    const saved = await client.cmd('FETCH $ (FLAGS)');
    expect(saved.untagged).toHaveLength(1);
    expect(saved.untagged[0]).toMatch(/^\* 2 FETCH/);
    const c = await client.cmd('SEARCH RETURN (COUNT MIN MAX) ALL');
    expect(c.untagged[0]).toMatch(/^\* ESEARCH \(TAG "T\d+"\) MIN 1 MAX 3 COUNT 3$/);
    // A non-PEEK body fetch sets \Seen and reports the new flags; PEEK does not.
    await client.cmd('STORE 1 -FLAGS.SILENT (\\Seen)');
    const peek = await client.cmd('FETCH 1 (BODY.PEEK[TEXT])');
    expect(peek.untagged.join('\n')).not.toContain('FLAGS');
    const body = await client.cmd('FETCH 1 (BODY[TEXT])');
    expect(body.untagged[0]).toBe('* 1 FETCH (BODY[TEXT] {6}');
    expect(body.untagged[1]).toBe('body');
    expect(body.untagged[2]).toMatch(/^ FLAGS \(.*\\Seen.*\)\)$/);
    const q = await client.cmd('GETQUOTAROOT INBOX');
    expect(q.untagged[0]).toMatch(/^\* QUOTAROOT "?INBOX"? ""$/);
    expect(q.untagged[1]).toMatch(/^\* QUOTA "" \(STORAGE \d+ \d+\)$/);
    client.close();
  });

  it('LIST-STATUS, CREATE (USE), STATUS items, NAMESPACE, ENABLE, APPEND limits and quota', async () => {
    const client = await loggedIn('dora@example.test');
    expect((await client.cmd('NAMESPACE')).untagged).toEqual(['* NAMESPACE (("" "/")) NIL NIL']);
    const ls = await client.cmd('LIST "" "%" RETURN (STATUS (MESSAGES UIDNEXT SIZE))');
    const i = ls.untagged.findIndex((l) => l.includes('"Sent"') || l.endsWith(' Sent'));
    expect(ls.untagged[i]).toMatch(/^\* LIST \(\\HasNoChildren \\Sent\) "\/" "?Sent"?$/);
    expect(ls.untagged[i + 1]).toMatch(/^\* STATUS "?Sent"? \(MESSAGES 0 UIDNEXT 1 SIZE 0\)$/);
    expect((await client.cmd('LIST (SPECIAL-USE) "" "*"')).untagged).toHaveLength(5);
    expect((await client.cmd('CREATE Old (USE (\\Archive))')).tagged).toMatch(/NO \[USEATTR\]/);
    expect((await client.cmd('CREATE Clients/Acme/')).tagged).toMatch(/OK \[MAILBOXID \(F\w+\)\]/);
    expect((await client.cmd('CREATE Clients')).tagged).toMatch(/NO \[ALREADYEXISTS\]/);
    expect((await client.cmd('LIST "" "Clients"')).untagged[0]).toMatch(/\\HasChildren/);
    expect((await client.cmd('LIST "Clients" "%"')).untagged).toEqual(['* LIST (\\HasNoChildren) "/" "Clients/Acme"']);
    expect((await client.cmd('UNSUBSCRIBE Clients/Acme')).status).toBe('OK');
    expect((await client.cmd('LSUB "" "Clients/*"')).untagged).toEqual([]);
    expect((await client.cmd('UNSUBSCRIBE Clients')).status).toBe('OK');
    expect((await client.cmd('SUBSCRIBE Clients/Acme')).status).toBe('OK');
    expect((await client.cmd('LIST (SUBSCRIBED RECURSIVEMATCH) "" "Clients"')).untagged).toEqual(['* LIST (\\HasChildren) "/" "Clients" ("CHILDINFO" ("SUBSCRIBED"))']);
    const msg = 'Subject: bin\r\nContent-Transfer-Encoding: base64\r\n\r\naGVsbG8gd29ybGQ=\r\n';
    expect((await client.cmd(`APPEND Clients/Acme {${msg.length}+}\r\n${msg}`)).tagged).toMatch(/OK \[APPENDUID \d+ 1\]/);
    await client.cmd('EXAMINE Clients/Acme');
    const bin = await client.cmd('FETCH 1 (BINARY.SIZE[1] BINARY.PEEK[1] EMAILID)');
    expect(bin.untagged[0]).toMatch(/^\* 1 FETCH \(BINARY.SIZE\[1\] 11 BINARY\[1\] \{11\}$/);
    expect(bin.untagged[1]).toMatch(/^hello world EMAILID \(M\w+\)\)$/);
    expect((await client.cmd('STORE 1 +FLAGS (\\Seen)')).tagged).toMatch(/NO \[READ-ONLY\]/);
    await client.cmd('UNSELECT');
    expect((await client.cmd('COPY 1 Nowhere')).status).toBe('BAD'); // not selected
    expect((await client.cmd('APPEND Nowhere {3+}\r\nx\r\n')).tagged).toMatch(/NO \[TRYCREATE\]/);
    client.write('B1 APPEND INBOX {200000}\r\n');
    expect(await client.line()).toMatch(/^B1 BAD \[TOOBIG\]/);
    await admin.setQuota(node.admin, 'dora@example.test', 1000);
    const big = 'Subject: big\r\n\r\n' + 'x'.repeat(2000) + '\r\n';
    expect((await client.cmd(`APPEND INBOX {${big.length}+}\r\n${big}`)).tagged).toMatch(/NO \[OVERQUOTA\]/);
    expect((await client.cmd('GETQUOTA ""')).untagged).toEqual(['* QUOTA "" (STORAGE 1 0)']); // 1000 octets: under 1 KiB
    const en = await client.cmd('ENABLE CONDSTORE QRESYNC IMAP4rev2 X-UNKNOWN');
    expect(en.untagged).toEqual(['* ENABLED CONDSTORE QRESYNC IMAP4rev2']);
    // IMAP4rev2: UTF-8 names, ESEARCH answers, no RECENT.
    expect((await client.cmd('CREATE "Café"')).status).toBe('OK');
    // The name goes as UTF-8 (here a literal: the response builder's choice for non-ASCII).
    expect((await client.cmd('LIST "" "Caf*"')).untagged).toEqual(['* LIST (\\HasNoChildren \\Subscribed) "/" {5}', 'Café']);
    const sel = await client.cmd('SELECT "Café"');
    expect(sel.untagged.some((l) => l.includes('RECENT'))).toBe(false);
    expect((await client.cmd('SEARCH ALL')).untagged[0]).toMatch(/^\* ESEARCH \(TAG "T\d+"\)$/);
    const st = await client.cmd('STATUS INBOX (MESSAGES UIDNEXT UIDVALIDITY UNSEEN DELETED SIZE HIGHESTMODSEQ APPENDLIMIT)');
    expect(st.untagged[0]).toMatch(/^\* STATUS "?INBOX"? \(MESSAGES 0 UIDNEXT 1 UIDVALIDITY \d+ UNSEEN 0 DELETED 0 SIZE 0 HIGHESTMODSEQ \d+ APPENDLIMIT 100000\)$/);
    client.close();
  });

  it('closing the server says BYE to connected clients', async () => {
    const client = await loggedIn();
    await client.cmd('SELECT INBOX');
    client.write('I9 IDLE\r\n');
    expect(await client.line()).toBe('+ idling');
    await node.stop();
    expect(await client.line()).toMatch(/^\* BYE /);
    await client.waitClosed();
  });
});
