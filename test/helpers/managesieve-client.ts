// A raw ManageSieve client for tests that send exactly what they want and read exactly what the
// server answers: a response is every line up to OK / NO / BYE, with server literals `{n}` taken whole.
import net from 'node:net';
import tls from 'node:tls';

export interface SieveResponse {
  /** Lines before the final one, literal data inlined (a literal's header line is dropped). */
  lines: string[];
  /** Literal bodies in order. */
  literals: string[];
  /** The final line with its literal text appended, e.g. `NO (ACTIVE) "..."`. */
  final: string;
  status: 'OK' | 'NO' | 'BYE';
}

export class RawSieve {
  private buf = Buffer.alloc(0);
  private wake: (() => void) | null = null;
  closed = false;

  private constructor(public socket: net.Socket) {
    this.attach();
  }

  static async connect(port: number): Promise<{ client: RawSieve; greeting: SieveResponse }> {
    const socket = net.connect({ host: '127.0.0.1', port });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('error', reject);
    });
    const client = new RawSieve(socket);
    return { client, greeting: await client.response() };
  }

  private attach(): void {
    this.socket.on('data', (c: Buffer) => {
      this.buf = Buffer.concat([this.buf, c]);
      this.wake?.();
    });
    this.socket.on('close', () => {
      this.closed = true;
      this.wake?.();
    });
    this.socket.on('error', () => undefined);
  }

  private async take(test: () => number): Promise<Buffer> {
    for (;;) {
      const n = test();
      if (n >= 0) {
        const out = this.buf.subarray(0, n);
        this.buf = this.buf.subarray(n);
        return out;
      }
      if (this.closed) throw new Error(`connection closed; pending: ${JSON.stringify(this.buf.toString())}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, 10_000);
        this.wake = () => {
          clearTimeout(t);
          this.wake = null;
          r();
        };
      });
    }
  }

  async line(): Promise<string> {
    const raw = await this.take(() => {
      const i = this.buf.indexOf('\r\n');
      return i < 0 ? -1 : i + 2;
    });
    return raw.subarray(0, raw.length - 2).toString('utf8');
  }

  async response(): Promise<SieveResponse> {
    const lines: string[] = [];
    const literals: string[] = [];
    for (;;) {
      let l = await this.line();
      const m = /\{(\d+)\}$/.exec(l);
      if (m) {
        const n = Number(m[1]);
        const data = (await this.take(() => (this.buf.length >= n ? n : -1))).toString('utf8');
        literals.push(data);
        const rest = await this.line();
        l = l.slice(0, m.index) + data + rest;
      }
      const status = /^(OK|NO|BYE)\b/.exec(l)?.[1] as SieveResponse['status'] | undefined;
      if (status) return { lines, literals, final: l, status };
      lines.push(l);
    }
  }

  send(data: string | Buffer): void {
    this.socket.write(data);
  }

  async command(text: string | Buffer): Promise<SieveResponse> {
    this.send(typeof text === 'string' ? text + '\r\n' : text);
    return this.response();
  }

  /** STARTTLS, the handshake, and the capabilities the server sends after it (RFC 5804 2.2). */
  async starttls(): Promise<SieveResponse> {
    const r = await this.command('STARTTLS');
    if (r.status !== 'OK') throw new Error(r.final);
    this.socket.removeAllListeners('data');
    const secure = tls.connect({ socket: this.socket, rejectUnauthorized: false });
    await new Promise<void>((resolve, reject) => {
      secure.once('secureConnect', () => resolve());
      secure.once('error', reject);
    });
    this.socket = secure;
    this.buf = Buffer.alloc(0);
    this.attach();
    return this.response();
  }

  async authenticatePlain(user: string, password: string): Promise<SieveResponse> {
    return this.command(`AUTHENTICATE "PLAIN" "${Buffer.from(`\0${user}\0${password}`).toString('base64')}"`);
  }

  close(): void {
    this.socket.destroy();
  }
}

/** A client-to-server literal (RFC 5804: always non-synchronizing). */
export const literal = (s: string | Buffer) => `{${Buffer.byteLength(s)}+}\r\n${s}`;
