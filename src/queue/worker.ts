// The outbound queue worker. Implementation rules:
// - A recipient's state is written the moment its result is known, so a restart resumes
//   exactly where it stopped and never re-sends to a recipient already delivered.
// - Due recipients are leased (lease_until), so two workers never send the same one.
// - One connection per destination domain per round, reused for all its messages. Rounds of one
//   worker never overlap (runOnce waits for a round in progress).
// - Bounces (DSN, RFC 3464) go to the envelope sender, never to the null sender, and never
//   for a DSN itself. A bounce owed is written in the same update as the recipient's final
//   state (dsn_report), then sent at the end of the round, one per message for all recipients
//   owed one, and cleared; a crash in between only delays it. A delay notice goes once, after
//   delayNoticeHours, the same way.
import type { DeliveryDeps } from '../delivery/context.js';
import { deliver } from '../delivery/pipeline.js';
import type { DnsResolver } from '../dns/resolver.js';
import * as queue from '../store/queue-repo.js';
import { dropBlobRefs } from '../store/blobs-repo.js';
import type { Row } from '../store/schema.js';
import { newId } from '../util/ids.js';
import { buildDsn, type DsnRecipient } from './dsn.js';
import { appendTrace } from '../store/deliveries-repo.js';
import { explainReply } from '../delivery/explain.js';
import { connectToDomain, ConnectError, type RecipientResult } from './remote-smtp.js';
import { recordTlsResult } from '../reports/record.js';

export interface QueueWorker {
  start(): void;
  stop(): Promise<void>;
  /** Runs one round now (tests and `queue retry`). */
  runOnce(): Promise<void>;
}

const LEASE_MS = 10 * 60_000;

export function createQueueWorker(deps: DeliveryDeps, resolver: DnsResolver): QueueWorker {
  const cfg = deps.config.queue;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let unsubscribe: (() => void) | null = null;

  /** Starts a round unless one is running (then one more follows it). Rounds never overlap. */
  function kick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    void exclusive().catch((err) => deps.log.error({ err }, 'queue round failed'));
  }

  function exclusive(): Promise<void> {
    const p = round();
    running = p
      .catch(() => undefined)
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          kick();
        }
      });
    return p;
  }

  async function round(): Promise<void> {
    const now = deps.now();
    const due = await deps.store.tx((trx) => queue.leaseDue(trx, deps.store.dialect, now, now + LEASE_MS, cfg.concurrency * 20));
    if (due.length === 0) {
      await sendOwedReports();
      return cleanup();
    }
    const byDomain = new Map<string, Row<'queue_recipients'>[]>();
    for (const r of due) byDomain.set(r.domain, [...(byDomain.get(r.domain) ?? []), r]);
    const domains = [...byDomain.entries()];
    // A bounded number of destinations at once.
    const workers = Array.from({ length: Math.min(cfg.concurrency, domains.length) }, async () => {
      for (let next = domains.shift(); next; next = domains.shift()) {
        const [domain, rcpts] = next;
        await deliverDomain(domain, rcpts).catch(async (err) => {
          // Nothing is known about these recipients: release them for a later round.
          deps.log.error({ err, domain }, 'delivery to domain failed');
          for (const r of rcpts) await queue.updateRecipient(deps.store.db, r.id, { lease_until: 0 }).catch(() => undefined);
        });
      }
    });
    await Promise.all(workers);
    await sendOwedReports();
    await cleanup();
  }

  async function deliverDomain(domain: string, rcpts: Row<'queue_recipients'>[]): Promise<void> {
    const log = deps.log.child({ domain });
    const byMessage = new Map<string, Row<'queue_recipients'>[]>();
    for (const r of rcpts) byMessage.set(r.queue_id, [...(byMessage.get(r.queue_id) ?? []), r]);
    let conn;
    try {
      conn = await connectToDomain({
        domain,
        hostname: deps.config.hostname,
        port: cfg.remotePort,
        resolver,
        connectTimeoutMs: cfg.connectTimeoutMs,
        blockLocalAddresses: cfg.blockLocalAddresses,
        // Counted for the daily TLS-RPT report; a failed count must not fail the delivery.
        onTls: (t) => void recordTlsResult(deps.store.db, { ...t, policyDomain: t.domain, at: deps.now() }).catch((err) => log.warn({ err }, 'recording the TLS result failed')),
      });
    } catch (err) {
      const e = err instanceof ConnectError ? err : new ConnectError((err as Error).message, true, 451, '4.4.1');
      log.warn({ err: e.message }, 'cannot reach destination');
      for (const r of rcpts) {
        await record(r, { recipient: r.recipient, ok: false, code: e.code, reply: `${e.enhanced} ${e.message}`, temporary: e.temporary }, null);
      }
      return;
    }
    try {
      for (const [queueId, list] of byMessage) {
        const msg = await queue.queueMessage(deps.store.db, queueId);
        if (!msg) continue;
        // A long round must not outlive its lease, or another node could take these recipients too.
        await deps.store.db.updateTable('queue_recipients').set({ lease_until: deps.now() + LEASE_MS }).where('id', 'in', list.map((r) => r.id)).execute();
        const results = await conn.send(msg.sender, list.map((r) => r.recipient), () => deps.blobs.stream(msg.blob_hash));
        for (const r of list) {
          const res = results.find((x) => x.recipient === r.recipient) ?? { recipient: r.recipient, ok: false, code: 451, reply: '4.4.2 no result for this recipient', temporary: true };
          await record(r, res, conn.host);
        }
        log.info({ queueId, results: results.map((x) => `${x.recipient}:${x.code}`) }, 'delivery attempt');
      }
    } finally {
      conn.close();
    }
  }

  /**
   * Writes one recipient's outcome: delivered, retry later, or failed. A failure (or the delay
   * notice) also records the DSN owed, in the same update; sendOwedReports sends it.
   */
  async function record(r: Row<'queue_recipients'>, res: RecipientResult, remoteMta: string | null): Promise<void> {
    const now = deps.now();
    const attempts = r.attempts + 1;
    const reply = remoteMta ? `${remoteMta}: ${res.reply}` : res.reply;
    deps.metrics.queueAttempts.inc({ result: res.ok ? 'delivered' : res.temporary ? 'deferred' : 'failed' });
    if (res.ok) {
      await queue.updateRecipient(deps.store.db, r.id, { status: 'delivered', attempts, last_attempt_at: now, last_reply: reply, lease_until: 0 });
      await traceOutcome(r.queue_id, `${r.recipient}: delivered (${reply})`);
      return;
    }
    const msg = await queue.queueMessage(deps.store.db, r.queue_id);
    const expired = msg ? now - msg.created_at >= cfg.maxAgeHours * 3600_000 : true;
    const reportable = !!msg && msg.sender !== '' && msg.kind !== 'dsn';
    if (res.temporary && !expired) {
      const waitMin = cfg.retryMinutes[Math.min(attempts - 1, cfg.retryMinutes.length - 1)]!;
      const notify = !r.delay_notified && !!msg && now - msg.created_at >= cfg.delayNoticeHours * 3600_000;
      await queue.updateRecipient(deps.store.db, r.id, {
        attempts,
        last_attempt_at: now,
        last_reply: reply,
        next_attempt_at: now + waitMin * 60_000,
        lease_until: 0,
        delay_notified: notify ? 1 : r.delay_notified,
        ...(notify && reportable ? { dsn_report: owed('delay', dsnRecipient(msg, r.recipient, 'delay', res, res.reply, remoteMta)) } : {}),
      });
      return;
    }
    const finalText = expired && res.temporary ? `${res.reply} (gave up after ${cfg.maxAgeHours} hours)` : res.reply;
    await queue.updateRecipient(deps.store.db, r.id, {
      status: 'failed',
      attempts,
      last_attempt_at: now,
      last_reply: remoteMta ? `${remoteMta}: ${finalText}` : finalText,
      lease_until: 0,
      dsn_report: reportable ? owed('failure', dsnRecipient(msg, r.recipient, 'failure', res, finalText, remoteMta)) : null,
    });
    const why = explainReply(finalText);
    await traceOutcome(r.queue_id, `${r.recipient}: failed: ${remoteMta ? `${remoteMta}: ` : ''}${finalText}${why ? ` (why: ${why})` : ''}`, msg);
  }

  /** The final outcome of a recipient, into the trace of the delivery that queued it. */
  async function traceOutcome(queueId: string, text: string, known?: Row<'queue_messages'> | undefined): Promise<void> {
    const msg = known ?? (await queue.queueMessage(deps.store.db, queueId));
    if (!msg?.delivery_id) return;
    await appendTrace(deps.store, msg.delivery_id, [{ stage: 'queue', at: deps.now(), note: text }]).catch((err) => deps.log.warn({ err, queueId }, 'could not add to the trace'));
  }

  function dsnRecipient(msg: Row<'queue_messages'>, address: string, kind: 'failure' | 'delay', res: RecipientResult, text: string, remoteMta: string | null): DsnRecipient {
    return {
      address,
      action: kind === 'failure' ? 'failed' : 'delayed',
      status: statusOf(res, kind),
      // A remote server's reply is an SMTP diagnostic; our own findings (DNS, connection) are not.
      diagnosticCode: remoteMta ? `smtp; ${text}` : `x-mailcove; ${text}`,
      remoteMta: remoteMta ?? undefined,
      lastAttempt: new Date(deps.now()),
      willRetryUntil: kind === 'delay' ? new Date(msg.created_at + cfg.maxAgeHours * 3600_000) : undefined,
    };
  }

  interface OwedReport { kind: 'failure' | 'delay'; rcpt: DsnRecipient }

  function owed(kind: OwedReport['kind'], rcpt: DsnRecipient): string {
    return JSON.stringify({ kind, rcpt });
  }

  /** Sends every DSN owed: one per message and kind, listing all its recipients; then clears them. */
  async function sendOwedReports(): Promise<void> {
    const groups = new Map<string, { queueId: string; kind: OwedReport['kind']; ids: number[]; rcpts: DsnRecipient[] }>();
    for (const row of await queue.owedReports(deps.store.db)) {
      const report = JSON.parse(row.dsn_report!) as OwedReport;
      const r = report.rcpt;
      const rcpt: DsnRecipient = {
        ...r,
        lastAttempt: r.lastAttempt ? new Date(r.lastAttempt) : undefined,
        willRetryUntil: r.willRetryUntil ? new Date(r.willRetryUntil) : undefined,
      };
      const key = `${row.queue_id} ${report.kind}`;
      const g = groups.get(key) ?? { queueId: row.queue_id, kind: report.kind, ids: [], rcpts: [] };
      g.ids.push(row.id);
      g.rcpts.push(rcpt);
      groups.set(key, g);
    }
    for (const g of groups.values()) {
      const msg = await queue.queueMessage(deps.store.db, g.queueId);
      const sent = !msg || (await bounce(msg, g.kind, g.rcpts, await deps.blobs.read(msg.blob_hash).catch(() => Buffer.from(''))));
      if (sent) await queue.clearReports(deps.store.db, g.ids);
    }
  }

  /** Builds and delivers one DSN; false when it could not be delivered (it stays owed). */
  async function bounce(msg: Row<'queue_messages'>, kind: 'failure' | 'delay', recipients: DsnRecipient[], original: Buffer): Promise<boolean> {
    // Never to the null sender, never about a DSN (RFC 3461 6.2, RFC 5321 4.5.5).
    if (msg.sender === '' || msg.kind === 'dsn') return true;
    const now = new Date(deps.now());
    try {
      const raw = buildDsn({
        reportingMta: deps.config.hostname,
        from: `MAILER-DAEMON@${deps.config.hostname}`,
        to: msg.sender,
        arrivalDate: new Date(msg.created_at),
        recipients,
        originalMessage: original,
        kind,
        messageId: `<${newId()}@${deps.config.hostname}>`,
        date: now,
      });
      await deliver(deps, {
        source: 'local',
        client: { ip: null, helo: null, reverseName: null, tls: false, mailbox: null },
        mailFrom: '',
        rcptTo: [msg.sender],
        raw,
      });
      return true;
    } catch (err) {
      deps.log.error({ err, queueId: msg.id }, 'could not deliver the bounce; it stays owed');
      return false;
    }
  }

  /** Messages whose every recipient is final leave the queue and release their blob reference. */
  async function cleanup(): Promise<void> {
    for (const m of await queue.finishedQueueMessages(deps.store.db)) {
      await deps.store.tx(async (trx) => {
        await queue.deleteQueueMessage(trx, m.id);
        await dropBlobRefs(trx, m.blob_hash, 1, deps.now());
      });
    }
  }

  return {
    start() {
      stopped = false;
      unsubscribe ??= deps.events.subscribe('queue.new', () => kick());
      timer = setInterval(kick, cfg.pollMs);
      timer.unref();
      kick();
    },
    async stop() {
      stopped = true;
      unsubscribe?.();
      unsubscribe = null;
      if (timer) clearInterval(timer);
      timer = null;
      while (running) await running;
    },
    async runOnce() {
      // After any round in progress, never alongside it: when this returns, the round is done.
      while (running) await running;
      await exclusive();
    },
  };
}

/**
 * The RFC 3463 status for the DSN: the enhanced code the reply starts with when it has one,
 * else one from its basic code.
 */
function statusOf(res: RecipientResult, kind: 'failure' | 'delay'): string {
  const m = res.reply.match(/^(?:[245]\d\d[ -])?([245]\.\d{1,3}\.\d{1,3})(?![\w.])/);
  if (m) return m[1]!;
  const code = /^[245]\d\d(?![\w.])/.test(res.reply) ? Number(res.reply.slice(0, 3)) : res.code;
  if (code >= 500) return '5.0.0';
  if (kind === 'delay') return /^4\d\d(?![\w.])/.test(res.reply) ? '4.0.0' : '4.4.1';
  // Temporary failures until the message expired.
  return '4.4.7';
}
