// Store.batchTx: deliveries that commit together share a transaction, each in its own savepoint,
// and writes they leave for later (`later`, the full-text entries) run at the end of it, only for
// the deliveries that succeeded; a later write that fails fails them all.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/db.js';
import { DIALECTS, freshStore, type FreshStore } from '../helpers/store.js';

const rows = async (store: Store) => (await sql<{ v: string }>`SELECT v FROM scratch ORDER BY n`.execute(store.db)).rows.map((r) => r.v);

describe.each(DIALECTS)('batchTx and later writes (%s)', (dialect) => {
  let fresh: FreshStore;
  let store: Store;
  let n = 0;
  const put = (v: string) => (trx: Parameters<Parameters<Store['batchTx']>[0]>[0]) => sql`INSERT INTO scratch (n, v) VALUES (${++n}, ${v})`.execute(trx).then(() => undefined);

  beforeAll(async () => {
    fresh = await freshStore(dialect);
    store = fresh.store;
    await sql`CREATE TABLE scratch (n integer PRIMARY KEY, v text NOT NULL)`.execute(store.db);
  });
  afterAll(() => fresh.cleanup());

  it('runs later writes at the end, for the callers that succeeded only', async () => {
    await sql`DELETE FROM scratch`.execute(store.db);
    // The first caller holds the writer while the next three queue up, so on SQLite they form one batch.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const first = store.batchTx(async () => held);
    const seenByC: string[][] = [];
    const a = store.batchTx(async (trx, later) => {
      await put('a-now')(trx);
      later(put('a-later'));
      return 'a';
    });
    const b = store.batchTx(async (trx, later) => {
      await put('b-now')(trx);
      later(put('b-later'));
      throw new Error('b fails');
    });
    const c = store.batchTx(async (trx, later) => {
      seenByC.push((await sql<{ v: string }>`SELECT v FROM scratch ORDER BY n`.execute(trx)).rows.map((r) => r.v));
      later(put('c-later'));
      return 'c';
    });
    release();
    await first;
    const [ra, rb, rc] = await Promise.allSettled([a, b, c]);
    expect(ra).toEqual({ status: 'fulfilled', value: 'a' });
    expect(rb.status === 'rejected' && (rb.reason as Error).message).toBe('b fails');
    expect(rc).toEqual({ status: 'fulfilled', value: 'c' });
    const written = await rows(store);
    expect([...written].sort()).toEqual(['a-later', 'a-now', 'c-later']);
    // In one batch, a's later write waits for the end of the batch (after c's savepoint). On
    // PostgreSQL each caller has its own transaction on the pool, so a's and c's order is open.
    if (dialect === 'sqlite') {
      expect(written).toEqual(['a-now', 'a-later', 'c-later']);
      expect(seenByC).toEqual([['a-now']]);
    }
  });

  it('a later write that fails fails its whole batch', async () => {
    await sql`DELETE FROM scratch`.execute(store.db);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const first = store.batchTx(async () => held);
    const ok = store.batchTx(async (trx) => put('ok-now')(trx));
    const bad = store.batchTx(async (_trx, later) => later(() => Promise.reject(new Error('index full'))));
    release();
    await first;
    const [rok, rbad] = await Promise.allSettled([ok, bad]);
    expect(rbad.status === 'rejected' && (rbad.reason as Error).message).toBe('index full');
    if (dialect === 'sqlite') {
      // Same transaction as the failing one: rolled back with it, and told so.
      expect(rok.status === 'rejected' && (rok.reason as Error).message).toBe('index full');
      expect(await rows(store)).toEqual([]);
    } else {
      expect(rok.status).toBe('fulfilled');
      expect(await rows(store)).toEqual(['ok-now']);
    }
  });
});
