// Learning from reports. A mailbox's model learns a stored message (by its bytes) once per label:
// spam_training remembers what each mailbox trained, so a repeated report is a no-op and a
// reversed one (spam, then "not spam") untrains the old label before training the new one —
// exact for a mailbox's Bayes counts.
//
// The global model learns a campaign once config.spam.globalReportMailboxes distinct mailboxes
// trained it with the same label. A campaign is a fingerprint of sender, subject and the start of
// the text with digits blanked (the same mailing to many people differs in names and numbers
// less than in the tracking links). One user cannot teach every mailbox: it takes several.
// Withdrawing a campaign from the global model when reports are reversed later is not done (the
// logistic part cannot be undone exactly); a later opposite campaign retrains it instead.
//
// Writes are serialised per mailbox (and for the global model) in this process; each is one
// read-modify-write transaction.
import crypto from 'node:crypto';
import type { Logger } from 'pino';
import type { BlobStore } from '../blobs/blob-store.js';
import type { Config } from '../config/schema.js';
import { parseMessage } from '../mime/index.js';
import { serializeGlobal, serializeModel, train, untrain, type ClassifyMessage, type Label } from '../spam/index.js';
import type { Store } from '../store/db.js';
import { globalTraining, reportingMailboxes, saveGlobalModel, saveMailboxModel, saveTraining, trainingOf } from '../store/spam-repo.js';
import { globalModelForTraining, mailboxModelForTraining } from './spam-models.js';

export interface TrainingDeps {
  store: Store;
  blobs: BlobStore;
  config: Config;
  log: Logger;
  now: () => number;
}

export type TrainingOutcome = 'trained' | 'reversed' | 'already';

const queues = new Map<string, Promise<unknown>>();

/** Runs fn after every earlier job of the same key (in this process). */
function serially<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const prev = queues.get(key) ?? Promise.resolve();
  const next = prev.then(fn, fn);
  const settled = next.catch(() => undefined);
  queues.set(key, settled);
  void settled.then(() => queues.get(key) === settled && queues.delete(key));
  return next;
}

/** Same mailing, whoever it was sent to: From, subject and the text's start, with digits, spacing and the recipient's name blanked. */
export function campaignFingerprint(m: ClassifyMessage, recipient: string): string {
  const local = recipient.slice(0, recipient.lastIndexOf('@')).toLowerCase();
  // As a whole word only: "lea" is a name in "Hello lea," but not in "please".
  const name = local.length >= 2 ? new RegExp(`(?<![\\p{L}\\p{N}])${local.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu') : null;
  const norm = (s: string) => {
    const lower = s.toLowerCase();
    return (name ? lower.replace(name, '#') : lower).replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
  };
  const from = (m.parsed.fromAddresses[0] ?? '').toLowerCase();
  return crypto.createHash('sha256').update(`${from}\n${norm(m.parsed.subject ?? '')}\n${norm((m.parsed.text ?? '').slice(0, 2000))}`).digest('hex');
}

/**
 * A stored message as the classifier saw it at delivery: without the Return-Path, our Received
 * and our X-Mailcove-Spam on top (commit and classify add them; learning them would teach
 * the models our own headers instead of the sender's).
 */
export async function readStored(blobs: BlobStore, blobHash: string): Promise<ClassifyMessage> {
  const raw = withoutOurTopFields(await blobs.read(blobHash));
  return { raw, parsed: parseMessage(raw) };
}

export function withoutOurTopFields(raw: Buffer): Buffer {
  const head = raw.subarray(0, Math.min(raw.length, 64 * 1024)).toString('latin1');
  let at = 0;
  let receivedSeen = false;
  for (;;) {
    const m = /^([A-Za-z-]+):[^\n]*\n(?:[ \t][^\n]*\n)*/.exec(head.slice(at));
    if (!m) break;
    const name = m[1]!.toLowerCase();
    const ours = name === 'return-path' || name === 'x-mailcove-spam' || (name === 'received' && !receivedSeen && / \(Mailcove\) with /.test(m[0]));
    if (!ours) break;
    if (name === 'received') receivedSeen = true;
    at += m[0].length;
  }
  return at ? raw.subarray(Buffer.byteLength(head.slice(0, at), 'latin1')) : raw;
}

/** A mailbox's report of one stored message: its model learns it (once), and the global model when enough mailboxes agree. */
export async function learnMessage(deps: TrainingDeps, mailboxId: number, blobHash: string, label: Label): Promise<TrainingOutcome> {
  const msg = await readStored(deps.blobs, blobHash);
  const mailbox = await deps.store.db.selectFrom('mailboxes').select('address').where('id', '=', mailboxId).executeTakeFirst();
  const fingerprint = campaignFingerprint(msg, mailbox?.address ?? '');
  const outcome = await serially(`mailbox:${mailboxId}`, () =>
    deps.store.tx(async (trx) => {
      const prev = await trainingOf(trx, mailboxId, blobHash);
      if (prev?.label === label) return 'already' as const;
      const model = await mailboxModelForTraining(trx, mailboxId);
      if (prev) untrain(model, msg, prev.label);
      train(model, msg, label);
      const now = deps.now();
      await saveMailboxModel(trx, mailboxId, serializeModel(model), now);
      await saveTraining(trx, { mailbox_id: mailboxId, blob_hash: blobHash, label, fingerprint, updated_at: now });
      return prev ? ('reversed' as const) : ('trained' as const);
    }),
  );
  if (outcome !== 'already') await learnGlobally(deps, msg, fingerprint, blobHash, label);
  return outcome;
}

async function learnGlobally(deps: TrainingDeps, msg: ClassifyMessage, fingerprint: string, blobHash: string, label: Label): Promise<void> {
  const needed = deps.config.spam.globalReportMailboxes;
  if ((await reportingMailboxes(deps.store.db, fingerprint, label)) < needed) return;
  await serially('global', () =>
    deps.store.tx(async (trx) => {
      const done = await globalTraining(trx, fingerprint);
      if (done.some((d) => d.label === label)) return;
      const model = await globalModelForTraining(trx);
      if (!model) return;
      train(model, msg, label);
      const now = deps.now();
      await saveGlobalModel(trx, serializeGlobal(model), now);
      await trx.insertInto('spam_global_training').values({ fingerprint, label, blob_hash: blobHash, created_at: now }).execute();
      deps.log.info({ fingerprint, label, mailboxes: needed }, 'global spam model learned a campaign reported by several mailboxes');
    }),
  );
}
