// "What happened to this message?": the deliveries that match an id (delivery id, queue id or
// Message-ID), each with its trace, and the outbound queue state of what it sent on.
import type { Store } from '../store/db.js';
import { findDeliveries, type TraceEntry } from '../store/deliveries-repo.js';
import * as queue from '../store/queue-repo.js';
import { notFound } from '../util/errors.js';
import { explainReply } from './explain.js';

export interface TraceReport {
  deliveries: Array<{ id: string; source: string; receivedAt: number; remoteIp: string | null; helo: string | null; mailFrom: string; rcptTo: string[]; messageId: string | null; size: number; outcome: string; trace: TraceEntry[] }>;
  /** Outbound recipients; `why` explains the last reply in plain words when it is a refusal we recognise. */
  queue: Array<{ queueId: string; recipient: string; status: string; attempts: number; lastReply: string | null; nextAttemptAt: number | null; why: string | null }>;
}

export async function traceMessage(store: Store, id: string): Promise<TraceReport> {
  const queued = await queue.queueMessage(store.db, id);
  const rows = await findDeliveries(store.db, queued?.delivery_id ?? id);
  const queueIds = new Set<string>(queued ? [queued.id] : []);
  const related = rows.length
    ? await store.db.selectFrom('queue_messages').select('id').where('delivery_id', 'in', rows.map((r) => r.id)).execute()
    : [];
  for (const q of related) queueIds.add(q.id);
  const q = [];
  for (const qid of queueIds) {
    for (const r of await queue.recipientsOf(store.db, qid)) {
      q.push({ queueId: qid, recipient: r.recipient, status: r.status, attempts: r.attempts, lastReply: r.last_reply, nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null, why: r.status === 'delivered' ? null : explainReply(r.last_reply) });
    }
  }
  if (rows.length === 0 && q.length === 0) throw notFound(`message ${id}`, 'id');
  return {
    deliveries: rows.map((r) => ({
      id: r.id,
      source: r.source,
      receivedAt: r.received_at,
      remoteIp: r.remote_ip,
      helo: r.helo,
      mailFrom: r.mail_from,
      rcptTo: JSON.parse(r.rcpt_to) as string[],
      messageId: r.message_id,
      size: r.size,
      outcome: r.outcome,
      trace: JSON.parse(r.trace) as TraceEntry[],
    })),
    queue: q,
  };
}
