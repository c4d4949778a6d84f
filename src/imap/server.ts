// The IMAP listeners: 143-style (plaintext, STARTTLS) and 993-style (implicit TLS). One Session per
// connection (session.ts); per-IP connection limits shared with SMTP; graceful close says BYE.
import net from 'node:net';
import tls from 'node:tls';
import type { DeliveryDeps } from '../delivery/context.js';
import type { AuthLimiter } from '../accounts/auth-limiter.js';
import type { IpConnectionLimiter, TlsPair } from '../smtp/common.js';
import { response } from './protocol/index.js';
import { Session } from './session.js';
import { closeSessions } from '../util/graceful-close.js';

export interface ImapServerOptions {
  tls: TlsPair;
  implicitTls: boolean;
  limiter: IpConnectionLimiter;
  authLimiter: AuthLimiter;
}

const sessionsOf = new WeakMap<net.Server, Set<Session>>();

export function createImapServer(deps: DeliveryDeps, opts: ImapServerOptions): net.Server {
  const sessions = new Set<Session>();
  const secureContext = tls.createSecureContext({ key: opts.tls.key, cert: opts.tls.cert });
  const onConnection = (socket: net.Socket) => {
    const ip = (socket.remoteAddress ?? '').replace(/^::ffff:/, '');
    socket.on('error', () => undefined);
    if (sessions.size >= deps.config.imap.maxConnections || !opts.limiter.acquire(ip)) {
      socket.end(response.bye(`Too many connections from ${ip}, try again later`));
      return;
    }
    let released = false;
    const session = new Session(deps, socket, {
      secureContext,
      implicitTls: opts.implicitTls,
      authLimiter: opts.authLimiter,
      onClose: () => {
        if (released) return;
        released = true;
        sessions.delete(session);
        opts.limiter.release(ip);
      },
    });
    sessions.add(session);
    session.start();
  };
  const server = opts.implicitTls
    ? tls.createServer({ key: opts.tls.key, cert: opts.tls.cert }, onConnection)
    : net.createServer(onConnection);
  if (opts.implicitTls) server.on('tlsClientError', () => undefined);
  sessionsOf.set(server, sessions);
  return server;
}

/** Stop accepting, tell every session `* BYE` (after its command in flight), wait up to graceMs. */
export function closeImapServer(server: net.Server, graceMs = 10_000): Promise<void> {
  return closeSessions(server, sessionsOf.get(server) ?? new Set<Session>(), graceMs);
}
