// The queries behind an IMAP session's view of a folder (src/imap/selected.ts). A SELECT of a
// folder of 100,000 messages must cost about what it costs on ten (ARCHITECTURE.md, Storage), so
// nothing here turns one message into one JS object unless the caller asked for those messages:
// - the UID list comes back as one aggregated text (one result row, not 100,000) parsed into a
//   Uint32Array;
// - flag sets are few (most messages have [], [\Seen] or [\Seen \Answered]): the distinct ones
//   are found by a loose index scan of messages_folder_flags (migration 015), one seek per set,
//   and "which messages have \Deleted" or "the first unseen one" become seeks on those sets.
import { sql, type SelectQueryBuilder } from 'kysely';
import type { Db, Dialect } from './db.js';
import type { Database } from './schema.js';

export interface FlagRow {
  uid: number;
  /** The stored JSON text of the flag list. */
  flags: string;
  modseq: number;
}

/** UIDs per query when a caller names them: well under SQLite's and PostgreSQL's parameter limits. */
const BATCH = 500;

/**
 * UIDs per call into services whose queries name every UID (storeFlags, expungeMessages): SQLite
 * takes at most 32,766 parameters a statement, PostgreSQL 65,535.
 */
export const UID_CALL_BATCH = 10_000;

/** The UIDs of a folder above `afterUid`, ascending. */
export async function folderUids(db: Db, dialect: Dialect, folderId: number, afterUid = 0): Promise<Uint32Array> {
  // Aggregated in the (folder, uid) index's order: an ORDER BY inside the aggregate would make
  // SQLite sort again. Neither database promises to keep a subquery's order, so it is checked.
  const list = dialect === 'sqlite' ? sql`group_concat(uid)` : sql`string_agg(uid::text, ',')`;
  const r = await sql<{ uids: string | null }>`SELECT ${list} AS uids FROM (SELECT uid FROM messages WHERE folder_id = ${folderId} AND uid > ${afterUid} ORDER BY uid) t`.execute(db);
  const uids = parseUidList(r.rows[0]?.uids ?? null);
  for (let i = 1; i < uids.length; i++) if (uids[i - 1]! > uids[i]!) return uids.sort();
  return uids;
}

/** "3,4,9" → [3, 4, 9]. */
export function parseUidList(text: string | null): Uint32Array {
  if (!text) return new Uint32Array(0);
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 44) n++;
  const out = new Uint32Array(n);
  let k = 0;
  let v = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44) {
      out[k++] = v;
      v = 0;
    } else v = v * 10 + (c - 48);
  }
  out[k] = v;
  return out;
}

/** Seeks from JS before the rest of a folder's flag sets is read by one scan (folders with keywords per message). */
const FLAG_SET_SEEKS = 100;

/**
 * The distinct flag texts of a folder, ascending: a loose index scan, one index seek per distinct
 * set. PostgreSQL runs it as one recursive query (one round trip). SQLite, in process, seeks from
 * here: its recursive query fills a temporary table on every call, and the freed pages, interleaved
 * with long-lived connection buffers, cost 5-6 KB of RSS per IDLE connection that had selected.
 */
export async function folderFlagSets(db: Db, dialect: Dialect, folderId: number): Promise<string[]> {
  if (dialect === 'postgres') {
    const r = await sql<{ flags: string | null }>`
      WITH RECURSIVE f(flags) AS (
        SELECT MIN(flags) FROM messages WHERE folder_id = ${folderId}
        UNION ALL
        SELECT (SELECT MIN(m.flags) FROM messages m WHERE m.folder_id = ${folderId} AND m.flags > f.flags) FROM f WHERE f.flags IS NOT NULL
      )
      SELECT flags FROM f WHERE flags IS NOT NULL`.execute(db);
    return r.rows.map((x) => x.flags!);
  }
  const out: string[] = [];
  const after = (q: SelectQueryBuilder<Database, 'messages', object>) => (out.length ? q.where('flags', '>', out[out.length - 1]!) : q);
  while (out.length < FLAG_SET_SEEKS) {
    const r = await after(db.selectFrom('messages').where('folder_id', '=', folderId)).select((eb) => eb.fn.min('flags').as('flags')).executeTakeFirst();
    if (r?.flags == null) return out;
    out.push(r.flags);
  }
  // The index gives the flags in order: DISTINCT needs no sorting, only one pass over the rest.
  const rest = await after(db.selectFrom('messages').where('folder_id', '=', folderId)).select('flags').distinct().orderBy('flags').execute();
  return out.concat(rest.map((r) => r.flags));
}

/** `items` cut into arrays of at most `size`. */
export function chunks<T>(items: ArrayLike<T>, size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(Array.prototype.slice.call(items, i, i + size) as T[]);
  return out;
}

/** The smallest UID up to `maxUid` whose flag text is one of `sets`, or 0. */
export async function firstUidWithFlagSets(db: Db, folderId: number, sets: string[], maxUid: number): Promise<number> {
  let first = 0;
  for (const part of chunks(sets)) {
    const r = await db
      .selectFrom('messages')
      .select((eb) => eb.fn.min('uid').as('uid'))
      .where('folder_id', '=', folderId)
      .where('flags', 'in', part)
      .where('uid', '<=', maxUid)
      .executeTakeFirst();
    const uid = Number(r?.uid ?? 0);
    if (uid && (!first || uid < first)) first = uid;
  }
  return first;
}

/** The UIDs (unordered) whose flag text is one of `sets`. */
export async function uidsWithFlagSets(db: Db, folderId: number, sets: string[]): Promise<number[]> {
  const out: number[] = [];
  for (const part of chunks(sets)) {
    const rows = await db.selectFrom('messages').select('uid').where('folder_id', '=', folderId).where('flags', 'in', part).execute();
    for (const r of rows) out.push(r.uid);
  }
  return out;
}

/** How many messages have one of the flag texts `sets`. */
export async function countWithFlagSets(db: Db, folderId: number, sets: string[]): Promise<number> {
  let n = 0;
  for (const part of chunks(sets)) {
    const r = await db.selectFrom('messages').select((eb) => eb.fn.countAll().as('n')).where('folder_id', '=', folderId).where('flags', 'in', part).executeTakeFirst();
    n += Number(r?.n ?? 0);
  }
  return n;
}

/**
 * Restricts a messages query to a batch of UIDs (ascending): a dense batch (1:*, most client
 * ranges) as one index range, which may also return UIDs between them; a sparse one as an IN list.
 */
export function whereUidBatch<O>(q: SelectQueryBuilder<Database, 'messages', O>, batch: number[]): SelectQueryBuilder<Database, 'messages', O> {
  const first = batch[0]!;
  const last = batch[batch.length - 1]!;
  return last - first < batch.length * 2 ? q.where('uid', '>=', first).where('uid', '<=', last) : q.where('uid', 'in', batch);
}

/** Flags and modseq of the given UIDs (ascending) as committed; expunged ones are missing. */
export async function flagRows(db: Db, folderId: number, uids: ArrayLike<number>): Promise<FlagRow[]> {
  const out: FlagRow[] = [];
  for (const batch of chunks(uids)) {
    const wanted = new Set(batch);
    const rows = await whereUidBatch(db.selectFrom('messages').select(['uid', 'flags', 'modseq']).where('folder_id', '=', folderId), batch).orderBy('uid').execute();
    for (const r of rows) if (wanted.has(r.uid)) out.push(r);
  }
  return out;
}

/** Flags and modseq of every message of a folder (unordered): read from messages_folder_flags alone. */
export async function allFlagRows(db: Db, folderId: number): Promise<FlagRow[]> {
  return db.selectFrom('messages').select(['uid', 'flags', 'modseq']).where('folder_id', '=', folderId).execute();
}

/** The messages changed after `modseq` (RFC 7162 CHANGEDSINCE), by the (folder, modseq) index. */
export async function flagRowsChangedSince(db: Db, folderId: number, modseq: number): Promise<FlagRow[]> {
  return db.selectFrom('messages').select(['uid', 'flags', 'modseq']).where('folder_id', '=', folderId).where('modseq', '>', modseq).orderBy('uid').execute();
}

/** Total size in octets of a folder's messages (STATUS SIZE, RFC 8438). */
export async function folderSize(db: Db, folderId: number): Promise<number> {
  const r = await db.selectFrom('messages').select((eb) => eb.fn.sum<number>('size').as('n')).where('folder_id', '=', folderId).executeTakeFirst();
  return Number(r?.n ?? 0);
}
