// Group commit: deliveries that reach their commit while another batch is being written wait
// and are written together in one transaction, so many messages share one fsync of the log.
// Each delivery runs inside its own savepoint: one that fails is rolled back alone and its
// caller gets the error; the others commit. A caller's promise settles only after COMMIT, so a
// 250 is still never sent before its rows are durable.
import { sql, type Transaction } from 'kysely';
import type { Database } from './schema.js';

type TxFn<T> = (trx: Transaction<Database>) => Promise<T>;

interface Pending { fn: TxFn<unknown>; resolve(v: unknown): void; reject(e: unknown): void }

export function createGroupCommitter(tx: <T>(fn: TxFn<T>) => Promise<T>, maxBatch = 100) {
  const waiting: Pending[] = [];
  let writing = false;

  async function drain(): Promise<void> {
    writing = true;
    while (waiting.length) {
      const batch = waiting.splice(0, maxBatch);
      const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
      try {
        await tx(async (trx) => {
          for (const item of batch) {
            if (batch.length === 1) {
              outcomes.push({ ok: true, value: await item.fn(trx) });
              continue;
            }
            await sql`SAVEPOINT delivery`.execute(trx);
            try {
              const value = await item.fn(trx);
              await sql`RELEASE SAVEPOINT delivery`.execute(trx);
              outcomes.push({ ok: true, value });
            } catch (error) {
              await sql`ROLLBACK TO SAVEPOINT delivery`.execute(trx);
              await sql`RELEASE SAVEPOINT delivery`.execute(trx);
              outcomes.push({ ok: false, error });
            }
          }
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
