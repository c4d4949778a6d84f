// QRESYNC (RFC 7162 3.2) over raw sockets: ENABLE, SELECT (QRESYNC ...) after another session's
// expunges and flag changes, VANISHED (EARLIER), live VANISHED in IDLE, UID FETCH CHANGEDSINCE
// VANISHED, CLOSED on re-select; and imapflow with `qresync: true`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImapFlow } from 'imapflow';
import { provision, startTestNode, TEST_DIALECTS, type TestNode } from '../helpers/server.js';
import { RawImap } from '../helpers/imap-client.js';

describe.each(TEST_DIALECTS)('IMAP QRESYNC (%s)', (dialect) => {
  let node: TestNode;
  let pw: Record<string, string>;
  const alice = 'alice@example.test';
  const bob = 'bob@example.test';

  beforeAll(async () => {
    node = await startTestNode({ dialect, config: { auth: { maxFailures: 5, maxFailuresPerIp: 100, failureDelayMs: 0 } } });
    pw = await provision(node.admin, 'example.test', ['alice', 'bob']);
  });
  afterAll(() => node.cleanup());

  async function loggedIn(user: string): Promise<RawImap> {
    const { client } = await RawImap.connect(node.port('imaps'), { tls: true });
    const r = await client.cmd(`LOGIN ${user} ${pw[user]}`);
    expect(r.tagged).toMatch(/OK \[CAPABILITY .* QRESYNC/);
    return client;
  }

  async function append(c: RawImap, n: number, folder = 'INBOX'): Promise<void> {
    for (let i = 0; i < n; i++) {
      const msg = `Subject: m${i}\r\nFrom: a@b.test\r\n\r\nBody ${i}\r\n`;
      expect((await c.cmd(`APPEND ${folder} {${msg.length}+}\r\n${msg}`)).status).toBe('OK');
    }
  }

  const num = (lines: string[], re: RegExp) => Number(lines.map((l) => re.exec(l)?.[1]).find(Boolean));

  it('SELECT (QRESYNC ...) reports VANISHED (EARLIER) and changed flags; nothing when UIDVALIDITY differs', async () => {
    const a = await loggedIn(alice);
    await append(a, 6);
    expect((await a.cmd('SELECT INBOX (QRESYNC (1 1))')).status).toBe('BAD'); // not enabled yet
    expect((await a.cmd('ENABLE QRESYNC')).untagged).toEqual(['* ENABLED QRESYNC']);
    const first = await a.cmd('SELECT INBOX');
    const uidvalidity = num(first.untagged, /UIDVALIDITY (\d+)/);
    const modseq = num(first.untagged, /HIGHESTMODSEQ (\d+)/);
    expect(modseq).toBeGreaterThan(0);
    await a.cmd('UNSELECT');

    // Another session: flag change on UID 2, expunge of UIDs 3 and 5.
    const b = await loggedIn(alice);
    await b.cmd('SELECT INBOX');
    await b.cmd('UID STORE 2 +FLAGS (\\Flagged)');
    await b.cmd('UID STORE 3,5 +FLAGS (\\Deleted)');
    expect((await b.cmd('EXPUNGE')).status).toBe('OK');

    const sel = await a.cmd(`SELECT INBOX (QRESYNC (${uidvalidity} ${modseq}))`);
    expect(sel.status).toBe('OK');
    expect(sel.untagged).toContain('* VANISHED (EARLIER) 3,5');
    const fetches = sel.untagged.filter((l) => / FETCH /.test(l));
    expect(fetches).toHaveLength(1);
    expect(fetches[0]).toMatch(/^\* 2 FETCH \(UID 2 FLAGS \(\\Flagged\) MODSEQ \(\d+\)\)$/);
    expect(sel.untagged.findIndex((l) => l.startsWith('* VANISHED'))).toBeLessThan(sel.untagged.findIndex((l) => / FETCH /.test(l)));
    // Re-select: CLOSED first; known-uids limit the VANISHED answer.
    const known = await a.cmd(`EXAMINE INBOX (QRESYNC (${uidvalidity} ${modseq} 1:4))`);
    expect(known.untagged[0]).toMatch(/^\* OK \[CLOSED\]/);
    expect(known.untagged).toContain('* VANISHED (EARLIER) 3');
    expect(known.tagged).toMatch(/OK \[READ-ONLY\]/);
    // Another UIDVALIDITY: the client's cache is useless, no VANISHED and no FETCH.
    const other = await a.cmd(`SELECT INBOX (QRESYNC (${uidvalidity + 1} ${modseq}))`);
    expect(other.status).toBe('OK');
    expect(other.untagged.some((l) => l.startsWith('* VANISHED') || / FETCH /.test(l))).toBe(false);

    // UID FETCH ... (CHANGEDSINCE m VANISHED)
    const f = await a.cmd(`UID FETCH 1:* (FLAGS) (CHANGEDSINCE ${modseq} VANISHED)`);
    expect(f.untagged[0]).toBe('* VANISHED (EARLIER) 3,5');
    expect(f.untagged.slice(1)).toEqual([expect.stringMatching(/^\* 2 FETCH \(UID 2 FLAGS \(\\Flagged\) MODSEQ \(\d+\)\)$/)]);
    expect((await a.cmd(`UID FETCH 4:6 (FLAGS) (CHANGEDSINCE ${modseq} VANISHED)`)).untagged).toEqual(['* VANISHED (EARLIER) 5']);
    expect((await a.cmd('FETCH 1:* (FLAGS) (CHANGEDSINCE 1 VANISHED)')).status).toBe('BAD'); // UID FETCH only
    a.close();
    b.close();
  });

  it('after ENABLE QRESYNC, expunges come as VANISHED, in IDLE too', async () => {
    const a = await loggedIn(bob);
    await append(a, 5);
    await a.cmd('ENABLE QRESYNC');
    await a.cmd('SELECT INBOX');
    const b = await loggedIn(bob);
    await b.cmd('SELECT INBOX');

    a.write('I1 IDLE\r\n');
    expect(await a.line()).toMatch(/^\+ /);
    await b.cmd('UID STORE 1,2 +FLAGS (\\Deleted)');
    await b.cmd('EXPUNGE');
    const seen: string[] = [];
    const deadline = Date.now() + 1500;
    while (!seen.includes('* VANISHED 1:2')) seen.push(await a.line(Math.max(1, deadline - Date.now())));
    expect(seen.some((l) => /EXPUNGE/.test(l))).toBe(false);
    a.write('DONE\r\n');
    expect((await a.until(/^I1 /)).pop()).toBe('I1 OK IDLE terminated');

    // Not idling: at the next command; the own EXPUNGE of this session answers VANISHED as well.
    await b.cmd('UID STORE 3 +FLAGS (\\Deleted)');
    await b.cmd('EXPUNGE');
    const noop = await a.cmd('NOOP');
    expect(noop.untagged).toContain('* VANISHED 3');
    await a.cmd('UID STORE 4 +FLAGS (\\Deleted)');
    const own = await a.cmd('EXPUNGE');
    expect(own.untagged).toContain('* VANISHED 4');
    expect(own.untagged.some((l) => /EXPUNGE/.test(l))).toBe(false);
    // Under QRESYNC every FETCH response carries the UID (RFC 7162 3.2.4).
    expect((await a.cmd('FETCH 1 (FLAGS)')).untagged[0]).toMatch(/^\* 1 FETCH \(UID 5 FLAGS \(.*\)/);
    expect((await a.cmd('STORE 1 +FLAGS (\\Seen)')).untagged[0]).toMatch(/^\* 1 FETCH \(UID 5 FLAGS \(\\Seen( \\Recent)?\) MODSEQ \(\d+\)\)$/);
    a.close();
    b.close();
  });

  it('imapflow with qresync: true resynchronises a folder', async () => {
    const raw = await loggedIn(alice);
    await raw.cmd('CREATE Sync');
    await append(raw, 4, 'Sync');
    const c = new ImapFlow({ host: '127.0.0.1', port: node.port('imaps'), secure: true, tls: { rejectUnauthorized: false }, auth: { user: alice, pass: pw[alice]! }, logger: false, qresync: true });
    await c.connect();
    try {
      expect(c.enabled.has('QRESYNC')).toBe(true);
      const expunged: number[] = [];
      c.on('expunge', (e: { uid?: number; vanished?: boolean }) => {
        if (e.uid) expunged.push(e.uid);
      });
      const box = await c.mailboxOpen('Sync');
      expect(box.exists).toBe(4);
      await raw.cmd('SELECT Sync');
      await raw.cmd('UID STORE 2 +FLAGS (\\Deleted)');
      await raw.cmd('EXPUNGE');
      await c.noop();
      expect(expunged).toEqual([2]);
      const uids: number[] = [];
      for await (const m of c.fetch('1:*', { uid: true, flags: true })) uids.push(m.uid);
      expect(uids).toEqual([1, 3, 4]);
    } finally {
      await c.logout().catch(() => c.close());
      raw.close();
    }
  });
});
