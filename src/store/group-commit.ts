// Group commit: deliveries that reach their commit while another batch is being written wait
// and are written together in one transaction, so many messages share one fsync of the log.
// Each delivery runs inside its own savepoint: one that fails is rolled back alone and its
// caller gets the error; the others commit. A caller's promise settles only after COMMIT, so a
// 250 is still never sent before its rows are durable.
//
// A delivery may leave writes for the end of the batch (`later`): they run after every
// savepoint, in the same transaction, for the deliveries that succeeded. The full-text index
// wants this: SQLite's FTS5 writes its pending terms out at every savepoint, a segment per
// message, and merging those was a third of the cost of a commit; at the end there is one per
// batch. Should one of them fail, the whole batch fails (its callers answer 4xx and are retried).
import { sql, type Transaction } from 'kysely';
import type { Database } from './schema.js';

/** A write to run at the end of the transaction (see above). */
export type LaterWrite = (trx: Transaction<Database>) => Promise<void>;
export type Later = (write: LaterWrite) => void;
export type TxFn<T> = (trx: Transaction<Database>, later: Later) => Promise<T>;

interface Pending { fn: TxFn<unknown>; resolve(v: unknown): void; reject(e: unknown): void }

/** One transaction's `later` writes, run by the caller at its end. */
export async function withLaterWrites<T>(trx: Transaction<Database>, fn: TxFn<T>): Promise<T> {
  const writes: LaterWrite[] = [];
  const value = await fn(trx, (w) => writes.push(w));
  for (const w of writes) await w(trx);
  return value;
}

export function createGroupCommitter(tx: <T>(fn: (trx: Transaction<Database>) => Promise<T>) => Promise<T>, maxBatch = 100) {
  const waiting: Pending[] = [];
  let writing = false;

  async function drain(): Promise<void> {
    writing = true;
    while (waiting.length) {
      const batch = waiting.splice(0, maxBatch);
      const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
      try {
        await tx(async (trx) => {
          const later: LaterWrite[] = [];
          for (const item of batch) {
            const mine: LaterWrite[] = [];
            const register: Later = (w) => mine.push(w);
            if (batch.length === 1) {
              outcomes.push({ ok: true, value: await item.fn(trx, register) });
              later.push(...mine);
              continue;
            }
            await sql`SAVEPOINT delivery`.execute(trx);
            try {
              const value = await item.fn(trx, register);
              await sql`RELEASE SAVEPOINT delivery`.execute(trx);
              outcomes.push({ ok: true, value });
              later.push(...mine);
            } catch (error) {
              await sql`ROLLBACK TO SAVEPOINT delivery`.execute(trx);
              await sql`RELEASE SAVEPOINT delivery`.execute(trx);
              outcomes.push({ ok: false, error });
            }
          }
          for (const w of later) await w(trx);
        });
        batch.forEach((item, i) => {
          const o = outcomes[i]!;
          if (o.ok) item.resolve(o.value);
          else item.reject(o.error);
        });
      } catch (error) {
        // The COMMIT itself failed (disk full, connection lost): nobody's rows are stored.
        for (const item of batch) item.reject(error);
      }
    }
    writing = false;
  }

  return function batchTx<T>(fn: TxFn<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      waiting.push({ fn: fn as TxFn<unknown>, resolve: resolve as (v: unknown) => void, reject });
      if (!writing) void drain();
    });
  };
}
