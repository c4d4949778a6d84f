// bench/imap-fuzz: "the server never crashes on any input" (issue 3). Two phases:
//  1. parser: in process, N generated and mutated commands through CommandReader + parseCommand, as
//     a session drives them (IDLE / AUTHENTICATE modes included). The only acceptable outcomes are a
//     command or an ImapParseError; anything else, or an "Internal parser error" (SERVERBUG), is a crash.
//  2. live: a real `mailcove serve` on loopback, several concurrent sessions (not authenticated,
//     after STARTTLS, logged in, in a selected INBOX) send batches of generated commands; after each
//     batch the session must still answer NOOP, the process must be alive, and its log must hold no
//     error. A closed connection (BYE, STARTTLS/COMPRESS on garbage) is reconnected.
// Usage (builds nothing itself; compile first):
//   npx tsc -p . --outDir /tmp/mc-fuzz-dist
//   node bench/imap-fuzz.mjs [--commands 1000000] [--live-commands 1000000] [--seconds 300]
//        [--seed 1] [--only parser|live] [--sessions 8] [--dist /tmp/mc-fuzz-dist] [--keep]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Gen, rng } from './lib/imap-gen.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const arg = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? def : args[i + 1];
};
const flag = (name) => args.includes(`--${name}`);
const N_PARSER = Number(arg('commands', 1_000_000));
const N_LIVE = Number(arg('live-commands', 1_000_000));
const SECONDS = Number(arg('seconds', 300));
const PARSER_SECONDS = Number(arg('parser-seconds', 1800));
const SEED = Number(arg('seed', 1));
const ONLY = arg('only', null);
const SESSIONS = Number(arg('sessions', 8));
const BATCH = Number(arg('batch', 40));
const KEEP = flag('keep');
const KEEP_GOING = flag('keep-going'); // live: record a failure and go on (default: stop at the first)
let dist = path.resolve(arg('dist', process.env.MAILCOVE_FUZZ_DIST ?? '/tmp/mc-fuzz-dist'));

const log = (...a) => console.error('[imap-fuzz]', ...a);
const show = (buf, max = 400) => JSON.stringify(buf.toString('latin1').slice(0, max)) + (buf.length > max ? `… (${buf.length} bytes)` : '');
const t00 = performance.now();

// The compiled tree is ESM and needs the project's node_modules; a `tsc --outDir /tmp/x` tree has
// neither a package.json nor node_modules above it, so give it both (only inside that tree).
function prepareDist() {
  if (dist === path.join(root, 'dist')) return;
  if (!fs.existsSync(path.join(dist, 'src/imap/protocol/parser.js'))) {
    console.error(`no compiled tree at ${dist}: run  npx tsc -p . --outDir ${dist}  (or pass --dist ${path.join(root, 'dist')} after npm run build)`);
    process.exit(2);
  }
  if (!fs.existsSync(path.join(dist, 'package.json'))) fs.writeFileSync(path.join(dist, 'package.json'), '{"type":"module"}\n');
  if (!fs.existsSync(path.join(dist, 'node_modules'))) fs.symlinkSync(path.join(root, 'node_modules'), path.join(dist, 'node_modules'));
}
prepareDist();
const load = (p) => import(pathToFileURL(path.join(dist, 'src', p)).href);

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`machine   ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`);
console.log(`seed      ${SEED}; compiled tree ${dist}`);

const crashes = []; // { phase, input, error }
const bump = (m, k, n = 1) => m.set(k, (m.get(k) ?? 0) + n);
const fmtCounts = (m) =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');

// ---------------------------------------------------------------------------------------------
// Phase 1: parser
// ---------------------------------------------------------------------------------------------
async function parserPhase() {
  const { CommandReader } = await load('imap/protocol/reader.js');
  const { parseCommand, parseAuthenticateResponse } = await load('imap/protocol/parser.js');
  const { ImapParseError } = await load('imap/protocol/errors.js');
  const rand = rng(SEED);
  const gen = new Gen(rand, { maxLiteral: 5000 });
  const CRLF = Buffer.from('\r\n');
  const small = { maxLineLength: 2048, maxLiteralSize: 4096, maxArgumentLiteral: 512, maxNestingDepth: 16, maxSequenceRanges: 100, literalMode: 'LITERAL-' };
  const outcomes = new Map(); // ok / parse error by code / reader error by code
  const okBy = new Map();
  const events = new Map();
  let slowest = { ms: 0, input: null };
  let inputs = 0;
  const t0 = performance.now();
  const deadline = t0 + PARSER_SECONDS * 1000;

  const crash = (input, where, e) => {
    crashes.push({ phase: 'parser', input, error: `${where}: ${e?.stack ?? e}` });
    if (crashes.length <= 20) log(`CRASH in ${where} on ${show(input)}: ${e?.stack ?? e}`);
  };

  // Drive one reader as a session would, until it needs more input.
  const drain = (reader, input, limits) => {
    for (;;) {
      let ev;
      try {
        ev = reader.next();
      } catch (e) {
        crash(input, 'CommandReader.next', e);
        return false;
      }
      if (!ev) return true;
      bump(events, ev.type);
      switch (ev.type) {
        case 'command': {
          let cmd;
          try {
            cmd = parseCommand(ev.command, { limits });
          } catch (e) {
            if (!(e instanceof ImapParseError) || e.code === 'SERVERBUG' || /^Internal/.test(e.message)) {
              crash(input, 'parseCommand', e);
            } else bump(outcomes, `parse-error ${e.code ?? 'none'}${e.fatal ? ' fatal' : ''}`);
            break;
          }
          bump(outcomes, 'ok');
          bump(okBy, cmd.uid ? `UID ${cmd.name}` : cmd.name);
          try {
            // As a session does: IDLE waits for DONE, AUTHENTICATE without initial response for a line.
            if (cmd.name === 'IDLE') reader.setMode('idle');
            else if (cmd.name === 'AUTHENTICATE' && !cmd.initialResponse) reader.setMode('authenticate');
          } catch (e) {
            crash(input, 'CommandReader.setMode after the command', e);
            return false;
          }
          break;
        }
        case 'error':
          if (!(ev.error instanceof ImapParseError) || ev.error.code === 'SERVERBUG') crash(input, 'reader error event', ev.error);
          else bump(outcomes, `reader-error ${ev.error.code ?? 'none'}${ev.error.fatal ? ' fatal' : ''}`);
          if (ev.error.fatal) return false;
          break;
        case 'line':
          try {
            parseAuthenticateResponse(ev.line);
          } catch (e) {
            if (!(e instanceof ImapParseError)) crash(input, 'parseAuthenticateResponse', e);
          }
          try {
            reader.setMode('command');
          } catch (e) {
            crash(input, 'CommandReader.setMode(command) after a line', e);
            return false;
          }
          break;
        default: // continue, done
      }
    }
  };

  while (inputs < N_PARSER && performance.now() < deadline) {
    // A stream of 1 to 3 inputs on one reader (pipelining), default or small limits.
    const limits = rand() < 0.1 ? small : undefined;
    let reader;
    try {
      reader = new CommandReader(limits);
    } catch (e) {
      crash(Buffer.alloc(0), 'new CommandReader', e);
      break;
    }
    const k = rand() < 0.8 ? 1 : 2 + Math.floor(rand() * 2);
    for (let j = 0; j < k && inputs < N_PARSER; j++) {
      const input = gen.input();
      inputs++;
      const ts = performance.now();
      let bytes = Buffer.concat([input, CRLF]);
      // In IDLE / AUTHENTICATE mode the next input is read as DONE / a response line, so send one sometimes.
      if (reader.mode === 'idle' && rand() < 0.7) bytes = Buffer.concat([Buffer.from(rand() < 0.8 ? 'DONE\r\n' : 'done \r\n'), bytes]);
      if (reader.mode === 'authenticate' && rand() < 0.7) bytes = Buffer.concat([Buffer.from(rand() < 0.5 ? '*\r\n' : 'AHUAcA==\r\n'), bytes]);
      let alive = true;
      try {
        if (rand() < 0.2) {
          // random chunking: the reader must not care where the socket cut the bytes
          let off = 0;
          while (off < bytes.length && alive) {
            const n = 1 + Math.floor(rand() * 64);
            reader.push(bytes.subarray(off, off + n));
            off += n;
            alive = drain(reader, input, limits);
          }
        } else {
          reader.push(bytes);
          alive = drain(reader, input, limits);
        }
      } catch (e) {
        crash(input, 'CommandReader.push', e);
        alive = false;
      }
      const ms = performance.now() - ts;
      if (ms > slowest.ms) slowest = { ms, input };
      if (!alive || reader.closed) break;
    }
    if (inputs % 100_000 < k) log(`parser: ${inputs} inputs, ${crashes.length} crashes, ${((inputs / (performance.now() - t0)) * 1000).toFixed(0)}/s`);
  }
  const ms = performance.now() - t0;
  console.log(`\n== parser phase: ${inputs} inputs in ${(ms / 1000).toFixed(1)} s → ${((inputs / ms) * 1000).toFixed(0)} inputs/s`);
  console.log(`outcomes  ${fmtCounts(outcomes)}`);
  console.log(`events    ${fmtCounts(events)}`);
  console.log(`parsed OK by command: ${fmtCounts(okBy)}`);
  console.log(`slowest input ${slowest.ms.toFixed(1)} ms: ${slowest.input ? show(slowest.input, 120) : '-'}`);
  console.log(`parser crashes: ${crashes.filter((c) => c.phase === 'parser').length}`);
  return inputs;
}

// ---------------------------------------------------------------------------------------------
// Phase 2: live server
// ---------------------------------------------------------------------------------------------
/** A pino JSON line to "msg: Type: message" and the top of its stack; anything else as is. */
function condense(line) {
  try {
    const j = JSON.parse(line);
    const err = j.err ?? {};
    const stack = (err.stack ?? '').split('\n').slice(0, 7).join(' | ');
    return `level ${j.level} "${j.msg ?? ''}" ${err.type ?? ''}: ${err.message ?? ''} ${stack ? `stack: ${stack}` : ''}`.slice(0, 1500);
  } catch {
    return line.slice(0, 1500);
  }
}

class Conn {
  constructor(sock, stats) {
    this.sock = sock;
    this.stats = stats;
    this.rem = '';
    this.closed = false;
    this.waiting = null; // { tag, resolve }
    this.greeting = null;
    this.lines = [];
    this.attach(sock);
  }
  attach(sock) {
    this.sock = sock;
    sock.on('data', (d) => this.onData(d));
    sock.on('error', () => {});
    sock.on('close', () => {
      this.closed = true;
      if (this.waiting) this.waiting.resolve('closed');
      if (this.greetWait) this.greetWait(null);
    });
  }
  static open(port, stats) {
    return new Promise((resolve) => {
      const sock = net.connect(port, '127.0.0.1');
      const c = new Conn(sock, stats);
      const timer = setTimeout(() => done(null), 10_000);
      const done = (line) => {
        clearTimeout(timer);
        c.greetWait = null;
        if (!line) {
          sock.destroy();
          resolve(null);
        } else resolve(c);
      };
      c.greetWait = done;
      sock.on('error', () => done(null));
    });
  }
  onData(d) {
    const s = this.rem + d.toString('latin1');
    const lines = s.split('\r\n');
    this.rem = lines.pop();
    if (this.rem.length > 1 << 20) this.rem = this.rem.slice(-4096); // a huge literal in a response
    for (const line of lines) {
      if (this.greetWait) {
        const g = this.greetWait;
        g(line);
        continue;
      }
      const m = /^(\S+) (OK|NO|BAD)\b/.exec(line);
      if (m && m[1] !== '*' && m[1] !== '+') {
        if (this.waiting && m[1] === this.waiting.tag) {
          const w = this.waiting;
          this.waiting = null;
          w.resolve(m[2]);
          continue;
        }
        bump(this.stats.responses, `tagged ${m[2]}`);
      } else if (line.startsWith('* BYE')) {
        bump(this.stats.responses, 'BYE');
        bump(this.stats.byes, line.slice(6, 90).replace(/\d+/g, 'N'));
      }
      else if (line.startsWith('* BAD')) bump(this.stats.responses, 'untagged BAD');
      else if (line.startsWith('+ ')) bump(this.stats.responses, 'continuation');
      if (line.includes('[SERVERBUG]') || /Internal (server|parser) error/.test(line)) {
        bump(this.stats.responses, 'SERVERBUG');
        const tag = line.split(' ')[0];
        const culprit = (this.batchInputs ?? []).find((b) => b.toString('latin1').startsWith(`${tag} `));
        this.serverbug = (this.serverbug ?? []).concat(`${line.slice(0, 300)} ← command ${culprit ? show(culprit, 1500) : '(not found in the batch)'}`);
      }
    }
  }
  write(buf) {
    if (this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      this.sock.write(buf, (err) => resolve(!err));
    });
  }
  /** Send a command and wait for its tagged answer: 'OK' | 'NO' | 'BAD' | 'closed' | 'timeout'. */
  async cmd(tag, text, timeoutMs = 10_000) {
    if (this.closed) return 'closed';
    const p = new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting = null;
        resolve('timeout');
      }, timeoutMs);
      this.waiting = {
        tag,
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
      };
    });
    await this.write(Buffer.isBuffer(text) ? Buffer.concat([Buffer.from(`${tag} `), text, Buffer.from('\r\n')]) : `${tag} ${text}\r\n`);
    return p;
  }
  async starttls() {
    const r = await this.cmd('S0', 'STARTTLS');
    if (r !== 'OK') return false;
    const raw = this.sock;
    raw.removeAllListeners('data');
    raw.removeAllListeners('close');
    return new Promise((resolve) => {
      const t = tls.connect({ socket: raw, rejectUnauthorized: false, servername: 'localhost' }, () => resolve(true));
      this.rem = '';
      this.attach(t);
      t.on('error', () => resolve(false));
      t.on('close', () => resolve(false));
    });
  }
  close() {
    this.closed = true;
    this.sock.destroy();
  }
}

async function livePhase(budget) {
  const main = path.join(dist, 'src/cli/main.js');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailcove-imap-fuzz-'));
  const password = 'fuzz-device-password-1234';
  const cli = (...a) => {
    const r = spawnSync(process.execPath, [main, ...a, '--data-dir', dataDir], { encoding: 'utf8', env: { ...process.env, MAILCOVE_LOG_LEVEL: 'warn' } });
    if (r.status !== 0) throw new Error(`mailcove ${a.join(' ')} failed: ${r.stderr}${r.stdout}`);
    return r.stdout;
  };
  cli('init');
  cli('domain', 'add', 'fuzz.test');
  cli('mailbox', 'add', 'u@fuzz.test');
  cli('device-password', 'add', 'u@fuzz.test', 'fuzz', '--password', password);

  const port = await new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
  const env = {
    ...process.env,
    MAILCOVE_LOG_LEVEL: 'warn',
    MAILCOVE_LISTEN_IMAP: `127.0.0.1:${port}`,
    MAILCOVE_LISTEN_IMAPS: 'off',
    MAILCOVE_LISTEN_SMTP: 'off',
    MAILCOVE_LISTEN_SUBMISSION: 'off',
    MAILCOVE_LISTEN_SUBMISSIONS: 'off',
    MAILCOVE_LISTEN_MANAGESIEVE: 'off',
    MAILCOVE_LISTEN_HTTP: 'off',
    // garbage LOGINs must not lock our own logins out; more connections per IP than 8 sessions need
    MAILCOVE_AUTH__MAX_FAILURES: '1000000000',
    MAILCOVE_AUTH__MAX_FAILURES_PER_IP: '1000000000',
    MAILCOVE_AUTH__FAILURE_DELAY_MS: '0',
    MAILCOVE_SMTP__MAX_CONNECTIONS_PER_IP: '500',
  };
  const server = spawn(process.execPath, [main, 'serve', '--data-dir', dataDir], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let serverOut = '';
  const logLines = [];
  const onLog = (d) => {
    serverOut += d.toString();
    const parts = serverOut.split('\n');
    serverOut = parts.pop();
    for (const l of parts) {
      if (!l.trim()) continue;
      // pino levels: 50 error, 60 fatal; plus anything Node prints on an uncaught error
      if (/"level":(50|60)/.test(l) || /Unhandled|uncaught|^\s+at |Error:|FATAL/i.test(l)) logLines.push(condense(l));
    }
  };
  server.stdout.on('data', onLog);
  server.stderr.on('data', onLog);
  let logReported = 0; // log lines already reported
  let exited = null;
  server.on('exit', (code, sig) => {
    exited = { code, sig, at: performance.now() };
  });
  const stopServer = async () => {
    if (exited) return;
    server.kill('SIGTERM');
    const t = setTimeout(() => server.kill('SIGKILL'), 10_000);
    await new Promise((r) => server.once('exit', r));
    clearTimeout(t);
  };
  process.once('SIGINT', () => {
    server.kill('SIGKILL');
    process.exit(130);
  });

  const stats = { byes: new Map(), responses: new Map(), sent: 0, batches: 0, reconnects: new Map(), stalls: 0, health: 0, failures: [] };
  // wait for the listener
  let probe = null;
  for (let i = 0; i < 100 && !probe && !exited; i++) {
    probe = await Conn.open(port, stats);
    if (!probe) await new Promise((r) => setTimeout(r, 200));
  }
  if (!probe) {
    await stopServer();
    throw new Error(`server did not start: ${JSON.stringify(exited)} ${logLines.join('\n')}`);
  }
  probe.close();

  const login = async (c) => {
    if (!(await c.starttls())) return 'starttls failed';
    const r = await c.cmd('L0', `LOGIN u@fuzz.test "${password}"`);
    return r === 'OK' ? null : `LOGIN ${r}`;
  };
  // Seed INBOX with a few messages (multipart too, for BODY[1.2] and BINARY).
  {
    const c = await Conn.open(port, stats);
    const err = await login(c);
    if (err) throw new Error(`setup login: ${err}`);
    const g = new Gen(rng(SEED + 7));
    for (let i = 0; i < 12; i++) {
      const msg =
        i % 3 === 0
          ? `From: a@remote.test\r\nTo: u@fuzz.test\r\nSubject: multipart ${i}\r\nMessage-ID: <m${i}@fuzz.test>\r\nDate: Thu, 26 Nov 2026 10:00:0${i % 10} +0000\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nhello ${i}\r\n--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\nAAECAwQFBgcICQ==\r\n--b--\r\n`
          : g.message();
      const r = await c.cmd(`P${i}`, `APPEND INBOX (\\Seen) {${Buffer.byteLength(msg)}+}\r\n${msg}`);
      if (r !== 'OK') throw new Error(`setup APPEND: ${r}`);
    }
    c.close();
  }

  // Health: a separate session answers NOOP, and the process lives.
  const healthCheck = async () => {
    stats.health++;
    if (exited) return `server exited: ${JSON.stringify(exited)}`;
    const c = await Conn.open(port, stats);
    if (!c) return exited ? `server exited: ${JSON.stringify(exited)}` : 'no greeting within 10 s';
    const r = await c.cmd('H1', 'NOOP', 10_000);
    c.close();
    return r === 'OK' ? null : `NOOP on a fresh connection: ${r}`;
  };

  const kinds = ['anon', 'tls-anon', 'auth', 'selected', 'selected', 'auth', 'selected', 'anon'];
  const t0 = performance.now();
  const deadline = t0 + SECONDS * 1000;
  let stop = false;
  let sentinel = 0;
  const fail = (what, batch) => {
    stats.failures.push({ what, batch: batch ? show(batch, 3000) : null });
    log(`FAILURE: ${what}${batch ? `\n  batch: ${show(batch, 1500)}` : ''}`);
    crashes.push({ phase: 'live', input: batch ?? Buffer.alloc(0), error: what });
    if (!KEEP_GOING || /exited|cannot connect|health|NOOP/.test(what)) stop = true;
  };

  const worker = async (w) => {
    const kind = kinds[w % kinds.length];
    const gen = new Gen(rng(SEED * 1000 + w), { maxLiteral: 1500, live: true });
    while (!stop) {
      const c = await Conn.open(port, stats);
      if (!c) {
        const h = await healthCheck();
        if (h) return fail(`worker ${w} (${kind}) cannot connect: ${h}`);
        continue;
      }
      bump(stats.reconnects, kind);
      if (kind !== 'anon') {
        if (kind === 'tls-anon') {
          if (!(await c.starttls())) {
            c.close();
            continue;
          }
        } else {
          const err = await login(c);
          if (err) {
            c.close();
            const h = await healthCheck();
            if (h) return fail(`worker ${w} (${kind}) login: ${err}; ${h}`);
            bump(stats.responses, `setup-login-failed ${err}`);
            continue;
          }
          if (kind === 'selected') {
            const r = await c.cmd('S1', rng(w)() < 0.5 ? 'SELECT INBOX' : 'SELECT INBOX (CONDSTORE)');
            if (r !== 'OK') bump(stats.responses, `setup-select ${r}`);
          }
        }
      }
      // batches until the connection goes away
      while (!stop && !c.closed) {
        if (performance.now() > deadline || stats.sent >= budget) {
          stop = true;
          break;
        }
        const parts = [];
        for (let i = 0; i < BATCH; i++) parts.push(gen.input(), Buffer.from('\r\n'));
        const batch = Buffer.concat(parts);
        c.batchInputs = parts.filter((_, i) => i % 2 === 0);
        stats.sent += BATCH;
        stats.batches++;
        await c.write(batch);
        // Leave IDLE / AUTHENTICATE if a command of the batch entered them, then the sentinel NOOP.
        const tag = `ZZ${++sentinel}`;
        let r = await c.cmd(tag, Buffer.from('NOOP'), 1500);
        if (r === 'timeout' || r === 'BAD') {
          // Probably inside a literal of a wrong size, IDLE or AUTHENTICATE: fill and retry once.
          await c.write(Buffer.from('x'.repeat(5000) + '\r\nDONE\r\n*\r\n'));
          const tag2 = `ZZ${++sentinel}`;
          r = await c.cmd(tag2, Buffer.from('NOOP'), 3000);
        }
        if (c.serverbug) {
          fail(`SERVERBUG answer in a ${kind} session: ${c.serverbug.join(' | ')}`, batch);
          c.serverbug = null;
          if (stop) break;
        }
        if (r === 'OK') {
          bump(stats.responses, 'sentinel OK');
          continue;
        }
        // closed (BYE / LOGOUT / STARTTLS / COMPRESS on garbage) or stalled: the server must still be fine
        if (r === 'timeout') stats.stalls++;
        bump(stats.responses, `sentinel ${r}`);
        c.close();
        const h = await healthCheck();
        if (h) return fail(`after a batch in a ${kind} session (sentinel ${r}): ${h}`, batch);
        if (logLines.length > logReported) {
          fail(`server log: ${logLines.slice(logReported, logReported + 5).join('\n')}`, batch);
          logReported = logLines.length;
          if (stop) return;
        }
      }
      c.close();
      if (logLines.length > logReported) {
        fail(`server log: ${logLines.slice(logReported, logReported + 5).join('\n')}`, null);
        logReported = logLines.length;
        if (stop) return;
      }
    }
  };

  const rss = () => {
    try {
      return (Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${server.pid}/status`, 'utf8'))[1]) / 1024).toFixed(0);
    } catch {
      return '-';
    }
  };
  let peakRss = 0;
  const progress = setInterval(() => {
    const s = (performance.now() - t0) / 1000;
    peakRss = Math.max(peakRss, Number(rss()) || 0);
    log(`live: ${stats.sent} commands in ${s.toFixed(0)} s (${(stats.sent / s).toFixed(0)}/s), reconnects ${[...stats.reconnects.values()].reduce((a, b) => a + b, 0)}, stalls ${stats.stalls}, server RSS ${rss()} MB`);
    if (exited && !stop) fail(`server exited: ${JSON.stringify(exited)}`, null);
  }, 10_000);
  await Promise.all(Array.from({ length: SESSIONS }, (_, w) => worker(w)));
  clearInterval(progress);
  const ms = performance.now() - t0;
  // final check
  const h = await healthCheck();
  if (h) fail(`final health check: ${h}`, null);
  await new Promise((r) => setTimeout(r, 500)); // let the last log lines arrive
  if (logLines.length > logReported) fail(`server log: ${logLines.slice(logReported, logReported + 5).join('\n')}`, null);
  const wasExited = exited;
  const endRss = rss();
  await stopServer();
  if (KEEP) log(`data dir kept: ${dataDir}`);
  else fs.rmSync(dataDir, { recursive: true, force: true });

  console.log(`\n== live phase: ${stats.sent} commands in ${stats.batches} batches of ${BATCH}, ${SESSIONS} sessions (${kinds.slice(0, SESSIONS).join(', ')}), ${(ms / 1000).toFixed(1)} s → ${((stats.sent / ms) * 1000).toFixed(0)} commands/s`);
  console.log(`responses ${fmtCounts(stats.responses)}`);
  console.log(`BYE reasons: ${fmtCounts(stats.byes)}`);
  console.log(`connections opened per session kind: ${fmtCounts(stats.reconnects)}; stalled batches ${stats.stalls}; health checks ${stats.health}`);
  console.log(`server    ${wasExited ? `EXITED ${JSON.stringify(wasExited)}` : 'alive until stopped'}; RSS at the end ${endRss} MB, peak seen ${peakRss} MB; error log lines: ${logLines.length}`);
  for (const l of logLines.slice(0, 20)) console.log(`  log: ${l}`);
  console.log(`live failures: ${stats.failures.length}`);
  return stats.sent;
}

// ---------------------------------------------------------------------------------------------
const hardTimeout = setTimeout(
  () => {
    console.error('[imap-fuzz] global timeout');
    process.exit(3);
  },
  (PARSER_SECONDS + SECONDS + 300) * 1000,
);
hardTimeout.unref();

let parsed = 0;
let live = 0;
if (ONLY !== 'live') parsed = await parserPhase();
if (ONLY !== 'parser') {
  try {
    live = await livePhase(N_LIVE);
  } catch (e) {
    crashes.push({ phase: 'live', input: Buffer.alloc(0), error: String(e?.stack ?? e) });
    console.log(`live phase failed: ${e?.stack ?? e}`);
  }
}
console.log(`\ntotal     ${parsed + live} commands (parser ${parsed}, live ${live}) in ${((performance.now() - t00) / 1000).toFixed(0)} s`);
if (!crashes.length) console.log('crashes: 0');
else {
  console.log(`crashes: ${crashes.length}`);
  for (const c of crashes.slice(0, 20)) console.log(`- [${c.phase}] input ${show(c.input, 600)}\n  ${c.error.split('\n').slice(0, 8).join('\n  ')}`);
}
process.exit(crashes.length ? 1 : 0);
