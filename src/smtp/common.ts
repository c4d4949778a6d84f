// What the MX and submission listeners share: TLS, limits, per-IP connection counting, and how a
// DATA stream becomes a delivery (spool while streaming, then the pipeline, then the reply).
import type { SMTPServerOptions, SMTPServerSession, SMTPServerDataStream } from 'smtp-server';
import type { DeliveryDeps, ClientInfo, Source } from '../delivery/context.js';
import { deliver } from '../delivery/pipeline.js';
import { SmtpReplyError } from '../util/errors.js';
import { fromSmtpReplyError, reply, type ReplyError } from './replies.js';
import type { Row } from '../store/schema.js';

export interface TlsPair { key: string; cert: string }

export class IpConnectionLimiter {
  private readonly counts = new Map<string, number>();
  constructor(private readonly max: number) {}
  acquire(ip: string): boolean {
    const n = this.counts.get(ip) ?? 0;
    if (n >= this.max) return false;
    this.counts.set(ip, n + 1);
    return true;
  }
  release(ip: string): void {
    const n = (this.counts.get(ip) ?? 1) - 1;
    if (n <= 0) this.counts.delete(ip);
    else this.counts.set(ip, n);
  }
}

export function baseOptions(deps: DeliveryDeps, listener: string, tls: TlsPair, limiter: IpConnectionLimiter): SMTPServerOptions {
  const c = deps.config;
  const counted = new WeakSet<object>();
  return {
    name: c.hostname,
    banner: 'Mailcove ESMTP',
    key: tls.key,
    cert: tls.cert,
    size: c.smtp.maxMessageSize,
    rejectOversized: true,
    hideENHANCEDSTATUSCODES: false,
    hideDSN: true,
    hideREQUIRETLS: true,
    maxClients: c.smtp.maxConnections,
    socketTimeout: c.smtp.socketTimeoutSec * 1000,
    closeTimeout: 30_000,
    disableReverseLookup: true,
    logger: false,
    onConnect(session, callback) {
      if (!limiter.acquire(session.remoteAddress)) {
        return callback(reply(421, '4.7.0', `Too many connections from ${session.remoteAddress}, try again later`));
      }
      counted.add(session);
      deps.metrics.smtpConnections.inc({ listener });
      callback();
    },
    onClose(session) {
      if (counted.has(session)) {
        counted.delete(session);
        limiter.release(session.remoteAddress);
      }
    },
  };
}

export function clientInfo(session: SMTPServerSession, mailbox: Row<'mailboxes'> | null): ClientInfo {
  return {
    ip: session.remoteAddress,
    helo: session.hostNameAppearsAs ?? null,
    reverseName: session.clientHostname && !session.clientHostname.startsWith('[') ? session.clientHostname : null,
    tls: !!session.secure,
    mailbox,
  };
}

/** Streams DATA to the spool, runs the pipeline, answers 250 only after the commit. */
export async function receiveData(
  deps: DeliveryDeps,
  source: Source,
  stream: SMTPServerDataStream,
  session: SMTPServerSession,
  mailbox: Row<'mailboxes'> | null,
): Promise<string> {
  let spooled;
  try {
    spooled = await deps.blobs.spool(stream, deps.config.smtp.maxMessageSize);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    deps.log.error({ err }, 'spooling failed');
    stream.resume();
    if (code === 'ENOSPC' || code === 'EDQUOT') throw reply(452, '4.3.1', 'Insufficient system storage, please try again later');
    throw reply(451, '4.3.0', 'Temporary local problem, please try again later');
  }
  // Over the limit: smtp-server itself answers 552 5.3.4 once the stream ends.
  if (spooled.tooLarge || stream.sizeExceeded) {
    deps.metrics.smtpMessages.inc({ listener: source, result: 'rejected' });
    return 'too large';
  }
  try {
    const ctx = await deliver(deps, {
      source,
      client: clientInfo(session, mailbox),
      mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
      rcptTo: session.envelope.rcptTo.map((r) => r.address),
      spoolPath: spooled.path ?? undefined,
      raw: spooled.buffer ?? undefined,
    });
    deps.metrics.smtpMessages.inc({ listener: source, result: 'accepted' });
    return `2.6.0 Ok: queued as ${ctx.id}`;
  } catch (err) {
    const r = asReply(deps, err);
    deps.metrics.smtpMessages.inc({ listener: source, result: r.responseCode >= 500 ? 'rejected' : 'tempfail' });
    throw r;
  }
}

export function asReply(deps: DeliveryDeps, err: unknown): ReplyError {
  if (err instanceof SmtpReplyError) return fromSmtpReplyError(err);
  deps.log.error({ err }, 'delivery failed');
  // The database's disk full (SQLite) or PostgreSQL's disk_full: same answer as for the blobs.
  const code = (err as { code?: string }).code;
  if (code === 'SQLITE_FULL' || code === '53100') return reply(452, '4.3.1', 'Insufficient system storage, please try again later');
  return reply(451, '4.3.0', 'Temporary local problem, please try again later');
}

interface LiveConnection { _dataStream?: unknown; session?: { envelope?: { mailFrom?: unknown } }; send(code: number, text: string): void; close(): void }

/**
 * Graceful stop: no new connections; clients between transactions are told 421 and let go at
 * once; a transaction in flight may finish (its 250 means it is stored) for up to `graceMs`.
 */
export function closeSmtpServer(server: import('smtp-server').SMTPServer, graceMs = 30_000): Promise<void> {
  const connections = (server as unknown as { connections: Set<LiveConnection> }).connections;
  const idle = (c: LiveConnection) => !c._dataStream && !c.session?.envelope?.mailFrom;
  const sweep = () => {
    for (const c of connections) {
      if (!idle(c)) continue;
      c.send(421, '4.3.2 Service shutting down, please try again later');
      c.close();
    }
  };
  sweep();
  const timer = setInterval(sweep, 100);
  const deadline = setTimeout(() => clearInterval(timer), graceMs);
  return new Promise((resolve) =>
    server.close(() => {
      clearInterval(timer);
      clearTimeout(deadline);
      resolve();
    }),
  );
}
