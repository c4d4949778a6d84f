// A loopback SMTP server standing for another mail system ("the Internet" in end-to-end tests):
// it accepts everything and keeps what it receives. Several can share one port on different
// loopback addresses (127.0.0.2, .3 …), as the outbound queue dials every MX on one port.
import net, { type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Received { from: string; to: string[]; raw: Buffer }

export interface SmtpSink {
  port: number;
  messages: Received[];
  /** The messages one recipient got. */
  to(rcpt: string): Received[];
  close(): Promise<void>;
}

/** Listens on host:port (port 0: any); with `tls`, STARTTLS is offered with that key and certificate. */
export async function startSmtpSink(host = '127.0.0.1', port = 0, tls?: { key: string; cert: string }): Promise<SmtpSink> {
  const messages: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(tls ?? {}),
    logger: false,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
        cb(null, 'Ok: queued');
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    messages,
    to: (rcpt) => messages.filter((m) => m.to.includes(rcpt)),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A port free on every one of these loopback addresses. */
export async function portFreeOn(hosts: string[]): Promise<number> {
  const probe = (host: string, p: number) =>
    new Promise<number | null>((resolve) => {
      const s = net.createServer();
      s.once('error', () => resolve(null));
      s.listen(p, host, () => {
        const got = (s.address() as AddressInfo).port;
        s.close(() => resolve(got));
      });
    });
  for (let i = 0; i < 20; i++) {
    const port = await probe(hosts[0]!, 0);
    if (port === null) continue;
    let ok = true;
    for (const h of hosts.slice(1)) if ((await probe(h, port)) === null) ok = false;
    if (ok) return port;
  }
  throw new Error('no port free on all of ' + hosts.join(', '));
}
