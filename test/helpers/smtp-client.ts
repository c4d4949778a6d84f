// A raw SMTP client for tests that need to send exactly what they want (bad input, pipelining,
// odd addresses) and read exactly what the server answers.
import net from 'node:net';
import tls from 'node:tls';

export interface Reply { code: number; text: string; lines: string[] }

export class RawSmtp {
  private buffer = '';
  private waiters: Array<(r: Reply) => void> = [];
  private replies: Reply[] = [];
  private pending: string[] = [];
  closed = false;

  private constructor(private socket: net.Socket | tls.TLSSocket) {
    this.attach();
  }

  static async connect(port: number, opts: { tls?: boolean } = {}): Promise<{ client: RawSmtp; greeting: Reply }> {
    const socket = opts.tls
      ? tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false })
      : net.connect({ host: '127.0.0.1', port });
    await new Promise<void>((resolve, reject) => {
      socket.once(opts.tls ? 'secureConnect' : 'connect', () => resolve());
      socket.once('error', reject);
    });
    const client = new RawSmtp(socket);
    const greeting = await client.read();
    return { client, greeting };
  }

  private attach(): void {
    this.socket.setEncoding('latin1');
    this.socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      let idx;
      while ((idx = this.buffer.indexOf('\r\n')) !== -1) {
        const line = this.buffer.slice(0, idx);
        this.buffer = this.buffer.slice(idx + 2);
        this.pending.push(line);
        if (/^\d{3} /.test(line) || /^\d{3}$/.test(line)) {
          const lines = this.pending;
          this.pending = [];
          const reply = { code: Number(line.slice(0, 3)), text: lines.map((l) => l.slice(4)).join('\n'), lines };
          const w = this.waiters.shift();
          if (w) w(reply);
          else this.replies.push(reply);
        }
      }
    });
    this.socket.on('close', () => {
      this.closed = true;
      for (const w of this.waiters.splice(0)) w({ code: 0, text: 'connection closed', lines: [] });
    });
    this.socket.on('error', () => undefined);
  }

  read(): Promise<Reply> {
    const r = this.replies.shift();
    if (r) return Promise.resolve(r);
    if (this.closed) return Promise.resolve({ code: 0, text: 'connection closed', lines: [] });
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  write(data: string | Buffer): void {
    this.socket.write(data);
  }

  async cmd(line: string): Promise<Reply> {
    this.write(`${line}\r\n`);
    return this.read();
  }

  async starttls(): Promise<Reply> {
    const r = await this.cmd('STARTTLS');
    if (r.code !== 220) return r;
    this.socket.removeAllListeners('data');
    this.socket.removeAllListeners('close');
    const secure = tls.connect({ socket: this.socket as net.Socket, rejectUnauthorized: false });
    await new Promise<void>((resolve, reject) => {
      secure.once('secureConnect', () => resolve());
      secure.once('error', reject);
    });
    this.socket = secure;
    this.attach();
    return r;
  }

  /** DATA with dot-stuffing; `raw` is sent as given otherwise. */
  async data(raw: string | Buffer): Promise<Reply> {
    const r = await this.cmd('DATA');
    if (r.code !== 354) return r;
    const text = Buffer.isBuffer(raw) ? raw.toString('latin1') : raw;
    const stuffed = text.replace(/(^|\r\n)\./g, '$1..');
    this.write(Buffer.from(stuffed + (stuffed.endsWith('\r\n') ? '' : '\r\n') + '.\r\n', 'latin1'));
    return this.read();
  }

  close(): void {
    this.socket.end();
  }
}

/** A plain message with CRLF line ends. */
export function message(opts: { from: string; to: string; subject?: string; body?: string; headers?: string[]; messageId?: string }): string {
  return [
    `From: ${opts.from}`,
    `To: ${opts.to}`,
    `Subject: ${opts.subject ?? 'test'}`,
    `Message-ID: ${opts.messageId ?? `<${Math.random().toString(36).slice(2)}@test>`}`,
    'Date: Thu, 26 Nov 2026 10:00:00 +0000',
    ...(opts.headers ?? []),
    '',
    opts.body ?? 'Hello.',
    '',
  ].join('\r\n');
}

/**
 * One SMTP transaction at `port`: the reply to each RCPT and, when some recipient was accepted
 * and there is a message (`raw` not null), the reply at the end of DATA. A refused MAIL FROM throws.
 */
export async function smtpTransaction(port: number, from: string, rcpts: string[], raw: string | null, helo = 'client.sender.test'): Promise<{ rcpt: Reply[]; data: Reply | null }> {
  const { client } = await RawSmtp.connect(port);
  try {
    await client.cmd(`EHLO ${helo}`);
    const mail = await client.cmd(`MAIL FROM:<${from}>`);
    if (mail.code !== 250) throw new Error(`MAIL FROM:<${from}> refused: ${mail.code} ${mail.text}`);
    const rcpt: Reply[] = [];
    for (const r of rcpts) rcpt.push(await client.cmd(`RCPT TO:<${r}>`));
    const data = raw !== null && rcpt.some((r) => r.code === 250) ? await client.data(raw) : null;
    await client.cmd('QUIT');
    return { rcpt, data };
  } finally {
    client.close();
  }
}
