// Folder and message operations of a mailbox (what IMAP and the web app do), on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as admin from '../../src/accounts/admin.js';
import { EventBus, type MailEvent } from '../../src/events/bus.js';
import { createFolder, deleteFolder, findFolder, getFolders, renameFolder, setSubscribed } from '../../src/mailbox/folders.js';
import { appendMessage, copyMessages, expungeMessages, moveMessages, OverQuotaError, storeFlags } from '../../src/mailbox/messages.js';
import { normalizeFolderName } from '../../src/mailbox/folder-names.js';
import { blobRefcount } from '../../src/store/blobs-repo.js';
import { DIALECTS, freshStore, type FreshStore } from '../helpers/store.js';

const msg = (n: number) => Buffer.from(`From: a@remote.test\nTo: u@mb.test\nSubject: m${n}\nMessage-ID: <m${n}@t>\n\nbody ${n} zebra\n`);

describe.each(DIALECTS)('mailbox operations (%s)', (dialect) => {
  let t: FreshStore;
  let mailboxId: number;
  const events = new EventBus();
  const seen: MailEvent[] = [];
  events.subscribe('*', (e) => seen.push(e));

  beforeAll(async () => {
    t = await freshStore(dialect);
    const ctx = { store: t.store, blobs: t.blobs, defaultQuotaBytes: 1_000_000 };
    await admin.addDomain(ctx, 'mb.test');
    mailboxId = (await admin.addMailbox(ctx, 'u@mb.test')).id;
  });
  afterAll(() => t.cleanup());

  const folder = async (name: string) => (await findFolder(t.store, mailboxId, name))!;
  const uids = async (name: string) => (await t.store.db.selectFrom('messages').select('uid').where('folder_id', '=', (await folder(name)).id).orderBy('uid').execute()).map((r) => r.uid);
  const append = async (name: string, n: number, flags: string[] = []) => appendMessage(t.store, t.blobs, events, (await folder(name)).id, msg(n), flags, Date.now());

  it('normalises and refuses folder names', () => {
    expect(normalizeFolderName('inbox')).toBe('INBOX');
    expect(normalizeFolderName('Inbox/Sub')).toBe('INBOX/Sub');
    for (const bad of ['', 'a//b', '/a', 'a/', '../x', 'a/../b', 'a/./b', 'x*', 'y%', 'z\u0001', ' a']) expect(() => normalizeFolderName(bad), bad).toThrow();
  });

  it('creates folders with their parents, refuses duplicates', async () => {
    await createFolder(t.store, events, mailboxId, 'Projects/2026/Q4');
    const names = (await getFolders(t.store, mailboxId)).map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['Projects', 'Projects/2026', 'Projects/2026/Q4']));
    await expect(createFolder(t.store, events, mailboxId, 'projects')).resolves.toBeTruthy(); // names are case-sensitive but INBOX
    await expect(createFolder(t.store, events, mailboxId, 'Projects')).rejects.toThrow(/already exists/);
    await expect(createFolder(t.store, events, mailboxId, 'MyJunk', 'junk')).rejects.toThrow(/special use/);
  });

  it('appends through parse and storage, with CRLF line ends and quota checked', async () => {
    const r = await append('INBOX', 1, ['\\Seen']);
    const row = await t.store.db.selectFrom('messages').selectAll().where('folder_id', '=', (await folder('INBOX')).id).where('uid', '=', r.uid).executeTakeFirstOrThrow();
    expect((await t.blobs.read(row.blob_hash)).toString()).toMatch(/^From: a@remote\.test\r\nTo:/);
    expect(JSON.parse(row.flags)).toEqual(['\\Seen']);
    expect(r.uidvalidity).toBe((await folder('INBOX')).uidvalidity);
    const small = await admin.addMailbox({ store: t.store, blobs: t.blobs, defaultQuotaBytes: 50 }, 'tiny@mb.test');
    const inbox = (await t.store.db.selectFrom('folders').selectAll().where('mailbox_id', '=', small.id).where('name', '=', 'INBOX').executeTakeFirstOrThrow()).id;
    await expect(appendMessage(t.store, t.blobs, events, inbox, msg(2), [], Date.now())).rejects.toBeInstanceOf(OverQuotaError);
  });

  it('stores flags with modseqs, honours UNCHANGEDSINCE', async () => {
    const a = await append('INBOX', 3);
    const b = await append('INBOX', 4);
    const inbox = (await folder('INBOX')).id;
    const r1 = await storeFlags(t.store, events, inbox, [a.uid, b.uid], 'add', ['\\Flagged', '$Label1']);
    expect(r1.changed.map((c) => c.uid)).toEqual([a.uid, b.uid]);
    const modseq = r1.changed[0]!.modseq;
    expect(r1.changed[1]!.modseq).toBe(modseq);
    expect((await folder('INBOX')).highest_modseq).toBe(modseq);
    const again = await storeFlags(t.store, events, inbox, [a.uid], 'add', ['\\flagged']);
    expect(again.changed).toEqual([]);
    const r2 = await storeFlags(t.store, events, inbox, [a.uid], 'remove', ['$label1']);
    expect(r2.changed[0]!.flags).toEqual(['\\Flagged']);
    const conditional = await storeFlags(t.store, events, inbox, [a.uid, b.uid], 'set', ['\\Answered'], modseq);
    expect(conditional.modified).toEqual([a.uid]);
    expect(conditional.changed.map((c) => c.uid)).toEqual([b.uid]);
  });

  it('expunges: rows, text, usage and blob references go; the UIDs are remembered', async () => {
    const a = await append('INBOX', 5);
    const inbox = await folder('INBOX');
    const row = await t.store.db.selectFrom('messages').selectAll().where('folder_id', '=', inbox.id).where('uid', '=', a.uid).executeTakeFirstOrThrow();
    const before = (await t.store.db.selectFrom('mailboxes').select('used_bytes').where('id', '=', mailboxId).executeTakeFirstOrThrow()).used_bytes;
    expect(await expungeMessages(t.store, events, inbox.id, [a.uid, 99999])).toEqual([a.uid]);
    const after = (await t.store.db.selectFrom('mailboxes').select('used_bytes').where('id', '=', mailboxId).executeTakeFirstOrThrow()).used_bytes;
    expect(before - after).toBe(row.size);
    expect(await blobRefcount(t.store.db, row.blob_hash)).toBe(0);
    const gone = await t.store.db.selectFrom('expunged').selectAll().where('folder_id', '=', inbox.id).execute();
    expect(gone.map((g) => g.uid)).toContain(a.uid);
    expect(seen.some((e) => e.type === 'message.expunge' && e.uid === a.uid)).toBe(true);
  });

  it('copies and moves with new UIDs in the target, and reports moves into Spam', async () => {
    const a = await append('INBOX', 6);
    const b = await append('INBOX', 7);
    const inbox = (await folder('INBOX')).id;
    const archive = await folder('Archive');
    const copied = await copyMessages(t.store, events, inbox, [a.uid, b.uid], archive.id);
    expect(copied.uidvalidity).toBe(archive.uidvalidity);
    expect(copied.pairs.map((p) => p.from)).toEqual([a.uid, b.uid]);
    expect(await uids('Archive')).toEqual(copied.pairs.map((p) => p.to));
    const spam = await folder('Spam');
    const moved = await moveMessages(t.store, events, inbox, [a.uid], spam.id);
    expect(moved.pairs).toHaveLength(1);
    expect(await uids('INBOX')).not.toContain(a.uid);
    expect(await uids('Spam')).toEqual([moved.pairs[0]!.to]);
    expect(seen.some((e) => e.type === 'message.moved' && e.toRole === 'junk' && e.fromRole === 'inbox' && e.how === 'move')).toBe(true);
  });

  it('renames with children, renames INBOX by moving its messages, deletes only plain leaf folders', async () => {
    await renameFolder(t.store, events, mailboxId, 'Projects', 'Work/Projects');
    const names = (await getFolders(t.store, mailboxId)).map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['Work', 'Work/Projects', 'Work/Projects/2026', 'Work/Projects/2026/Q4']));
    expect(names).not.toContain('Projects/2026');
    await expect(renameFolder(t.store, events, mailboxId, 'Spam', 'Junk')).rejects.toThrow(/special/);
    await expect(renameFolder(t.store, events, mailboxId, 'Work', 'Work/Inner')).rejects.toThrow(/inside itself/);

    const inInbox = (await uids('INBOX')).length;
    await renameFolder(t.store, events, mailboxId, 'INBOX', 'Old inbox');
    expect(await uids('INBOX')).toEqual([]);
    expect((await uids('Old inbox')).length).toBe(inInbox);

    await expect(deleteFolder(t.store, events, mailboxId, 'Trash')).rejects.toThrow(/special/);
    await expect(deleteFolder(t.store, events, mailboxId, 'Work/Projects')).rejects.toThrow(/subfolders/);
    await deleteFolder(t.store, events, mailboxId, 'Old inbox');
    expect(await findFolder(t.store, mailboxId, 'Old inbox')).toBeUndefined();
    await setSubscribed(t.store, mailboxId, 'Work', false);
    expect((await folder('Work')).subscribed).toBe(0);
  });
});
