// Classification in worker threads (./classify-worker.ts), so the event loop that answers SMTP,
// IMAP and HTTP does not spend a third of every delivery in the classifier. A pool of `size`
// workers, requests spread by how many each has in flight; a worker that dies is replaced and
// its requests fail (the classify stage then delivers unfiltered, as for any classifier error).
// Only where the compiled worker exists (the built product): run from TypeScript sources (the
// test runner) there is none, and the stage classifies inline.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Classification, ClassifyContext } from '../spam/index.js';
import type { ClassifyRequest, ClassifyResponse } from './classify-worker.js';

const WORKER_FILE = new URL('./classify-worker.js', import.meta.url);

/** A mailbox's own model: its stamp (updated_at), and how to read its bytes when a worker lacks it. */
export interface MailboxModelRef { id: number; stamp: number; load: () => Promise<Buffer> }

export interface ClassifyPool {
  /**
   * `global`: the stored global model (stamp and bytes), or null for the shipped one; `mailbox`:
   * classify with that mailbox's own model as well.
   */
  classify(raw: Buffer, context: ClassifyContext, global: { stamp: number; bytes: Buffer } | null, mailbox?: MailboxModelRef): Promise<Classification>;
  close(): Promise<void>;
}

interface Pending {
  req: ClassifyRequest;
  mailbox?: MailboxModelRef;
  resolve: (c: Classification) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  inFlight: Map<number, Pending>;
  globalStamp: number | null;
}

/** A pool of `size` workers, or null when size is 0 or the compiled worker is not there. */
export function createClassifyPool(size: number): ClassifyPool | null {
  if (size <= 0 || !fs.existsSync(fileURLToPath(WORKER_FILE))) return null;
  let nextId = 1;
  let closing = false;
  // A worker that dies within a second of starting, three times in a row, is not started again
  // (a broken build must not become a crash loop): the pool refuses and the stage runs inline.
  let quickDeaths = 0;
  let dead = false;
  const slots: Slot[] = [];
  const spawn = (i: number) => {
    const started = Date.now();
    // A bounded young generation: the classifier's garbage is short-lived, and a default-sized
    // one made the process ~100 MB larger under load; 16 MB rather than 8 halves the collections
    // (their CPU shows on two cores) for 8 MB.
    const slot: Slot = { worker: new Worker(WORKER_FILE, { resourceLimits: { maxYoungGenerationSizeMb: 16 } }), inFlight: new Map(), globalStamp: null };
    slot.worker.on('message', (m: ClassifyResponse) => {
      const p = slot.inFlight.get(m.id);
      if (!p) return;
      if ('need' in m) {
        // The worker does not hold this mailbox's model (yet, or any more): the same request with its bytes.
        p.mailbox!.load().then(
          (bytes) => {
            if (slot.inFlight.get(m.id) !== p) return; // the worker stopped meanwhile
            p.req.mailbox = { id: p.mailbox!.id, stamp: p.mailbox!.stamp, bytes };
            slot.worker.postMessage(p.req);
          },
          (err: Error) => {
            slot.inFlight.delete(m.id);
            p.reject(err);
          },
        );
        return;
      }
      slot.inFlight.delete(m.id);
      if ('result' in m) p.resolve(m.result);
      else p.reject(new Error(m.error || 'the classifier worker gave no answer'));
    });
    slot.worker.on('error', () => undefined);
    slot.worker.on('exit', () => {
      for (const p of slot.inFlight.values()) p.reject(new Error('the classifier worker stopped'));
      slot.inFlight.clear();
      quickDeaths = Date.now() - started < 1000 ? quickDeaths + 1 : 0;
      if (quickDeaths >= 3) dead = true;
      if (!closing && !dead) spawn(i);
    });
    slot.worker.unref();
    slots[i] = slot;
  };
  for (let i = 0; i < size; i++) spawn(i);
  return {
    classify(raw, context, global, mailbox) {
      if (dead) return Promise.reject(new Error('the classifier workers keep failing to start'));
      const slot = slots.reduce((a, b) => (b.inFlight.size < a.inFlight.size ? b : a));
      const id = nextId++;
      const req: ClassifyRequest = { id, raw, context, globalStamp: global?.stamp ?? null };
      if (global && slot.globalStamp !== global.stamp) {
        req.globalBytes = global.bytes;
        slot.globalStamp = global.stamp;
      }
      if (mailbox) req.mailbox = { id: mailbox.id, stamp: mailbox.stamp };
      return new Promise<Classification>((resolve, reject) => {
        slot.inFlight.set(id, { req, mailbox, resolve, reject });
        slot.worker.postMessage(req);
      });
    },
    async close() {
      closing = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
