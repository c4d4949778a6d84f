// The ManageSieve listener (RFC 5804, port 4190): plaintext with STARTTLS, one Session per
// connection, connection limits in total and per IP (config.managesieve), graceful close says BYE.
import net from 'node:net';
import tls from 'node:tls';
import type { DeliveryDeps } from '../delivery/context.js';
import type { AuthLimiter } from '../accounts/auth-limiter.js';
import type { IpConnectionLimiter, TlsPair } from '../smtp/common.js';
import { response } from './protocol/index.js';
import { Session } from './session.js';
import { closeSessions } from '../util/graceful-close.js';

export interface ManageSieveServerOptions {
  tls: TlsPair;
  limiter: IpConnectionLimiter;
  authLimiter: AuthLimiter;
}

const sessionsOf = new WeakMap<net.Server, Set<Session>>();

export function createManageSieveServer(deps: DeliveryDeps, opts: ManageSieveServerOptions): net.Server {
  const sessions = new Set<Session>();
  const secureContext = tls.createSecureContext({ key: opts.tls.key, cert: opts.tls.cert });
  const server = net.createServer((socket) => {
    const ip = (socket.remoteAddress ?? '').replace(/^::ffff:/, '');
    socket.on('error', () => undefined);
    if (sessions.size >= deps.config.managesieve.maxConnections || !opts.limiter.acquire(ip)) {
      socket.end(response.bye(`Too many connections from ${ip}, try again later`, 'TRYLATER'));
      return;
    }
    let released = false;
    const session = new Session(deps, socket, {
      secureContext,
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
  });
  sessionsOf.set(server, sessions);
  return server;
}

/** Stop accepting, BYE to every session (after its command in flight), wait up to graceMs. */
export function closeManageSieveServer(server: net.Server, graceMs = 10_000): Promise<void> {
  return closeSessions(server, sessionsOf.get(server) ?? new Set<Session>(), graceMs);
}
