// Opens the database: SQLite (embedded default) or PostgreSQL, behind one Kysely type.
// SQLite: one connection in WAL mode. Kysely's SQLite driver already runs every query and
// transaction through that single connection in order, which is exactly the one-writer rule
// (no "database is locked" between our own writers); busy_timeout covers the admin CLI
// writing to the same file while the server runs.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import type { Database } from './schema.js';
import { migrate } from './migrations.js';
import { createGroupCommitter, withLaterWrites, type TxFn } from './group-commit.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Runs fn in one transaction; on SQLite this also serialises with every other writer. */
  tx<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
  /**
   * Like tx, but may share its transaction (and fsync) with other callers, and `fn` may leave
   * writes for the end of that transaction (`later`); see group-commit.ts.
   */
  batchTx<T>(fn: TxFn<T>): Promise<T>;
  close(): Promise<void>;
}

export type Db = Kysely<Database> | Transaction<Database>;

// int8 (bigint, bigserial) and numeric come back from pg as strings by default; our values
// (ids, millisecond times, byte counts) all fit a double exactly.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/**
 * Kysely prepares every query anew; with better-sqlite3 a prepared statement can be reused, and
 * preparing was a tenth of the CPU time of a delivery. Our queries are a small fixed set of SQL
 * texts (values are bound), so a bounded cache by text covers them.
 */
function withStatementCache(sqlite: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  return new Proxy(sqlite, {
    get(target, prop, receiver) {
      if (prop !== 'prepare') {
        const v = Reflect.get(target, prop, receiver) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      }
      return (text: string) => {
        let stmt = cache.get(text);
        if (!stmt) {
          stmt = prepare(text);
          if (cache.size >= 1000) cache.delete(cache.keys().next().value!);
          cache.set(text, stmt);
        }
        return stmt;
      };
    },
  });
}

/**
 * fsyncs the SQLite write-ahead log. Callers that arrive while an fsync runs share the next one
 * (it must start after their commit); the fsync runs in libuv's thread pool, not on the event loop.
 */
function walSyncer(dbFile: string): () => Promise<void> {
  const walFile = `${dbFile}-wal`;
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  const syncOnce = async () => {
    const handle = await fsp.open(walFile, 'r+').catch(() => null);
    if (!handle) return; // no log: everything is already in the database file, synced by checkpoint
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  };
  return function durable(): Promise<void> {
    if (!running) {
      running = syncOnce().finally(() => (running = null));
      return running;
    }
    if (!next) {
      next = running.then(() => {
        next = null;
        running = syncOnce().finally(() => (running = null));
        return running;
      });
    }
    return next;
  };
}

export async function openStore(opts: { url?: string; dataDir: string; poolSize?: number }): Promise<Store> {
  const url = opts.url;
  let db: Kysely<Database>;
  let dialect: Dialect;
  let sqliteFile: string | undefined;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    dialect = 'postgres';
    const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10 });
    // An idle connection the server ends (restart, admin, idle timeout) is an 'error' event on the
    // pool; unheard, it would crash the process. The pool opens a new one when next needed.
    pool.on('error', (err) => process.emitWarning(`PostgreSQL connection lost while idle: ${err.message}`));
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  } else {
    dialect = 'sqlite';
    const file = url ? url.replace(/^sqlite:/, '') : path.join(opts.dataDir, 'mailcove.db');
    sqliteFile = file;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const sqlite = new SQLite(file);
    sqlite.pragma('journal_mode = WAL');
    // NORMAL: COMMIT writes the log without fsync, which would stall the whole process (this
    // driver is synchronous); each transaction then waits for an fsync of the log done off the
    // main thread and shared by every commit before it (durable() below), so a 250 still follows
    // a write that survives power loss, as with FULL.
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 10000');
    sqlite.pragma('foreign_keys = ON');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  }
  await migrate(db, dialect);
  const durable = dialect === 'sqlite' ? walSyncer(sqliteFile!) : async () => undefined;
  const tx = async <T>(fn: (trx: Transaction<Database>) => Promise<T>) => {
    const result = await db.transaction().execute(fn);
    await durable();
    return result;
  };
  return {
    db,
    dialect,
    tx,
    // PostgreSQL already shares WAL flushes between concurrent commits, and a pool runs them in
    // parallel; funnelling them through one connection would only serialise the round trips.
    batchTx: dialect === 'sqlite' ? createGroupCommitter(tx) : (fn) => tx((trx) => withLaterWrites(trx, fn)),
    close: () => db.destroy(),
  };
}
