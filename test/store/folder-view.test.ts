// The queries behind an IMAP session's view of a folder (src/store/folder-view.ts), on both
// dialects: the aggregated UID list, the loose index scan of flag sets, and UID batches past one
// query's size.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/db.js';
import * as admin from '../../src/accounts/admin.js';
import { folderByRole } from '../../src/store/folders-repo.js';
import { insertMessage } from '../../src/store/messages-repo.js';
import { messageRow } from '../../src/mailbox/messages.js';
import { parseMessage } from '../../src/mime/index.js';
import {
  allFlagRows,
  countWithFlagSets,
  firstUidWithFlagSets,
  flagRows,
  flagRowsChangedSince,
  folderFlagSets,
  folderUids,
  parseUidList,
  uidsWithFlagSets,
} from '../../src/store/folder-view.js';
import { DIALECTS, freshStore, type FreshStore } from '../helpers/store.js';

const N = 1200;
/** Message i's flags: a few sets, as real folders have. */
const flagsOf = (i: number) => (i % 10 === 3 ? [] : i % 10 === 7 ? ['\\Seen', '$Work'] : i % 50 === 0 ? ['\\Seen', '\\Deleted'] : ['\\Seen']);

describe.each(DIALECTS)('folder view queries (%s)', (dialect) => {
  let store: Store;
  let fresh: FreshStore;
  let folderId: number;
  let otherId: number;
  let manyId: number;

  beforeAll(async () => {
    fresh = await freshStore(dialect);
    store = fresh.store;
    const ctx = { store, blobs: fresh.blobs, defaultQuotaBytes: 1e9 };
    await admin.addDomain(ctx, 'view.test');
    const mailboxId = (await admin.addMailbox(ctx, 'v@view.test')).id;
    folderId = (await folderByRole(store.db, mailboxId, 'inbox'))!.id;
    otherId = (await folderByRole(store.db, mailboxId, 'archive'))!.id;
    manyId = (await folderByRole(store.db, mailboxId, 'sent'))!.id;
    const parsed = parseMessage(Buffer.from('Subject: v\r\n\r\nx\r\n'));
    const row = (folder: number, flags: string[]) => messageRow(parsed, { mailboxId, folderId: folder, flags, internalDate: 0, size: 10, blobHash: 'b'.repeat(64), deliveryId: null });
    await store.tx(async (trx) => {
      for (let i = 1; i <= N; i++) await insertMessage(trx, store.dialect, row(folderId, flagsOf(i)));
      // Another folder's messages must never show.
      for (let i = 0; i < 5; i++) await insertMessage(trx, store.dialect, row(otherId, ['$Other']));
      // A folder where each message has its own keyword: more flag sets than are sought one by one.
      for (let i = 0; i < 130; i++) await insertMessage(trx, store.dialect, row(manyId, [`$k${i}`, '\\Seen']));
      // Gaps in the UIDs, as expunges leave them.
      await trx.deleteFrom('messages').where('folder_id', '=', folderId).where('uid', 'in', [1, 2, 500, 501, 502, 1100]).execute();
    });
  });
  afterAll(() => fresh.cleanup());

  const expected = () => Array.from({ length: N }, (_, i) => i + 1).filter((u) => ![1, 2, 500, 501, 502, 1100].includes(u));

  it('lists the UIDs in order as one compact array, from any point', async () => {
    expect([...(await folderUids(store.db, store.dialect, folderId))]).toEqual(expected());
    expect([...(await folderUids(store.db, store.dialect, folderId, 1099))]).toEqual(expected().filter((u) => u > 1099));
    expect((await folderUids(store.db, store.dialect, folderId, N)).length).toBe(0);
    expect(parseUidList(null).length).toBe(0);
    expect([...parseUidList('4294967295,7')]).toEqual([4294967295, 7]);
  });

  it('finds the distinct flag sets, the first unseen message, and the messages of some sets', async () => {
    const sets = (await folderFlagSets(store.db, store.dialect, folderId)).map((t) => JSON.parse(t) as string[]);
    expect(sets.map((s) => s.join(' ')).sort()).toEqual(['', '\\Seen', '\\Seen $Work', '\\Seen \\Deleted']);
    expect(await firstUidWithFlagSets(store.db, folderId, ['[]'], N)).toBe(3);
    expect(await firstUidWithFlagSets(store.db, folderId, ['[]'], 2)).toBe(0);
    expect(await firstUidWithFlagSets(store.db, folderId, [], N)).toBe(0);
    const deleted = JSON.stringify(['\\Seen', '\\Deleted']);
    expect((await uidsWithFlagSets(store.db, folderId, [deleted])).sort((a, b) => a - b)).toEqual(expected().filter((u) => u % 50 === 0));
    expect(await countWithFlagSets(store.db, folderId, ['[]', deleted])).toBe(expected().filter((u) => u % 10 === 3 || u % 50 === 0).length);
    expect(await folderFlagSets(store.db, store.dialect, 999999)).toEqual([]);
    const many = await folderFlagSets(store.db, store.dialect, manyId);
    expect(many.length).toBe(130);
    expect(new Set(many)).toEqual(new Set(Array.from({ length: 130 }, (_, i) => JSON.stringify([`$k${i}`, '\\Seen']))));
  });

  it('reads flags of UID lists larger than one query, dense or sparse, without expunged ones', async () => {
    const all = Array.from({ length: N + 10 }, (_, i) => i + 1);
    const rows = await flagRows(store.db, folderId, all);
    expect(rows.map((r) => r.uid)).toEqual(expected());
    expect(rows.every((r) => r.flags === JSON.stringify(flagsOf(r.uid)))).toBe(true);
    const sparse = all.filter((u) => u % 7 === 0);
    expect((await flagRows(store.db, folderId, sparse)).map((r) => r.uid)).toEqual(sparse.filter((u) => expected().includes(u)));
    expect((await allFlagRows(store.db, folderId)).length).toBe(expected().length);
    const last = rows[rows.length - 1]!;
    expect((await flagRowsChangedSince(store.db, folderId, last.modseq - 1)).map((r) => r.uid)).toEqual([last.uid]);
  });
});
