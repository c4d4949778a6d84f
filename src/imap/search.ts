// SEARCH evaluation (RFC 9051 6.4.4) over the selected folder: every key, nested OR/NOT/groups,
// sequence sets with "*" and "$". The session's view gives UIDs and sequence numbers; flags and
// modseqs (from the flags index), dates, sizes and ids (from the rows) are read only when a key
// needs them. BODY and TEXT go through the full-text
// index (store/text-search.ts: words in order, the last one possibly a prefix); header keys
// (FROM, SUBJECT, HEADER ...) match substrings of decoded header values from the index's header
// text, or from the blob's header block for messages indexed before it held headers.
import type { Store } from '../store/db.js';
import type { BlobStore } from '../blobs/blob-store.js';
import type { SearchKey } from './protocol/ast.js';
import { compareImapDates, toImapDate } from './protocol/datetime.js';
import { contains, resolve } from './protocol/sequence.js';
import type { SequenceSet } from './protocol/sequence.js';
import { decodeWords, getHeaders, parseHeaderFields, parseHeaderText } from '../mime/index.js';
import { folderHeaderTexts, searchFolderText } from '../store/text-search.js';
import type { SelectedFolder } from './selected.js';
import { FlagParser, hasFlag } from './flags.js';
import { allFlagRows } from '../store/folder-view.js';

interface Candidate {
  seq: number;
  uid: number;
  /** Only when a key needs them (Needs.flags): empty and 0 otherwise. */
  flags: string[];
  modseq: number;
  row?: CandidateRow;
  headers?: Array<{ name: string; value: string }>;
}

interface CandidateRow {
  id: number;
  internalDate: number;
  size: number;
  threadId: number;
  blobHash: string;
  headerEnd: number;
  sentDate: number | null;
  headerText: string;
}

export interface SearchContext {
  store: Store;
  blobs: BlobStore;
  selected: SelectedFolder;
  /** The UIDs saved by SEARCH RETURN (SAVE), for "$". */
  saved: number[];
  now: number;
}

/** What the keys need beyond the session's view. */
interface Needs {
  flags: boolean;
  rows: boolean;
  headers: boolean;
  text: Array<{ type: 'TEXT' | 'BODY'; value: string }>;
}

const ROW_KEYS = new Set(['BEFORE', 'ON', 'SINCE', 'SENTBEFORE', 'SENTON', 'SENTSINCE', 'LARGER', 'SMALLER', 'OLDER', 'YOUNGER', 'EMAILID', 'THREADID']);
const HEADER_KEYS = new Set(['FROM', 'TO', 'CC', 'BCC', 'SUBJECT', 'HEADER']);
const FLAG_KEYS = new Set(['ANSWERED', 'DELETED', 'DRAFT', 'FLAGGED', 'SEEN', 'UNANSWERED', 'UNDELETED', 'UNDRAFT', 'UNFLAGGED', 'UNSEEN', 'NEW', 'KEYWORD', 'UNKEYWORD', 'MODSEQ']);

function needsOf(keys: SearchKey[], n: Needs = { flags: false, rows: false, headers: false, text: [] }): Needs {
  for (const k of keys) {
    if (FLAG_KEYS.has(k.type)) n.flags = true;
    else if (ROW_KEYS.has(k.type)) n.rows = true;
    else if (HEADER_KEYS.has(k.type)) n.rows = n.headers = true;
    else if (k.type === 'TEXT' || k.type === 'BODY') n.text.push({ type: k.type, value: k.value });
    else if (k.type === 'NOT') needsOf([k.key], n);
    else if (k.type === 'OR') needsOf([k.left, k.right], n);
    else if (k.type === 'AND') needsOf(k.keys, n);
  }
  return n;
}

const textKey = (type: string, value: string) => `${type}\0${value}`;

const lower = (s: string) => s.toLowerCase();

export interface SearchResult {
  /** Matching UIDs, ascending. */
  uids: number[];
  /** The highest modseq among them when the keys read modseqs (a MODSEQ key), else 0. */
  maxModseq: number;
}

const NO_FLAGS: string[] = [];

/** The messages matching all `keys`. */
export async function searchMessages(ctx: SearchContext, keys: SearchKey[]): Promise<SearchResult> {
  const view = ctx.selected.uidList.slice();
  const out: SearchResult = { uids: [], maxModseq: 0 };
  if (view.length === 0) return out;
  const needs = needsOf(keys);
  const folder = ctx.selected.folder;
  // Each distinct TEXT/BODY string is one index query for the whole folder.
  const textHits = new Map<string, Set<number>>();
  for (const t of needs.text) {
    const k = textKey(t.type, t.value);
    if (!textHits.has(k)) textHits.set(k, await searchFolderText(ctx.store, folder.mailbox_id, folder.id, t.type === 'TEXT' ? 'all' : 'body', t.value));
  }
  const flags = needs.flags ? await loadFlags(ctx) : null;
  const rows = needs.rows ? await loadRows(ctx, needs.headers) : null;
  for (let i = 0; i < view.length; i++) {
    const uid = view[i]!;
    const c: Candidate = { seq: i + 1, uid, flags: NO_FLAGS, modseq: 0 };
    // Missing from what was read: expunged by another session, not yet reported; it cannot match.
    if (flags) {
      const f = flags.get(uid);
      if (!f) continue;
      c.flags = f.flags;
      c.modseq = f.modseq;
    }
    if (rows) {
      c.row = rows.get(uid);
      if (!c.row) continue;
    }
    let ok = true;
    for (const k of keys) {
      if (!(await matches(ctx, c, k, textHits))) {
        ok = false;
        break;
      }
    }
    if (ok) {
      out.uids.push(uid);
      if (c.modseq > out.maxModseq) out.maxModseq = c.modseq;
    }
  }
  return out;
}

async function loadFlags(ctx: SearchContext): Promise<Map<number, { flags: string[]; modseq: number }>> {
  const parser = new FlagParser();
  const out = new Map<number, { flags: string[]; modseq: number }>();
  for (const r of await allFlagRows(ctx.store.db, ctx.selected.folder.id)) out.set(r.uid, { flags: parser.parse(r.flags), modseq: r.modseq });
  return out;
}

async function loadRows(ctx: SearchContext, withHeaders: boolean): Promise<Map<number, CandidateRow>> {
  const rows = await ctx.store.db
    .selectFrom('messages')
    .select(['id', 'uid', 'internal_date', 'size', 'thread_id', 'blob_hash', 'mime_tree', 'envelope'])
    .where('folder_id', '=', ctx.selected.folder.id)
    .where('uid', '<=', ctx.selected.maxUid)
    .execute();
  const headerTexts = withHeaders ? await folderHeaderTexts(ctx.store, ctx.selected.folder.id) : null;
  const out = new Map<number, CandidateRow>();
  for (const r of rows) {
    const env = JSON.parse(r.envelope) as { date: string | null };
    const sent = env.date ? Date.parse(env.date) : NaN;
    out.set(r.uid, {
      id: r.id,
      internalDate: r.internal_date,
      size: r.size,
      threadId: r.thread_id,
      blobHash: r.blob_hash,
      headerEnd: withHeaders ? (JSON.parse(r.mime_tree) as { headerEnd: number }).headerEnd : 0,
      sentDate: Number.isNaN(sent) ? null : sent,
      headerText: headerTexts?.get(r.uid) ?? '',
    });
  }
  return out;
}

function inSet(ctx: SearchContext, set: SequenceSet, n: number, byUid: boolean): boolean {
  if (set.kind === 'saved') return byUid ? ctx.saved.includes(n) : ctx.saved.includes(ctx.selected.uidAt(n));
  return contains(resolve(set, byUid ? ctx.selected.maxUid : ctx.selected.count), n);
}


async function headers(ctx: SearchContext, c: Candidate): Promise<Array<{ name: string; value: string }>> {
  if (!c.headers) {
    const row = c.row!;
    if (row.headerText) c.headers = parseHeaderText(row.headerText);
    else {
      const chunks: Buffer[] = [];
      for await (const chunk of ctx.blobs.stream(row.blobHash, 0, row.headerEnd)) chunks.push(chunk as Buffer);
      const block = Buffer.concat(chunks);
      c.headers = parseHeaderFields(block, 0, block.length).map((h) => ({ name: h.name, value: decodeWords(h.value) }));
    }
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

async function matches(ctx: SearchContext, c: Candidate, key: SearchKey, textHits: Map<string, Set<number>>): Promise<boolean> {
  switch (key.type) {
    case 'ALL':
      return true;
    case 'ANSWERED':
      return hasFlag(c.flags, '\\Answered');
    case 'DELETED':
      return hasFlag(c.flags, '\\Deleted');
    case 'DRAFT':
      return hasFlag(c.flags, '\\Draft');
    case 'FLAGGED':
      return hasFlag(c.flags, '\\Flagged');
    case 'SEEN':
      return hasFlag(c.flags, '\\Seen');
    case 'UNANSWERED':
      return !hasFlag(c.flags, '\\Answered');
    case 'UNDELETED':
      return !hasFlag(c.flags, '\\Deleted');
    case 'UNDRAFT':
      return !hasFlag(c.flags, '\\Draft');
    case 'UNFLAGGED':
      return !hasFlag(c.flags, '\\Flagged');
    case 'UNSEEN':
      return !hasFlag(c.flags, '\\Seen');
    case 'RECENT':
      return ctx.selected.isRecent(c.uid);
    case 'NEW':
      return ctx.selected.isRecent(c.uid) && !hasFlag(c.flags, '\\Seen');
    case 'OLD':
      return !ctx.selected.isRecent(c.uid);
    case 'SAVEDATESUPPORTED':
      return false;
    case 'KEYWORD':
      return hasFlag(c.flags, key.flag);
    case 'UNKEYWORD':
      return !hasFlag(c.flags, key.flag);
    case 'BODY':
    case 'TEXT':
      return textHits.get(textKey(key.type, key.value))!.has(c.uid);
    case 'FROM':
    case 'TO':
    case 'CC':
    case 'BCC':
    case 'SUBJECT':
      return headerContains(ctx, c, key.type.toLowerCase(), key.value);
    case 'HEADER':
      return headerContains(ctx, c, key.field.toLowerCase(), key.value);
    case 'BEFORE':
      return dayCompare(c.row!.internalDate, key.date) < 0;
    case 'ON':
      return dayCompare(c.row!.internalDate, key.date) === 0;
    case 'SINCE':
      return dayCompare(c.row!.internalDate, key.date) >= 0;
    case 'SENTBEFORE':
      return c.row!.sentDate !== null && dayCompare(c.row!.sentDate, key.date) < 0;
    case 'SENTON':
      return c.row!.sentDate !== null && dayCompare(c.row!.sentDate, key.date) === 0;
    case 'SENTSINCE':
      return c.row!.sentDate !== null && dayCompare(c.row!.sentDate, key.date) >= 0;
    case 'SAVEDBEFORE':
    case 'SAVEDON':
    case 'SAVEDSINCE':
      return false;
    case 'LARGER':
      return c.row!.size > key.size;
    case 'SMALLER':
      return c.row!.size < key.size;
    case 'UID':
      return inSet(ctx, key.set, c.uid, true);
    case 'SEQUENCE':
      return inSet(ctx, key.set, c.seq, false);
    case 'NOT':
      return !(await matches(ctx, c, key.key, textHits));
    case 'OR':
      return (await matches(ctx, c, key.left, textHits)) || (await matches(ctx, c, key.right, textHits));
    case 'AND':
      for (const k of key.keys) if (!(await matches(ctx, c, k, textHits))) return false;
      return true;
    case 'MODSEQ':
      return c.modseq >= key.modseq;
    case 'OLDER':
      return c.row!.internalDate <= ctx.now - key.seconds * 1000;
    case 'YOUNGER':
      return c.row!.internalDate >= ctx.now - key.seconds * 1000;
    case 'EMAILID':
      return key.id === emailId(c.row!.id);
    case 'THREADID':
      return key.id === threadId(c.row!.threadId);
  }
}

/** OBJECTID (RFC 8474): stable ids from row ids, with a letter first as the RFC's objectid allows. */
export const emailId = (messageRowId: number) => `M${messageRowId.toString(36)}`;
export const threadId = (threadRowId: number) => `T${threadRowId.toString(36)}`;
