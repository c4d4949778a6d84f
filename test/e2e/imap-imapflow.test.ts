// IMAP with a real client library (imapflow): STARTTLS login, LIST with special-use, FETCH of mail
// delivered over SMTP (source byte for byte), SEARCH, flags, MOVE with COPYUID, APPEND, folders,
// EXPUNGE; and two clients seeing each other's changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nodemailer from 'nodemailer';
import { ImapFlow, type StatusObject } from 'imapflow';
import { folderMessages, provision, startTestNode, TEST_DIALECTS, type TestNode } from '../helpers/server.js';

describe.each(TEST_DIALECTS)('IMAP with imapflow (%s)', (dialect) => {
  let node: TestNode;
  let pw: Record<string, string>;
  const alice = 'alice@example.test';
  const clients: ImapFlow[] = [];

  beforeAll(async () => {
    node = await startTestNode({ dialect, config: { auth: { maxFailures: 5, maxFailuresPerIp: 100, failureDelayMs: 0 } } });
    pw = await provision(node.admin, 'example.test', ['alice', 'bob']);
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: node.port('smtp'), secure: false, ignoreTLS: true, name: 'client.remote.test' });
    for (const [i, subject, body] of [
      [1, 'Quarterly report', 'The numbers are in: revenue grew.'],
      [2, 'Lunch on Friday?', 'Shall we try the new place?'],
      [3, 'Quarterly planning', 'Agenda attached.'],
    ] as const) {
      await transport.sendMail({
        from: i === 2 ? 'Bob Builder <bob@remote.test>' : 'Carol <carol@remote.test>',
        to: alice,
        subject,
        text: body,
        messageId: `<m${i}@remote.test>`,
        ...(i === 3 ? { attachments: [{ filename: 'agenda.txt', content: 'item one\nitem two\n' }] } : {}),
      });
    }
  });
  afterAll(async () => {
    for (const c of clients) await c.logout().catch(() => c.close());
    await node.cleanup();
  });

  async function connect(user = alice, pass = pw[user]!): Promise<ImapFlow> {
    const c = new ImapFlow({ host: '127.0.0.1', port: node.port('imap'), secure: false, doSTARTTLS: true, tls: { rejectUnauthorized: false }, auth: { user, pass }, logger: false });
    await c.connect();
    clients.push(c);
    return c;
  }

  it('logs in after STARTTLS and lists folders with special-use flags', async () => {
    const c = await connect();
    const list = await c.list();
    const by = Object.fromEntries(list.map((m) => [m.path, m]));
    expect(Object.keys(by)).toEqual(expect.arrayContaining(['INBOX', 'Sent', 'Drafts', 'Trash', 'Spam', 'Archive']));
    expect(by.Sent!.specialUse).toBe('\\Sent');
    expect(by.Drafts!.specialUse).toBe('\\Drafts');
    expect(by.Trash!.specialUse).toBe('\\Trash');
    expect(by.Spam!.specialUse).toBe('\\Junk');
    expect(by.Archive!.specialUse).toBe('\\Archive');
    expect(by.INBOX!.specialUse).toBe('\\Inbox'); // imapflow names INBOX itself
    expect(by.Sent!.flags.has('\\HasNoChildren')).toBe(true);
    const st = (await c.status('INBOX', { messages: true, unseen: true, uidNext: true, uidValidity: true })) as StatusObject;
    expect(st.messages).toBe(3);
    expect(st.unseen).toBe(3);
  });

  it('wrong password fails; LOGIN on the plain port without STARTTLS is refused', async () => {
    await expect(connect(alice, 'wrong password')).rejects.toThrow();
    const plain = new ImapFlow({ host: '127.0.0.1', port: node.port('imap'), secure: false, doSTARTTLS: false, auth: { user: alice, pass: pw[alice]! }, logger: false });
    await expect(plain.connect()).rejects.toThrow();
    plain.close();
  });

  it('fetches envelope, body structure and the exact source of delivered mail', async () => {
    const c = await connect();
    const box = await c.mailboxOpen('INBOX');
    expect(box.exists).toBe(3);
    const stored = await folderMessages(node, alice);
    const msgs = [];
    for await (const m of c.fetch('1:*', { uid: true, envelope: true, bodyStructure: true, source: true, flags: true })) msgs.push(m);
    expect(msgs).toHaveLength(3);
    for (const m of msgs) {
      const row = stored.find((r) => r.uid === m.uid)!;
      expect(Buffer.compare(m.source!, row.bytes)).toBe(0);
    }
    expect(msgs[0]!.envelope!.subject).toBe('Quarterly report');
    expect(msgs[1]!.envelope!.from![0]).toMatchObject({ name: 'Bob Builder', address: 'bob@remote.test' });
    expect(msgs[0]!.envelope!.messageId).toBe('<m1@remote.test>');
    expect(msgs[2]!.bodyStructure!.type).toBe('multipart/mixed');
    expect(msgs[2]!.bodyStructure!.childNodes!.map((p) => p.type)).toEqual(['text/plain', 'text/plain']);
    // A part by number, with PEEK: still unseen.
    const part = await c.download('3', '2', { uid: false });
    const chunks: Buffer[] = [];
    for await (const ch of part.content!) chunks.push(ch as Buffer);
    expect(Buffer.concat(chunks).toString()).toContain('item two');
    const flagsNow = await c.fetchOne('3', { flags: true });
    expect(flagsNow && flagsNow.flags!.has('\\Seen')).toBe(false);
  });

  it('searches by from, subject, body, seen and UID ranges', async () => {
    const c = await connect();
    await c.mailboxOpen('INBOX');
    const uids = (await c.search({ all: true }, { uid: true })) as number[];
    expect(uids).toHaveLength(3);
    expect(await c.search({ from: 'bob@remote.test' }, { uid: true })).toEqual([uids[1]]);
    expect(await c.search({ subject: 'quarterly' }, { uid: true })).toEqual([uids[0], uids[2]]);
    expect(await c.search({ body: 'revenue' }, { uid: true })).toEqual([uids[0]]);
    expect(await c.search({ uid: `${uids[1]}:*` }, { uid: true })).toEqual([uids[1], uids[2]]);
    expect(await c.search({ seen: true }, { uid: true })).toEqual([]);
    await c.messageFlagsAdd({ uid: String(uids[0]) }, ['\\Seen', '$Important'], { uid: true });
    expect(await c.search({ seen: true }, { uid: true })).toEqual([uids[0]]);
    expect(await c.search({ seen: false, subject: 'quarterly' }, { uid: true })).toEqual([uids[2]]);
    expect(await c.search({ keyword: '$Important' })).toEqual([1]);
    await c.messageFlagsRemove({ uid: String(uids[0]) }, ['\\Seen'], { uid: true });
    const m = await c.fetchOne(String(uids[0]), { flags: true }, { uid: true });
    expect(m && [...m.flags!]).toEqual(['$Important']);
  });

  it('moves to Archive with a UID map, appends to Drafts, manages folders, expunges', async () => {
    const c = await connect();
    await c.mailboxOpen('INBOX');
    const uids = (await c.search({ all: true }, { uid: true })) as number[];
    const moved = await c.messageMove({ uid: String(uids[1]) }, 'Archive', { uid: true });
    expect(moved).toBeTruthy();
    const archive = (await c.status('Archive', { uidValidity: true, messages: true })) as StatusObject;
    expect(moved && moved.uidValidity).toBe(archive.uidValidity);
    expect(moved && moved.uidMap!.get(uids[1]!)).toBeGreaterThan(0);
    expect(archive.messages).toBe(1);
    expect(c.mailbox && c.mailbox.exists).toBe(2);
    const archived = await folderMessages(node, alice, 'archive');
    expect(archived.map((r) => r.uid)).toEqual([moved && moved.uidMap!.get(uids[1]!)]);

    const draft = 'From: alice@example.test\r\nTo: bob@example.test\r\nSubject: draft one\r\n\r\nNot finished.\r\n';
    const ap = await c.append('Drafts', draft, ['\\Draft', '\\Seen']);
    expect(ap && ap.uid).toBeGreaterThan(0);
    const drafts = await folderMessages(node, alice, 'drafts');
    expect(drafts.at(-1)!.bytes.toString()).toBe(draft);
    expect(JSON.parse(drafts.at(-1)!.flags)).toEqual(['\\Draft', '\\Seen']);

    await c.mailboxCreate('Projects/2024');
    expect((await c.list()).map((m) => m.path)).toEqual(expect.arrayContaining(['Projects', 'Projects/2024']));
    await c.mailboxRename('Projects', 'Work');
    const paths = (await c.list()).map((m) => m.path);
    expect(paths).toEqual(expect.arrayContaining(['Work', 'Work/2024']));
    expect(paths).not.toContain('Projects');
    await c.mailboxDelete('Work/2024');
    await c.mailboxDelete('Work');
    expect((await c.list()).map((m) => m.path)).not.toContain('Work');
    await expect(c.mailboxDelete('Trash')).rejects.toThrow();

    await c.mailboxOpen('INBOX');
    await c.messageDelete({ uid: String(uids[2]) }, { uid: true });
    expect(c.mailbox && c.mailbox.exists).toBe(1);
    expect((await folderMessages(node, alice)).map((r) => r.uid)).toEqual([uids[0]]);
  });

  it('two clients: the idler sees EXISTS, FETCH FLAGS and EXPUNGE of an SMTP delivery within 1 s', async () => {
    const idler = await connect();
    const other = await connect();
    await idler.mailboxOpen('INBOX');
    const seen: Array<{ ev: string; at: number; data: unknown }> = [];
    idler.on('exists', (d) => seen.push({ ev: 'exists', at: Date.now(), data: d }));
    idler.on('flags', (d) => seen.push({ ev: 'flags', at: Date.now(), data: d }));
    idler.on('expunge', (d) => seen.push({ ev: 'expunge', at: Date.now(), data: d }));
    void idler.idle().catch(() => undefined); // resolves when IDLE ends: runs in the background
    await new Promise((r) => setTimeout(r, 100));
    const waitFor = async (ev: string, since: number) => {
      while (!seen.some((s) => s.ev === ev && s.at >= since)) {
        if (Date.now() - since > 1000) throw new Error(`no ${ev} within 1 s`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return seen.find((s) => s.ev === ev && s.at >= since)!;
    };
    const before = idler.mailbox ? idler.mailbox.exists : 0;
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: node.port('smtp'), secure: false, ignoreTLS: true });
    let t = Date.now();
    await transport.sendMail({ from: 'dave@remote.test', to: alice, subject: 'live', text: 'live', messageId: '<live@remote.test>' });
    const ex = await waitFor('exists', t);
    expect((ex.data as { count: number }).count).toBe(before + 1);

    await other.mailboxOpen('INBOX');
    t = Date.now();
    await other.messageFlagsAdd('*', ['\\Flagged']);
    const fl = await waitFor('flags', t);
    expect([...(fl.data as { flags: Set<string> }).flags]).toContain('\\Flagged');

    t = Date.now();
    await other.messageDelete('*');
    await waitFor('expunge', t);
  });
});
