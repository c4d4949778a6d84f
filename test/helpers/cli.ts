// Runs the real `mailcove` command line (bin/mailcove.js → dist/src/cli/main.js) as child
// processes: one-shot admin commands, and `mailcove serve` on loopback ports, plus a minimal raw
// SMTP client for talking to it. Builds dist/ first only when it is missing (`npm test` builds).
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { emptyDnsServer } from './dns-server.js';

function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json')) || !fs.existsSync(path.join(dir, 'bin', 'mailcove.js'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('cannot find the project root (package.json with bin/mailcove.js)');
    dir = up;
  }
  return dir;
}

export const ROOT = findRoot();
export const BIN = path.join(ROOT, 'bin', 'mailcove.js');

let built = false;
/** `npm run build` only when the compiled CLI is missing. */
export function ensureBuilt(): void {
  if (built) return;
  if (!fs.existsSync(path.join(ROOT, 'dist', 'src', 'cli', 'main.js'))) {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  built = true;
}

/** The environment of this process without any MAILCOVE_* variable, plus `extra`. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('MAILCOVE_')) env[k] = v;
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export function tempDir(prefix = 'mailcove-cli-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface CliResult { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

export interface CliOptions {
  /** Appended as --data-dir DIR when given. */
  dataDir?: string;
  /** MAILCOVE_* (or other) variables; the parent's MAILCOVE_* never leak in. */
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
}

/** Runs `mailcove <args...>` to completion. */
export function runCli(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  ensureBuilt();
  const argv = [BIN, ...args, ...(opts.dataDir ? ['--data-dir', opts.dataDir] : [])];
  return runProcess(process.execPath, argv, { cwd: ROOT, env: cleanEnv(opts.env) }, `mailcove ${args.join(' ')}`, opts.timeoutMs ?? 20_000);
}

/** Runs a program to its end with a time limit, collecting its output. */
function runProcess(file: string, argv: string[], spawnOpts: { cwd?: string; env?: NodeJS.ProcessEnv }, what: string, timeoutMs: number): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, argv, { ...spawnOpts, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${what} timed out\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Runs `mailcove <args...> --json`, expects exit 0 and returns the parsed output. */
export async function cliJson<T = any>(args: string[], opts: CliOptions = {}): Promise<T> {
  const r = await runCli([...args, '--json'], opts);
  if (r.code !== 0) throw new Error(`mailcove ${args.join(' ')} exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** Runs `mailcove <args...>` and expects exit 0; returns stdout. */
export async function cliOk(args: string[], opts: CliOptions = {}): Promise<string> {
  const r = await runCli(args, opts);
  if (r.code !== 0) throw new Error(`mailcove ${args.join(' ')} exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r.stdout;
}

/** A loopback TCP port that was free a moment ago (callers retry on EADDRINUSE). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export const LISTENERS = ['smtp', 'submission', 'submissions', 'imap', 'imaps', 'managesieve', 'http'] as const;
export type Listener = (typeof LISTENERS)[number];

export interface ServeOptions {
  dataDir: string;
  /** Listeners to open on free loopback ports (default: smtp only); every other one is "off". */
  listeners?: Listener[];
  /** Fixed addresses, e.g. to restart on the same port ({ smtp: 12345 }). */
  ports?: Partial<Record<Listener, number>>;
  env?: Record<string, string | undefined>;
  /** How long to wait for the SMTP greeting. */
  startTimeoutMs?: number;
}

export interface ServeProcess {
  child: ChildProcess;
  ports: Partial<Record<Listener, number>>;
  /** The SMTP (MX) port, when that listener is on. */
  port: number;
  output(): { stdout: string; stderr: string };
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** kill -9: no cleanup at all in the server. */
  crash(): Promise<void>;
  /** SIGTERM and wait for the exit (SIGKILL after `timeoutMs`). */
  stop(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcess>();

/** Kills every serving process this module started that is still alive (for afterAll/afterEach). */
export async function killAllServers(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
  running.clear();
}

process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts `mailcove serve` and resolves once the SMTP listener has sent its 220 greeting. */
export async function startServe(opts: ServeOptions): Promise<ServeProcess> {
  ensureBuilt();
  const wanted = opts.listeners ?? ['smtp'];
  for (let attempt = 1; ; attempt++) {
    const ports: Partial<Record<Listener, number>> = {};
    const env: Record<string, string | undefined> = { MAILCOVE_LOG_LEVEL: 'warn', MAILCOVE_HOSTNAME: 'mx.mailcove.test' };
    for (const name of LISTENERS) {
      if (wanted.includes(name) || opts.ports?.[name] !== undefined) {
        ports[name] = opts.ports?.[name] ?? (await freePort());
        env[`MAILCOVE_LISTEN_${name.toUpperCase()}`] = `127.0.0.1:${ports[name]}`;
      } else env[`MAILCOVE_LISTEN_${name.toUpperCase()}`] = 'off';
    }
    // Never the machine's resolver: a test that needs answers gives its own DNS.
    env.MAILCOVE_DNS_SERVERS = (await emptyDnsServer()).address;
    Object.assign(env, opts.env);
    const proc = spawnServe(opts.dataDir, env, ports);
    try {
      if (ports.smtp !== undefined) await waitForGreeting(proc, ports.smtp, opts.startTimeoutMs ?? 30_000);
      return proc;
    } catch (err) {
      const { stderr, stdout } = proc.output();
      await proc.stop(2000).catch(() => undefined);
      // Another process took the port between freePort() and listen(): pick new ones.
      const fixed = opts.ports && Object.keys(opts.ports).length > 0;
      if (/EADDRINUSE/.test(stderr + stdout) && attempt < 5 && !fixed) continue;
      throw new Error(`mailcove serve did not start: ${(err as Error).message}\nstdout: ${stdout}\nstderr: ${stderr}`);
    }
  }
}

function spawnServe(dataDir: string, env: Record<string, string | undefined>, ports: Partial<Record<Listener, number>>): ServeProcess {
  const child = spawn(process.execPath, [BIN, 'serve', '--data-dir', dataDir], { cwd: ROOT, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    ports,
    port: ports.smtp ?? -1,
    output: () => ({ stdout, stderr }),
    exited,
    async crash() {
      if (alive()) child.kill('SIGKILL');
      await exited;
    },
    async stop(timeoutMs = 15_000) {
      if (alive()) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

async function waitForGreeting(proc: ServeProcess, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void proc.exited.then(() => (exited = true));
  for (;;) {
    if (exited) throw new Error(`exited before listening (${JSON.stringify(await proc.exited)})`);
    if (Date.now() > deadline) throw new Error(`no SMTP greeting on port ${port} within ${timeoutMs} ms`);
    try {
      const c = await SmtpClient.connect(port);
      c.destroy();
      if (c.greeting.code === 220) return;
      throw new Error(`unexpected greeting: ${c.greeting.text}`);
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

// ---- a raw SMTP client (no pipelining, no TLS), enough to drive load and see exact replies

export interface SmtpReply { code: number; text: string }

export class SmtpClient {
  greeting: SmtpReply = { code: 0, text: '' };
  closed = false;
  private buffer = '';
  private lines: string[] = [];
  private replies: SmtpReply[] = [];
  private waiters: Array<{ resolve: (r: SmtpReply) => void; reject: (e: Error) => void }> = [];
  private failure: Error | null = null;

  private constructor(private readonly socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.onData(chunk));
    socket.on('error', (err) => this.fail(err));
    socket.on('close', () => this.fail(new Error('connection closed')));
  }

  static connect(port: number, host = '127.0.0.1', timeoutMs = 5000): Promise<SmtpClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port, host });
      const client = new SmtpClient(socket);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error('no greeting'));
      }, timeoutMs);
      client.read().then(
        (greeting) => {
          clearTimeout(timer);
          client.greeting = greeting;
          resolve(client);
        },
        (err: Error) => {
          clearTimeout(timer);
          socket.destroy();
          reject(err);
        },
      );
    });
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    let idx;
    while ((idx = this.buffer.indexOf('\n')) !== -1) {
      const line = this.buffer.slice(0, idx).replace(/\r$/, '');
      this.buffer = this.buffer.slice(idx + 1);
      this.lines.push(line);
      const m = /^(\d{3})([ -]?)/.exec(line);
      if (m && m[2] !== '-') {
        const reply = { code: Number(m[1]), text: this.lines.join('\n') };
        this.lines = [];
        const w = this.waiters.shift();
        if (w) w.resolve(reply);
        else this.replies.push(reply);
      }
    }
  }

  private fail(err: Error): void {
    this.closed = true;
    if (!this.failure) this.failure = err;
    for (const w of this.waiters.splice(0)) w.reject(err);
  }

  /** The next complete (possibly multi-line) reply. */
  read(): Promise<SmtpReply> {
    const r = this.replies.shift();
    if (r) return Promise.resolve(r);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  write(data: string): void {
    if (this.closed) throw this.failure ?? new Error('connection closed');
    this.socket.write(data);
  }

  async command(line: string): Promise<SmtpReply> {
    this.write(`${line}\r\n`);
    return this.read();
  }

  async expect(line: string, code: number): Promise<SmtpReply> {
    const r = await this.command(line);
    if (r.code !== code) throw new Error(`${line} → ${r.text} (expected ${code})`);
    return r;
  }

  /**
   * One transaction. Returns the reply to the end of DATA; throws when MAIL, RCPT or DATA itself
   * is refused (after RSET) or the connection breaks.
   */
  async sendMail(from: string, to: string[], message: string): Promise<SmtpReply> {
    const mail = await this.command(`MAIL FROM:<${from}>`);
    if (mail.code !== 250) {
      await this.command('RSET').catch(() => undefined);
      throw new Error(`MAIL FROM → ${mail.text}`);
    }
    for (const rcpt of to) {
      const r = await this.command(`RCPT TO:<${rcpt}>`);
      if (r.code !== 250) {
        await this.command('RSET').catch(() => undefined);
        throw new Error(`RCPT TO:<${rcpt}> → ${r.text}`);
      }
    }
    const data = await this.command('DATA');
    if (data.code !== 354) throw new Error(`DATA → ${data.text}`);
    const body = message.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
    this.write(`${body}${body.endsWith('\r\n') ? '' : '\r\n'}.\r\n`);
    return this.read();
  }

  async quit(): Promise<void> {
    try {
      await this.command('QUIT');
    } catch {
      // already gone
    }
    this.socket.destroy();
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/** Runs swaks against a loopback port; returns its exit code and transcript. */
export function swaks(args: string[], timeoutMs = 20_000): Promise<CliResult> {
  return runProcess('swaks', args, {}, 'swaks', timeoutMs);
}
