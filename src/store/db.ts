// Opens the database: SQLite (embedded default) or PostgreSQL, behind one Kysely type.
// SQLite: one connection in WAL mode. Kysely's SQLite driver already runs every query and
// transaction through that single connection in order, which is exactly the one-writer rule
// (no "database is locked" between our own writers); busy_timeout covers the admin CLI
// writing to the same file while the server runs.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import type { Database } from './schema.js';
import { migrate } from './migrations.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Runs fn in one transaction; on SQLite this also serialises with every other writer. */
  tx<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type Db = Kysely<Database> | Transaction<Database>;

// int8 (bigint, bigserial) and numeric come back from pg as strings by default; our values
// (ids, millisecond times, byte counts) all fit a double exactly.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export async function openStore(opts: { url?: string; dataDir: string; poolSize?: number }): Promise<Store> {
  const url = opts.url;
  let db: Kysely<Database>;
  let dialect: Dialect;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    dialect = 'postgres';
    db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10 }) }),
    });
  } else {
    dialect = 'sqlite';
    const file = url ? url.replace(/^sqlite:/, '') : path.join(opts.dataDir, 'mailcove.db');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const sqlite = new SQLite(file);
    sqlite.pragma('journal_mode = WAL');
    // FULL: a committed transaction survives power loss, which is what our 250 promises.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('busy_timeout = 10000');
    sqlite.pragma('foreign_keys = ON');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  }
  await migrate(db, dialect);
  return {
    db,
    dialect,
    tx: (fn) => db.transaction().execute(fn),
    close: () => db.destroy(),
  };
}
