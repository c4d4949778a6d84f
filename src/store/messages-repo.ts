// Message rows: everything IMAP needs without opening the blob (ENVELOPE, BODYSTRUCTURE, the MIME
// offset tree, flags, size), plus the full-text entry. Callers run these inside a transaction.
import { sql } from 'kysely';
import type { Db, Dialect } from './db.js';
import type { Later } from './group-commit.js';
import type { Row } from './schema.js';
import { allocateUid } from './folders-repo.js';
import { dbText } from '../util/text.js';

export interface NewMessage {
  mailboxId: number;
  folderId: number;
  flags: string[];
  internalDate: number;
  size: number;
  blobHash: string;
  envelope: unknown;
  /** ENVELOPE as IMAP text (mime/imap-form.ts), so FETCH never formats it again. */
  envelopeImap: string;
  bodyStructure: unknown;
  mimeTree: unknown;
  messageId: string | null;
  /** Message-IDs this one answers (In-Reply-To and References), for threading. */
  parentIds: string[];
  subject: string | null;
  emailType: string;
  deliveryId: string | null;
  /** Searchable body text and header text (see mime/text.ts). */
  text: string;
  headerText: string;
}

/**
 * Stores a message row and its full-text entry. `later`: the batch's end-of-transaction writes
 * (Store.batchTx), where the full-text entry then goes (see group-commit.ts for why).
 */
export async function insertMessage(db: Db, dialect: Dialect, m: NewMessage, later?: Later): Promise<{ id: number; uid: number; modseq: number; uidvalidity: number }> {
  const { uid, modseq, uidvalidity } = await allocateUid(db, m.folderId);
  const threadId = await findThread(db, m.mailboxId, m.parentIds);
  const row = await db
    .insertInto('messages')
    .values({
      mailbox_id: m.mailboxId,
      folder_id: m.folderId,
      uid,
      modseq,
      flags: JSON.stringify(m.flags),
      internal_date: m.internalDate,
      size: m.size,
      blob_hash: m.blobHash,
      envelope: JSON.stringify(m.envelope),
      envelope_imap: m.envelopeImap,
      body_structure: JSON.stringify(m.bodyStructure),
      mime_tree: JSON.stringify(m.mimeTree),
      message_id: dbText(m.messageId),
      subject: dbText(m.subject),
      thread_id: threadId ?? 0,
      email_type: m.emailType,
      delivery_id: m.deliveryId,
      created_at: Date.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (threadId === null) await db.updateTable('messages').set({ thread_id: row.id }).where('id', '=', row.id).execute();
  const index = async (trx: Db) => {
    if (dialect === 'sqlite') await sql`INSERT INTO message_text (rowid, owner, headers, body) VALUES (${row.id}, ${searchOwner(m.mailboxId)}, ${dbText(m.headerText)}, ${dbText(m.text)})`.execute(trx);
    else await sql`INSERT INTO message_text (message_id, headers, body) VALUES (${row.id}, ${dbText(m.headerText)}, ${dbText(m.text)})`.execute(trx);
  };
  if (later) later(index);
  else await index(db);
  return { id: row.id, uid, modseq, uidvalidity };
}

/** The thread of the newest message in this mailbox that the new one refers to. */
async function findThread(db: Db, mailboxId: number, parentIds: string[]): Promise<number | null> {
  if (parentIds.length === 0) return null;
  const row = await db
    .selectFrom('messages')
    .select('thread_id')
    .where('mailbox_id', '=', mailboxId)
    .where('message_id', 'in', parentIds.slice(-50).map(dbText))
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? row.thread_id : null;
}

export const listMessages = (db: Db, folderId: number) =>
  db.selectFrom('messages').selectAll().where('folder_id', '=', folderId).orderBy('uid').execute();

export const messageByUid = (db: Db, folderId: number, uid: number) =>
  db.selectFrom('messages').selectAll().where('folder_id', '=', folderId).where('uid', '=', uid).executeTakeFirst();

export async function countMessages(db: Db, folderId: number): Promise<number> {
  const r = await db.selectFrom('messages').select((eb) => eb.fn.countAll().as('n')).where('folder_id', '=', folderId).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The token that marks a mailbox's rows in SQLite's full-text index (see 004_search_headers). */
export const searchOwner = (mailboxId: number) => `o${mailboxId}`;

/** Give message `toId` (a copy in mailbox `toMailboxId`) the index entry of message `fromId`. */
export async function copyMessageText(db: Db, dialect: Dialect, fromId: number, toId: number, toMailboxId: number): Promise<void> {
  if (dialect === 'sqlite') await sql`INSERT INTO message_text (rowid, owner, headers, body) SELECT ${toId}, ${searchOwner(toMailboxId)}, headers, body FROM message_text WHERE rowid = ${fromId}`.execute(db);
  else await sql`INSERT INTO message_text (message_id, headers, body) SELECT ${toId}, headers, body FROM message_text WHERE message_id = ${fromId}`.execute(db);
}

export async function deleteMessageText(db: Db, dialect: Dialect, messageId: number): Promise<void> {
  if (dialect === 'sqlite') await sql`DELETE FROM message_text WHERE rowid = ${messageId}`.execute(db);
  else await sql`DELETE FROM message_text WHERE message_id = ${messageId}`.execute(db);
}

export type MessageRow = Row<'messages'>;
