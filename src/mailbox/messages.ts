// Changing the messages of a folder: flags (with CONDSTORE modseqs), expunge, copy, move, append.
// Implementation rules:
// - Every change bumps the folder's HIGHESTMODSEQ and stamps the changed rows with it, inside the
//   same transaction (RFC 7162), so sessions can ask "what changed since".
// - Expunged UIDs are remembered with their modseq (QRESYNC VANISHED).
// - Blob references and mailbox usage move with the rows, in the same transaction.
// - Events are published after the commit.
import type { Store, Db } from '../store/db.js';
import type { EventBus, MailEvent } from '../events/bus.js';
import type { BlobStore } from '../blobs/blob-store.js';
import { addBlobRefs, dropBlobRefs } from '../store/blobs-repo.js';
import { addUsedBytes } from '../store/domains-repo.js';
import { allocateUid } from '../store/folders-repo.js';
import { copyMessageText, deleteMessageText, insertMessage, type NewMessage } from '../store/messages-repo.js';
import { formatEnvelope, parseMessage, toCrlf, type ParsedMessage } from '../mime/index.js';
import { AppError, notFound } from '../util/errors.js';

export type FlagMode = 'set' | 'add' | 'remove';

/** Flags are kept as given by clients, compared case-insensitively (RFC 3501 2.3.2). */
function applyFlags(current: string[], mode: FlagMode, flags: string[]): string[] {
  const key = (f: string) => f.toLowerCase();
  if (mode === 'set') return dedupe(flags);
  if (mode === 'add') return dedupe([...current, ...flags]);
  const drop = new Set(flags.map(key));
  return current.filter((f) => !drop.has(key(f)));
}

function dedupe(flags: string[]): string[] {
  const seen = new Set<string>();
  return flags.filter((f) => (seen.has(f.toLowerCase()) ? false : (seen.add(f.toLowerCase()), true)));
}

const sameFlags = (a: string[], b: string[]) => a.length === b.length && a.every((f) => b.some((g) => g.toLowerCase() === f.toLowerCase()));

async function nextModseq(db: Db, folderId: number): Promise<number> {
  const row = await db
    .updateTable('folders')
    .set((eb) => ({ highest_modseq: eb('highest_modseq', '+', 1) }))
    .where('id', '=', folderId)
    .returning('highest_modseq')
    .executeTakeFirstOrThrow();
  return row.highest_modseq;
}

export interface FlagChange { uid: number; flags: string[]; modseq: number; added?: string[] }

/** UIDs per statement: SQLite takes at most 32,766 parameters in one (PostgreSQL 65,535). */
const UID_CHUNK = 10_000;

/**
 * Rows of the given UIDs, read a chunk of UIDs at a time, in UID order. Inside the caller's
 * transaction, so COPY and MOVE of any number of messages stay one atomic change.
 */
async function inUidChunks<T>(uids: number[], read: (chunk: number[]) => Promise<T[]>): Promise<T[]> {
  const sorted = [...new Set(uids)].sort((a, b) => a - b);
  const out: T[] = [];
  for (let i = 0; i < sorted.length; i += UID_CHUNK) out.push(...(await read(sorted.slice(i, i + UID_CHUNK))));
  return out;
}

/**
 * STORE: changes flags of the given UIDs. With `unchangedSince` (CONDSTORE), messages whose
 * modseq is higher are left alone and reported in `modified` (RFC 7162 3.1.3).
 */
export async function storeFlags(
  store: Store,
  events: EventBus,
  folderId: number,
  uids: number[],
  mode: FlagMode,
  flags: string[],
  unchangedSince?: number,
): Promise<{ changed: FlagChange[]; unchanged: FlagChange[]; modified: number[] }> {
  const out = await store.tx(async (trx) => {
    const rows = await inUidChunks(uids, (chunk) => trx.selectFrom('messages').select(['id', 'uid', 'flags', 'modseq', 'mailbox_id']).where('folder_id', '=', folderId).where('uid', 'in', chunk).orderBy('uid').execute());
    const changed: FlagChange[] = [];
    const unchanged: FlagChange[] = [];
    const modified: number[] = [];
    let modseq: number | null = null;
    let mailboxId = 0;
    for (const r of rows) {
      mailboxId = r.mailbox_id;
      const current = JSON.parse(r.flags) as string[];
      if (unchangedSince !== undefined && r.modseq > unchangedSince) {
        modified.push(r.uid);
        continue;
      }
      const next = applyFlags(current, mode, flags);
      if (sameFlags(current, next)) {
        unchanged.push({ uid: r.uid, flags: current, modseq: r.modseq });
        continue;
      }
      modseq ??= await nextModseq(trx, folderId);
      await trx.updateTable('messages').set({ flags: JSON.stringify(next), modseq }).where('id', '=', r.id).execute();
      changed.push({ uid: r.uid, flags: next, modseq, added: next.filter((f) => !current.some((g) => g.toLowerCase() === f.toLowerCase())) });
    }
    return { changed, unchanged, modified, mailboxId };
  });
  for (const c of out.changed) events.publish({ type: 'message.flags', mailboxId: out.mailboxId, folderId, uid: c.uid, modseq: c.modseq, added: c.added });
  return { changed: out.changed.map(({ added: _a, ...c }) => c), unchanged: out.unchanged, modified: out.modified };
}

/**
 * Removes messages from a folder (EXPUNGE, UID EXPUNGE, the source side of MOVE). Their UIDs are
 * remembered with the new modseq for QRESYNC; blob references and usage drop with them.
 */
export async function expungeMessages(store: Store, events: EventBus, folderId: number, uids: number[]): Promise<number[]> {
  const out = await store.tx((trx) => expungeRows(store, trx, folderId, uids));
  publishExpunged(events, folderId, out);
  return out.gone;
}

export interface Expunged { gone: number[]; modseq: number; mailboxId: number }

/** The expunge itself, inside the caller's transaction; the caller publishes after its commit. */
export async function expungeRows(store: Store, db: Db, folderId: number, uids: number[]): Promise<Expunged> {
  const rows = await inUidChunks(uids, (chunk) => db.selectFrom('messages').select(['id', 'uid', 'blob_hash', 'size', 'mailbox_id']).where('folder_id', '=', folderId).where('uid', 'in', chunk).orderBy('uid').execute());
  if (rows.length === 0) return { gone: [], modseq: 0, mailboxId: 0 };
  const modseq = await nextModseq(db, folderId);
  const refs = new Map<string, number>();
  let bytes = 0;
  for (const r of rows) {
    await deleteMessageText(db, store.dialect, r.id);
    await db.deleteFrom('messages').where('id', '=', r.id).execute();
    await db.insertInto('expunged').values({ folder_id: folderId, uid: r.uid, modseq }).onConflict((oc) => oc.columns(['folder_id', 'uid']).doNothing()).execute();
    refs.set(r.blob_hash, (refs.get(r.blob_hash) ?? 0) + 1);
    bytes += r.size;
  }
  for (const [hash, n] of refs) await dropBlobRefs(db, hash, n);
  await addUsedBytes(db, rows[0]!.mailbox_id, -bytes);
  return { gone: rows.map((r) => r.uid), modseq, mailboxId: rows[0]!.mailbox_id };
}

export function publishExpunged(events: EventBus, folderId: number, out: Expunged): void {
  for (const uid of out.gone) events.publish({ type: 'message.expunge', mailboxId: out.mailboxId, folderId, uid, modseq: out.modseq });
}

export interface CopyResult { uidvalidity: number; pairs: Array<{ from: number; to: number }> }

async function copyRows(store: Store, db: Db, folderId: number, uids: number[], targetFolderId: number, newEvents: MailEvent[]): Promise<CopyResult> {
  const target = await db.selectFrom('folders').selectAll().where('id', '=', targetFolderId).executeTakeFirst();
  if (!target) throw notFound('target folder');
  const rows = await inUidChunks(uids, (chunk) => db.selectFrom('messages').selectAll().where('folder_id', '=', folderId).where('uid', 'in', chunk).orderBy('uid').execute());
  const pairs: CopyResult['pairs'] = [];
  let bytes = 0;
  for (const r of rows) {
    const { uid, modseq } = await allocateUid(db, targetFolderId);
    const { id: _id, uid: oldUid, modseq: _m, folder_id: _f, mailbox_id: _mb, created_at: _c, ...rest } = r;
    const inserted = await db
      .insertInto('messages')
      .values({ ...rest, mailbox_id: target.mailbox_id, folder_id: targetFolderId, uid, modseq, created_at: Date.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    // The text index entry goes along (same words, new row).
    await copyMessageText(db, store.dialect, r.id, inserted.id, target.mailbox_id);
    await addBlobRefs(db, r.blob_hash, r.size, 1);
    bytes += r.size;
    pairs.push({ from: oldUid, to: uid });
    newEvents.push({ type: 'message.new', mailboxId: target.mailbox_id, folderId: targetFolderId, uid, modseq });
  }
  if (bytes) await addUsedBytes(db, target.mailbox_id, bytes);
  return { uidvalidity: target.uidvalidity, pairs };
}

/** COPY (RFC 3501 6.4.7) with the UIDPLUS answer (RFC 4315): new UIDs in the target. */
export async function copyMessages(store: Store, events: EventBus, folderId: number, uids: number[], targetFolderId: number): Promise<CopyResult> {
  const newEvents: MailEvent[] = [];
  const result = await store.tx((trx) => copyRows(store, trx, folderId, uids, targetFolderId, newEvents));
  for (const e of newEvents) events.publish(e);
  await publishMove(store, events, folderId, targetFolderId, result.pairs.map((p) => p.to), 'copy');
  return result;
}

/** MOVE (RFC 6851): copy and expunge in one transaction, so no state has the message twice or never. */
export async function moveMessages(store: Store, events: EventBus, folderId: number, uids: number[], targetFolderId: number): Promise<CopyResult> {
  const newEvents: MailEvent[] = [];
  const { result, expunged } = await store.tx(async (trx) => {
    const copied = await copyRows(store, trx, folderId, uids, targetFolderId, newEvents);
    return { result: copied, expunged: await expungeRows(store, trx, folderId, copied.pairs.map((p) => p.from)) };
  });
  for (const e of newEvents) events.publish(e);
  publishExpunged(events, folderId, expunged);
  await publishMove(store, events, folderId, targetFolderId, result.pairs.map((p) => p.to), 'move');
  return result;
}

/** Moves and copies between folders with roles (e.g. into or out of Spam) are what the filters learn from. */
async function publishMove(store: Store, events: EventBus, fromId: number, toId: number, uids: number[], how: 'copy' | 'move'): Promise<void> {
  const count = uids.length;
  if (count === 0) return;
  const folders = await store.db.selectFrom('folders').select(['id', 'mailbox_id', 'special_use']).where('id', 'in', [fromId, toId]).execute();
  const from = folders.find((f) => f.id === fromId);
  const to = folders.find((f) => f.id === toId);
  if (!to) return;
  events.publish({ type: 'message.moved', mailboxId: to.mailbox_id, fromFolderId: fromId, toFolderId: toId, fromRole: from?.special_use ?? null, toRole: to.special_use ?? null, count, how, uids });
}

/** The row of a stored message from its parsed form (ENVELOPE, BODYSTRUCTURE, offsets, threading). */
export function messageRow(
  parsed: ParsedMessage,
  at: Pick<NewMessage, 'mailboxId' | 'folderId' | 'flags' | 'internalDate' | 'size' | 'blobHash' | 'deliveryId'> & { text?: string; emailType?: string },
): NewMessage {
  return {
    ...at,
    envelope: parsed.envelope,
    envelopeImap: formatEnvelope(parsed.envelope),
    bodyStructure: parsed.bodyStructure,
    mimeTree: parsed.root,
    messageId: parsed.messageId,
    parentIds: [...parsed.references, ...(parsed.inReplyTo ? [parsed.inReplyTo] : [])],
    subject: parsed.subject,
    emailType: at.emailType ?? 'normal',
    text: at.text ?? parsed.text,
    headerText: parsed.headerText,
  };
}

export class OverQuotaError extends AppError {
  constructor(message: string) {
    super('limit', message, 'quota');
  }
}

/**
 * APPEND (RFC 3501 6.3.11): the message goes through parse and storage as delivery does (line ends
 * to CRLF, bytes once, rows in one transaction), without filters. Over quota → OverQuotaError.
 */
export async function appendMessage(
  store: Store,
  blobs: BlobStore,
  events: EventBus,
  folderId: number,
  input: Buffer,
  flags: string[],
  internalDate: number,
): Promise<{ uid: number; uidvalidity: number }> {
  const folder = await store.db.selectFrom('folders').selectAll().where('id', '=', folderId).executeTakeFirst();
  if (!folder) throw notFound('folder');
  const mailbox = await store.db.selectFrom('mailboxes').selectAll().where('id', '=', folder.mailbox_id).executeTakeFirstOrThrow();
  const raw = toCrlf(input);
  if (mailbox.quota_bytes > 0 && mailbox.used_bytes + raw.length > mailbox.quota_bytes) {
    throw new OverQuotaError(`the mailbox is over its quota (${mailbox.used_bytes} of ${mailbox.quota_bytes} bytes used)`);
  }
  const parsed = parseMessage(raw);
  const ref = await blobs.put([raw]);
  const stored = await store.batchTx(async (trx) => {
    const row = await insertMessage(
      trx,
      store.dialect,
      messageRow(parsed, { mailboxId: mailbox.id, folderId, flags: dedupe(flags), internalDate, size: ref.size, blobHash: ref.hash, deliveryId: null }),
    );
    await addBlobRefs(trx, ref.hash, ref.size, 1);
    await addUsedBytes(trx, mailbox.id, ref.size);
    return row;
  });
  events.publish({ type: 'message.new', mailboxId: mailbox.id, folderId, uid: stored.uid, modseq: stored.modseq });
  return { uid: stored.uid, uidvalidity: stored.uidvalidity };
}
