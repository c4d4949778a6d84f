// "Report as spam", "report as phishing" and "not spam" on one stored message (the JSON API; IMAP
// clients report by moving, see spam-trainer.ts):
//   spam      trains spam, moves it to Spam with $Junk; `block` adds the sender to the block list
//   phishing  the same, plus $Phishing and a record for the admin: sender, From, subject, links,
//             our Authentication-Results and who reported it
//   not-spam  trains ham, moves it to the Inbox with $NotJunk, adds the sender to the allow list
//             (refused, and said so, when the sender is the mailbox's own address or domain:
//             spammers forge those)
// The move publishes the usual events (IMAP sessions see it); the trainer then finds the report
// already learned.
import * as lists from '../accounts/sender-lists.js';
import { requireMailbox, type AdminContext } from '../accounts/admin.js';
import type { EventBus } from '../events/bus.js';
import { findFolder } from '../mailbox/folders.js';
import { moveMessages, storeFlags } from '../mailbox/messages.js';
import { messageView, type ClassifyMessage } from '../spam/index.js';
import { folderByRole } from '../store/folders-repo.js';
import { insertPhishingReport } from '../store/spam-repo.js';
import { AppError, notFound } from '../util/errors.js';
import { learnMessage, readStored, type TrainingDeps, type TrainingOutcome } from './spam-training.js';

export const REPORT_KINDS = ['spam', 'phishing', 'not-spam'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface ReportInput {
  mailbox: string;
  folder: string;
  uid: number;
  kind: ReportKind;
  block?: boolean;
  /** Who reported it (the API user's email). */
  reporter: string;
}

export interface ReportResult {
  mailbox: string;
  kind: ReportKind;
  training: TrainingOutcome;
  /** Where the message is now, and its UID there. */
  folder: string;
  uid: number;
  sender: string | null;
  /** The block or allow list entry added, or why not. */
  list?: { kind: 'block' | 'allow'; added: boolean; entry: string | null; reason?: string };
  phishingReportId?: number;
}

export async function reportMessage(deps: TrainingDeps & { events: EventBus }, admin: AdminContext, input: ReportInput): Promise<ReportResult> {
  const db = deps.store.db;
  const m = await requireMailbox(db, input.mailbox, 'address');
  const folder = await findFolder(deps.store, m.id, input.folder);
  if (!folder) throw notFound(`folder ${input.folder} of ${m.address}`, 'folder');
  const row = await db.selectFrom('messages').select(['blob_hash', 'uid']).where('folder_id', '=', folder.id).where('uid', '=', input.uid).executeTakeFirst();
  if (!row) throw notFound(`message ${input.uid} in ${folder.name}`, 'uid');
  const msg = await readStored(deps.blobs, row.blob_hash);
  const envelopeSender = await storedReturnPath(deps, row.blob_hash);
  const label = input.kind === 'not-spam' ? 'ham' : 'spam';
  const training = await learnMessage(deps, m.id, row.blob_hash, label);

  const role = label === 'spam' ? 'junk' : 'inbox';
  let where = { id: folder.id, name: folder.name, uid: Number(row.uid) };
  if (folder.special_use !== role) {
    const target = await folderByRole(db, m.id, role);
    if (!target) throw notFound(`the ${role} folder of ${m.address}`, 'folder');
    const moved = await moveMessages(deps.store, deps.events, folder.id, [where.uid], target.id);
    where = { id: target.id, name: target.name, uid: moved.pairs[0]!.to };
  }
  const add = label === 'ham' ? ['$NotJunk'] : input.kind === 'phishing' ? ['$Junk', '$Phishing'] : ['$Junk'];
  const remove = label === 'ham' ? ['$Junk', '$Phishing'] : ['$NotJunk'];
  await storeFlags(deps.store, deps.events, where.id, [where.uid], 'remove', remove);
  await storeFlags(deps.store, deps.events, where.id, [where.uid], 'add', add);

  const sender = msg.parsed.fromAddresses[0]?.toLowerCase() ?? envelopeSender?.toLowerCase() ?? null;
  const result: ReportResult = { mailbox: m.address, kind: input.kind, training, folder: where.name, uid: where.uid, sender };
  if (label === 'ham') result.list = await addToList(admin, m.address, 'allow', sender);
  else if (input.block) result.list = await addToList(admin, m.address, 'block', sender);
  if (input.kind === 'phishing') {
    result.phishingReportId = await insertPhishingReport(db, {
      mailbox_id: m.id,
      reporter: input.reporter,
      envelope_sender: envelopeSender,
      from_header: header(msg, 'from') ?? null,
      subject: msg.parsed.subject ?? null,
      message_id: msg.parsed.messageId ?? null,
      urls: JSON.stringify([...new Set(messageView(msg).urls.map((u) => u.raw))].slice(0, 100)),
      authentication_results: ourAuthResults(msg, deps.config.hostname),
      created_at: deps.now(),
    });
  }
  return result;
}

/** The envelope sender: the Return-Path commit put first on the stored copy ('' for bounces). */
async function storedReturnPath(deps: TrainingDeps, blobHash: string): Promise<string | null> {
  const first = (await deps.blobs.read(blobHash)).subarray(0, 1024).toString('latin1');
  const m = /^Return-Path: <([^>\r\n]*)>/i.exec(first);
  return m ? m[1]! : null;
}

function header(msg: ClassifyMessage, name: string): string | undefined {
  return msg.parsed.headers.find((h) => h.name.toLowerCase() === name)?.value.trim();
}

/** The Authentication-Results field we added (authserv-id = our host name); others could be forged. */
function ourAuthResults(msg: ClassifyMessage, hostname: string): string | null {
  const ours = msg.parsed.headers.find((h) => h.name.toLowerCase() === 'authentication-results' && h.value.trim().toLowerCase().startsWith(hostname.toLowerCase()));
  return ours ? ours.value.replace(/\s+/g, ' ').trim() : null;
}

async function addToList(admin: AdminContext, mailbox: string, kind: 'block' | 'allow', sender: string | null): Promise<NonNullable<ReportResult['list']>> {
  if (!sender) return { kind, added: false, entry: null, reason: 'the message names no sender' };
  try {
    const r = await lists.addListEntry(admin, { mailbox }, kind, sender);
    return { kind, added: true, entry: r.entry };
  } catch (err) {
    if (err instanceof AppError) return { kind, added: false, entry: sender, reason: err.message };
    throw err;
  }
}
