// The outbound queue worker. Implementation rules:
// - A recipient's state is written the moment its result is known, so a restart resumes
//   exactly where it stopped and never re-sends to a recipient already delivered.
// - Due recipients are leased (lease_until), so two workers never send the same one.
// - One connection per destination domain per round, reused for all its messages.
// - Bounces (DSN, RFC 3464) go to the envelope sender, never to the null sender, and never
//   for a DSN itself. A delay notice goes once, after delayNoticeHours.
import type { DeliveryDeps } from '../delivery/context.js';
import { deliver } from '../delivery/pipeline.js';
import type { DnsResolver } from '../dns/resolver.js';
import * as queue from '../store/queue-repo.js';
import { dropBlobRefs } from '../store/blobs-repo.js';
import type { Row } from '../store/schema.js';
import { newId } from '../util/ids.js';
import { buildDsn, type DsnRecipient } from './dsn.js';
import { connectToDomain, ConnectError, type RecipientResult } from './remote-smtp.js';

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
  const unsubscribe = deps.events.subscribe('queue.new', () => kick());

  function kick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = round()
      .catch((err) => deps.log.error({ err }, 'queue round failed'))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          kick();
        }
      });
  }

  async function round(): Promise<void> {
    const now = deps.now();
    const due = await deps.store.tx((trx) => queue.leaseDue(trx, deps.store.dialect, now, now + LEASE_MS, cfg.concurrency * 20));
    if (due.length === 0) return cleanup();
    const byDomain = new Map<string, Row<'queue_recipients'>[]>();
    for (const r of due) byDomain.set(r.domain, [...(byDomain.get(r.domain) ?? []), r]);
    const domains = [...byDomain.entries()];
    // A bounded number of destinations at once.
    const workers = Array.from({ length: Math.min(cfg.concurrency, domains.length) }, async () => {
      for (let next = domains.shift(); next; next = domains.shift()) await deliverDomain(next[0], next[1]);
    });
    await Promise.all(workers);
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
      });
    } catch (err) {
      const e = err instanceof ConnectError ? err : new ConnectError((err as Error).message, true, 451, '4.4.1');
      log.warn({ err: e.message }, 'cannot reach destination');
      for (const r of rcpts) await record(r, { recipient: r.recipient, ok: false, code: e.code, reply: `${e.enhanced} ${e.message}`, temporary: e.temporary }, null);
      return;
    }
    try {
      for (const [queueId, list] of byMessage) {
        const msg = await queue.queueMessage(deps.store.db, queueId);
        if (!msg) continue;
        const results = await conn.send(msg.sender, list.map((r) => r.recipient), () => deps.blobs.stream(msg.blob_hash));
        for (const res of results) {
          const r = list.find((x) => x.recipient === res.recipient)!;
          await record(r, res, conn.host);
        }
        log.info({ queueId, results: results.map((x) => `${x.recipient}:${x.code}`) }, 'delivery attempt');
      }
    } finally {
      conn.close();
    }
  }

  /** Writes one recipient's outcome: delivered, retry later, or failed with a bounce. */
  async function record(r: Row<'queue_recipients'>, res: RecipientResult, remoteMta: string | null): Promise<void> {
    const now = deps.now();
    const attempts = r.attempts + 1;
    const reply = remoteMta ? `${remoteMta}: ${res.reply}` : res.reply;
    if (res.ok) {
      await queue.updateRecipient(deps.store.db, r.id, { status: 'delivered', attempts, last_attempt_at: now, last_reply: reply, lease_until: 0 });
      return;
    }
    const msg = await queue.queueMessage(deps.store.db, r.queue_id);
    const expired = msg ? now - msg.created_at >= cfg.maxAgeHours * 3600_000 : true;
    if (res.temporary && !expired) {
      const waitMin = cfg.retryMinutes[Math.min(attempts - 1, cfg.retryMinutes.length - 1)]!;
      const notify = !r.delay_notified && msg && now - msg.created_at >= cfg.delayNoticeHours * 3600_000;
      await queue.updateRecipient(deps.store.db, r.id, {
        attempts,
        last_attempt_at: now,
        last_reply: reply,
        next_attempt_at: now + waitMin * 60_000,
        lease_until: 0,
        delay_notified: notify ? 1 : r.delay_notified,
      });
      if (notify && msg) await bounce(msg, [{ ...r, last_reply: reply }], 'delay', remoteMta);
      return;
    }
    const finalReply = expired && res.temporary ? `${reply} (gave up after ${cfg.maxAgeHours} hours)` : reply;
    await queue.updateRecipient(deps.store.db, r.id, { status: 'failed', attempts, last_attempt_at: now, last_reply: finalReply, lease_until: 0 });
    if (msg) await bounce(msg, [{ ...r, last_reply: finalReply }], 'failure', remoteMta, res.code);
  }

  async function bounce(msg: Row<'queue_messages'>, rcpts: Row<'queue_recipients'>[], kind: 'failure' | 'delay', remoteMta: string | null, code?: number): Promise<void> {
    if (msg.sender === '' || msg.kind === 'dsn') return;
    const original = await deps.blobs.read(msg.blob_hash).catch(() => Buffer.from(''));
    const now = new Date(deps.now());
    const recipients: DsnRecipient[] = rcpts.map((r) => ({
      address: r.recipient,
      action: kind === 'failure' ? 'failed' : 'delayed',
      status: statusOf(r.last_reply, kind, code),
      diagnosticCode: r.last_reply ? `smtp; ${r.last_reply.replace(/^[^:]*: /, '')}` : undefined,
      remoteMta: remoteMta ?? undefined,
      lastAttempt: now,
      willRetryUntil: kind === 'delay' ? new Date(msg.created_at + cfg.maxAgeHours * 3600_000) : undefined,
    }));
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
    try {
      await deliver(deps, {
        source: 'local',
        client: { ip: null, helo: null, reverseName: null, tls: false, mailbox: null },
        mailFrom: '',
        rcptTo: [msg.sender],
        raw,
      });
    } catch (err) {
      deps.log.error({ err, queueId: msg.id }, 'could not deliver the bounce');
    }
  }

  /** Messages whose every recipient is final leave the queue and release their blob. */
  async function cleanup(): Promise<void> {
    for (const m of await queue.finishedQueueMessages(deps.store.db)) {
      const last = await deps.store.tx(async (trx) => {
        await queue.deleteQueueMessage(trx, m.id);
        return dropBlobRefs(trx, m.blob_hash, 1);
      });
      if (last) await deps.blobs.remove(m.blob_hash);
    }
  }

  return {
    start() {
      stopped = false;
      timer = setInterval(kick, cfg.pollMs);
      timer.unref();
      kick();
    },
    async stop() {
      stopped = true;
      unsubscribe();
      if (timer) clearInterval(timer);
      await running;
    },
    async runOnce() {
      await round();
    },
  };
}

/** The RFC 3463 status for the DSN: from the remote reply when it carries one. */
function statusOf(reply: string | null, kind: 'failure' | 'delay', code?: number): string {
  const m = reply?.match(/\b([245]\.\d{1,3}\.\d{1,3})\b/);
  if (m) return m[1]!;
  if (kind === 'delay') return '4.4.1';
  return code && code >= 500 ? '5.0.0' : '4.4.7';
}
