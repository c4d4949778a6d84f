// SEARCH evaluation (RFC 9051 6.4.4) over the selected folder: every key, nested OR/NOT/groups,
// sequence sets with "*" and "$". Flags, dates, sizes and modseqs come from the rows; text keys
// match case-insensitively as substrings (not words) over decoded text: BODY and TEXT over the
// stored searchable text (decoded parts, computed at delivery), header keys over decoded header
// values read from the blob's header block only when such a key is asked.
import type { Store } from '../store/db.js';
import type { BlobStore } from '../blobs/blob-store.js';
import type { SearchKey } from './protocol/ast.js';
import { compareImapDates, toImapDate } from './protocol/datetime.js';
import { contains, resolve } from './protocol/sequence.js';
import type { SequenceSet } from './protocol/sequence.js';
import { decodeWords, getHeaders, parseHeaderFields } from '../mime/index.js';
import type { SelectedFolder } from './selected.js';
import { sql } from 'kysely';

interface Candidate {
  seq: number;
  uid: number;
  id: number;
  flags: string[];
  internalDate: number;
  size: number;
  modseq: number;
  threadId: number;
  blobHash: string;
  headerEnd: number;
  sentDate: number | null;
  text?: string;
  headers?: Array<{ name: string; value: string }>;
}

export interface SearchContext {
  store: Store;
  blobs: BlobStore;
  selected: SelectedFolder;
  /** The UIDs saved by SEARCH RETURN (SAVE), for "$". */
  saved: number[];
  now: number;
}

const lower = (s: string) => s.toLowerCase();

/** The UIDs (ascending) of messages matching all `keys`. */
export async function searchMessages(ctx: SearchContext, keys: SearchKey[]): Promise<number[]> {
  const view = ctx.selected.all;
  if (view.length === 0) return [];
  const rows = await ctx.store.db
    .selectFrom('messages')
    .select(['id', 'uid', 'flags', 'internal_date', 'size', 'modseq', 'thread_id', 'blob_hash', 'mime_tree', 'envelope'])
    .where('folder_id', '=', ctx.selected.folder.id)
    .where('uid', '<=', ctx.selected.maxUid)
    .orderBy('uid')
    .execute();
  const byUid = new Map(rows.map((r) => [r.uid, r]));
  const candidates: Candidate[] = [];
  view.forEach((m, i) => {
    const r = byUid.get(m.uid);
    if (!r) return; // expunged by another session, not yet reported: it cannot match
    const tree = JSON.parse(r.mime_tree) as { headerEnd: number };
    const env = JSON.parse(r.envelope) as { date: string | null };
    const sent = env.date ? Date.parse(env.date) : NaN;
    candidates.push({
      seq: i + 1,
      uid: m.uid,
      id: r.id,
      flags: m.flags,
      internalDate: r.internal_date,
      size: r.size,
      modseq: m.modseq,
      threadId: r.thread_id,
      blobHash: r.blob_hash,
      headerEnd: tree.headerEnd,
      sentDate: Number.isNaN(sent) ? null : sent,
    });
  });
  const out: number[] = [];
  for (const c of candidates) {
    let ok = true;
    for (const k of keys) {
      if (!(await matches(ctx, c, k))) {
        ok = false;
        break;
      }
    }
    if (ok) out.push(c.uid);
  }
  return out;
}

function inSet(ctx: SearchContext, set: SequenceSet, n: number, byUid: boolean): boolean {
  if (set.kind === 'saved') return byUid ? ctx.saved.includes(n) : ctx.saved.includes(ctx.selected.bySeq(n)?.uid ?? -1);
  return contains(resolve(set, byUid ? ctx.selected.maxUid : ctx.selected.count), n);
}

const hasFlag = (c: Candidate, flag: string) => c.flags.some((f) => lower(f) === lower(flag));

async function text(ctx: SearchContext, c: Candidate): Promise<string> {
  if (c.text === undefined) {
    const row =
      ctx.store.dialect === 'sqlite'
        ? (await sql<{ body: string }>`SELECT body FROM message_text WHERE rowid = ${c.id}`.execute(ctx.store.db)).rows[0]
        : (await sql<{ body: string }>`SELECT body FROM message_text WHERE message_id = ${c.id}`.execute(ctx.store.db)).rows[0];
    c.text = lower(row?.body ?? '');
  }
  return c.text;
}

async function headers(ctx: SearchContext, c: Candidate): Promise<Array<{ name: string; value: string }>> {
  if (!c.headers) {
    const chunks: Buffer[] = [];
    for await (const chunk of ctx.blobs.stream(c.blobHash, 0, c.headerEnd)) chunks.push(chunk as Buffer);
    const block = Buffer.concat(chunks);
    c.headers = parseHeaderFields(block, 0, block.length).map((h) => ({ name: h.name, value: decodeWords(h.value) }));
  }
  return c.headers;
}

async function headerContains(ctx: SearchContext, c: Candidate, field: string, value: string): Promise<boolean> {
  const values = getHeaders(await headers(ctx, c), field);
  // RFC 9051: HEADER with an empty string matches every message that has the field.
  if (value === '') return values.length > 0;
  return values.some((v) => lower(v).includes(lower(value)));
}

function dayCompare(ms: number, date: { year: number; month: number; day: number }): number {
  return compareImapDates(toImapDate(ms), date);
}

async function matches(ctx: SearchContext, c: Candidate, key: SearchKey): Promise<boolean> {
  switch (key.type) {
    case 'ALL':
      return true;
    case 'ANSWERED':
      return hasFlag(c, '\\Answered');
    case 'DELETED':
      return hasFlag(c, '\\Deleted');
    case 'DRAFT':
      return hasFlag(c, '\\Draft');
    case 'FLAGGED':
      return hasFlag(c, '\\Flagged');
    case 'SEEN':
      return hasFlag(c, '\\Seen');
    case 'UNANSWERED':
      return !hasFlag(c, '\\Answered');
    case 'UNDELETED':
      return !hasFlag(c, '\\Deleted');
    case 'UNDRAFT':
      return !hasFlag(c, '\\Draft');
    case 'UNFLAGGED':
      return !hasFlag(c, '\\Flagged');
    case 'UNSEEN':
      return !hasFlag(c, '\\Seen');
    // No session ever sees a message first here: \Recent is not kept (IMAP4rev2 dropped it).
    case 'RECENT':
    case 'NEW':
      return false;
    case 'OLD':
      return true;
    case 'SAVEDATESUPPORTED':
      return false;
    case 'KEYWORD':
      return hasFlag(c, key.flag);
    case 'UNKEYWORD':
      return !hasFlag(c, key.flag);
    case 'BODY':
    case 'TEXT': {
      // TEXT also covers headers: the stored text has subject and addresses; other header values too.
      if ((await text(ctx, c)).includes(lower(key.value))) return true;
      if (key.type === 'BODY') return false;
      return (await headers(ctx, c)).some((h) => lower(h.value).includes(lower(key.value)));
    }
    case 'FROM':
    case 'TO':
    case 'CC':
    case 'BCC':
    case 'SUBJECT':
      return headerContains(ctx, c, key.type.toLowerCase(), key.value);
    case 'HEADER':
      return headerContains(ctx, c, key.field.toLowerCase(), key.value);
    case 'BEFORE':
      return dayCompare(c.internalDate, key.date) < 0;
    case 'ON':
      return dayCompare(c.internalDate, key.date) === 0;
    case 'SINCE':
      return dayCompare(c.internalDate, key.date) >= 0;
    case 'SENTBEFORE':
      return c.sentDate !== null && dayCompare(c.sentDate, key.date) < 0;
    case 'SENTON':
      return c.sentDate !== null && dayCompare(c.sentDate, key.date) === 0;
    case 'SENTSINCE':
      return c.sentDate !== null && dayCompare(c.sentDate, key.date) >= 0;
    case 'SAVEDBEFORE':
    case 'SAVEDON':
    case 'SAVEDSINCE':
      return false;
    case 'LARGER':
      return c.size > key.size;
    case 'SMALLER':
      return c.size < key.size;
    case 'UID':
      return inSet(ctx, key.set, c.uid, true);
    case 'SEQUENCE':
      return inSet(ctx, key.set, c.seq, false);
    case 'NOT':
      return !(await matches(ctx, c, key.key));
    case 'OR':
      return (await matches(ctx, c, key.left)) || (await matches(ctx, c, key.right));
    case 'AND':
      for (const k of key.keys) if (!(await matches(ctx, c, k))) return false;
      return true;
    case 'MODSEQ':
      return c.modseq >= key.modseq;
    case 'OLDER':
      return c.internalDate <= ctx.now - key.seconds * 1000;
    case 'YOUNGER':
      return c.internalDate >= ctx.now - key.seconds * 1000;
    case 'EMAILID':
      return key.id === emailId(c.id);
    case 'THREADID':
      return key.id === threadId(c.threadId);
  }
}

/** OBJECTID (RFC 8474): stable ids from row ids, with a letter first as the RFC's objectid allows. */
export const emailId = (messageRowId: number) => `M${messageRowId.toString(36)}`;
export const threadId = (threadRowId: number) => `T${threadRowId.toString(36)}`;
