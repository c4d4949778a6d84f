// A raw IMAP client for tests that must send exactly what they want (bad input, IDLE timing) and
// read exactly what the server answers, line by line.
import net from 'node:net';
import tls from 'node:tls';

export interface Tagged {
  /** The untagged lines (and continuation requests) before the tagged one. */
  untagged: string[];
  /** The tagged line, e.g. "A1 OK LOGIN completed". */
  tagged: string;
  status: string;
}

export class RawImap {
  private buffer = Buffer.alloc(0);
  lines: string[] = [];
  private waiters: Array<() => void> = [];
  closed = false;
  private n = 0;

  private constructor(public socket: net.Socket) {
    this.attach();
  }

  static async connect(port: number, opts: { tls?: boolean } = {}): Promise<{ client: RawImap; greeting: string }> {
    const socket = opts.tls ? tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false }) : net.connect({ host: '127.0.0.1', port });
    await new Promise<void>((resolve, reject) => {
      socket.once(opts.tls ? 'secureConnect' : 'connect', () => resolve());
      socket.once('error', reject);
    });
    const client = new RawImap(socket);
    const greeting = await client.line();
    return { client, greeting };
  }

  private attach(): void {
    this.socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      let idx;
      while ((idx = this.buffer.indexOf('\r\n')) !== -1) {
        this.lines.push(this.buffer.subarray(0, idx).toString('utf8'));
        this.buffer = this.buffer.subarray(idx + 2);
      }
      this.wake();
    });
    this.socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    this.socket.on('error', () => undefined);
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** The next line, waiting up to `timeoutMs`; null when the connection closed first. */
  async line(timeoutMs = 5000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (this.lines.length === 0) {
      if (this.closed) throw new Error('connection closed');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('timeout waiting for a line');
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
    return this.lines.shift()!;
  }

  /** Lines until one matches, returning all read (the match last). */
  async until(re: RegExp, timeoutMs = 5000): Promise<string[]> {
    const out: string[] = [];
    for (;;) {
      const l = await this.line(timeoutMs);
      out.push(l);
      if (re.test(l)) return out;
    }
  }

  write(data: string | Buffer): void {
    this.socket.write(data);
  }

  /** Send `tag text` and read up to the tagged answer. */
  async cmd(text: string, timeoutMs = 5000): Promise<Tagged> {
    const tag = `T${++this.n}`;
    this.write(`${tag} ${text}\r\n`);
    const lines = await this.until(new RegExp(`^${tag} `), timeoutMs);
    const tagged = lines.pop()!;
    return { untagged: lines, tagged, status: tagged.split(' ')[1]! };
  }

  async starttls(): Promise<void> {
    const r = await this.cmd('STARTTLS');
    if (r.status !== 'OK') throw new Error(r.tagged);
    this.socket.removeAllListeners('data');
    this.socket.removeAllListeners('close');
    const secure = tls.connect({ socket: this.socket, rejectUnauthorized: false });
    await new Promise<void>((resolve, reject) => {
      secure.once('secureConnect', () => resolve());
      secure.once('error', reject);
    });
    this.socket = secure;
    this.attach();
  }

  /** Waits for the server to close the connection. */
  async waitClosed(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error('still open');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): void {
    this.socket.destroy();
  }
}
