/**
 * A fresh, migrated store for one test (or one describe block), in either dialect:
 *
 *   for (const dialect of DIALECTS) describe(`thing (${dialect})`, () => {
 *     let t: FreshStore;
 *     beforeAll(async () => { t = await freshStore(dialect); });
 *     afterAll(() => t.cleanup());
 *     ...t.store, t.blobs, t.dataDir
 *   });
 *
 * - sqlite: a new temp directory holding mailcove.db and blobs/.
 * - postgres: needs MAILCOVE_TEST_PG, a URL to a server where that role may CREATE DATABASE
 *   (e.g. postgres://postgres@127.0.0.1:5432/postgres). Each call creates `mc_test_<random>` there,
 *   and cleanup() drops it again. Blobs still go to a temp directory.
 * - DIALECTS lists 'postgres' only when MAILCOVE_TEST_PG is set, so loops over it just work;
 *   PG_SKIP_REASON says why PostgreSQL is left out, for suites that want to report it.
 * - cleanup() is idempotent and tolerates a store the test already closed.
 */
import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openStore, type Store } from '../../src/store/db.js';
import { BlobStore } from '../../src/blobs/blob-store.js';

export type TestDialect = 'sqlite' | 'postgres';

export const PG_URL = process.env.MAILCOVE_TEST_PG || undefined;

export const DIALECTS: Array<TestDialect> = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export const PG_SKIP_REASON = PG_URL ? null : 'MAILCOVE_TEST_PG is not set (a postgres:// URL of a role allowed to CREATE DATABASE)';

export interface FreshStore {
  store: Store;
  blobs: BlobStore;
  dataDir: string;
  dialect: TestDialect;
  /** The URL passed to openStore (postgres only): tests that open a second connection can reuse it. */
  url?: string;
  cleanup(): Promise<void>;
}

/** The admin URL with its database swapped for `db`. */
function withDatabase(adminUrl: string, db: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${db}`;
  return u.toString();
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A new, empty PostgreSQL database on the MAILCOVE_TEST_PG server, and how to drop it. */
export async function createPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!PG_URL) throw new Error(`postgres test database requested but ${PG_SKIP_REASON}`);
  const dbName = `mc_test_${crypto.randomBytes(6).toString('hex')}`; // [a-z0-9_]: no quoting issues
  await adminQuery(PG_URL, `CREATE DATABASE ${dbName}`);
  // WITH (FORCE) (PostgreSQL 13+) ends connections a test may have leaked.
  return { url: withDatabase(PG_URL, dbName), drop: () => adminQuery(PG_URL, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`) };
}

export async function freshStore(dialect: TestDialect): Promise<FreshStore> {
  const dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'mailcove-test-'));
  const blobs = new BlobStore(path.join(dataDir, 'blobs'));
  let pgDb: { url: string; drop(): Promise<void> } | undefined;
  let store: Store;
  try {
    if (dialect === 'postgres') {
      pgDb = await createPgDatabase();
      store = await openStore({ url: pgDb.url, dataDir, poolSize: 5 });
    } else {
      store = await openStore({ dataDir });
    }
  } catch (err) {
    await pgDb?.drop().catch(() => undefined);
    await fsp.rm(dataDir, { recursive: true, force: true });
    throw err;
  }
  const url = pgDb?.url;

  let cleaned = false;
  return {
    store,
    blobs,
    dataDir,
    dialect,
    ...(url ? { url } : {}),
    async cleanup() {
      if (cleaned) return;
      cleaned = true;
      await store.close().catch(() => undefined);
      await pgDb?.drop();
      await fsp.rm(dataDir, { recursive: true, force: true });
    },
  };
}
