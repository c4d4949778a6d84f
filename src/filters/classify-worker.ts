// A worker thread that classifies messages (src/filters/classify-pool.ts sends them): the
// classifier is pure CPU work, about a third of a delivery's, and off the event loop the SMTP,
// IMAP and HTTP front ends keep answering while it runs. The models are loaded once here; a
// global model trained by reports arrives with the first message that needs it.
import { parentPort } from 'node:worker_threads';
import { classify, deserializeGlobal, loadShippedModels, type ClassifyContext, type GlobalModel } from '../spam/index.js';
import { parseMessage } from '../mime/index.js';

export interface ClassifyRequest {
  id: number;
  raw: Uint8Array;
  context: ClassifyContext;
  /** The stored global model's stamp (null: the shipped one); bytes only when this worker lacks it. */
  globalStamp: number | null;
  globalBytes?: Uint8Array;
}

const shipped = loadShippedModels();
let stored: { stamp: number; model: GlobalModel } | null = null;

parentPort?.on('message', (m: ClassifyRequest) => {
  try {
    if (m.globalStamp !== null && m.globalBytes && stored?.stamp !== m.globalStamp) {
      stored = { stamp: m.globalStamp, model: deserializeGlobal(Buffer.from(m.globalBytes)) };
    }
    const global = m.globalStamp === null ? shipped.global : stored?.stamp === m.globalStamp ? stored.model : null;
    if (m.globalStamp !== null && !global) throw new Error('the stored global model did not reach the worker');
    const raw = Buffer.from(m.raw.buffer, m.raw.byteOffset, m.raw.byteLength);
    const result = classify({ raw, parsed: parseMessage(raw) }, m.context, { global, types: shipped.types });
    parentPort!.postMessage({ id: m.id, result });
  } catch (err) {
    parentPort!.postMessage({ id: m.id, error: (err as Error).message });
  }
});
