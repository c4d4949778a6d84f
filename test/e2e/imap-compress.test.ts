// COMPRESS=DEFLATE (RFC 4978) over a raw socket: commands and responses after COMPRESS (also
// pipelined right behind the command), literals, a second COMPRESS, a zip bomb (closed cleanly,
// the server lives on); and imapflow, which negotiates COMPRESS itself.
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImapFlow } from 'imapflow';
import { provision, startTestNode, TEST_DIALECTS, type TestNode } from '../helpers/server.js';
import { RawImap } from '../helpers/imap-client.js';

/** A raw client whose both directions go through raw deflate after COMPRESS. */
class Deflated {
  private readonly deflate = zlib.createDeflateRaw();
  private readonly inflate = zlib.createInflateRaw();
  private out: Buffer[] = [];
  private text = '';
  lines: string[] = [];
  closed = false;
  private n = 0;
  private wake: (() => void) | null = null;

  constructor(readonly raw: RawImap) {
    const socket = raw.socket;
    socket.removeAllListeners('data');
    socket.on('data', (c: Buffer) => this.inflate.write(c));
    // Closed once the inflater has given out everything the socket brought.
    const closed = () => {
      this.closed = true;
      this.wake?.();
    };
    socket.on('close', () => this.inflate.end());
    this.inflate.on('end', closed);
    this.inflate.on('close', closed);
    this.deflate.on('data', (c: Buffer) => this.out.push(c));
    this.inflate.on('data', (c: Buffer) => {
      this.text += c.toString('utf8');
      let i;
      while ((i = this.text.indexOf('\r\n')) !== -1) {
        this.lines.push(this.text.slice(0, i));
        this.text = this.text.slice(i + 2);
      }
      this.wake?.();
    });
    this.inflate.on('error', closed);
  }

  /** The deflated bytes of `data`, sync-flushed (the stream's state carries on). */
  async compress(data: string | Buffer): Promise<Buffer> {
    this.deflate.write(data);
    await new Promise<void>((r) => this.deflate.flush(zlib.constants.Z_SYNC_FLUSH, () => r()));
    await new Promise((r) => setImmediate(r));
    const b = Buffer.concat(this.out);
    this.out = [];
    return b;
  }

  async send(data: string | Buffer): Promise<void> {
    const b = await this.compress(data);
    if (!this.raw.socket.destroyed) this.raw.socket.write(b);
  }

  async line(timeoutMs = 5000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (!this.lines.length) {
      if (this.closed) throw new Error('connection closed');
      if (Date.now() > deadline) throw new Error('timeout waiting for a line');
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.max(1, deadline - Date.now()));
        this.wake = () => {
          clearTimeout(t);
          r();
        };
      });
    }
    return this.lines.shift()!;
  }

  async cmd(text: string): Promise<{ untagged: string[]; tagged: string }> {
    const tag = `Z${++this.n}`;
    await this.send(`${tag} ${text}\r\n`);
    const untagged: string[] = [];
    for (;;) {
      const l = await this.line();
      if (l.startsWith(`${tag} `)) return { untagged, tagged: l };
      untagged.push(l);
    }
  }

  async waitClosed(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error('still open');
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

describe.each(TEST_DIALECTS)('IMAP COMPRESS=DEFLATE (%s)', (dialect) => {
  let node: TestNode;
  let pw: Record<string, string>;
  const alice = 'alice@example.test';

  beforeAll(async () => {
    node = await startTestNode({ dialect, config: { auth: { maxFailures: 5, maxFailuresPerIp: 100, failureDelayMs: 0 } } });
    pw = await provision(node.admin, 'example.test', ['alice']);
  });
  afterAll(() => node.cleanup());

  async function loggedIn(): Promise<RawImap> {
    const { client } = await RawImap.connect(node.port('imaps'), { tls: true });
    const r = await client.cmd(`LOGIN ${alice} ${pw[alice]}`);
    expect(r.tagged).toMatch(/OK \[CAPABILITY .* COMPRESS=DEFLATE/);
    return client;
  }

  it('commands, responses and literals go deflated after COMPRESS; a second COMPRESS is refused', async () => {
    const { client: pre } = await RawImap.connect(node.port('imaps'), { tls: true });
    expect((await pre.cmd('COMPRESS DEFLATE')).status).toBe('BAD'); // not before login
    pre.close();

    const raw = await loggedIn();
    raw.write('C1 COMPRESS DEFLATE\r\n');
    expect(await raw.line()).toBe('C1 OK DEFLATE active');
    const z = new Deflated(raw);
    const caps = await z.cmd('CAPABILITY');
    expect(caps.tagged).toBe('Z1 OK CAPABILITY completed');
    expect(caps.untagged[0]).toMatch(/^\* CAPABILITY /);
    expect(caps.untagged[0]).not.toContain('COMPRESS=DEFLATE');
    expect((await z.cmd('COMPRESS DEFLATE')).tagged).toMatch(/^Z2 NO \[COMPRESSIONACTIVE\]/);
    const msg = 'Subject: deflated\r\nFrom: a@b.test\r\n\r\n' + 'line of text\r\n'.repeat(2000);
    expect((await z.cmd(`APPEND INBOX {${msg.length}+}\r\n${msg}`)).tagged).toMatch(/OK \[APPENDUID \d+ 1\]/);
    // A synchronising literal: the continuation request comes deflated too.
    await z.send(`S1 APPEND INBOX {${msg.length}}\r\n`);
    expect(await z.line()).toMatch(/^\+ /);
    await z.send(`${msg}\r\n`);
    expect(await z.line()).toMatch(/^S1 OK \[APPENDUID \d+ 2\]/);
    expect((await z.cmd('SELECT INBOX')).untagged).toContain('* 2 EXISTS');
    await z.send('F1 FETCH 1 (BODY.PEEK[])\r\n');
    expect(await z.line()).toBe(`* 1 FETCH (BODY[] {${msg.length}}`);
    let body = '';
    while (body.length < msg.length) body += (await z.line()) + '\r\n';
    expect(body).toBe(msg);
    expect(await z.line()).toBe(')');
    expect(await z.line()).toBe('F1 OK FETCH completed');
    await z.send('L1 LOGOUT\r\n');
    expect(await z.line()).toMatch(/^\* BYE/);
    expect(await z.line()).toBe('L1 OK LOGOUT completed');
    await z.waitClosed();
  });

  it('input pipelined right behind COMPRESS goes through the inflater', async () => {
    const raw = await loggedIn();
    // Stop the RawImap line parser: everything after the OK line is compressed.
    const socket = raw.socket;
    socket.removeAllListeners('data');
    const z = new Deflated(raw);
    let plain = Buffer.alloc(0);
    let okSeen = false;
    socket.removeAllListeners('data'); // Deflated's reader: this test reads the raw bytes itself
    const inflate = zlib.createInflateRaw();
    const lines: string[] = [];
    let text = '';
    inflate.on('data', (c: Buffer) => {
      text += c.toString();
      let i;
      while ((i = text.indexOf('\r\n')) !== -1) {
        lines.push(text.slice(0, i));
        text = text.slice(i + 2);
      }
    });
    socket.on('data', (c: Buffer) => {
      if (okSeen) return void inflate.write(c);
      plain = Buffer.concat([plain, c]);
      const i = plain.indexOf('\r\n');
      if (i === -1) return;
      okSeen = true;
      expect(plain.subarray(0, i).toString()).toBe('C1 OK DEFLATE active');
      if (plain.length > i + 2) inflate.write(plain.subarray(i + 2));
    });
    const early = await z.compress('E1 NOOP\r\nE2 CAPABILITY\r\n');
    socket.write(Buffer.concat([Buffer.from('C1 COMPRESS DEFLATE\r\n'), early]));
    const deadline = Date.now() + 5000;
    while (!lines.includes('E2 OK CAPABILITY completed') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(lines[0]).toBe('E1 OK NOOP completed');
    expect(lines.slice(-1)).toEqual(['E2 OK CAPABILITY completed']);
    raw.close();
  });

  it('a zip bomb is closed cleanly and the server lives on', async () => {
    const raw = await loggedIn();
    raw.write('C1 COMPRESS DEFLATE\r\n');
    expect(await raw.line()).toBe('C1 OK DEFLATE active');
    const z = new Deflated(raw);
    // 200 MB of one line, a few hundred KB compressed.
    const mb = Buffer.alloc(1024 * 1024, 'A');
    await z.send('B1 NOOP ');
    for (let i = 0; i < 200 && !z.closed; i++) await z.send(mb);
    await z.waitClosed();
    expect(z.lines.some((l) => l.startsWith('* BYE'))).toBe(true);
    // Still serving.
    const again = await loggedIn();
    expect((await again.cmd('NOOP')).status).toBe('OK');
    again.close();
  });

  it('a flood of pipelined commands from a client that does not read waits for it, then all answers come', async () => {
    const raw = await loggedIn();
    raw.write('C1 COMPRESS DEFLATE\r\n');
    expect(await raw.line()).toBe('C1 OK DEFLATE active');
    const z = new Deflated(raw);
    const n = 60_000; // ~1.5 MB of answers from a few KB of input
    raw.socket.pause();
    await z.send(Array.from({ length: n }, (_, i) => `N${i} NOOP\r\n`).join(''));
    await new Promise((r) => setTimeout(r, 300));
    raw.socket.resume();
    const last = `N${n - 1} OK NOOP completed`;
    const deadline = Date.now() + 20_000;
    let count = 0;
    for (;;) {
      const l = await z.line(Math.max(1, deadline - Date.now()));
      count++;
      if (l === last) break;
    }
    expect(count).toBe(n);
    raw.close();
  }, 30_000);

  it('a large BODY[] is streamed whole and in parts, deflated or not', async () => {
    const line = (i: number) => `line ${String(i).padStart(7, '0')} of a large message, streamed from the blob store\r\n`;
    let msg = 'Subject: large\r\nFrom: a@b.test\r\n\r\n';
    for (let i = 0; msg.length < 3 * 1024 * 1024; i++) msg += line(i);
    const raw = await loggedIn();
    await raw.cmd('CREATE Large');
    const ap = await raw.cmd(`APPEND Large {${msg.length}+}\r\n${msg}`);
    expect(ap.status).toBe('OK');
    await raw.cmd('SELECT Large');
    // Uncompressed, a partial from the middle.
    raw.write('P1 FETCH 1 (BODY.PEEK[]<1000.200000>)\r\n');
    const part = await raw.until(/^P1 /);
    expect(part[0]).toBe('* 1 FETCH (BODY[]<1000> {200000}');
    expect(part.slice(1, -1).join('\r\n')).toBe(msg.slice(1000, 201000) + ')');
    expect(part.at(-1)).toBe('P1 OK FETCH completed');
    raw.write('C1 COMPRESS DEFLATE\r\n');
    expect(await raw.line()).toBe('C1 OK DEFLATE active');
    const z = new Deflated(raw);
    await z.send('F1 FETCH 1 (UID RFC822.SIZE BODY.PEEK[] BODY.PEEK[TEXT])\r\n');
    expect(await z.line()).toBe(`* 1 FETCH (UID 1 RFC822.SIZE ${msg.length} BODY[] {${msg.length}}`);
    let body = '';
    while (body.length < msg.length) body += (await z.line()) + '\r\n';
    expect(body).toBe(msg);
    const text = msg.slice(msg.indexOf('\r\n\r\n') + 4);
    expect(await z.line()).toBe(` BODY[TEXT] {${text.length}}`);
    let t = '';
    while (t.length < text.length) t += (await z.line()) + '\r\n';
    expect(t).toBe(text);
    expect(await z.line()).toBe(')');
    expect(await z.line()).toBe('F1 OK FETCH completed');
    raw.close();
  });

  it('imapflow negotiates COMPRESS and works end to end', async () => {
    const c = new ImapFlow({ host: '127.0.0.1', port: node.port('imaps'), secure: true, tls: { rejectUnauthorized: false }, auth: { user: alice, pass: pw[alice]! }, logger: false });
    await c.connect();
    try {
      expect((c as unknown as { _deflate?: unknown })._deflate).toBeTruthy();
      const lock = await c.getMailboxLock('INBOX');
      try {
        const msg = await c.fetchOne('1', { source: true, uid: true });
        expect(msg && msg.source?.toString()).toContain('Subject: deflated');
        await c.append('INBOX', 'Subject: from imapflow\r\n\r\nHi\r\n');
        const st = await c.status('INBOX', { messages: true });
        expect(st && st.messages).toBeGreaterThanOrEqual(3);
      } finally {
        lock.release();
      }
    } finally {
      await c.logout().catch(() => c.close());
    }
  });
});
