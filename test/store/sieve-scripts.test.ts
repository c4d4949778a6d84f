import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as admin from '../../src/accounts/admin.js';
import * as scripts from '../../src/store/sieve-scripts-repo.js';
import { DIALECTS, freshStore, type FreshStore } from '../helpers/store.js';

describe.each(DIALECTS)('Sieve script storage (%s)', (dialect) => {
  let fresh: FreshStore;
  let a: number;
  let b: number;

  beforeAll(async () => {
    fresh = await freshStore(dialect);
    const ctx = { store: fresh.store, blobs: fresh.blobs, defaultQuotaBytes: 1000 };
    await admin.addDomain(ctx, 'sieve.test');
    a = (await admin.addMailbox(ctx, 'a@sieve.test')).id;
    b = (await admin.addMailbox(ctx, 'b@sieve.test')).id;
  });
  afterAll(() => fresh.cleanup());

  it('keeps one active script per mailbox; the active one cannot be deleted; renames keep it active', async () => {
    const { store } = fresh;
    await scripts.putScript(store, a, 'one', 'keep;', 1);
    await scripts.putScript(store, a, 'two', 'discard;', 2);
    await scripts.putScript(store, b, 'one', 'stop;', 3);
    expect(await scripts.setActiveScript(store, a, 'missing')).toBe(false);
    expect(await scripts.setActiveScript(store, a, 'one')).toBe(true);
    expect(await scripts.setActiveScript(store, a, 'two')).toBe(true);
    expect((await scripts.activeScript(store.db, a))?.name).toBe('two');
    expect(await scripts.activeScript(store.db, b)).toBeUndefined();
    expect(await scripts.deleteScript(store, a, 'two')).toBe('active');
    expect(await scripts.renameScript(store, a, 'two', 'one', 4)).toBe('exists');
    expect(await scripts.renameScript(store, a, 'two', 'main', 4)).toBe('renamed');
    expect((await scripts.activeScript(store.db, a))?.name).toBe('main');
    await scripts.putScript(store, a, 'main', 'keep; stop;', 5);
    expect((await scripts.activeScript(store.db, a))?.content).toBe('keep; stop;');
    expect(await scripts.deleteScript(store, a, 'one')).toBe('deleted');
    expect(await scripts.deleteScript(store, a, 'one')).toBe('missing');
    expect(await scripts.setActiveScript(store, a, null)).toBe(true);
    expect(await scripts.activeScript(store.db, a)).toBeUndefined();
    expect(await scripts.scriptsSize(store.db, a)).toEqual({ count: 1, bytes: 11 });
    expect((await scripts.listScripts(store.db, b)).map((s) => s.content)).toEqual(['stop;']);
  });

  it('remembers duplicate ids until they expire', async () => {
    const { db } = fresh.store;
    await scripts.recordDuplicate(db, a, 'h1', 100);
    expect(await scripts.seenDuplicate(db, a, 'h1', 50)).toBe(true);
    expect(await scripts.seenDuplicate(db, b, 'h1', 50)).toBe(false);
    expect(await scripts.seenDuplicate(db, a, 'h1', 100)).toBe(false);
    await scripts.recordDuplicate(db, a, 'h1', 200);
    expect(await scripts.seenDuplicate(db, a, 'h1', 150)).toBe(true);
    await scripts.pruneDuplicates(db, 300);
    expect(await db.selectFrom('sieve_duplicates').selectAll().execute()).toEqual([]);
  });
});
