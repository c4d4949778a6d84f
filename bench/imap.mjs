#!/usr/bin/env node
// bench/imap.mjs — IMAP benchmark: Mailcove against Dovecot on the same mailbox.
//
// Fills one mailbox on each server with the same deterministic messages (~4 KB average, a unique
// marker word in ~1 % of them), then measures, one server after the other:
//   1. SELECT INBOX + UID FETCH 1:* (UID FLAGS ENVELOPE)   (first run "cold", then best of 3)
//   2. UID SEARCH TEXT <marker>                            (best of 3; hit count checked)
//   3. N concurrent authenticated connections in IDLE: server RSS per connection
//   4. a mixed load of C clients (SELECT, FETCH, STORE, EXPUNGE, APPEND) for S seconds: ops/s
// and prints the Mailcove/Dovecot ratio of each figure. Plain Node ESM, no dependencies; its own
// minimal IMAP client (bench/lib/imap-client.mjs) so the client costs the same for both servers.
//
//   node bench/imap.mjs [--messages 100000] [--idle 10000] [--clients 50] [--seconds 20]
//        [--only mailcove|dovecot] [--json] [--seed 1] [--timeout 5400]
//
// See bench/README.md. Needs root for the Dovecot half (mail_uid nobody, raised ulimit -n).

import net from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { ImapConn } from './lib/imap-client.mjs';
import { FIRST, WORDS, mulberry32 } from './lib/corpus.mjs';

const SCRIPT_DIR = path.dirname(fileURLToPath(import.meta.url));
const PROJECT_ROOT = path.resolve(SCRIPT_DIR, '..');

// ---------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------

const USAGE = `usage: node bench/imap.mjs [options]
  --messages N          messages in the benchmark mailbox (default 100000)
  --idle N              concurrent connections in IDLE (default 10000; 0 skips the phase)
  --clients C           clients of the mixed load (default 50; 0 skips the phase)
  --seconds S           duration of the mixed load (default 20)
  --fill-connections K  parallel APPEND connections filling Mailcove (default 4)
  --idle-folder NAME    folder the IDLE connections select (default "Idle", 10 messages;
                        "INBOX" makes every IDLE session select the big mailbox; "-" selects nothing)
  --only NAME           run only "mailcove" or "dovecot"
  --skip LIST           skip phases: any of fetch,search,mixed,idle (comma-separated)
  --seed S              PRNG seed of the messages (default 1)
  --json                print a JSON summary (progress still goes to stderr)
  --json-file PATH      also write the JSON summary to PATH (text report still printed)
  --timeout SEC         global timeout (default 5400); servers are stopped, exit 3
  --tmp-dir DIR         parent of the temp dirs (default os.tmpdir())
  --mailcove-bin PATH   Mailcove CLI (default <repo>/bin/mailcove.js; e.g. <outDir>/src/cli/main.js)
  --mailcove-env K=V    extra environment for "mailcove serve" (repeatable)
  --keep                keep temp dirs (data, configs, logs)
  --verbose             more progress on stderr
  -h, --help            this help`;

function parseArgs(argv) {
  const o = {
    messages: 100000, idle: 10000, clients: 50, seconds: 20, fillConnections: 4, idleFolder: 'Idle',
    only: null, skip: new Set(), seed: 1, json: false, timeout: 5400, tmpDir: os.tmpdir(),
    mailcoveBin: path.join(PROJECT_ROOT, 'bin', 'mailcove.js'), mailcoveEnv: {}, keep: false, verbose: false,
  };
  const num = (name, v, min = 1) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min) die(`${name} needs a number ≥ ${min}, got ${JSON.stringify(v)}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    let val = null;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) { val = a.slice(eq + 1); a = a.slice(0, eq); }
    const next = () => {
      if (val !== null) return val;
      if (i + 1 >= argv.length) die(`${a} needs a value`);
      return argv[++i];
    };
    switch (a) {
      case '--messages': o.messages = Math.floor(num(a, next(), 10)); break;
      case '--idle': o.idle = Math.floor(num(a, next(), 0)); break;
      case '--clients': o.clients = Math.floor(num(a, next(), 0)); break;
      case '--seconds': o.seconds = num(a, next()); break;
      case '--fill-connections': o.fillConnections = Math.floor(num(a, next())); break;
      case '--idle-folder': o.idleFolder = next(); break;
      case '--seed': o.seed = Math.floor(num(a, next(), 0)); break;
      case '--timeout': o.timeout = num(a, next()); break;
      case '--only': {
        const v = next();
        if (v !== 'mailcove' && v !== 'dovecot') die('--only must be "mailcove" or "dovecot"');
        o.only = v; break;
      }
      case '--json': o.json = true; break;
      case '--json-file': o.jsonFile = path.resolve(next()); break;
      case '--tmp-dir': o.tmpDir = path.resolve(next()); break;
      case '--mailcove-bin': o.mailcoveBin = path.resolve(next()); break;
      case '--mailcove-env': {
        const v = next(); const k = v.indexOf('=');
        if (k <= 0) die('--mailcove-env needs KEY=VALUE');
        o.mailcoveEnv[v.slice(0, k)] = v.slice(k + 1); break;
      }
      case '--skip': {
        o.skip = new Set(next().split(',').filter(Boolean));
        for (const k of o.skip) if (!['fetch', 'search', 'mixed', 'idle'].includes(k)) die('--skip takes fetch,search,mixed,idle');
        break;
      }
      case '--keep': o.keep = true; break;
      case '--verbose': case '-v': o.verbose = true; break;
      case '--help': case '-h': console.log(USAGE); process.exit(0); break;
      default: die(`unknown argument ${a}\n${USAGE}`);
    }
  }
  return o;
}

function die(msg) { console.error(`imap bench: ${msg}`); process.exit(64); }

const opts = parseArgs(process.argv.slice(2));
const log = (...a) => { console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a); };
const vlog = (...a) => { if (opts.verbose) log(...a); };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const USER = 'bench@bench.test';
const PASSWORD = 'bench-imap-password-0123';
const IDLE_FOLDER_MESSAGES = 10;

// ---------------------------------------------------------------------------
// Global timeout / cleanup registry
// ---------------------------------------------------------------------------

const cleanups = new Set();
let aborting = false;
function registerCleanup(fn) { cleanups.add(fn); return () => cleanups.delete(fn); }
function runCleanupsSync() {
  for (const fn of [...cleanups].reverse()) {
    try { fn(); } catch (e) { console.error('[bench] cleanup error:', e.message); }
    cleanups.delete(fn);
  }
}
function emergencyExit(reason, code) {
  if (aborting) return;
  aborting = true;
  console.error(`[bench] ${reason}: stopping servers and exiting`);
  setTimeout(() => process.exit(code + 1), 30000).unref();
  runCleanupsSync();
  process.exit(code);
}
setTimeout(() => emergencyExit(`global timeout (${opts.timeout}s) reached`, 3), opts.timeout * 1000).unref();
process.on('SIGINT', () => emergencyExit('SIGINT', 130));
process.on('SIGTERM', () => emergencyExit('SIGTERM', 143));

// ---------------------------------------------------------------------------
// Deterministic messages: message(i) depends only on (seed, i)
// ---------------------------------------------------------------------------


const LAST = ['Smith', 'Jones', 'Novak', 'Garcia', 'Rossi', 'Dubois', 'Tanaka', 'Kowalski', 'Silva',
  'Nguyen', 'Okafor', 'Larsen', 'Horvat', 'Costa', 'Ivanova'];
const DOMAINS = ['example.org', 'example.com', 'example.net', 'mail.example', 'shop.example', 'corp.example'];
const DOW = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** The search word; appears in no other message (WORDS never contain it). */
const MARKER = 'quokkazephyr';

/** Message i: { bytes: Buffer (CRLF), marked, seen }. */
function message(i, seed = opts.seed) {
  const rng = mulberry32((seed * 1000003 + i * 7919) >>> 0);
  const n = (lo, hi) => lo + Math.floor(rng() * (hi - lo + 1));
  const pick = (arr) => arr[Math.floor(rng() * arr.length)];
  const words = (k) => Array.from({ length: k }, () => pick(WORDS)).join(' ');
  const marked = rng() < 0.01;
  const seen = rng() < 0.7;
  const first = pick(FIRST); const last = pick(LAST); const dom = pick(DOMAINS);
  const t = new Date(Date.UTC(2025, 0, 1) + i * 300000 + n(0, 299) * 1000);
  const date = `${DOW[(t.getUTCDay() + 6) % 7]}, ${t.getUTCDate()} ${MON[t.getUTCMonth()]} ${t.getUTCFullYear()} ` +
    `${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')}:${String(t.getUTCSeconds()).padStart(2, '0')} +0000`;
  const subject = `${pick(['Re: ', 'Fwd: ', '', '', '[team] '])}${words(n(2, 7))}`;
  const headers = [
    `Return-Path: <${first.toLowerCase()}@${dom}>`,
    `Received: from mx.${dom} (mx.${dom} [192.0.2.${n(1, 254)}]) by mx.bench.test with ESMTPS id ${i.toString(36)}${n(1e5, 1e6 - 1)}; ${date}`,
    `From: "${first} ${last}" <${first.toLowerCase()}.${last.toLowerCase()}@${dom}>`,
    `To: Bench User <${USER}>`,
    ...(rng() < 0.3 ? [`Cc: ${pick(FIRST)} <${pick(FIRST).toLowerCase()}@${pick(DOMAINS)}>`] : []),
    `Subject: ${subject}`,
    `Date: ${date}`,
    `Message-ID: <${i}.${n(1e6, 1e7 - 1)}@${dom}>`,
    ...(rng() < 0.4 ? [`In-Reply-To: <${Math.max(0, i - n(1, 50))}.1000000@${dom}>`] : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
  ];
  // body: ~4 KB on average (skewed: many short, some long)
  const target = Math.floor(600 + 7000 * rng() * rng() * 1.5 + 400 * rng());
  const lines = [];
  let size = 0;
  const markAt = marked ? n(0, Math.max(0, Math.floor(target / 70) - 1)) : -1;
  for (let ln = 0; size < target; ln++) {
    let l = ln % 9 === 8 ? '' : words(n(6, 13));
    if (ln === markAt) l += `${l ? ' ' : ''}${MARKER}`;
    lines.push(l); size += l.length + 2;
  }
  if (marked && markAt >= lines.length) lines.push(MARKER);
  const bytes = Buffer.from(`${headers.join('\r\n')}\r\n\r\n${lines.join('\r\n')}\r\n`, 'utf8');
  return { bytes, marked, seen, time: t };
}

function mixStats(count) {
  let total = 0; let min = Infinity; let max = 0; let marked = 0; let seen = 0;
  for (let i = 0; i < count; i++) {
    const m = message(i);
    total += m.bytes.length; min = Math.min(min, m.bytes.length); max = Math.max(max, m.bytes.length);
    if (m.marked) marked++;
    if (m.seen) seen++;
  }
  return { count, totalBytes: total, avgBytes: total / count, minBytes: min, maxBytes: max, marked, seen };
}

// ---------------------------------------------------------------------------
// /proc helpers
// ---------------------------------------------------------------------------

function readStatusKb(pid, field) {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, 'latin1').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return m ? Number(m[1]) : 0;
  } catch { return 0; }
}
function readPssKb(pid) {
  try { const m = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'latin1').match(/^Pss:\s+(\d+) kB/m); return m ? Number(m[1]) : 0; } catch { return 0; }
}
function procName(pid) { try { return fs.readFileSync(`/proc/${pid}/comm`, 'latin1').trim(); } catch { return ''; } }
function processTable() {
  const children = new Map();
  for (const ent of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(ent)) continue;
    let st;
    try { st = fs.readFileSync(`/proc/${ent}/stat`, 'latin1'); } catch { continue; }
    const ppid = Number(st.slice(st.lastIndexOf(')') + 2).split(' ')[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(Number(ent));
  }
  return children;
}
function descendants(roots) {
  const children = processTable();
  const out = []; const seen = new Set();
  const stack = roots.filter((p) => p && fs.existsSync(`/proc/${p}`));
  while (stack.length) {
    const p = stack.pop();
    if (seen.has(p)) continue;
    seen.add(p); out.push(p);
    for (const c of children.get(p) || []) stack.push(c);
  }
  return out;
}
function pidAlive(pid) {
  try { process.kill(pid, 0); } catch { return false; }
  try { return !/^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'latin1')); } catch { return false; }
}
/** Memory of a process tree: total RSS/PSS, and the part in processes named like `only`. */
function treeMemory(rootPid, { only = null, pss = true } = {}) {
  const pids = descendants([rootPid]);
  const r = { procs: pids.length, rssKb: 0, pssKb: 0, matchProcs: 0, matchRssKb: 0, matchPssKb: 0 };
  for (const p of pids) {
    const rss = readStatusKb(p, 'VmRSS'); const ps = pss ? readPssKb(p) : 0;
    r.rssKb += rss; r.pssKb += ps;
    if (only && only.test(procName(p))) { r.matchProcs++; r.matchRssKb += rss; r.matchPssKb += ps; }
  }
  return r;
}

// ---------------------------------------------------------------------------
// misc helpers
// ---------------------------------------------------------------------------

async function freePorts(k) {
  const servers = []; const ports = [];
  for (let i = 0; i < k; i++) {
    const s = net.createServer();
    await new Promise((res, rej) => { s.once('error', rej); s.listen(0, '127.0.0.1', res); });
    servers.push(s); ports.push(s.address().port);
  }
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}
function run(cmd, args, { timeoutMs = 120000, env, cwd } = {}) {
  try {
    return { ok: true, stdout: execFileSync(cmd, args, { timeout: timeoutMs, env, cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' }) };
  } catch (e) {
    return { ok: false, status: e.status, signal: e.signal, stdout: String(e.stdout || ''), stderr: String(e.stderr || ''), error: e.message };
  }
}
function tail(file, n = 30) { try { return fs.readFileSync(file, 'utf8').split('\n').slice(-n).join('\n'); } catch { return ''; } }
function mountFor(p) {
  try {
    let best = null;
    for (const line of fs.readFileSync('/proc/mounts', 'utf8').split('\n')) {
      const [dev, mnt, type] = line.split(' ');
      if (!mnt) continue;
      if ((p === mnt || p.startsWith(mnt.endsWith('/') ? mnt : `${mnt}/`)) && (!best || mnt.length > best.mnt.length)) best = { dev, mnt, type };
    }
    return best;
  } catch { return null; }
}
function machineInfo() {
  let cpu = 'unknown';
  try { cpu = fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m)[1].trim(); } catch { /* ignore */ }
  let memKb = 0;
  try { memKb = Number(fs.readFileSync('/proc/meminfo', 'utf8').match(/^MemTotal:\s+(\d+)/m)[1]); } catch { /* ignore */ }
  const dv = run('dovecot', ['--version']);
  const tmpMount = mountFor(fs.realpathSync(opts.tmpDir));
  return {
    cpu, cores: os.availableParallelism ? os.availableParallelism() : os.cpus().length,
    memoryGiB: Math.round((memKb / 1048576) * 10) / 10, kernel: os.release(), node: process.version,
    dovecot: dv.ok ? dv.stdout.trim() : null, loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100),
    tmpDir: opts.tmpDir, tmpFs: tmpMount ? `${tmpMount.type} (${tmpMount.dev} on ${tmpMount.mnt})` : null,
  };
}
function mkTemp(prefix) { fs.mkdirSync(opts.tmpDir, { recursive: true }); return fs.mkdtempSync(path.join(opts.tmpDir, prefix)); }
function rmTemp(dir) {
  if (opts.keep) { log(`keeping ${dir}`); return; }
  try { fs.rmSync(dir, { recursive: true, force: true }); } catch (e) { log(`could not remove ${dir}: ${e.message}`); }
}
function killTreeSync(pid, graceMs) {
  if (!pid || !pidAlive(pid)) return;
  try { process.kill(pid, 'SIGTERM'); } catch { return; }
  const deadline = Date.now() + graceMs;
  while (pidAlive(pid) && Date.now() < deadline) execFileSync('sleep', ['0.1']);
  if (pidAlive(pid)) for (const p of descendants([pid]).reverse()) { try { process.kill(p, 'SIGKILL'); } catch { /* gone */ } }
}
function readPid(file) { try { const n = Number(fs.readFileSync(file, 'utf8').trim()); return n > 0 ? n : null; } catch { return null; } }
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor((s.length - 1) / 2)] : null; };
const r1 = (x) => (x == null ? null : Math.round(x * 10) / 10);
const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : null);

async function waitForGreeting(port, timeoutMs, isDead) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (isDead && isDead()) throw new Error('server exited during startup');
    try { const c = await ImapConn.connect('127.0.0.1', port, { timeoutMs: 5000 }); c.destroy(); return; } catch (e) { last = e.message; }
    await sleep(200);
  }
  throw new Error(`no IMAP greeting on 127.0.0.1:${port} within ${timeoutMs} ms (${last})`);
}

// ---------------------------------------------------------------------------
// The measurements (same code for both servers; `srv.open()` returns a logged-in ImapConn)
// ---------------------------------------------------------------------------

/** Run `fn(k)` for k in 0..count-1 with at most `parallel` in flight. */
async function pool(count, parallel, fn) {
  let next = 0;
  const worker = async () => { while (next < count && !aborting) { const k = next++; await fn(k); } };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
}

async function measureFetchAll(srv, expected) {
  const c = await srv.open();
  const runs = [];
  try {
    for (let k = 0; k < 4; k++) {
      const t0 = performance.now();
      const sel = await c.command('SELECT INBOX', { timeoutMs: 1800e3 });
      const t1 = performance.now();
      const bytes0 = c.bytesIn;
      const f = await c.command('UID FETCH 1:* (UID FLAGS ENVELOPE)', { timeoutMs: 1800e3 });
      const t2 = performance.now();
      runs.push({ selectMs: t1 - t0, fetchMs: t2 - t1, totalMs: t2 - t0, exists: sel.exists, fetched: f.fetches, responseBytes: c.bytesIn - bytes0 });
      log(`  ${srv.name}: SELECT+FETCH run ${k + 1}: ${(t2 - t0).toFixed(0)} ms (SELECT ${(t1 - t0).toFixed(0)}), ${f.fetches} FETCH responses, ${((c.bytesIn - bytes0) / 1048576).toFixed(1)} MB`);
      await c.command('UNSELECT').catch(() => c.command('CLOSE'));
    }
  } finally { await c.logout(); }
  const warm = runs.slice(1);
  const best = warm.reduce((a, b) => (b.totalMs < a.totalMs ? b : a));
  return {
    cold: runs[0], warmRuns: warm.map((r) => r1(r.totalMs)), warmBestMs: best.totalMs, warmMedianMs: median(warm.map((r) => r.totalMs)),
    warmSelectMs: best.selectMs, fetched: best.fetched, responseBytes: best.responseBytes, complete: runs.every((r) => r.fetched === expected),
  };
}

async function measureSearch(srv, expectedHits) {
  const c = await srv.open();
  const runs = [];
  let hits = null;
  try {
    await c.command('SELECT INBOX', { timeoutMs: 1800e3 });
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      const r = await c.command(`UID SEARCH TEXT ${MARKER}`, { timeoutMs: 1800e3 });
      const ms = performance.now() - t0;
      const line = r.search.join(' ');
      hits = line.replace(/^\* SEARCH ?/i, '').trim().split(/\s+/).filter((x) => /^\d+$/.test(x)).length;
      runs.push(ms);
      log(`  ${srv.name}: UID SEARCH TEXT run ${k + 1}: ${ms.toFixed(0)} ms, ${hits} hits`);
    }
  } finally { await c.logout(); }
  return { runsMs: runs.map(r1), firstMs: runs[0], bestMs: Math.min(...runs), medianMs: median(runs), hits, expectedHits, correct: hits === expectedHits };
}

async function measureIdle(srv, n) {
  const folder = opts.idleFolder;
  const openIdle = async () => {
    const c = await srv.open({ timeoutMs: 300000 });
    if (folder !== '-') await c.command(`SELECT ${folder === 'INBOX' ? 'INBOX' : `"${folder}"`}`, { timeoutMs: 600000 });
    await c.idle();
    return c;
  };
  // memory: median of 5 samples 1 s apart (each field separately)
  const settle = async () => {
    await sleep(2000);
    const xs = [];
    for (let k = 0; k < 5; k++) { xs.push(srv.memory()); await sleep(1000); }
    const out = {};
    for (const key of Object.keys(xs[0])) out[key] = median(xs.map((x) => x[key]));
    return out;
  };
  // warm-up: the first few connections load code, TLS contexts, the folder; not per-connection cost
  const warm = [];
  for (let k = 0; k < 20; k++) warm.push(await openIdle());
  for (const c of warm) { await c.idleDone().catch(() => {}); await c.logout(); }
  const before = await settle();
  log(`  ${srv.name}: opening ${n} IDLE connections (before: ${fmtMem(before)})`);
  const conns = [];
  let failed = 0; const errors = {};
  const t0 = performance.now();
  let lastLog = Date.now();
  await pool(n, 100, async () => {
    try {
      conns.push(await openIdle());
    } catch (e) {
      failed++; const k = e.message.slice(0, 80); errors[k] = (errors[k] || 0) + 1;
    }
    if (Date.now() - lastLog > 10000) { lastLog = Date.now(); log(`  ${srv.name}: ${conns.length} in IDLE, ${failed} failed, ${((performance.now() - t0) / 1000).toFixed(0)} s`); }
  });
  const setupMs = performance.now() - t0;
  const after = await settle();
  const alive = conns.filter((c) => !c.closed).length;
  log(`  ${srv.name}: ${alive} in IDLE after ${(setupMs / 1000).toFixed(1)} s (after: ${fmtMem(after)}); closing`);
  const t1 = performance.now();
  await pool(conns.length, 500, async (k) => { const c = conns[k]; try { await Promise.race([c.idleDone(), sleep(10000)]); } catch { /* */ } c.destroy(); });
  const closeMs = performance.now() - t1;
  const perConn = (a, b) => (alive ? (b - a) / alive : null);
  return {
    requested: n, established: conns.length, aliveAtMeasure: alive, failed, errors, setupMs, setupPerSec: conns.length / (setupMs / 1000), closeMs,
    before, after,
    perConnKb: perConn(before.mainRssKb, after.mainRssKb), // Mailcove: the server process; Dovecot: imap processes
    perConnTreeRssKb: perConn(before.rssKb, after.rssKb),
    perConnTreePssKb: perConn(before.pssKb, after.pssKb),
  };
}

const MIX = [['FETCH', 40], ['STORE', 25], ['APPEND', 15], ['EXPUNGE', 10], ['SELECT', 10]];
async function measureMixed(srv, clients, seconds, baseMessages) {
  const counts = {}; const lat = {}; const errors = {};
  for (const [k] of MIX) { counts[k] = 0; lat[k] = []; }
  let appendSeq = 0;
  const totalW = MIX.reduce((a, [, w]) => a + w, 0);
  const conns = [];
  await pool(clients, 10, async (i) => { const c = await srv.open(); await c.command('SELECT INBOX', { timeoutMs: 600e3 }); conns[i] = c; });
  log(`  ${srv.name}: ${clients} clients logged in and selected, running the mix for ${seconds} s`);
  const tStart = performance.now();
  const tEnd = tStart + seconds * 1000;
  await Promise.all(conns.map(async (c, i) => {
    const rng = mulberry32(opts.seed * 7 + i);
    const own = []; // UIDs this client appended (its EXPUNGE victims)
    const rnd = () => 1 + Math.floor(rng() * baseMessages);
    const doAppend = async () => {
      const m = message(baseMessages + 1000000 + appendSeq++);
      const r = await c.append('INBOX', m.seen ? '\\Seen' : '', m.bytes);
      const au = r.text.match(/APPENDUID \d+ (\d+)/i);
      if (au) own.push(Number(au[1]));
    };
    while (performance.now() < tEnd && !aborting && !c.closed) {
      let x = rng() * totalW; let op = MIX[0][0];
      for (const [k, w] of MIX) { if (x < w) { op = k; break; } x -= w; }
      const t0 = performance.now();
      try {
        switch (op) {
          case 'FETCH':
            if (rng() < 0.75) { const u = rnd(); await c.command(`UID FETCH ${u}:${u + 19} (UID FLAGS ENVELOPE)`); } else await c.command(`UID FETCH ${rnd()} (UID FLAGS BODY.PEEK[])`);
            break;
          case 'STORE': await c.command(`UID STORE ${rnd()} ${rng() < 0.5 ? '+' : '-'}FLAGS.SILENT (\\Flagged)`); break;
          case 'APPEND': await doAppend(); break;
          case 'EXPUNGE': {
            if (!own.length) await doAppend();
            const u = own.shift();
            if (u) { await c.command(`UID STORE ${u} +FLAGS.SILENT (\\Deleted)`); await c.command(`UID EXPUNGE ${u}`); }
            break;
          }
          case 'SELECT': await c.command('SELECT INBOX', { timeoutMs: 600e3 }); break;
          default: break;
        }
        counts[op]++; lat[op].push(performance.now() - t0);
      } catch (e) {
        const k = `${op}: ${e.message.slice(0, 100)}`; errors[k] = (errors[k] || 0) + 1;
        if (c.closed) break;
      }
    }
  }));
  const elapsed = (performance.now() - tStart) / 1000;
  await Promise.all(conns.map((c) => c.logout()));
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const latency = {};
  for (const [k] of MIX) { const s = lat[k].sort((a, b) => a - b); latency[k] = { n: s.length, p50: r1(pct(s, 50)), p99: r1(pct(s, 99)) }; }
  return { clients, seconds: elapsed, ops: total, opsPerSec: total / elapsed, counts, latencyMs: latency, errors };
}

function fmtMem(m) { return `main ${(m.mainRssKb / 1024).toFixed(1)} MB, tree ${(m.rssKb / 1024).toFixed(1)} MB RSS / ${(m.pssKb / 1024).toFixed(1)} MB PSS, ${m.procs} procs`; }

async function runPhases(srv, stats) {
  const res = {};
  if (!opts.skip.has('fetch')) {
    log(`${srv.name}: SELECT + UID FETCH 1:* (UID FLAGS ENVELOPE)`);
    res.fetchAll = await measureFetchAll(srv, stats.count);
  }
  if (!opts.skip.has('search')) {
    log(`${srv.name}: UID SEARCH TEXT ${MARKER} (${stats.marked} expected)`);
    res.search = await measureSearch(srv, stats.marked);
  }
  if (opts.clients > 0 && !opts.skip.has('mixed')) {
    log(`${srv.name}: mixed load, ${opts.clients} clients, ${opts.seconds} s`);
    res.mixed = await measureMixed(srv, opts.clients, opts.seconds, stats.count);
    log(`  ${srv.name}: ${res.mixed.ops} ops, ${res.mixed.opsPerSec.toFixed(0)} ops/s`);
  }
  if (opts.idle > 0 && !opts.skip.has('idle')) {
    if (srv.restart) { log(`${srv.name}: restarting the server for a clean memory baseline`); await srv.restart(); }
    log(`${srv.name}: ${opts.idle} connections in IDLE`);
    res.idle = await measureIdle(srv, opts.idle);
  }
  return res;
}

// ---------------------------------------------------------------------------
// Mailcove
// ---------------------------------------------------------------------------

async function benchMailcove(stats) {
  const res = { server: 'mailcove', ok: false };
  const bin = opts.mailcoveBin;
  if (!fs.existsSync(bin)) { res.error = `${bin} not found (build Mailcove first)`; return res; }
  const tmp = mkTemp('mailcove-imapbench-mc-');
  const dataDir = path.join(tmp, 'data');
  const logFile = path.join(tmp, 'serve.log');
  const unregTmp = registerCleanup(() => rmTemp(tmp));
  const cli = (args) => run(process.execPath, [bin, ...args, '--data-dir', dataDir], { cwd: PROJECT_ROOT, timeoutMs: 120000 });
  let child = null;
  let unregChild = null;
  let stop = () => {};
  try {
    for (const args of [['init'], ['domain', 'add', 'bench.test'], ['mailbox', 'add', USER], ['device-password', 'add', USER, 'bench', '--password', PASSWORD]]) {
      const r = cli(args);
      if (!r.ok) throw new Error(`mailcove ${args.join(' ')} failed: ${(r.stderr || r.stdout || r.error).trim().slice(0, 600)}`);
    }
    const [imap] = await freePorts(1);
    const env = {
      ...process.env,
      MAILCOVE_HOSTNAME: 'mx.bench.test',
      MAILCOVE_LISTEN_IMAP: `127.0.0.1:${imap}`,
      MAILCOVE_LISTEN_SMTP: 'off', MAILCOVE_LISTEN_SUBMISSION: 'off', MAILCOVE_LISTEN_SUBMISSIONS: 'off',
      MAILCOVE_LISTEN_IMAPS: 'off', MAILCOVE_LISTEN_MANAGESIEVE: 'off', MAILCOVE_LISTEN_HTTP: 'off',
      MAILCOVE_LOG_LEVEL: 'warn',
      // all load comes from 127.0.0.1: lift IMAP's per-IP and total connection limits
      MAILCOVE_IMAP__MAX_CONNECTIONS_PER_IP: String(Math.max(200, (opts.idle + opts.clients + opts.fillConnections) * 2)),
      MAILCOVE_IMAP__MAX_CONNECTIONS: String(Math.max(20000, (opts.idle + opts.clients + opts.fillConnections) * 2)),
      ...opts.mailcoveEnv,
    };
    let c = null;
    const start = async () => {
      const logFd = fs.openSync(logFile, 'a');
      log(`mailcove: serve (imap 127.0.0.1:${imap}, ${bin})`);
      child = spawn('bash', ['-c', 'ulimit -n "$(ulimit -Hn)" && exec "$0" "$@"', process.execPath, bin, 'serve', '--data-dir', dataDir],
        { cwd: PROJECT_ROOT, env, stdio: ['ignore', logFd, logFd] });
      fs.closeSync(logFd);
      c = child;
      const me = child;
      unregChild = registerCleanup(() => { if (me.exitCode === null && me.signalCode === null) killTreeSync(me.pid, 15000); });
      let exited = false;
      child.once('exit', () => { exited = true; });
      await waitForGreeting(imap, 60000, () => exited);
    };
    stop = () => {
      if (child && child.exitCode === null) { log('mailcove: stopping'); killTreeSync(child.pid, 15000); }
      if (unregChild) unregChild();
      unregChild = null;
    };
    await start();

    const srv = {
      name: 'mailcove',
      async open({ timeoutMs = 600000 } = {}) {
        const conn = await ImapConn.connect('127.0.0.1', imap, { timeoutMs });
        try { await conn.starttls(); await conn.login(USER, PASSWORD); } catch (e) { conn.destroy(); throw e; }
        return conn;
      },
      memory() {
        const m = treeMemory(c.pid);
        return { ...m, mainRssKb: readStatusKb(c.pid, 'VmRSS') };
      },
      // a fresh process before the IDLE phase, so the heap left by the other phases doesn't hide
      // (or, when it is collected, swallow) the memory of the idle connections
      async restart() { stop(); await start(); },
    };

    // Fill: APPEND over a few parallel connections (APPEND is the only public way in besides SMTP)
    log(`mailcove: filling INBOX with ${stats.count} messages over ${opts.fillConnections} APPEND connections`);
    {
      const fillConns = await Promise.all(Array.from({ length: opts.fillConnections }, () => srv.open()));
      let next = 0; let done = 0; let bytes = 0;
      const t0 = performance.now();
      let lastLog = Date.now();
      await Promise.all(fillConns.map(async (fc) => {
        while (next < stats.count && !aborting) {
          const m = message(next++);
          await fc.append('INBOX', m.seen ? '\\Seen' : '', m.bytes, { timeoutMs: 300000 });
          done++; bytes += m.bytes.length;
          if (Date.now() - lastLog > 15000) { lastLog = Date.now(); log(`  mailcove: ${done} appended, ${(done / ((performance.now() - t0) / 1000)).toFixed(0)} msgs/s`); }
        }
      }));
      const ms = performance.now() - t0;
      await fillConns[0].command('CREATE "Idle"').catch(() => {});
      for (let i = 0; i < IDLE_FOLDER_MESSAGES; i++) await fillConns[0].append('Idle', '', message(i).bytes);
      await Promise.all(fillConns.map((fc) => fc.logout()));
      res.fill = { method: `IMAP APPEND over ${opts.fillConnections} connections (STARTTLS)`, messages: done, ms, msgsPerSec: done / (ms / 1000), mbPerSec: bytes / 1048576 / (ms / 1000) };
      log(`  mailcove: filled ${done} in ${(ms / 1000).toFixed(1)} s (${res.fill.msgsPerSec.toFixed(0)} msgs/s); ${fmtMem(srv.memory())}`);
    }
    res.memoryAfterFill = srv.memory();
    Object.assign(res, await runPhases(srv, stats));
    res.memoryEnd = { ...srv.memory(), vmHwmKb: readStatusKb(c.pid, 'VmHWM') };
    res.ok = true;
  } catch (e) {
    res.error = e.stack || e.message;
    res.logTail = tail(logFile, 20);
  } finally {
    stop();
    rmTemp(tmp); unregTmp();
  }
  return res;
}

// ---------------------------------------------------------------------------
// Dovecot (Debian's dovecot-imapd, throwaway config, maildir written directly)
// ---------------------------------------------------------------------------

function dovecotConfig({ dirs, port }) {
  const conns = opts.idle + opts.clients + 200;
  return `# throwaway config written by bench/imap.mjs
protocols = imap
listen = 127.0.0.1
base_dir = ${dirs.run}
state_dir = ${dirs.state}
instance_name = mailcove-imapbench-dovecot
log_path = ${path.join(dirs.logs, 'dovecot.log')}
info_log_path = ${path.join(dirs.logs, 'dovecot-info.log')}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:~/Maildir
mail_uid = nobody
mail_gid = nogroup
first_valid_uid = 1
hostname = imap.bench.test
# one imap process per connection (Dovecot's default); limits raised for ${opts.idle} IDLE connections
default_process_limit = ${conns}
default_client_limit = ${conns * 2}
default_vsz_limit = 1G
passdb {
  driver = static
  args = password=${PASSWORD}
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=${dirs.mail}/%n allow_all_users=yes
}
protocol imap {
  mail_max_userip_connections = ${conns * 2}
}
service imap {
  # built-in default 1024
  process_limit = ${conns}
}
service anvil {
  client_limit = ${conns * 3}
}
service auth {
  client_limit = ${conns * 3}
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`;
}

async function benchDovecot(stats) {
  const res = { server: 'dovecot', ok: false };
  if (process.getuid && process.getuid() !== 0) { res.error = 'must run as root to start Dovecot'; return res; }
  if (!run('sh', ['-c', 'command -v dovecot']).ok || !fs.existsSync('/usr/lib/dovecot/imap')) { res.error = 'dovecot-imapd not installed (apt-get install dovecot-imapd)'; return res; }
  const base = mkTemp('mailcove-imapbench-dv-');
  fs.chmodSync(base, 0o755);
  const unregTmp = registerCleanup(() => rmTemp(base));
  const dirs = { run: path.join(base, 'run'), state: path.join(base, 'state'), mail: path.join(base, 'mail'), logs: path.join(base, 'logs') };
  for (const p of Object.values(dirs)) fs.mkdirSync(p, { recursive: true, mode: 0o755 });
  const [port] = await freePorts(1);
  const conf = path.join(base, 'dovecot.conf');
  fs.writeFileSync(conf, dovecotConfig({ dirs, port }));
  const pidFile = path.join(dirs.run, 'master.pid');
  let started = false;
  const stop = () => { if (!started) return; started = false; killTreeSync(readPid(pidFile), 15000); };
  const unregDv = registerCleanup(stop);
  try {
    // Fill: write the maildir directly (what LMTP delivery would leave behind), owned by nobody
    log(`dovecot: writing ${stats.count} messages into a maildir`);
    const md = path.join(dirs.mail, 'bench', 'Maildir'); // home = <mail>/%n, %n of bench@bench.test is "bench"
    const t0 = performance.now();
    for (const sub of ['cur', 'new', 'tmp', '.Idle/cur', '.Idle/new', '.Idle/tmp']) fs.mkdirSync(path.join(md, sub), { recursive: true });
    fs.writeFileSync(path.join(md, 'subscriptions'), 'Idle\n');
    let bytes = 0;
    const put = (dir, i, m) => {
      const secs = Math.floor(m.time.getTime() / 1000);
      const name = `${secs}.M${i}P1.bench,S=${m.bytes.length}:2,${m.seen ? 'S' : ''}`;
      const f = path.join(dir, name);
      fs.writeFileSync(f, m.bytes);
      fs.utimesSync(f, secs, secs);
    };
    for (let i = 0; i < stats.count; i++) { const m = message(i); put(path.join(md, 'cur'), i, m); bytes += m.bytes.length; }
    for (let i = 0; i < IDLE_FOLDER_MESSAGES; i++) put(path.join(md, '.Idle', 'cur'), i, message(i));
    const r = run('chown', ['-R', 'nobody:nogroup', dirs.mail], { timeoutMs: 600000 });
    if (!r.ok) throw new Error(`chown failed: ${r.stderr}`);
    const ms = performance.now() - t0;
    res.fill = { method: 'maildir files written directly (no fsync; Dovecot indexes them at the first SELECT)', messages: stats.count, ms, msgsPerSec: stats.count / (ms / 1000), mbPerSec: bytes / 1048576 / (ms / 1000) };
    log(`  dovecot: wrote ${stats.count} files in ${(ms / 1000).toFixed(1)} s`);

    log(`dovecot: starting (imap 127.0.0.1:${port})`);
    started = true;
    const out = fs.openSync(path.join(dirs.logs, 'dovecot.stdout'), 'a');
    try {
      execFileSync('bash', ['-c', 'ulimit -n "$(ulimit -Hn)" && exec dovecot -c "$0"', conf], { stdio: ['ignore', out, out], timeout: 60000 });
    } catch (e) {
      throw new Error(`dovecot -c ${conf} failed: ${e.message}\n${tail(path.join(dirs.logs, 'dovecot.stdout'))}\n${tail(path.join(dirs.logs, 'dovecot.log'))}`);
    } finally { fs.closeSync(out); }
    await waitForGreeting(port, 30000);
    const master = readPid(pidFile);
    if (!master) throw new Error('could not read dovecot master.pid');
    const srv = {
      name: 'dovecot',
      async open({ timeoutMs = 600000 } = {}) {
        const conn = await ImapConn.connect('127.0.0.1', port, { timeoutMs });
        try { await conn.login(USER, PASSWORD); } catch (e) { conn.destroy(); throw e; }
        return conn;
      },
      memory() {
        const m = treeMemory(master, { only: /^imap$/ });
        return { ...m, mainRssKb: m.matchRssKb, mainPssKb: m.matchPssKb };
      },
    };
    Object.assign(res, await runPhases(srv, stats));
    if (res.idle) res.idle.perConnImapPssKb = res.idle.aliveAtMeasure ? (res.idle.after.mainPssKb - res.idle.before.mainPssKb) / res.idle.aliveAtMeasure : null;
    res.warnings = tail(path.join(dirs.logs, 'dovecot.log'), 400).split('\n').filter((l) => /warning|error|fatal/i.test(l)).slice(-5);
    res.ok = true;
  } catch (e) {
    res.error = e.stack || e.message;
    res.logTail = tail(path.join(dirs.logs, 'dovecot.log'), 20);
  } finally {
    log('dovecot: stopping');
    stop(); unregDv();
    rmTemp(base); unregTmp();
  }
  return res;
}

// ---------------------------------------------------------------------------
// main
// ---------------------------------------------------------------------------

const ratio = (a, b) => (a != null && b != null && b > 0 ? a / b : null);
const fx = (x, d = 0) => (x == null ? 'n/a' : x.toFixed(d));

function fmtServer(name, r) {
  const L = [`${name}:`];
  if (!r) { L.push('  (not run)'); return L.join('\n'); }
  if (r.fill) L.push(`  fill            ${r.fill.messages} msgs in ${fx(r.fill.ms / 1000, 1)} s = ${fx(r.fill.msgsPerSec)} msgs/s (${fx(r.fill.mbPerSec, 1)} MB/s) — ${r.fill.method}`);
  const f = r.fetchAll;
  if (f) L.push(`  SELECT+FETCH    cold ${fx(f.cold.totalMs)} ms (SELECT ${fx(f.cold.selectMs)}), warm best ${fx(f.warmBestMs)} ms (SELECT ${fx(f.warmSelectMs)}; runs ${f.warmRuns.join(', ')}), ${f.fetched} msgs, ${fx(f.responseBytes / 1048576, 1)} MB${f.complete ? '' : '  INCOMPLETE'}`);
  const s = r.search;
  if (s) L.push(`  SEARCH TEXT     first ${fx(s.firstMs)} ms, best ${fx(s.bestMs)} ms (runs ${s.runsMs.join(', ')}), ${s.hits}/${s.expectedHits} hits${s.correct ? '' : '  WRONG COUNT'}`);
  const i = r.idle;
  if (i) {
    L.push(`  IDLE            ${i.aliveAtMeasure}/${i.requested} connections (${i.failed} failed) set up in ${fx(i.setupMs / 1000, 1)} s (${fx(i.setupPerSec)}/s)`);
    L.push(`                  per connection: ${fx(i.perConnKb, 1)} KB ${name === 'Mailcove' ? 'server RSS' : 'RSS summed over imap processes'}; process tree ${fx(i.perConnTreeRssKb, 1)} KB RSS / ${fx(i.perConnTreePssKb, 1)} KB PSS` +
      (i.perConnImapPssKb != null ? `; imap processes PSS ${fx(i.perConnImapPssKb, 1)} KB` : ''));
    L.push(`                  before ${fmtMem(i.before)}; after ${fmtMem(i.after)}`);
    for (const [k, v] of Object.entries(i.errors)) L.push(`    e.g. ${v}× ${k}`);
  }
  const m = r.mixed;
  if (m) {
    L.push(`  mixed           ${m.ops} ops in ${fx(m.seconds, 1)} s = ${fx(m.opsPerSec)} ops/s (${m.clients} clients)`);
    L.push(`                  ${Object.entries(m.latencyMs).map(([k, v]) => `${k} ${v.n} p50 ${v.p50} p99 ${v.p99} ms`).join('; ')}`);
    for (const [k, v] of Object.entries(m.errors)) L.push(`    error ${v}× ${k}`);
  }
  if (r.memoryEnd) L.push(`  memory at end   ${fmtMem(r.memoryEnd)}, VmHWM ${fx(r.memoryEnd.vmHwmKb / 1024, 1)} MB`);
  if (r.warnings && r.warnings.length) L.push(`  log warnings    ${r.warnings.join('\n                  ')}`);
  if (r.error) { L.push(`  ERROR: ${r.error}`); if (r.logTail) L.push(r.logTail.replace(/^/gm, '    | ')); }
  return L.join('\n');
}

async function main() {
  const machine = machineInfo();
  log(`generating the message mix statistics (${opts.messages} messages, seed ${opts.seed})`);
  const stats = mixStats(opts.messages);
  log(`mix: avg ${(stats.avgBytes / 1024).toFixed(2)} KB, min ${stats.minBytes} B, max ${stats.maxBytes} B, ${stats.marked} contain "${MARKER}", ${stats.seen} \\Seen`);
  const results = {};
  if (opts.only !== 'dovecot') results.mailcove = await benchMailcove(stats);
  if (opts.only !== 'mailcove' && !aborting) results.dovecot = await benchDovecot(stats);
  const mc = results.mailcove || {}; const dv = results.dovecot || {};
  const ratios = {
    fetchAllWarm: ratio(mc.fetchAll?.warmBestMs, dv.fetchAll?.warmBestMs), // target ≤ 1.0
    fetchAllCold: ratio(mc.fetchAll?.cold.totalMs, dv.fetchAll?.cold.totalMs),
    searchText: ratio(mc.search?.bestMs, dv.search?.bestMs), // target ≤ 0.5
    idleKbPerConn: ratio(mc.idle?.perConnKb, dv.idle?.perConnKb), // target: Mailcove ≤ 50 KB absolute
    idleKbPerConnVsDovecotPss: ratio(mc.idle?.perConnKb, dv.idle?.perConnImapPssKb),
    mixedOpsPerSec: ratio(mc.mixed?.opsPerSec, dv.mixed?.opsPerSec), // target ≥ 1.0
  };
  const summary = {
    benchmark: 'imap', date: new Date().toISOString(), machine,
    params: { messages: opts.messages, idle: opts.idle, clients: opts.clients, seconds: opts.seconds, fillConnections: opts.fillConnections, idleFolder: opts.idleFolder, skip: [...opts.skip], seed: opts.seed },
    mix: { ...stats, avgKB: r1(stats.avgBytes / 1024), marker: MARKER },
    results, ratiosMailcoveToDovecot: ratios,
  };
  const json = JSON.stringify(summary, (k, v) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 100) / 100 : v), 2);
  if (opts.jsonFile) fs.writeFileSync(opts.jsonFile, `${json}\n`);
  if (opts.json) {
    console.log(json);
  } else {
    const out = [];
    out.push('=== imap benchmark ===');
    out.push(`machine   ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB RAM, kernel ${machine.kernel}, load ${machine.loadavg.join(' ')}`);
    out.push(`software  Node ${machine.node}, Dovecot ${machine.dovecot ?? 'n/a'}`);
    out.push(`storage   ${machine.tmpDir} on ${machine.tmpFs ?? '?'}`);
    out.push(`workload  ${stats.count} messages in INBOX, avg ${(stats.avgBytes / 1024).toFixed(1)} KB (min ${(stats.minBytes / 1024).toFixed(1)}, max ${(stats.maxBytes / 1024).toFixed(1)} KB), ` +
      `${stats.marked} with "${MARKER}"; ${opts.idle} IDLE connections (folder ${opts.idleFolder}); mixed load ${opts.clients} clients × ${opts.seconds} s; seed ${opts.seed}`);
    out.push('');
    if (results.mailcove) out.push(fmtServer('Mailcove', mc), '');
    if (results.dovecot) out.push(fmtServer('Dovecot', dv), '');
    const rr = (x, target) => (x == null ? 'n/a' : `${x.toFixed(2)}×${target ? `  (target ${target})` : ''}`);
    out.push('ratios Mailcove / Dovecot:');
    out.push(`  SELECT + UID FETCH 1:* (UID FLAGS ENVELOPE), warm   ${rr(ratios.fetchAllWarm, '≤ 1.0')}`);
    out.push(`  SELECT + UID FETCH 1:* (UID FLAGS ENVELOPE), cold   ${rr(ratios.fetchAllCold)}`);
    out.push(`  UID SEARCH TEXT (best of 3)                         ${rr(ratios.searchText, '≤ 0.5')}`);
    out.push(`  IDLE memory per connection (vs imap RSS sum)        ${rr(ratios.idleKbPerConn)}   Mailcove ${fx(mc.idle?.perConnKb, 1)} KB (target ≤ 50 KB)`);
    out.push(`  IDLE memory per connection (vs imap PSS sum)        ${rr(ratios.idleKbPerConnVsDovecotPss)}`);
    out.push(`  mixed load ops/s                                    ${rr(ratios.mixedOpsPerSec, '≥ 1.0')}`);
    console.log(out.join('\n'));
  }
  return Object.values(results).some((r) => r.ok) ? 0 : 1;
}

main().then((code) => { runCleanupsSync(); process.exit(code); }, (e) => {
  console.error('[bench] fatal:', e && e.stack ? e.stack : e);
  runCleanupsSync();
  process.exit(1);
});
