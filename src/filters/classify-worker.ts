// A worker thread that classifies messages (src/filters/classify-pool.ts sends them): the
// classifier is pure CPU work, about a third of a delivery's, and off the event loop the SMTP,
// IMAP and HTTP front ends keep answering while it runs. The models live here only (the event
// loop's thread then never loads them): the shipped ones are loaded once; a global model trained
// by reports arrives with the first message that needs it; a mailbox's own model is asked for
// (`need`) the first time one of its recipients is classified, and kept while it is current.
import { parentPort } from 'node:worker_threads';
import { classify, deserializeGlobal, deserializeModel, loadShippedModels, type ClassifyContext, type GlobalModel, type SpamModel } from '../spam/index.js';
import { parseMessage } from '../mime/index.js';

export interface ClassifyRequest {
  id: number;
  raw: Uint8Array;
  context: ClassifyContext;
  /** The stored global model's stamp (null: the shipped one); bytes only when this worker lacks it. */
  globalStamp: number | null;
  globalBytes?: Uint8Array;
  /** Classify with this mailbox's own model too (its updated_at as stamp); bytes when asked for. */
  mailbox?: { id: number; stamp: number; bytes?: Uint8Array };
}

export type ClassifyResponse =
  | { id: number; result: import('../spam/index.js').Classification }
  | { id: number; error: string }
  /** The worker does not hold the mailbox's model at that stamp: send the request again with its bytes. */
  | { id: number; need: 'mailbox' };

const MAILBOX_MODELS = 200;
const shipped = loadShippedModels();
let stored: { stamp: number; model: GlobalModel } | null = null;
const mailboxes = new Map<number, { stamp: number; model: SpamModel }>();

function mailboxModel(m: NonNullable<ClassifyRequest['mailbox']>): SpamModel | null {
  const known = mailboxes.get(m.id);
  if (known?.stamp === m.stamp) return known.model;
  if (!m.bytes) return null;
  const model = deserializeModel(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength));
  mailboxes.delete(m.id);
  mailboxes.set(m.id, { stamp: m.stamp, model });
  if (mailboxes.size > MAILBOX_MODELS) mailboxes.delete(mailboxes.keys().next().value!);
  return model;
}

parentPort?.on('message', (m: ClassifyRequest) => {
  const reply = (r: ClassifyResponse) => parentPort!.postMessage(r);
  try {
    if (m.globalStamp !== null && m.globalBytes && stored?.stamp !== m.globalStamp) {
      stored = { stamp: m.globalStamp, model: deserializeGlobal(Buffer.from(m.globalBytes)) };
    }
    const global = m.globalStamp === null ? shipped.global : stored?.stamp === m.globalStamp ? stored.model : null;
    if (m.globalStamp !== null && !global) throw new Error('the stored global model did not reach the worker');
    const mailbox = m.mailbox ? mailboxModel(m.mailbox) : null;
    if (m.mailbox && !mailbox) return reply({ id: m.id, need: 'mailbox' });
    const raw = Buffer.from(m.raw.buffer, m.raw.byteOffset, m.raw.byteLength);
    // The classifier decodes the parts it reads itself: the searchable text is not extracted.
    const parsed = parseMessage(raw, { maxTextBytes: 0 });
    reply({ id: m.id, result: classify({ raw, parsed }, m.context, { global, types: shipped.types, mailbox }) });
  } catch (err) {
    reply({ id: m.id, error: (err as Error).message });
  }
});
