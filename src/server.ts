// `mailcove serve`: every listener and worker of one node, started from one config.
// Implementation rules:
// - Nothing listens until storage is open and migrated, so the first 250 is already durable.
// - Shutdown stops accepting first, lets transactions in flight finish, then closes storage.
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import type { SMTPServer } from 'smtp-server';
import type { Config } from './config/schema.js';
import { listenerAddress } from './config/load.js';
import { openStorage } from './store/storage.js';
import { EventBus } from './events/bus.js';
import { createResolver, type DnsResolver } from './dns/resolver.js';
import { ensureTlsFiles } from './tls/self-signed.js';
import { AuthLimiter } from './accounts/auth-limiter.js';
import { closeSmtpServer, IpConnectionLimiter, type TlsPair } from './smtp/common.js';
import { createMxServer } from './smtp/mx-server.js';
import { createSubmissionServer } from './smtp/submission-server.js';
import { createQueueWorker, type QueueWorker } from './queue/worker.js';
import type { DeliveryDeps } from './delivery/context.js';
import { Metrics } from './metrics/registry.js';
import { createHttpServer } from './http/server.js';
import { collectBlobGarbage } from './blobs/gc.js';
import { pruneSieveState } from './store/sieve-responses-repo.js';
import { ensureDomainKeys } from './dkim/domain-keys.js';
import { closeImapServer, createImapServer } from './imap/server.js';
import { closeManageSieveServer, createManageSieveServer } from './managesieve/server.js';
import type { Server as NetServer } from 'node:net';
import { startReports, type ReportsService } from './reports/service.js';
import { ensureSrsSecret } from './srs/keys.js';
import { startConfirmationMailer, type ConfirmationMailer } from './delivery/redirect-confirm.js';
import { startSpamTrainer, type SpamTrainer } from './filters/spam-trainer.js';
import { expireJunkAndTrash } from './filters/spam-expiry.js';
import { startFromCodeMailer, type FromCodeMailer } from './responder/from-mailer.js';
import { createClassifyPool } from './filters/classify-pool.js';

export interface RunningServer {
  deps: DeliveryDeps;
  resolver: DnsResolver;
  queue: QueueWorker;
  reports: ReportsService;
  /** Sends the confirmation links of new redirect targets. */
  confirmations: ConfirmationMailer;
  /** Learns from reports made by moving messages into or out of Spam (IMAP). */
  spamTrainer: SpamTrainer;
  /** Empties Spam and Trash of expired messages now (the timer runs it too). */
  expireJunk(): Promise<number>;
  /** Codes verifying responders' alternative From addresses. */
  fromCodes: FromCodeMailer;
  /** Bound addresses by listener name (ports resolved when configured as 0). */
  addresses: Record<string, { host: string; port: number }>;
  close(): Promise<void>;
}

export interface ServerOptions {
  log?: Logger;
  now?: () => number;
}

export function createLogger(config: Config): Logger {
  return pino({ level: config.log.level, base: { service: 'mailcove' } });
}

export async function loadTls(config: Config): Promise<TlsPair> {
  if (config.tls.certFile && config.tls.keyFile) {
    return { cert: fs.readFileSync(config.tls.certFile, 'utf8'), key: fs.readFileSync(config.tls.keyFile, 'utf8') };
  }
  const pair = await ensureTlsFiles(path.join(config.dataDir, 'tls'), config.hostname);
  return { cert: pair.certPem, key: pair.keyPem };
}


export async function startServer(config: Config, opts: ServerOptions = {}): Promise<RunningServer> {
  const log = opts.log ?? createLogger(config);
  const { store, blobs } = await openStorage(config);
  // Spool files of a crashed run were never answered with 250: safe to drop.
  await blobs.cleanTmp();
  const tls = await loadTls(config);
  await ensureSrsSecret(config);
  const events = new EventBus();
  const resolver = createResolver({ servers: config.dns.servers.length ? config.dns.servers : undefined, timeoutMs: config.dns.timeoutMs });
  const metrics = new Metrics();
  // Spam classification off the event loop: a worker costs ~50 MB (its models and heap; the event
  // loop's thread then loads none), and even on two cores it buys a good part of inbound
  // throughput (bench/RESULTS.md), so there is one from two cores up.
  const cores = os.availableParallelism();
  const classifyPool = createClassifyPool(config.spam.workers ?? (cores >= 2 ? Math.max(1, Math.min(8, cores - 2)) : 0));
  const deps: DeliveryDeps = { store, blobs, events, config, log, metrics, now: opts.now ?? Date.now, authResolver: resolver.forMailauth(), classifyPool };

  const ipLimiter = new IpConnectionLimiter(config.smtp.maxConnectionsPerIp);
  const imapIpLimiter = new IpConnectionLimiter(config.imap.maxConnectionsPerIp);
  const authLimiter = new AuthLimiter({
    maxFailures: config.auth.maxFailures,
    maxFailuresPerIp: config.auth.maxFailuresPerIp,
    windowMs: config.auth.failureWindowMin * 60_000,
    lockMs: config.auth.lockMin * 60_000,
    failureDelayMs: config.auth.failureDelayMs,
  });

  const smtpServers: Array<[string, SMTPServer]> = [
    ['smtp', createMxServer(deps, tls, ipLimiter)],
    ['submission', createSubmissionServer(deps, tls, ipLimiter, authLimiter, { implicitTls: false })],
    ['submissions', createSubmissionServer(deps, tls, ipLimiter, authLimiter, { implicitTls: true })],
  ];
  const imapServers: Array<[string, NetServer]> = [
    ['imap', createImapServer(deps, { tls, implicitTls: false, limiter: imapIpLimiter, authLimiter })],
    ['imaps', createImapServer(deps, { tls, implicitTls: true, limiter: imapIpLimiter, authLimiter })],
  ];
  const manageSieve = createManageSieveServer(deps, { tls, limiter: new IpConnectionLimiter(config.managesieve.maxConnectionsPerIp), authLimiter });
  const sessionServers: Array<[string, NetServer, (s: NetServer, graceMs?: number) => Promise<void>]> = [
    ...imapServers.map(([n, s]) => [n, s, closeImapServer] as [string, NetServer, typeof closeImapServer]),
    ['managesieve', manageSieve, closeManageSieveServer],
  ];
  const listeningSessions: Array<[NetServer, (s: NetServer, graceMs?: number) => Promise<void>]> = [];
  const http = createHttpServer({
    store,
    blobs,
    events,
    config,
    log,
    metrics,
    defaultQuotaBytes: config.mailbox.defaultQuotaBytes,
    authLimiter,
    https: config.http.tls ? tls : undefined,
  });
  const addresses: RunningServer['addresses'] = {};
  const listening: SMTPServer[] = [];
  try {
    // SMTP, IMAP and ManageSieve listeners alike: a net.Server each (smtp-server keeps its own in `.server`).
    const listeners: Array<[string, NetServer]> = [...smtpServers.map(([n, s]) => [n, s.server] as [string, NetServer]), ...sessionServers.map(([n, s]) => [n, s] as [string, NetServer])];
    for (const [name, server] of listeners) {
      const addr = listenerAddress(config.listen[name as keyof Config['listen']]);
      if (!addr) continue;
      server.on('error', (err) => log.error({ err, listener: name }, 'listener error'));
      // Replies are small writes answered by the client's next command: without TCP_NODELAY,
      // Nagle and delayed ACKs add ~40 ms to a command whose reply spans several writes.
      server.on('connection', (socket: import('node:net').Socket) => socket.setNoDelay(true));
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(addr.port, addr.host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      const smtp = smtpServers.find(([n]) => n === name)?.[1];
      if (smtp) listening.push(smtp);
      else listeningSessions.push([server, sessionServers.find(([n]) => n === name)![2]]);
      const bound = server.address() as AddressInfo;
      addresses[name] = { host: bound.address, port: bound.port };
      log.info({ listener: name, address: `${bound.address}:${bound.port}` }, 'listening');
    }
    const httpAddr = listenerAddress(config.listen.http);
    if (httpAddr) {
      await http.listen({ host: httpAddr.host, port: httpAddr.port });
      const bound = http.server.address() as AddressInfo;
      addresses.http = { host: bound.address, port: bound.port };
      log.info({ listener: 'http', address: `${bound.address}:${bound.port}`, tls: config.http.tls }, 'listening');
    }
  } catch (err) {
    await Promise.all(listening.map((s) => new Promise<void>((r) => s.close(() => r()))));
    await Promise.all(listeningSessions.map(([s, close]) => close(s, 0)));
    await http.close();
    metrics.close();
    await classifyPool?.close();
    await store.close();
    throw err;
  }

  // Domains added before DKIM signing existed get their keys now, without delaying the start.
  const keysMade = ensureDomainKeys(store, deps.now()).then(
    (domains) => domains.length && log.info({ domains }, 'DKIM keys made for domains that had none; publish their records (mailcove domain dkim <domain>)'),
    (err) => log.error({ err }, 'making DKIM keys for existing domains failed'),
  );
  const queue = createQueueWorker(deps, resolver);
  queue.start();
  const confirmations = startConfirmationMailer(deps, config.queue.pollMs);
  const fromCodes = startFromCodeMailer(deps, config.queue.pollMs);
  const gc = async () => {
    await collectBlobGarbage(store, blobs, deps.now()).catch((err) => log.error({ err }, 'blob garbage collection failed'));
    // Expired Sieve duplicate ids and vacation/notify records: nothing reads them any more.
    await pruneSieveState(store.db, deps.now()).catch((err) => log.error({ err }, 'pruning expired Sieve records failed'));
  };
  void gc();
  const gcTimer = setInterval(gc, 10 * 60_000);
  gcTimer.unref();
  const reports = startReports(deps, resolver);
  const spamTrainer = startSpamTrainer(deps, events);
  const expireJunk = () =>
    expireJunkAndTrash(store, events, config.spam.expiryDays, deps.now()).catch((err: unknown) => {
      log.error({ err }, 'emptying Spam and Trash of expired messages failed');
      return 0;
    });
  void expireJunk();
  const expiryTimer = setInterval(expireJunk, config.spam.expiryIntervalMin * 60_000);
  expiryTimer.unref();

  let closed = false;
  return {
    deps,
    resolver,
    queue,
    reports,
    confirmations,
    spamTrainer,
    expireJunk,
    fromCodes,
    addresses,
    async close() {
      if (closed) return;
      closed = true;
      log.info('shutting down: no new connections, finishing transactions in flight');
      await Promise.all([...listening.map((s) => closeSmtpServer(s)), ...listeningSessions.map(([s, close]) => close(s)), http.close()]);
      clearInterval(gcTimer);
      clearInterval(expiryTimer);
      await spamTrainer.stop();
      await confirmations.stop();
      await fromCodes.stop();
      await queue.stop();
      await keysMade;
      await reports.stop();
      metrics.close();
      await classifyPool?.close();
      await store.close();
      log.info('stopped');
    },
  };
}
