// A selected folder's view (src/imap/selected.ts holds only UIDs; flags and modseqs are read from
// the database when needed) against what another session does to the folder: sequence numbers
// and UIDs through expunges, flags changed elsewhere read fresh and reported once, CONDSTORE
// modseqs, and the SELECT and STATUS figures computed from the folder's flag sets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImapFlow } from 'imapflow';
import { sql } from 'kysely';
import { provision, startTestNode, TEST_DIALECTS, type TestNode } from '../helpers/server.js';
import { RawImap } from '../helpers/imap-client.js';

describe.each(TEST_DIALECTS)('IMAP selected view (%s)', (dialect) => {
  let node: TestNode;
  let pw: Record<string, string>;
  const user = 'vera@example.test';

  beforeAll(async () => {
    node = await startTestNode({ dialect });
    pw = await provision(node.admin, 'example.test', ['vera']);
  });
  afterAll(() => node.cleanup());

  async function login(): Promise<RawImap> {
    const { client } = await RawImap.connect(node.port('imaps'), { tls: true });
    expect((await client.cmd(`LOGIN ${user} ${pw[user]}`)).status).toBe('OK');
    return client;
  }
  async function append(c: RawImap, folder: string, flags: string[]): Promise<void> {
    for (const [i, f] of flags.entries()) {
      const msg = `Subject: v${i}\r\nFrom: a@b.test\r\n\r\nBody ${i}\r\n`;
      expect((await c.cmd(`APPEND ${folder} (${f}) {${msg.length}+}\r\n${msg}`)).status).toBe('OK');
    }
  }
  /** A folder with messages of those flags, made \Recent to a throwaway session so no test sees \Recent. */
  async function folderWith(name: string, flags: string[]): Promise<void> {
    const c = await login();
    expect((await c.cmd(`CREATE ${name}`)).status).toBe('OK');
    await append(c, name, flags);
    await c.cmd(`SELECT ${name}`);
    await c.cmd('LOGOUT');
  }
  const fetched = (r: { untagged: string[] }) => r.untagged.filter((l) => / FETCH /.test(l));

  it('SELECT and STATUS count from the flag sets: keywords, first unseen, unseen, deleted, size', async () => {
    await folderWith('Counts', ['\\Seen', '\\Seen $Work', '', '\\Seen', 'NotDeleted', '\\Seen \\Deleted']);
    const a = await login();
    const sel = await a.cmd('SELECT Counts');
    const flagsLine = sel.untagged.find((l) => l.startsWith('* FLAGS'))!;
    expect(flagsLine).toMatch(/^\* FLAGS \(\\Answered \\Flagged \\Deleted \\Seen \\Draft( \$Work| NotDeleted){2}\)$/);
    expect(sel.untagged).toContain('* 6 EXISTS');
    expect(sel.untagged.find((l) => l.includes('[UNSEEN'))).toMatch(/^\* OK \[UNSEEN 3\]/);
    expect(sel.untagged.find((l) => l.includes('[UIDNEXT'))).toMatch(/^\* OK \[UIDNEXT 7\]/);
    expect(sel.untagged.find((l) => l.includes('[PERMANENTFLAGS'))).toContain('$Work');

    const st = await a.cmd('STATUS Counts (MESSAGES UNSEEN DELETED SIZE)');
    const sizes = (await a.cmd('FETCH 1:* (RFC822.SIZE)')).untagged.map((l) => Number(/RFC822\.SIZE (\d+)/.exec(l)![1]));
    expect(st.untagged[0]).toBe(`* STATUS "Counts" (MESSAGES 6 UNSEEN 2 DELETED 1 SIZE ${sizes.reduce((x, y) => x + y, 0)})`);

    // EXPUNGE takes \Deleted only: the keyword NotDeleted is not the flag.
    expect((await a.cmd('EXPUNGE')).untagged).toEqual(['* 6 EXPUNGE']);
    expect((await a.cmd('UID SEARCH ALL')).untagged).toEqual(['* SEARCH 1 2 3 4 5']);

    // IMAP4rev2 has no UNSEEN response code (RFC 9051 7.1).
    const r = await login();
    await r.cmd('ENABLE IMAP4rev2');
    expect((await r.cmd('SELECT Counts')).untagged.some((l) => l.includes('UNSEEN'))).toBe(false);
    for (const c of [a, r]) await c.cmd('LOGOUT');
  });

  it('keeps sequence numbers and UIDs in step through another session’s expunges', async () => {
    await folderWith('Seq', Array.from({ length: 10 }, () => ''));
    const a = await login();
    const b = await login();
    await a.cmd('SELECT Seq');
    await b.cmd('SELECT Seq');
    await b.cmd('UID STORE 2,5,6,9 +FLAGS.SILENT (\\Deleted)');
    // Each EXPUNGE is numbered as of when it is sent (RFC 9051 7.5.1).
    expect((await b.cmd('EXPUNGE')).untagged).toEqual(['* 2 EXPUNGE', '* 4 EXPUNGE', '* 4 EXPUNGE', '* 6 EXPUNGE']);

    // Not told yet: no EXPUNGE during FETCH, and the gone messages are simply left out.
    const before = await a.cmd('FETCH 1:* (UID)');
    expect(before.untagged).toEqual(['* 1 FETCH (UID 1)', '* 3 FETCH (UID 3)', '* 4 FETCH (UID 4)', '* 7 FETCH (UID 7)', '* 8 FETCH (UID 8)', '* 10 FETCH (UID 10)']);
    expect((await a.cmd('NOOP')).untagged).toEqual(['* 2 EXPUNGE', '* 4 EXPUNGE', '* 4 EXPUNGE', '* 6 EXPUNGE']);

    expect((await a.cmd('FETCH 1:* (UID)')).untagged).toEqual(['* 1 FETCH (UID 1)', '* 2 FETCH (UID 3)', '* 3 FETCH (UID 4)', '* 4 FETCH (UID 7)', '* 5 FETCH (UID 8)', '* 6 FETCH (UID 10)']);
    expect((await a.cmd('UID FETCH 5:8 (UID)')).untagged).toEqual(['* 4 FETCH (UID 7)', '* 5 FETCH (UID 8)']);
    // "UID 20:*" includes the last message even below 20 (RFC 9051 6.4.9).
    expect((await a.cmd('UID FETCH 20:* (UID)')).untagged).toEqual(['* 6 FETCH (UID 10)']);
    expect((await a.cmd('FETCH 7 (UID)')).status).toBe('BAD');
    expect((await a.cmd('SEARCH UID 4:8')).untagged).toEqual(['* SEARCH 3 4 5']);
    expect((await a.cmd('UID SEARCH 2:3')).untagged).toEqual(['* SEARCH 3 4']);
    expect((await a.cmd('SEARCH RETURN (SAVE) UID 7:10')).status).toBe('OK');
    expect((await a.cmd('FETCH $ (UID)')).untagged).toEqual(['* 4 FETCH (UID 7)', '* 5 FETCH (UID 8)', '* 6 FETCH (UID 10)']);

    // New messages join the end of the view.
    await append(b, 'Seq', ['']);
    expect((await a.cmd('NOOP')).untagged).toContain('* 7 EXISTS');
    expect((await a.cmd('FETCH 7 (UID)')).untagged).toEqual(['* 7 FETCH (UID 11)']);

    // A client library sees the same mapping.
    const flow = new ImapFlow({ host: '127.0.0.1', port: node.port('imaps'), secure: true, tls: { rejectUnauthorized: false }, auth: { user, pass: pw[user]! }, logger: false });
    await flow.connect();
    const lock = await flow.getMailboxLock('Seq');
    try {
      const seen: Array<[number, number]> = [];
      for await (const m of flow.fetch('1:*', { uid: true })) seen.push([m.seq, m.uid]);
      expect(seen).toEqual([[1, 1], [2, 3], [3, 4], [4, 7], [5, 8], [6, 10], [7, 11]]);
    } finally {
      lock.release();
      await flow.logout();
    }
    for (const c of [a, b]) await c.cmd('LOGOUT');
  });

  it('reads flags another session changed as committed, and reports each change once', async () => {
    await folderWith('Flags', ['\\Seen', '', '', '']);
    const a = await login();
    const b = await login();
    await a.cmd('SELECT Flags');
    await b.cmd('SELECT Flags');

    await b.cmd('UID STORE 1 +FLAGS.SILENT (\\Flagged)');
    // FETCH reads the current flags; the change then needs no second report.
    expect(fetched(await a.cmd('FETCH 1 (FLAGS)'))).toEqual(['* 1 FETCH (FLAGS (\\Seen \\Flagged))']);
    expect((await a.cmd('NOOP')).untagged).toEqual([]);

    // Not fetched: told after the next command.
    await b.cmd('UID STORE 3 +FLAGS.SILENT (\\Answered)');
    await b.cmd('UID STORE 2 +FLAGS.SILENT ($Later)');
    expect((await a.cmd('NOOP')).untagged).toEqual(['* 2 FETCH (UID 2 FLAGS ($Later))', '* 3 FETCH (UID 3 FLAGS (\\Answered))']);
    expect((await a.cmd('SEARCH ANSWERED')).untagged).toEqual(['* SEARCH 3']);
    expect((await a.cmd('SEARCH UNSEEN KEYWORD $Later')).untagged).toEqual(['* SEARCH 2']);
    expect((await a.cmd('SEARCH FLAGGED')).untagged).toEqual(['* SEARCH 1']);

    // This session's own STORE is answered by itself, not again after.
    expect((await a.cmd('STORE 4 +FLAGS (\\Seen)')).untagged).toEqual(['* 4 FETCH (FLAGS (\\Seen))']);
    expect((await a.cmd('NOOP')).untagged).toEqual([]);
    // A non-PEEK body fetch sets \Seen and says so.
    const body = (await a.cmd('FETCH 3 (BODY[TEXT])')).untagged.join('\n');
    expect(body).toMatch(/^\* 3 FETCH \(BODY\[TEXT\] \{\d+\}\nBody 2\n FLAGS \(\\Answered \\Seen\)\)$/);

    // In IDLE within a second.
    a.write('I1 IDLE\r\n');
    expect(await a.line()).toMatch(/^\+ /);
    await b.cmd('UID STORE 2 -FLAGS.SILENT ($Later)');
    expect(await a.line(2000)).toBe('* 2 FETCH (UID 2 FLAGS ())');
    a.write('DONE\r\n');
    expect(await a.line()).toMatch(/^I1 OK/);
    for (const c of [a, b]) await c.cmd('LOGOUT');
  });

  it('CONDSTORE: CHANGEDSINCE, SEARCH MODSEQ and unsolicited MODSEQ come from the committed rows', async () => {
    await folderWith('Cond', ['', '', '']);
    const a = await login();
    const b = await login();
    const sel = await a.cmd('SELECT Cond (CONDSTORE)');
    const highest = Number(/HIGHESTMODSEQ (\d+)/.exec(sel.untagged.join('\n'))![1]);
    await b.cmd('SELECT Cond');

    await b.cmd('UID STORE 2 +FLAGS.SILENT (\\Flagged)');
    const noop = await a.cmd('NOOP');
    expect(noop.untagged).toHaveLength(1);
    const modseq = Number(/^\* 2 FETCH \(UID 2 FLAGS \(\\Flagged\) MODSEQ \((\d+)\)\)$/.exec(noop.untagged[0]!)![1]);
    expect(modseq).toBeGreaterThan(highest);

    expect(fetched(await a.cmd(`FETCH 1:* (FLAGS) (CHANGEDSINCE ${highest})`))).toEqual([`* 2 FETCH (FLAGS (\\Flagged) MODSEQ (${modseq}))`]);
    expect(fetched(await a.cmd(`UID FETCH 1:* (UID) (CHANGEDSINCE ${modseq})`))).toEqual([]);
    expect((await a.cmd(`SEARCH MODSEQ ${highest + 1}`)).untagged).toEqual([`* SEARCH 2 (MODSEQ ${modseq})`]);
    // RFC 7162 3.1.3: changed since the given modseq, so not stored, and named in MODIFIED.
    const cond = await a.cmd(`UID STORE 2 (UNCHANGEDSINCE ${highest}) +FLAGS (\\Seen)`);
    expect(cond.tagged).toMatch(/^\S+ OK \[MODIFIED 2\]/);
    const own = await a.cmd(`UID STORE 1 (UNCHANGEDSINCE ${highest}) +FLAGS (\\Seen)`);
    const ownModseq = Number(/^\* 1 FETCH \(UID 1 FLAGS \(\\Seen\) MODSEQ \((\d+)\)\)$/.exec(own.untagged[0]!)![1]);
    expect(ownModseq).toBeGreaterThan(modseq);
    expect((await a.cmd('NOOP')).untagged).toEqual([]);
    expect(fetched(await a.cmd('FETCH 1:* (MODSEQ)'))).toEqual([`* 1 FETCH (MODSEQ (${ownModseq}))`, `* 2 FETCH (MODSEQ (${modseq}))`, expect.stringMatching(/^\* 3 FETCH \(MODSEQ \(\d+\)\)$/)]);
    for (const c of [a, b]) await c.cmd('LOGOUT');
  });

  // 33,000 > SQLite's 32,766 parameters a statement (PostgreSQL's limit is 65,535: not reached here).
  it.runIf(dialect === 'sqlite')('STORE, a \\Seen-setting FETCH, COPY, EXPUNGE and MOVE of more messages than one SQL statement may name', async () => {
    // Copies of one appended message, made in SQL.
    const N = 33_000;
    await folderWith('Big', ['']);
    const db = node.server.deps.store.db;
    const first = await db.selectFrom('messages').innerJoin('folders', 'folders.id', 'messages.folder_id').selectAll('messages').where('folders.name', '=', 'Big').executeTakeFirstOrThrow();
    await sql`WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < ${N})
      INSERT INTO messages (mailbox_id, folder_id, uid, modseq, flags, internal_date, size, blob_hash, envelope, envelope_imap, body_structure, mime_tree, message_id, subject, thread_id, email_type, delivery_id, created_at)
      SELECT m.mailbox_id, m.folder_id, n.i, m.modseq, m.flags, m.internal_date, m.size, m.blob_hash, m.envelope, m.envelope_imap, m.body_structure, m.mime_tree, m.message_id, m.subject, m.thread_id, m.email_type, m.delivery_id, m.created_at
      FROM messages m, n WHERE m.id = ${first.id}`.execute(db);
    await db.updateTable('folders').set({ uidnext: N + 1, recent_uid: N }).where('id', '=', first.folder_id).execute();
    await db.updateTable('blobs').set((eb) => ({ refcount: eb('refcount', '+', N - 1) })).where('hash', '=', first.blob_hash).execute();
    await db.updateTable('mailboxes').set((eb) => ({ used_bytes: eb('used_bytes', '+', (N - 1) * first.size) })).where('id', '=', first.mailbox_id).execute();

    const a = await login();
    const t = 60_000;
    expect((await a.cmd('SELECT Big', t)).untagged).toContain(`* ${N} EXISTS`);
    expect((await a.cmd('FETCH 1:* (BODY[HEADER.FIELDS (SUBJECT)])', t)).status).toBe('OK');
    expect((await a.cmd('STATUS Big (UNSEEN)', t)).untagged[0]).toBe('* STATUS "Big" (UNSEEN 0)');
    expect((await a.cmd('CREATE BigCopy', t)).status).toBe('OK');
    expect((await a.cmd('UID COPY 1:* BigCopy', t)).tagged).toMatch(/^\S+ OK \[COPYUID \d+ 1:33000 1:33000\]/);
    expect((await a.cmd('STATUS BigCopy (MESSAGES)', t)).untagged[0]).toBe(`* STATUS "BigCopy" (MESSAGES ${N})`);
    expect((await a.cmd('STORE 1:* +FLAGS.SILENT (\\Deleted)', t)).status).toBe('OK');
    const gone = await a.cmd('EXPUNGE', t);
    expect(gone.status).toBe('OK');
    expect(gone.untagged.filter((l) => l === '* 1 EXPUNGE')).toHaveLength(N);
    expect((await a.cmd('STATUS Big (MESSAGES)', t)).untagged[0]).toBe('* STATUS "Big" (MESSAGES 0)');
    // MOVE them all back: one transaction however many.
    expect((await a.cmd('SELECT BigCopy', t)).status).toBe('OK');
    expect((await a.cmd('MOVE 1:* Big', t)).status).toBe('OK');
    expect((await a.cmd('STATUS Big (MESSAGES)', t)).untagged[0]).toBe(`* STATUS "Big" (MESSAGES ${N})`);
    expect((await a.cmd('STATUS BigCopy (MESSAGES)', t)).untagged[0]).toBe('* STATUS "BigCopy" (MESSAGES 0)');
    await a.cmd('LOGOUT');
  }, 120_000);
});
