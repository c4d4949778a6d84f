// FETCH and UID FETCH (RFC 9051 6.4.5) with CONDSTORE's CHANGEDSINCE and MODSEQ (RFC 7162 3.1.4)
// and QRESYNC's VANISHED modifier (RFC 7162 3.2.6).
// The attributes come from ../fetch.ts (stored ENVELOPE/BODYSTRUCTURE, byte ranges of the blob).
// Non-PEEK body fetches set \Seen through storeFlags (so other sessions hear of it) before the
// answer, which then reports the new FLAGS (RFC 9051 6.4.5).
// Large byte ranges (BODY[], RFC822, ...) are streamed from the blob store chunk by chunk with the
// socket's backpressure (Session.writeAsync), so a 25 MB message is never held in memory whole.
import type { FetchItem } from '../protocol/ast.js';
import { type BlobSlice, type FetchRow, fetchAttributes } from '../fetch.js';
import type { MessageRow } from '../../store/messages-repo.js';
import type { Session } from '../session.js';
import { response } from '../protocol/index.js';
import { vanishedSince } from './select.js';
import { storeFlagsInBatches } from './store.js';
import { FlagParser, hasFlag } from '../flags.js';
import { flagRows, flagRowsChangedSince, whereUidBatch } from '../../store/folder-view.js';
import { type Handler, bad, no, ok } from './types.js';

const BATCH = 500;

/** The columns each item reads (../fetch.ts); FLAGS also its modseq, so an announced change it covers is dropped. */
const ITEM_COLUMNS: Partial<Record<FetchItem['type'], Array<keyof MessageRow>>> = {
  UID: [],
  FLAGS: ['flags', 'modseq'],
  MODSEQ: ['modseq'],
  INTERNALDATE: ['internal_date'],
  'RFC822.SIZE': ['size'],
  ENVELOPE: ['envelope_imap', 'envelope'],
  BODY: ['body_structure'],
  BODYSTRUCTURE: ['body_structure'],
  EMAILID: ['id'],
  THREADID: ['thread_id'],
  SAVEDATE: ['created_at'],
  RFC822: ['blob_hash', 'size'],
};
/** Body sections and BINARY read the blob through the MIME tree. */
const BLOB_COLUMNS: Array<keyof MessageRow> = ['blob_hash', 'size', 'mime_tree'];

/**
 * The message columns an item list needs, and no other: a row object costs by its columns, and
 * `UID FETCH 1:* (UID FLAGS ENVELOPE)` of 100,000 messages spends most of its time making rows.
 */
function columnsFor(items: FetchItem[]): Array<keyof MessageRow> {
  const cols = new Set<keyof MessageRow>(['uid']);
  for (const i of items) for (const c of ITEM_COLUMNS[i.type] ?? BLOB_COLUMNS) cols.add(c);
  return [...cols];
}

type Row = FetchRow & Partial<Pick<MessageRow, 'flags' | 'modseq'>>;

/**
 * The rows of a batch of UIDs (ascending), one query (store/folder-view.ts whereUidBatch). JSON
 * columns not asked for stay unread (the envelope text is only read when its preformatted copy
 * is missing).
 */
async function rowsOf(s: Session, folderId: number, batch: number[], columns: Array<keyof MessageRow>): Promise<Map<number, Row>> {
  const q = s.deps.store.db.selectFrom('messages').select(columns.filter((c) => c !== 'envelope')).where('folder_id', '=', folderId);
  const rows = (await whereUidBatch(q, batch).execute()) as Row[];
  if (columns.includes('envelope')) {
    const missing = rows.filter((r) => r.envelope_imap == null).map((r) => r.uid);
    if (missing.length) {
      const env = await s.deps.store.db.selectFrom('messages').select(['uid', 'envelope']).where('folder_id', '=', folderId).where('uid', 'in', missing).execute();
      const byUid = new Map(env.map((e) => [e.uid, e.envelope]));
      for (const r of rows) if (r.envelope_imap == null) r.envelope = byUid.get(r.uid) ?? 'null';
    }
  }
  return new Map(rows.map((r) => [r.uid, r]));
}

const setsSeen = (items: FetchItem[]) =>
  items.some((i) => i.type === 'RFC822' || i.type === 'RFC822.TEXT' || ((i.type === 'BODYSECTION' || i.type === 'BINARY') && !i.peek));

export const fetch: Handler<'FETCH'> = async (s, cmd) => {
  const sel = s.selected!;
  // RFC 7162 3.2.6: VANISHED without ENABLE QRESYNC, or without CHANGEDSINCE, is BAD.
  if (cmd.vanished && !s.qresync) throw bad('ENABLE QRESYNC first');
  if (cmd.vanished && cmd.changedSince === null) throw bad('VANISHED needs CHANGEDSINCE');
  const items = [...cmd.items];
  // RFC 9051 6.4.8: UID FETCH always answers UID; under QRESYNC every FETCH does (RFC 7162 3.2.4).
  if ((cmd.uid || s.qresync) && !items.some((i) => i.type === 'UID')) items.unshift({ type: 'UID' });
  if (cmd.changedSince !== null) {
    s.condstore = true;
    if (!items.some((i) => i.type === 'MODSEQ')) items.push({ type: 'MODSEQ' });
  }
  if (items.some((i) => i.type === 'MODSEQ')) s.condstore = true;
  let uids = s.uidsOf(cmd.set, cmd.uid);
  if (cmd.vanished && cmd.changedSince !== null) {
    // RFC 7162 3.2.6: the expunged UIDs of the set, before the FETCH responses.
    const gone = await vanishedSince(s, sel.folder.id, cmd.changedSince, cmd.set, sel.maxUid);
    if (gone.length) s.write(response.vanished(gone, true));
  }
  const db = s.deps.store.db;
  if (cmd.changedSince !== null) {
    const changed = new Set((await flagRowsChangedSince(db, sel.folder.id, Number(cmd.changedSince))).map((r) => r.uid));
    uids = uids.filter((u) => changed.has(u));
  }
  let flagsAdded = new Set<number>();
  if (setsSeen(items) && !sel.readOnly) {
    const unseen = (await flagRows(db, sel.folder.id, uids)).filter((r) => !hasFlag(JSON.parse(r.flags) as string[], '\\Seen')).map((r) => r.uid);
    if (unseen.length) {
      const r = await storeFlagsInBatches(s.deps.store, s.deps.events, sel.folder.id, unseen, 'add', ['\\Seen']);
      for (const c of r.changed) sel.told(c.uid, c.modseq);
      flagsAdded = new Set(r.changed.map((c) => c.uid));
    }
  }
  const hasFlags = items.some((i) => i.type === 'FLAGS');
  // The client learns the current flags (and, under CONDSTORE, their modseq): a change announced
  // before needs no report of its own afterwards.
  const tellsFlags = hasFlags && (!s.condstore || items.some((i) => i.type === 'MODSEQ'));
  // After a \Seen was set, FLAGS is answered even when not asked for (RFC 9051 6.4.5).
  const columns = columnsFor(flagsAdded.size ? [...items, { type: 'FLAGS' }] : items);
  const parser = new FlagParser();
  let unknownCte = false;
  for (let i = 0; i < uids.length; i += BATCH) {
    const batch = uids.slice(i, i + BATCH);
    const byUid = await rowsOf(s, sel.folder.id, batch, columns);
    // Responses of a batch go out together: one socket write (and one wait for it to drain)
    // per batch, not per message. A large literal streams in between.
    // Text accumulates as one string; it becomes bytes only before a literal and at the end.
    let parts: Buffer[] = [];
    let text = '';
    for (const uid of batch) {
      const row = byUid.get(uid);
      const seq = sel.seqOf(uid);
      // Expunged by another session, not reported yet: nothing to send (RFC 9051 7.5.1 allows either).
      if (!row || !seq) continue;
      const wanted = flagsAdded.has(uid) && !hasFlags ? [...items, { type: 'FLAGS' } as FetchItem] : items;
      const flags = row.flags === undefined ? [] : s.shownFlags(uid, parser.parse(row.flags));
      const r = await fetchAttributes({ row, flags, modseq: row.modseq ?? 0, blobs: s.deps.blobs }, wanted);
      if (r.unknownCte) unknownCte = true;
      if (tellsFlags) sel.told(uid, row.modseq!);
      text += `* ${seq} FETCH (`;
      for (let n = 0; n < r.attrs.length; n++) {
        const a = r.attrs[n]!;
        const sp = n ? ' ' : '';
        if (typeof a.value === 'string') {
          text += `${sp}${a.name} ${a.value}`;
          continue;
        }
        if (Buffer.isBuffer(a.value)) {
          // RFC 3516 4.2: BINARY data holding NUL goes as literal8.
          const tilde = a.name.startsWith('BINARY[') && a.value.includes(0) ? '~' : '';
          parts.push(Buffer.from(`${text}${sp}${a.name} ${tilde}{${a.value.length}}\r\n`, 'utf8'), a.value);
        } else {
          parts.push(Buffer.from(`${text}${sp}${a.name} {${a.value.end - a.value.start}}\r\n`, 'utf8'));
          await s.writeAsync(Buffer.concat(parts));
          parts = [];
          await streamSlice(s, a.value);
        }
        text = '';
      }
      text += ')\r\n';
    }
    if (text) parts.push(Buffer.from(text, 'utf8'));
    if (parts.length) await s.writeAsync(parts.length === 1 ? parts[0]! : Buffer.concat(parts));
  }
  if (unknownCte) throw no('A part has an unknown Content-Transfer-Encoding', 'UNKNOWN-CTE');
  return ok('FETCH completed');
};

/**
 * Exactly end - start octets of a blob, chunk by chunk, each write waiting for the socket to take
 * it. A blob shorter than its record (damaged store) is padded with spaces so the literal stays
 * the announced size and the client stays in sync.
 */
async function streamSlice(s: Session, b: BlobSlice): Promise<void> {
  let left = b.end - b.start;
  const stream = s.deps.blobs.stream(b.hash, b.start, b.end);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (left <= 0) break;
      const c = chunk.length > left ? chunk.subarray(0, left) : chunk;
      left -= c.length;
      await s.writeAsync(c);
      if (s.socket.destroyed) return;
    }
  } catch (err) {
    s.deps.log.error({ err, hash: b.hash }, 'imap fetch: blob read failed');
  } finally {
    stream.destroy();
  }
  if (left > 0) {
    s.deps.log.error({ hash: b.hash, missing: left }, 'imap fetch: blob shorter than its record');
    while (left > 0) {
      const n = Math.min(left, 64 * 1024);
      await s.writeAsync(Buffer.alloc(n, 0x20));
      left -= n;
    }
  }
}
