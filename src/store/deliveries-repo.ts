// One row per message received (MX or submission), with the trace of what each stage decided:
// `mailcove trace <id>` and "why did this go there?" read it back.
import type { Db, Store } from './db.js';
import type { Row } from './schema.js';
import { dbText } from '../util/text.js';

export interface TraceEntry { stage: string; at: number; note: string; data?: unknown }

export async function insertDelivery(
  db: Db,
  d: { id: string; source: string; receivedAt: number; remoteIp: string | null; helo: string | null; mailFrom: string; rcptTo: string[]; messageId: string | null; size: number; outcome: string; trace: TraceEntry[] },
): Promise<void> {
  await db
    .insertInto('deliveries')
    .values({
      id: d.id,
      source: d.source,
      received_at: d.receivedAt,
      remote_ip: d.remoteIp,
      helo: dbText(d.helo),
      mail_from: dbText(d.mailFrom),
      rcpt_to: JSON.stringify(d.rcptTo),
      message_id: dbText(d.messageId),
      size: d.size,
      outcome: d.outcome,
      trace: JSON.stringify(d.trace),
    })
    .execute();
}

/** By delivery id, or by Message-ID header (with or without angle brackets). */
export async function findDeliveries(db: Db, id: string): Promise<Row<'deliveries'>[]> {
  const byId = await db.selectFrom('deliveries').selectAll().where('id', '=', id).execute();
  if (byId.length) return byId;
  const msgId = id.startsWith('<') ? id : `<${id}>`;
  return db.selectFrom('deliveries').selectAll().where('message_id', 'in', [msgId, id]).orderBy('received_at').execute();
}

/**
 * Adds entries to a delivery's trace after the fact (the outbound queue's final outcome of each
 * recipient), so the trace still tells the story once the queue entry is gone.
 */
export async function appendTrace(store: Store, id: string, entries: TraceEntry[]): Promise<void> {
  await store.tx(async (trx) => {
    const q = trx.selectFrom('deliveries').select('trace').where('id', '=', id);
    // PostgreSQL runs the queue's transactions side by side: lock the row being extended.
    const row = await (store.dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
    if (!row) return;
    const trace = [...(JSON.parse(row.trace) as TraceEntry[]), ...entries];
    await trx.updateTable('deliveries').set({ trace: JSON.stringify(trace) }).where('id', '=', id).execute();
  });
}
