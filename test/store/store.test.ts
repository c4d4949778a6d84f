// The store on both dialects: migrations, UID/modseq allocation, threads, full text, blob refs.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrations.js';
import * as admin from '../../src/accounts/admin.js';
import { folderByRole } from '../../src/store/folders-repo.js';
import { insertMessage } from '../../src/store/messages-repo.js';
import { messageRow } from '../../src/mailbox/messages.js';
import { addBlobRefs, BLOB_DELETION_GRACE_MS, blobRefcount, dropBlobRefs } from '../../src/store/blobs-repo.js';
import { collectBlobGarbage } from '../../src/blobs/gc.js';
import { parseMessage } from '../../src/mime/index.js';
import { DIALECTS, freshStore, type FreshStore } from '../helpers/store.js';

describe.each(DIALECTS)('store (%s)', (dialect) => {
  let store: Store;
  let fresh: FreshStore;
  let ctx: admin.AdminContext;
  let mailboxId: number;
  let inboxId: number;

  beforeAll(async () => {
    fresh = await freshStore(dialect);
    store = fresh.store;
    ctx = { store, blobs: fresh.blobs, defaultQuotaBytes: 1000 };
    await admin.addDomain(ctx, 'store.test');
    mailboxId = (await admin.addMailbox(ctx, 'u@store.test')).id;
    inboxId = (await folderByRole(store.db, mailboxId, 'inbox'))!.id;
  });
  afterAll(() => fresh.cleanup());

  const store1 = (raw: string) => {
    const parsed = parseMessage(Buffer.from(raw));
    return store.tx((trx) =>
      insertMessage(trx, store.dialect, messageRow(parsed, { mailboxId, folderId: inboxId, flags: [], internalDate: Date.now(), size: raw.length, blobHash: 'a'.repeat(64), deliveryId: null })),
    );
  };

  it('runs migrations once', async () => {
    expect(await migrate(store.db, store.dialect)).toEqual([]);
  });

  it('creates the default folders with special uses', async () => {
    const folders = await store.db.selectFrom('folders').select(['name', 'special_use']).where('mailbox_id', '=', mailboxId).orderBy('name').execute();
    expect(folders.map((f) => f.name)).toEqual(['Archive', 'Drafts', 'INBOX', 'Promotions', 'Sent', 'Social networks', 'Spam', 'Trash']);
    expect(folders.find((f) => f.name === 'Spam')!.special_use).toBe('junk');
  });

  it('allocates strictly ascending UIDs and modseqs under concurrency', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => store1(`Subject: m${i}\r\nMessage-ID: <c${i}@t>\r\n\r\nbody ${i}\r\n`)));
    const uids = results.map((r) => r.uid).sort((a, b) => a - b);
    expect(new Set(uids).size).toBe(40);
    expect(uids[39]! - uids[0]!).toBe(39);
    const folder = await store.db.selectFrom('folders').selectAll().where('id', '=', inboxId).executeTakeFirstOrThrow();
    expect(folder.uidnext).toBe(uids[39]! + 1);
    expect(folder.highest_modseq).toBeGreaterThanOrEqual(Math.max(...results.map((r) => r.modseq)));
  });

  it('threads replies with their parent', async () => {
    const a = await store1('Subject: plan\r\nMessage-ID: <root@t>\r\n\r\nx\r\n');
    const b = await store1('Subject: Re: plan\r\nMessage-ID: <reply@t>\r\nIn-Reply-To: <root@t>\r\n\r\ny\r\n');
    const c = await store1('Subject: other\r\nMessage-ID: <other@t>\r\n\r\nz\r\n');
    const rows = await store.db.selectFrom('messages').select(['id', 'thread_id']).where('id', 'in', [a.id, b.id, c.id]).orderBy('id').execute();
    expect(rows[0]!.thread_id).toBe(a.id);
    expect(rows[1]!.thread_id).toBe(a.id);
    expect(rows[2]!.thread_id).toBe(c.id);
  });

  it('finds messages through the full-text index', async () => {
    const m = await store1('Subject: invoice\r\nMessage-ID: <fts@t>\r\n\r\nThe quarterly xylophone report is attached.\r\n');
    const hits =
      store.dialect === 'sqlite'
        ? (await sql<{ id: number }>`SELECT rowid AS id FROM message_text WHERE message_text MATCH 'xylophone'`.execute(store.db)).rows
        : (await sql<{ id: number }>`SELECT message_id AS id FROM message_text WHERE tsv @@ plainto_tsquery('simple', 'xylophone')`.execute(store.db)).rows;
    expect(hits.map((h) => Number(h.id))).toEqual([m.id]);
  });

  it('counts blob references and reports the last one', async () => {
    const h = 'b'.repeat(64);
    await addBlobRefs(store.db, h, 10, 2);
    await addBlobRefs(store.db, h, 10, 1);
    expect(await blobRefcount(store.db, h)).toBe(3);
    expect(await dropBlobRefs(store.db, h, 2)).toBe(false);
    expect(await dropBlobRefs(store.db, h, 1)).toBe(true);
    expect(await blobRefcount(store.db, h)).toBe(0);
  });

  it('removing a mailbox removes its mail and releases blobs', async () => {
    const blobs = ctx.blobs;
    const m = await admin.addMailbox(ctx, 'gone@store.test');
    const ref = await blobs.put([Buffer.from('Subject: bye\r\n\r\nbye\r\n')]);
    const folder = (await folderByRole(store.db, m.id, 'inbox'))!;
    await store.tx(async (trx) => {
      const parsed = parseMessage(Buffer.from('Subject: bye\r\n\r\nbye\r\n'));
      await insertMessage(trx, store.dialect, messageRow(parsed, { mailboxId: m.id, folderId: folder.id, flags: [], internalDate: 0, size: ref.size, blobHash: ref.hash, deliveryId: null }));
      await addBlobRefs(trx, ref.hash, ref.size, 1);
    });
    expect(await blobs.exists(ref.hash)).toBe(true);
    await admin.removeMailbox(ctx, 'gone@store.test');
    // Kept through the grace period, then collected once nothing references it again.
    expect(await blobs.exists(ref.hash)).toBe(true);
    await collectBlobGarbage(store, blobs, Date.now() + BLOB_DELETION_GRACE_MS);
    expect(await blobs.exists(ref.hash)).toBe(false);
    expect(await store.db.selectFrom('messages').select('id').where('mailbox_id', '=', m.id).execute()).toEqual([]);
  });

  it('keeps a scheduled blob that gained a reference again', async () => {
    const ref = await ctx.blobs.put([Buffer.from('Subject: again\r\n\r\nagain\r\n')]);
    await addBlobRefs(store.db, ref.hash, ref.size, 1);
    await dropBlobRefs(store.db, ref.hash, 1);
    await addBlobRefs(store.db, ref.hash, ref.size, 1); // a delivery reusing the same bytes
    await collectBlobGarbage(store, ctx.blobs, Date.now() + BLOB_DELETION_GRACE_MS);
    expect(await ctx.blobs.exists(ref.hash)).toBe(true);
  });
});

describe.skipIf(!DIALECTS.includes('postgres'))('PostgreSQL pool', () => {
  it('survives the server ending its idle connections, and reconnects', async () => {
    const fresh = await freshStore('postgres');
    try {
      const db = fresh.store.db;
      await sql`SELECT 1`.execute(db);
      const other = await freshStore('postgres');
      try {
        // Another session ends every connection of the first store's database.
        const name = (await sql<{ d: string }>`SELECT current_database() AS d`.execute(db)).rows[0]!.d;
        await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ${name} AND pid <> pg_backend_pid()`.execute(other.store.db);
      } finally {
        await other.cleanup();
      }
      await new Promise((r) => setTimeout(r, 200));
      expect((await sql<{ n: number }>`SELECT 2 AS n`.execute(db)).rows[0]!.n).toBe(2);
    } finally {
      await fresh.cleanup();
    }
  });
});
