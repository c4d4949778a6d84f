// Closing a listener of long-lived sessions (IMAP, ManageSieve): stop accepting, ask every session
// to finish its command in flight and say goodbye, and cut the ones still open after a grace period.
import type net from 'node:net';

export interface ClosableSession {
  socket: net.Socket;
  /** Say BYE after the command in flight, then close. */
  shutdown(): void;
}

export function closeSessions(server: net.Server, sessions: Iterable<ClosableSession>, graceMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    const deadline = setTimeout(() => {
      for (const s of sessions) s.socket.destroy();
    }, graceMs);
    deadline.unref();
    server.close(() => {
      clearTimeout(deadline);
      resolve();
    });
    for (const s of sessions) s.shutdown();
  });
}
