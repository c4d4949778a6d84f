#!/usr/bin/env node
// bench/smtp-inbound.mjs — inbound SMTP throughput benchmark.
//
// Sends the same deterministic message mix to Mailcove and to Postfix
// delivering to Dovecot over LMTP, with N concurrent SMTP connections, and
// reports accepted msgs/s, transaction latency percentiles, failures and
// peak memory. Plain Node ESM (no build step, no dependencies).
//
//   node bench/smtp-inbound.mjs [--messages 10000] [--connections 50]
//        [--only mailcove|postfix] [--json] [--seed 1] [--timeout 1800]
//
// See bench/README.md for details. This is a benchmark, not a test.

import net from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { FIRST, WORDS, mulberry32 } from './lib/corpus.mjs';

const SCRIPT_DIR = path.dirname(fileURLToPath(import.meta.url));
const PROJECT_ROOT = path.resolve(SCRIPT_DIR, '..');

// ---------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------

const USAGE = `usage: node bench/smtp-inbound.mjs [options]
  --messages N          messages to send per server (default 10000)
  --connections C       concurrent SMTP connections (default 50)
  --only NAME           run only "mailcove" or "postfix" (Postfix+Dovecot)
  --recipients R        number of local mailboxes user0..user{R-1}@bench.test (default 20)
  --seed S              PRNG seed for the message mix (default 1)
  --json                print a JSON summary instead of the text report
  --timeout SEC         global timeout for the whole run (default 1800)
  --delivery-timeout SEC  max wait for Dovecot to store all messages (default 600)
  --tmp-dir DIR         parent directory for temp data dirs (default os.tmpdir())
  --mailcove-bin PATH   Mailcove CLI (default <repo>/bin/mailcove.js)
  --mailcove-env K=V    extra environment for "mailcove serve" (repeatable)
  --keep                keep temp dirs (data, logs) instead of deleting them
  --mix-only            only generate the message mix and print its statistics
  --verbose             progress messages on stderr
  -h, --help            this help`;

function parseArgs(argv) {
  const o = {
    messages: 10000,
    connections: 50,
    only: null,
    recipients: 20,
    seed: 1,
    json: false,
    timeout: 1800,
    deliveryTimeout: 600,
    tmpDir: os.tmpdir(),
    mailcoveBin: path.join(PROJECT_ROOT, 'bin', 'mailcove.js'),
    keep: false,
    mixOnly: false,
    mailcoveEnv: {},
    verbose: false,
  };
  const num = (name, v) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) die(`${name} needs a positive number, got ${JSON.stringify(v)}`);
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
      case '--messages': o.messages = Math.floor(num(a, next())); break;
      case '--connections': o.connections = Math.floor(num(a, next())); break;
      case '--recipients': o.recipients = Math.floor(num(a, next())); break;
      case '--seed': o.seed = Math.floor(num(a, next())); break;
      case '--timeout': o.timeout = num(a, next()); break;
      case '--delivery-timeout': o.deliveryTimeout = num(a, next()); break;
      case '--only': {
        const v = next();
        if (v !== 'mailcove' && v !== 'postfix') die(`--only must be "mailcove" or "postfix"`);
        o.only = v;
        break;
      }
      case '--json': o.json = true; break;
      case '--tmp-dir': o.tmpDir = path.resolve(next()); break;
      case '--mailcove-bin': o.mailcoveBin = path.resolve(next()); break;
      case '--keep': o.keep = true; break;
      case '--mix-only': o.mixOnly = true; break;
      case '--mailcove-env': {
        const v = next(); const k = v.indexOf('=');
        if (k <= 0) die('--mailcove-env needs KEY=VALUE');
        o.mailcoveEnv[v.slice(0, k)] = v.slice(k + 1);
        break;
      }
      case '--verbose': case '-v': o.verbose = true; break;
      case '--help': case '-h': console.log(USAGE); process.exit(0); break;
      default: die(`unknown argument ${a}\n${USAGE}`);
    }
  }
  return o;
}

function die(msg) {
  console.error(`smtp-inbound: ${msg}`);
  process.exit(64);
}

const opts = parseArgs(process.argv.slice(2));
const log = (...a) => { if (opts.verbose || !opts.json) console.error('[bench]', ...a); };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------
// Global timeout / cleanup registry
// ---------------------------------------------------------------------------

const cleanups = new Set(); // sync functions that stop what we started
let aborting = false;
const openSockets = new Set();

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
  for (const s of openSockets) s.destroy();
  setTimeout(() => process.exit(code + 1), 30000).unref(); // hard stop if cleanup hangs
  runCleanupsSync();
  process.exit(code);
}

const globalTimer = setTimeout(() => emergencyExit(`global timeout (${opts.timeout}s) reached`, 3), opts.timeout * 1000);
globalTimer.unref();
process.on('SIGINT', () => emergencyExit('SIGINT', 130));
process.on('SIGTERM', () => emergencyExit('SIGTERM', 143));

// ---------------------------------------------------------------------------
// Deterministic message mix
// ---------------------------------------------------------------------------



const LAST = ['Smith', 'Jones', 'Novak', 'Garcia', 'Müller', 'Rossi', 'Dubois', 'Tanaka', 'Kowalski', 'Silva',
  'Nguyen', 'Okafor', 'Larsen', 'Horvat', 'Costa', 'Ivanova'];
const SENDER_DOMAINS = ['example.org', 'example.com', 'example.net', 'mail.example', 'shop.example',
  'news.example', 'corp.example', 'university.example', 'bank.example', 'social.example'];
const ROBOTS = ['newsletter', 'noreply', 'notifications', 'billing', 'support', 'alerts', 'updates', 'orders'];
const SUBJECT_T = [
  (w) => `Re: ${w(3)}`, (w) => `Fwd: ${w(4)}`, (w) => `Invoice #${w.n(10000, 99999)} for ${w(2)}`,
  (w) => `Your order ${w.n(100000, 999999)} has shipped`, (w) => `[team] ${w(5)}`,
  (w) => `Meeting notes: ${w(3)}`, (w) => `Weekly digest — ${w(2)}`, (w) => `Security alert: ${w(3)}`,
  (w) => `Quick question about ${w(2)}`, (w) => `${w(6)}`, (w) => `Re: Re: ${w(4)}`,
  (w) => `Reminder: ${w(3)} on ${['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'][w.n(0, 4)]}`,
];
const ATTACH_T = [
  ['report.pdf', 'application/pdf'], ['photo.jpg', 'image/jpeg'], ['scan.png', 'image/png'],
  ['invoice.pdf', 'application/pdf'], ['data.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['archive.zip', 'application/zip'], ['slides.pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
];

// RFC 2047 encoded-word for non-ASCII header text; quoted phrase otherwise.
function encodeWord(s) {
  return /[^\x20-\x7e]/.test(s) ? `=?UTF-8?B?${Buffer.from(s).toString('base64')}?=` : s;
}

function wrapLines(text, width) {
  const out = [];
  for (const para of text.split('\n')) {
    if (para === '') { out.push(''); continue; }
    let line = '';
    for (const word of para.split(' ')) {
      if (line.length && line.length + 1 + word.length > width) { out.push(line); line = word; }
      else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  return out;
}

function generateMessages({ count, seed, recipients }) {
  const rng = mulberry32(seed);
  const n = (lo, hi) => lo + Math.floor(rng() * (hi - lo + 1));
  const pick = (arr) => arr[Math.floor(rng() * arr.length)];
  const words = (k) => { const a = []; for (let i = 0; i < k; i++) a.push(pick(WORDS)); return a.join(' '); };
  words.n = n;
  const logNormal = (median, sigma) => {
    // Box–Muller
    const u = Math.max(rng(), 1e-12); const v = rng();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return median * Math.exp(sigma * z);
  };
  const sentence = () => {
    const s = words(n(5, 18));
    return s[0].toUpperCase() + s.slice(1) + pick(['.', '.', '.', '?', '!']);
  };
  const textBody = (target) => {
    const paras = [];
    let size = 0;
    paras.push(`Hi ${pick(FIRST)},`);
    while (size < target) {
      const k = n(2, 6); const ss = [];
      for (let i = 0; i < k; i++) ss.push(sentence());
      let p = ss.join(' ');
      // Some lines start with a dot so the client's dot-stuffing is exercised.
      if (rng() < 0.08) p = `.${words(1)} ${p}`;
      if (rng() < 0.04) p = `...${p}`;
      paras.push(p); size += p.length + 2;
    }
    paras.push(`Regards,\n${pick(FIRST)}`);
    if (rng() < 0.2) paras.push(`--\n.signature line from ${pick(SENDER_DOMAINS)}`);
    return wrapLines(paras.join('\n\n'), 72).join('\r\n');
  };
  const htmlBody = (text) => {
    const paras = text.split('\r\n\r\n').map((p) => p.replace(/\r\n/g, ' '));
    const html = ['<!DOCTYPE html>', '<html><head><meta charset="utf-8"><title>message</title>',
      '<style>body{font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#222}p{margin:0 0 12px 0}</style>',
      '</head><body><table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td>'];
    for (const p of paras) {
      const ws = p.split(' ');
      if (ws.length > 6 && rng() < 0.5) ws[n(0, ws.length - 1)] = `<a href="https://${pick(SENDER_DOMAINS)}/${words(1).replace(/ /g, '')}?id=${n(1000, 99999)}" style="color:#0645ad">${pick(WORDS)}</a>`;
      if (ws.length > 6 && rng() < 0.4) ws[n(0, ws.length - 1)] = `<strong>${pick(WORDS)}</strong>`;
      html.push(`<p style="margin:0 0 12px 0">${ws.join(' ')}</p>`);
    }
    html.push('</td></tr></table></body></html>');
    return wrapLines(html.join('\n'), 76).join('\r\n');
  };
  // Pool of pseudo-random bytes for attachments (deterministic).
  const pool = Buffer.alloc(1 << 20);
  for (let i = 0; i < pool.length; i += 4) pool.writeUInt32LE((rng() * 4294967296) >>> 0, i);
  const b64Lines = (bytes) => {
    const off = n(0, pool.length - bytes - 1);
    const b64 = pool.subarray(off, off + bytes).toString('base64');
    const lines = [];
    for (let i = 0; i < b64.length; i += 76) lines.push(b64.slice(i, i + 76));
    return lines.join('\r\n');
  };

  const baseDate = Date.UTC(2025, 0, 6, 8, 0, 0);
  const msgs = [];
  let totalBytes = 0; let totalRcpts = 0; let minB = Infinity; let maxB = 0;
  const kinds = { plain: 0, alternative: 0, attachment: 0, largeAttachment: 0 };
  for (let i = 0; i < count; i++) {
    const robot = rng() < 0.35;
    const fn = pick(FIRST); const ln = pick(LAST); const dom = pick(SENDER_DOMAINS);
    const local = robot ? pick(ROBOTS) : `${fn.toLowerCase()}.${ln.toLowerCase().replace(/[^a-z]/g, '')}`;
    const from = `${local}@${dom}`;
    const display = robot ? `${dom.split('.')[0]} ${pick(['Team', 'Store', 'Service', 'News'])}` : `${fn} ${ln}`;
    const r0 = n(0, recipients - 1);
    const rcpts = [`user${r0}@bench.test`];
    if (rng() < 0.1) rcpts.push(`user${(r0 + n(1, recipients - 1)) % recipients}@bench.test`);
    if (recipients === 1) rcpts.length = 1;
    const subject = pick(SUBJECT_T)(words);
    const date = new Date(baseDate + i * 7919 * 1000 + n(0, 999) * 1000);
    const msgId = `<${(rng() * 2 ** 52).toString(36)}.${i}@${dom}>`;
    const hdr = [
      `Received: from ${pick(['mta1', 'smtp-out', 'out', 'mx1', 'relay'])}.${dom} (${pick(['mta1', 'smtp-out', 'o1'])}.${dom} [192.0.2.${n(1, 254)}])`,
      `\tby mx.bench.test with ESMTPS id ${(rng() * 2 ** 40).toString(36)}`,
      `\tfor <${rcpts[0]}>; ${date.toUTCString().replace('GMT', '+0000')}`,
      `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=${dom}; s=sel${n(1, 3)};`,
      `\th=from:to:subject:date:message-id:mime-version; bh=${pool.subarray(n(0, 1000), n(1032, 1100)).toString('base64').slice(0, 44)};`,
      `\tb=${b64Lines(192).replace(/\r\n/g, '\r\n\t  ')}`,
      `From: ${encodeWord(display)} <${from}>`,
      `To: ${rcpts.map((r) => `<${r}>`).join(', ')}`,
      `Subject: ${encodeWord(subject)}`,
      `Date: ${date.toUTCString().replace('GMT', '+0000')}`,
      `Message-ID: ${msgId}`,
      'MIME-Version: 1.0',
    ];
    if (robot) hdr.push(`List-Unsubscribe: <https://${dom}/unsubscribe?u=${n(1e5, 1e6)}>`, 'Precedence: bulk');
    if (rng() < 0.3) hdr.push(`In-Reply-To: <${(rng() * 2 ** 52).toString(36)}@${pick(SENDER_DOMAINS)}>`);

    let body; let headerTail;
    const roll = rng();
    const bnd = () => `----=_Part_${n(100000, 999999)}_${(rng() * 2 ** 40).toString(36)}`;
    if (roll < 0.45) {
      kinds.plain++;
      headerTail = ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 7bit'];
      body = textBody(Math.min(40000, Math.max(400, logNormal(4400, 0.6))));
    } else if (roll < 0.85) {
      kinds.alternative++;
      const b = bnd();
      const t = textBody(Math.min(30000, Math.max(400, logNormal(3100, 0.55))));
      headerTail = [`Content-Type: multipart/alternative; boundary="${b}"`];
      body = [`--${b}`, 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 7bit', '', t,
        `--${b}`, 'Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: 7bit', '', htmlBody(t),
        `--${b}--`, ''].join('\r\n');
    } else {
      kinds.attachment++;
      const outer = bnd();
      const t = textBody(Math.min(8000, Math.max(300, logNormal(1200, 0.5))));
      const large = rng() < 0.3;
      if (large) kinds.largeAttachment++;
      // raw bytes; base64 grows by 4/3 (+CRLF): 20–60 KB encoded for "large", 2–10 KB otherwise
      const raw = large ? n(15000, 44000) : n(1500, 7500);
      const [fname, ctype] = pick(ATTACH_T);
      headerTail = [`Content-Type: multipart/mixed; boundary="${outer}"`];
      body = ['This is a multi-part message in MIME format.', '', `--${outer}`,
        'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 7bit', '', t,
        `--${outer}`, `Content-Type: ${ctype}; name="${fname}"`, 'Content-Transfer-Encoding: base64',
        `Content-Disposition: attachment; filename="${fname}"`, '', b64Lines(raw), `--${outer}--`, ''].join('\r\n');
    }
    const raw = `${hdr.concat(headerTail).join('\r\n')}\r\n\r\n${body}${body.endsWith('\r\n') ? '' : '\r\n'}`;
    const rawBuf = Buffer.from(raw, 'utf8');
    // SMTP DATA payload: dot-stuffed, terminated by CRLF.CRLF
    const stuffed = (raw.startsWith('.') ? '.' : '') + raw.replace(/\r\n\./g, '\r\n..');
    const data = Buffer.from(`${stuffed}.\r\n`, 'utf8');
    msgs.push({ from, rcpts, data, size: rawBuf.length });
    totalBytes += rawBuf.length; totalRcpts += rcpts.length;
    if (rawBuf.length < minB) minB = rawBuf.length;
    if (rawBuf.length > maxB) maxB = rawBuf.length;
  }
  return {
    msgs,
    stats: { count, totalBytes, avgBytes: totalBytes / count, minBytes: minB, maxBytes: maxB, totalRcpts, kinds },
  };
}

// ---------------------------------------------------------------------------
// Minimal SMTP client
// ---------------------------------------------------------------------------

class SmtpError extends Error {
  constructor(kind, message) { super(message); this.kind = kind; }
}

class SmtpConn {
  constructor(host, port, timeoutMs) {
    this.host = host; this.port = port; this.timeoutMs = timeoutMs;
    this.buf = ''; this.lines = []; this.replies = []; this.waiter = null;
    this.closed = false; this.closeErr = null;
  }

  connect() {
    return new Promise((resolve, reject) => {
      const sock = net.connect({ host: this.host, port: this.port });
      this.sock = sock;
      openSockets.add(sock);
      sock.setNoDelay(true);
      let connected = false;
      const t = setTimeout(() => { sock.destroy(new SmtpError('timeout', 'connect timeout')); }, this.timeoutMs);
      sock.on('connect', () => { connected = true; clearTimeout(t); resolve(); });
      sock.on('data', (c) => this.onData(c));
      sock.on('error', (e) => { this.closeErr = this.closeErr || e; if (!connected) { clearTimeout(t); reject(e); } });
      sock.on('close', () => {
        clearTimeout(t);
        openSockets.delete(sock);
        this.closed = true;
        if (this.waiter) {
          const w = this.waiter; this.waiter = null; clearTimeout(w.timer);
          w.reject(this.closeErr instanceof SmtpError ? this.closeErr : new SmtpError('conn-closed', `connection closed${this.closeErr ? `: ${this.closeErr.message}` : ''}`));
        }
        if (!connected) reject(this.closeErr || new SmtpError('conn-closed', 'connection closed'));
      });
    });
  }

  onData(chunk) {
    this.buf += chunk.toString('latin1');
    let idx;
    while ((idx = this.buf.indexOf('\n')) >= 0) {
      let line = this.buf.slice(0, idx);
      this.buf = this.buf.slice(idx + 1);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      this.lines.push(line);
      if (line.length < 4 || line[3] === ' ') {
        const code = Number.parseInt(line.slice(0, 3), 10);
        const reply = { code: Number.isNaN(code) ? 0 : code, text: this.lines.join('\n') };
        this.lines = [];
        if (this.waiter) {
          const w = this.waiter; this.waiter = null; clearTimeout(w.timer); w.resolve(reply);
        } else this.replies.push(reply);
      }
    }
  }

  read() {
    if (this.replies.length) return Promise.resolve(this.replies.shift());
    if (this.closed) return Promise.reject(new SmtpError('conn-closed', 'connection closed'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        const err = new SmtpError('timeout', `no reply within ${this.timeoutMs} ms`);
        this.closeErr = err;
        this.sock.destroy();
        reject(err);
      }, this.timeoutMs);
      this.waiter = { resolve, reject, timer };
    });
  }

  cmd(line) {
    if (this.closed) return Promise.reject(new SmtpError('conn-closed', 'connection closed'));
    this.sock.write(`${line}\r\n`);
    return this.read();
  }

  send(buf) {
    if (this.closed) return Promise.reject(new SmtpError('conn-closed', 'connection closed'));
    this.sock.write(buf);
    return this.read();
  }

  destroy() { if (this.sock) this.sock.destroy(); }
}

async function openSession(host, port, timeoutMs) {
  const c = new SmtpConn(host, port, timeoutMs);
  await c.connect();
  const banner = await c.read();
  if (banner.code !== 220) { c.destroy(); throw new SmtpError(String(banner.code), `banner: ${banner.text}`); }
  const ehlo = await c.cmd('EHLO loadgen.client.example');
  if (ehlo.code !== 250) { c.destroy(); throw new SmtpError(String(ehlo.code), `EHLO: ${ehlo.text}`); }
  return c;
}

async function waitForBanner(host, port, timeoutMs, isDead) {
  const deadline = Date.now() + timeoutMs;
  let lastErr = null;
  while (Date.now() < deadline) {
    if (isDead && isDead()) throw new Error('server process exited before its SMTP banner appeared');
    const c = new SmtpConn(host, port, 5000);
    try {
      await c.connect();
      const b = await c.read();
      try { await c.cmd('QUIT'); } catch { /* ignore */ }
      c.destroy();
      if (b.code === 220) return b.text;
      lastErr = new Error(`banner ${b.text}`);
    } catch (e) { lastErr = e; c.destroy(); }
    await sleep(200);
  }
  throw new Error(`no SMTP banner on ${host}:${port} within ${timeoutMs} ms (${lastErr ? lastErr.message : 'no attempt'})`);
}

// Runs the load: `connections` workers pull messages from a shared index.
async function runLoad({ host, port, msgs, connections, replyTimeoutMs = 120000, onProgress }) {
  const N = msgs.length;
  const lat = new Float64Array(N);
  let nLat = 0; let next = 0; let accepted = 0; let acceptedRcpts = 0; let failed = 0;
  let connects = 0; let connectFailures = 0;
  const failures = {};
  let lastAcceptAt = 0;
  const connectFailureCodes = {}; const samples = {};
  let active = 0; let maxActive = 0; let workersGaveUp = 0;
  const fail = (stage, code, text) => {
    failed++;
    const k = `${stage} ${code}`;
    failures[k] = (failures[k] || 0) + 1;
    if (!samples[k] && text) samples[k] = String(text).slice(0, 200);
  };
  const t0 = performance.now();

  async function worker() {
    let conn = null; let consecutiveConnFail = 0;
    while (!aborting && next < N) {
      if (!conn) {
        // A refused/failed connection does not use up a message: retry with backoff, and
        // after 20 consecutive failures this worker stops (the others carry on).
        try {
          connects++;
          conn = await openSession(host, port, replyTimeoutMs);
          consecutiveConnFail = 0;
          active++; if (active > maxActive) maxActive = active;
        } catch (e) {
          connectFailures++; consecutiveConnFail++;
          const k = `CONNECT ${e.kind || e.code || 'error'}`;
          connectFailureCodes[k] = (connectFailureCodes[k] || 0) + 1;
          if (!samples[k]) samples[k] = e.message.slice(0, 200);
          if (consecutiveConnFail >= 20) { workersGaveUp++; break; }
          await sleep(Math.min(2000, 50 * consecutiveConnFail));
          continue;
        }
      }
      const i = next++;
      if (i >= N) break;
      const m = msgs[i];
      const ts = performance.now();
      let stage = 'MAIL';
      try {
        let r = await conn.cmd(`MAIL FROM:<${m.from}>`);
        if (r.code !== 250) { fail(stage, r.code, r.text); conn = await recover(conn, r); continue; }
        stage = 'RCPT';
        let bad = null;
        for (const rc of m.rcpts) {
          r = await conn.cmd(`RCPT TO:<${rc}>`);
          if (r.code !== 250 && r.code !== 251 && bad === null) bad = r;
        }
        if (bad) { fail(stage, bad.code, bad.text); conn = await recover(conn, bad); continue; }
        stage = 'DATA';
        r = await conn.cmd('DATA');
        if (r.code !== 354) { fail(stage, r.code, r.text); conn = await recover(conn, r); continue; }
        stage = 'DOT';
        r = await conn.send(m.data);
        if (r.code !== 250) {
          fail(stage, r.code, r.text);
          if (r.code === 421) { conn.destroy(); conn = null; active--; }
          continue; // a failed final reply already resets the transaction
        }
        const te = performance.now();
        lat[nLat++] = te - ts; accepted++; acceptedRcpts += m.rcpts.length; lastAcceptAt = te;
        if (onProgress && accepted % 1000 === 0) onProgress(accepted, te - t0);
      } catch (e) {
        fail(stage, e.kind || 'conn-error', e.message);
        if (conn) { conn.destroy(); active--; }
        conn = null;
      }
    }
    if (conn) {
      try { await conn.cmd('QUIT'); } catch { /* ignore */ }
      conn.destroy(); active--;
    }
  }

  async function recover(conn, reply) {
    if (reply.code !== 421 && !conn.closed) {
      try {
        const r = await conn.cmd('RSET');
        if (r.code === 250) return conn;
      } catch { /* fallthrough */ }
    }
    conn.destroy(); active--;
    return null;
  }

  await Promise.all(Array.from({ length: connections }, () => worker()));
  const tEnd = performance.now();
  // Messages never attempted because every worker gave up connecting.
  const notSent = Math.max(0, N - next);
  if (notSent) { failed += notSent; failures['NOT-SENT no-connection'] = notSent; }
  const sorted = lat.subarray(0, nLat).sort();
  const pct = (p) => (nLat ? sorted[Math.min(nLat - 1, Math.max(0, Math.ceil((p / 100) * nLat) - 1))] : null);
  const acceptWindowMs = (lastAcceptAt || tEnd) - t0;
  return {
    startedAt: t0,
    attempted: N,
    accepted,
    acceptedRcpts,
    failed,
    failures,
    connects,
    connectFailures,
    connectFailureCodes,
    workersGaveUp,
    maxConcurrentSessions: maxActive,
    failureSamples: samples,
    wallMs: tEnd - t0,
    acceptWindowMs,
    msgsPerSec: accepted ? accepted / (acceptWindowMs / 1000) : 0,
    latencyMs: {
      p50: pct(50), p90: pct(90), p99: pct(99), max: nLat ? sorted[nLat - 1] : null,
      mean: nLat ? sorted.reduce((a, b) => a + b, 0) / nLat : null,
    },
  };
}

// ---------------------------------------------------------------------------
// /proc helpers: process trees and memory sampling
// ---------------------------------------------------------------------------

function readStatusKb(pid, field) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'latin1');
    const m = s.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return m ? Number(m[1]) : 0;
  } catch { return 0; }
}

function readPssKb(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'latin1');
    const m = s.match(/^Pss:\s+(\d+) kB/m);
    return m ? Number(m[1]) : 0;
  } catch { return 0; }
}

function processTable() {
  const children = new Map();
  for (const ent of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(ent)) continue;
    let st;
    try { st = fs.readFileSync(`/proc/${ent}/stat`, 'latin1'); } catch { continue; }
    const rest = st.slice(st.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(rest[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(Number(ent));
  }
  return children;
}

function descendants(roots) {
  const children = processTable();
  const out = [];
  const seen = new Set();
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
  // zombies count as dead
  try { return !/^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'latin1')); } catch { return false; }
}

// Samples the summed VmRSS of a process tree every `intervalMs` (and PSS every 10th sample).
class MemSampler {
  constructor(rootsFn, { intervalMs = 100, mainPid = null } = {}) {
    this.rootsFn = rootsFn; this.intervalMs = intervalMs; this.mainPid = mainPid;
    this.peakRssKb = 0; this.peakPssKb = 0; this.peakMainRssKb = 0; this.maxProcs = 0; this.samples = 0;
    this.timer = null;
  }
  sample() {
    const pids = descendants(this.rootsFn());
    let rss = 0; let pss = 0;
    const doPss = this.samples % 10 === 0;
    for (const p of pids) {
      const r = readStatusKb(p, 'VmRSS');
      rss += r;
      if (p === this.mainPid && r > this.peakMainRssKb) this.peakMainRssKb = r;
      if (doPss) pss += readPssKb(p);
    }
    this.samples++;
    if (rss > this.peakRssKb) this.peakRssKb = rss;
    if (pss > this.peakPssKb) this.peakPssKb = pss;
    if (pids.length > this.maxProcs) this.maxProcs = pids.length;
  }
  start() { this.sample(); this.timer = setInterval(() => this.sample(), this.intervalMs); return this; }
  stop() { if (this.timer) clearInterval(this.timer); this.timer = null; this.sample(); }
}

// ---------------------------------------------------------------------------
// misc helpers
// ---------------------------------------------------------------------------

async function freePorts(k) {
  const servers = [];
  const ports = [];
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
    const out = execFileSync(cmd, args, { timeout: timeoutMs, env, cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    return { ok: true, stdout: out };
  } catch (e) {
    return { ok: false, status: e.status, signal: e.signal, stdout: String(e.stdout || ''), stderr: String(e.stderr || ''), error: e.message };
  }
}

// For commands that leave a daemon behind (dovecot, postfix start): the daemon
// inherits stdout/stderr, so capture into a file instead of a pipe.
function runDaemonCmd(cmd, args, outFile, { timeoutMs = 60000 } = {}) {
  const fd = fs.openSync(outFile, 'a');
  try {
    execFileSync(cmd, args, { timeout: timeoutMs, stdio: ['ignore', fd, fd] });
    return { ok: true, stdout: '' };
  } catch (e) {
    return { ok: false, status: e.status, signal: e.signal, stdout: '', stderr: tail(outFile, 20), error: e.message };
  } finally {
    fs.closeSync(fd);
  }
}

function mountFor(p) {
  try {
    let best = null;
    for (const line of fs.readFileSync('/proc/mounts', 'utf8').split('\n')) {
      const [dev, mnt, type] = line.split(' ');
      if (!mnt) continue;
      const m = mnt.replace(/\\040/g, ' ');
      if ((p === m || p.startsWith(m.endsWith('/') ? m : `${m}/`)) && (!best || m.length > best.mnt.length)) best = { dev, mnt: m, type };
    }
    return best;
  } catch { return null; }
}

function machineInfo() {
  let cpu = 'unknown';
  try {
    const ci = fs.readFileSync('/proc/cpuinfo', 'utf8');
    const m = ci.match(/^model name\s*:\s*(.+)$/m);
    if (m) cpu = m[1].trim();
  } catch { /* ignore */ }
  let memKb = 0;
  try { memKb = Number(fs.readFileSync('/proc/meminfo', 'utf8').match(/^MemTotal:\s+(\d+)/m)[1]); } catch { /* ignore */ }
  const pf = run('postconf', ['-d', '-h', 'mail_version']);
  const dv = run('dovecot', ['--version']);
  const tmpMount = mountFor(fs.realpathSync(opts.tmpDir));
  return {
    cpu,
    cores: os.availableParallelism ? os.availableParallelism() : os.cpus().length,
    memoryGiB: Math.round((memKb / 1048576) * 10) / 10,
    kernel: os.release(),
    node: process.version,
    postfix: pf.ok ? pf.stdout.trim() : null,
    dovecot: dv.ok ? dv.stdout.trim() : null,
    tmpDir: opts.tmpDir,
    tmpFs: tmpMount ? `${tmpMount.type} (${tmpMount.dev} on ${tmpMount.mnt})` : null,
  };
}

const mb = (kb) => Math.round((kb / 1024) * 10) / 10;
const r1 = (x) => (x == null ? null : Math.round(x * 10) / 10);

function mkTemp(prefix) {
  fs.mkdirSync(opts.tmpDir, { recursive: true });
  return fs.mkdtempSync(path.join(opts.tmpDir, prefix));
}

function rmTemp(dir) {
  if (opts.keep) { log(`keeping ${dir}`); return; }
  try { fs.rmSync(dir, { recursive: true, force: true }); } catch (e) { log(`could not remove ${dir}: ${e.message}`); }
}

function waitExit(child, ms) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), ms);
    child.once('exit', () => { clearTimeout(t); resolve(true); });
  });
}

async function waitPidGone(pid, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) { if (!pidAlive(pid)) return true; await sleep(100); }
  return !pidAlive(pid);
}

function tail(file, n = 30) {
  try { return fs.readFileSync(file, 'utf8').split('\n').slice(-n).join('\n'); } catch { return ''; }
}

// ---------------------------------------------------------------------------
// Mailcove
// ---------------------------------------------------------------------------

async function benchMailcove(mix) {
  const res = { server: 'mailcove', ok: false };
  const bin = opts.mailcoveBin;
  if (!fs.existsSync(bin)) {
    res.error = `${path.relative(process.cwd(), bin) || bin} not found — Mailcove CLI not built/written yet`;
    return res;
  }
  const tmp = mkTemp('mailcove-bench-mc-');
  const dataDir = path.join(tmp, 'data');
  fs.mkdirSync(dataDir);
  const logFile = path.join(tmp, 'serve.log');
  res.tmpDir = opts.keep ? tmp : undefined;
  const unregTmp = registerCleanup(() => rmTemp(tmp));
  const cli = (args) => run(process.execPath, [bin, ...args], { cwd: PROJECT_ROOT, timeoutMs: 120000 });
  const fmtErr = (what, r) => `${what} failed (exit ${r.status ?? r.signal}): ${(r.stderr || r.stdout || r.error || '').trim().slice(0, 800)}`;
  let child = null;
  try {
    log('mailcove: init');
    let r = cli(['init', '--data-dir', dataDir, '--json']);
    if (!r.ok) throw new Error(fmtErr('mailcove init --json', r));
    try { res.init = JSON.parse(r.stdout); } catch { res.init = null; res.initNote = 'init --json did not print parseable JSON'; }
    if (res.init && typeof res.init === 'object') res.init = { keys: Object.keys(res.init) }; // don't echo secrets
    r = cli(['domain', 'add', 'bench.test', '--data-dir', dataDir]);
    if (!r.ok) throw new Error(fmtErr('mailcove domain add', r));
    for (let i = 0; i < opts.recipients; i++) {
      r = cli(['mailbox', 'add', `user${i}@bench.test`, '--data-dir', dataDir]);
      if (!r.ok) throw new Error(fmtErr(`mailcove mailbox add user${i}@bench.test`, r));
    }
    const [smtp, sub, subs, imap, imaps, sieve, http] = await freePorts(7);
    const env = {
      ...process.env,
      MAILCOVE_HOSTNAME: 'mx.bench.test',
      MAILCOVE_LISTEN_SMTP: `127.0.0.1:${smtp}`,
      MAILCOVE_LISTEN_SUBMISSION: `127.0.0.1:${sub}`,
      MAILCOVE_LISTEN_SUBMISSIONS: `127.0.0.1:${subs}`,
      MAILCOVE_LISTEN_IMAP: `127.0.0.1:${imap}`,
      MAILCOVE_LISTEN_IMAPS: `127.0.0.1:${imaps}`,
      MAILCOVE_LISTEN_MANAGESIEVE: `127.0.0.1:${sieve}`,
      MAILCOVE_LISTEN_HTTP: `127.0.0.1:${http}`,
      // Mailcove limits connections per client IP (default 20); all load comes from
      // 127.0.0.1, so raise it like smtpd_client_connection_count_limit for Postfix.
      MAILCOVE_SMTP__MAX_CONNECTIONS_PER_IP: String(Math.max(100, opts.connections * 2)),
      ...opts.mailcoveEnv,
    };
    const logFd = fs.openSync(logFile, 'a');
    log(`mailcove: serve (smtp 127.0.0.1:${smtp})`);
    child = spawn(process.execPath, [bin, 'serve', '--data-dir', dataDir], { cwd: PROJECT_ROOT, env, stdio: ['ignore', logFd, logFd] });
    fs.closeSync(logFd);
    const c = child;
    const unreg = registerCleanup(() => {
      if (c.exitCode !== null || c.signalCode !== null) return;
      try { c.kill('SIGTERM'); } catch { return; }
      const deadline = Date.now() + 5000;
      while (pidAlive(c.pid) && Date.now() < deadline) execFileSync('sleep', ['0.1']);
      if (pidAlive(c.pid)) for (const p of descendants([c.pid]).reverse()) { try { process.kill(p, 'SIGKILL'); } catch { /* gone */ } }
    });
    let exited = false;
    child.once('exit', () => { exited = true; });
    const tStart = performance.now();
    res.banner = await waitForBanner('127.0.0.1', smtp, 60000, () => exited);
    res.startupMs = Math.round(performance.now() - tStart);

    const sampler = new MemSampler(() => [c.pid], { mainPid: c.pid }).start();
    log(`mailcove: sending ${mix.msgs.length} messages over ${opts.connections} connections`);
    const load = await runLoad({ host: '127.0.0.1', port: smtp, msgs: mix.msgs, connections: opts.connections,
      onProgress: (n, ms) => log(`  mailcove: ${n} accepted, ${(n / (ms / 1000)).toFixed(0)} msgs/s`) });
    sampler.stop();
    const hwm = readStatusKb(c.pid, 'VmHWM');
    Object.assign(res, load);
    res.memory = {
      peakRssMB: mb(sampler.peakMainRssKb), // server process VmRSS, sampled every 100 ms
      vmHwmMB: mb(hwm),
      peakTreeRssMB: mb(sampler.peakRssKb), // including any child processes
      peakTreePssMB: mb(sampler.peakPssKb),
      maxProcesses: sampler.maxProcs,
    };
    log('mailcove: SIGTERM');
    c.kill('SIGTERM');
    const t = performance.now();
    if (!(await waitExit(c, 15000))) { res.stopNote = 'did not exit within 15 s of SIGTERM; killed'; c.kill('SIGKILL'); await waitExit(c, 5000); }
    res.shutdownMs = Math.round(performance.now() - t);
    res.exit = { code: c.exitCode, signal: c.signalCode };
    unreg();
    res.ok = true;
  } catch (e) {
    res.error = e.message;
    res.logTail = tail(logFile, 20);
    if (child && child.exitCode === null) { child.kill('SIGKILL'); await waitExit(child, 5000); }
  } finally {
    rmTemp(tmp); unregTmp();
  }
  return res;
}

// ---------------------------------------------------------------------------
// Postfix → LMTP → Dovecot
// ---------------------------------------------------------------------------

function postfixConfigs({ base, smtpPort, lmtpPort, dirs }) {
  const d = (name) => {
    const r = run('postconf', ['-d', '-h', name]);
    return r.ok ? r.stdout.trim() : null;
  };
  const vmailbox = path.join(dirs.pfConf, 'vmailbox');
  fs.writeFileSync(vmailbox, Array.from({ length: opts.recipients }, (_, i) => `user${i}@bench.test OK\n`).join(''));
  const main = `# throwaway config written by bench/smtp-inbound.mjs
compatibility_level = 3.6
queue_directory = ${dirs.pfQueue}
data_directory = ${dirs.pfData}
command_directory = ${d('command_directory') || '/usr/sbin'}
daemon_directory = ${d('daemon_directory') || '/usr/lib/postfix/sbin'}
shlib_directory = ${d('shlib_directory') || '/usr/lib/postfix'}
meta_directory = ${d('meta_directory') || '/etc/postfix'}
mail_owner = postfix
setgid_group = postdrop
maillog_file_prefixes = /var, /dev/stdout, ${dirs.logs}
maillog_file = ${path.join(dirs.logs, 'postfix.log')}
syslog_name = postfix-bench
myhostname = mx.postfix-bench.test
mydomain = postfix-bench.test
myorigin = $myhostname
mydestination =
local_recipient_maps =
alias_maps =
alias_database =
inet_interfaces = loopback-only
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
relayhost =
biff = no
smtpd_banner = $myhostname ESMTP
virtual_mailbox_domains = bench.test
virtual_mailbox_maps = texthash:${vmailbox}
virtual_transport = lmtp:inet:127.0.0.1:${lmtpPort}
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
smtpd_tls_security_level = none
smtp_tls_security_level = none
lmtp_tls_security_level = none
# allow the load generator's 50 parallel connections (loopback is in
# $mynetworks and thus exempt from anvil limits anyway)
default_process_limit = ${Math.max(200, opts.connections * 2)}
smtpd_client_connection_count_limit = 1000
smtpd_client_connection_rate_limit = 0
smtpd_client_message_rate_limit = 0
smtpd_client_recipient_rate_limit = 0
`;
  // chroot disabled everywhere ("n" in column 5)
  const master = `# throwaway master.cf written by bench/smtp-inbound.mjs
127.0.0.1:${smtpPort} inet n - n - - smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
local     unix  -       n       n       -       -       local
virtual   unix  -       n       n       -       -       virtual
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
`;
  fs.writeFileSync(path.join(dirs.pfConf, 'main.cf'), main);
  fs.writeFileSync(path.join(dirs.pfConf, 'master.cf'), master);

  const dconf = path.join(base, 'dovecot.conf');
  const dovecot = `# throwaway config written by bench/smtp-inbound.mjs
protocols = lmtp
listen = 127.0.0.1
base_dir = ${dirs.dvRun}
state_dir = ${dirs.dvState}
instance_name = mailcove-bench-dovecot
log_path = ${path.join(dirs.logs, 'dovecot.log')}
info_log_path = ${path.join(dirs.logs, 'dovecot-info.log')}
ssl = no
auth_mechanisms = plain
mail_location = maildir:~/Maildir
mail_uid = nobody
mail_gid = nogroup
first_valid_uid = 1
postmaster_address = postmaster@bench.test
hostname = lmtp.bench.test
passdb {
  driver = static
  args = nopassword=y
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=${dirs.mail}/%d/%n allow_all_users=yes
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = ${lmtpPort}
  }
}
`;
  fs.writeFileSync(dconf, dovecot);
  return { dconf };
}

function countMaildirFiles(mailRoot) {
  let total = 0;
  const domDir = path.join(mailRoot, 'bench.test');
  let users;
  try { users = fs.readdirSync(domDir); } catch { return 0; }
  for (const u of users) {
    for (const sub of ['new', 'cur']) {
      try { total += fs.readdirSync(path.join(domDir, u, 'Maildir', sub)).length; } catch { /* not yet */ }
    }
  }
  return total;
}

function readPid(file) {
  try { const n = Number(fs.readFileSync(file, 'utf8').trim()); return n > 0 ? n : null; } catch { return null; }
}

async function benchPostfix(mix) {
  const res = { server: 'postfix+dovecot', ok: false };
  if (process.getuid && process.getuid() !== 0) { res.error = 'must run as root to start Postfix and Dovecot'; return res; }
  for (const b of ['postfix', 'postconf', 'dovecot']) {
    if (!run('sh', ['-c', `command -v ${b}`]).ok) { res.error = `${b} not installed (apt-get install postfix dovecot-lmtpd)`; return res; }
  }
  const base = mkTemp('mailcove-bench-pf-');
  fs.chmodSync(base, 0o755); // postfix / nobody must traverse it
  res.tmpDir = opts.keep ? base : undefined;
  const unregTmp = registerCleanup(() => rmTemp(base));
  const dirs = {
    pfConf: path.join(base, 'postfix'), pfQueue: path.join(base, 'spool'), pfData: path.join(base, 'postfix-data'),
    dvRun: path.join(base, 'dovecot-run'), dvState: path.join(base, 'dovecot-state'), mail: path.join(base, 'mail'),
    logs: path.join(base, 'logs'),
  };
  for (const p of Object.values(dirs)) fs.mkdirSync(p, { recursive: true, mode: 0o755 });
  const uidOf = (name) => Number(run('id', ['-u', name]).stdout.trim());
  const gidOf = (name) => Number(run('getent', ['group', name]).stdout.split(':')[2]);
  fs.chownSync(dirs.pfData, uidOf('postfix'), gidOf('postfix'));
  fs.chownSync(dirs.mail, uidOf('nobody'), gidOf('nogroup'));

  const [smtpPort, lmtpPort] = await freePorts(2);
  const { dconf } = postfixConfigs({ base, smtpPort, lmtpPort, dirs });
  const pfPidFile = path.join(dirs.pfQueue, 'pid', 'master.pid');
  const dvPidFile = path.join(dirs.dvRun, 'master.pid');
  let pfStarted = false; let dvStarted = false;
  const stopPostfixSync = () => {
    if (!pfStarted) return;
    const pid = readPid(pfPidFile);
    runDaemonCmd('postfix', ['-c', dirs.pfConf, 'stop'], path.join(dirs.logs, 'postfix.stdout'), { timeoutMs: 20000 });
    pfStarted = false;
    if (pid) {
      const deadline = Date.now() + 10000;
      while (pidAlive(pid) && Date.now() < deadline) execFileSync('sleep', ['0.1']);
      if (pidAlive(pid)) for (const p of descendants([pid]).reverse()) { try { process.kill(p, 'SIGKILL'); } catch { /* gone */ } }
    }
  };
  const stopDovecotSync = () => {
    if (!dvStarted) return;
    const pid = readPid(dvPidFile);
    dvStarted = false;
    if (!pid) return;
    try { process.kill(pid, 'SIGTERM'); } catch { return; }
    const deadline = Date.now() + 10000;
    while (pidAlive(pid) && Date.now() < deadline) execFileSync('sleep', ['0.1']);
    if (pidAlive(pid)) for (const p of descendants([pid]).reverse()) { try { process.kill(p, 'SIGKILL'); } catch { /* gone */ } }
  };
  const unregPf = registerCleanup(stopPostfixSync);
  const unregDv = registerCleanup(stopDovecotSync);

  try {
    // Dovecot first so LMTP is there when Postfix starts delivering.
    log(`dovecot: starting (lmtp 127.0.0.1:${lmtpPort})`);
    dvStarted = true; // from here on, cleanup stops whatever master.pid names
    let r = runDaemonCmd('dovecot', ['-c', dconf], path.join(dirs.logs, 'dovecot.stdout'));
    if (!r.ok) throw new Error(`dovecot -c ${dconf} failed: ${(r.stderr || r.stdout || r.error).trim()}\n${tail(path.join(dirs.logs, 'dovecot.log'))}`);
    {
      const deadline = Date.now() + 20000;
      let up = false;
      while (Date.now() < deadline && !up) {
        up = await new Promise((resolve) => {
          const s = net.connect({ host: '127.0.0.1', port: lmtpPort });
          s.once('data', (b) => { s.destroy(); resolve(b.toString().startsWith('220')); });
          s.once('error', () => resolve(false));
          s.setTimeout(3000, () => { s.destroy(); resolve(false); });
        });
        if (!up) await sleep(100);
      }
      if (!up) throw new Error(`dovecot LMTP not answering on 127.0.0.1:${lmtpPort}\n${tail(path.join(dirs.logs, 'dovecot.log'))}`);
    }
    const dvPid = readPid(dvPidFile);

    log(`postfix: checking and starting (smtpd 127.0.0.1:${smtpPort})`);
    r = run('postfix', ['-c', dirs.pfConf, 'check'], { timeoutMs: 60000 });
    if (!r.ok) throw new Error(`postfix -c ${dirs.pfConf} check failed: ${(r.stderr || r.stdout || r.error).trim()}`);
    pfStarted = true;
    r = runDaemonCmd('postfix', ['-c', dirs.pfConf, 'start'], path.join(dirs.logs, 'postfix.stdout'));
    if (!r.ok) throw new Error(`postfix -c ${dirs.pfConf} start failed: ${(r.stderr || r.stdout || r.error).trim()}\n${tail(path.join(dirs.logs, 'postfix.log'))}`);
    res.banner = await waitForBanner('127.0.0.1', smtpPort, 30000);
    const pfPid = readPid(pfPidFile);
    if (!pfPid || !dvPid) throw new Error(`could not read master pids (postfix ${pfPid}, dovecot ${dvPid})`);

    const sampler = new MemSampler(() => [pfPid, dvPid]).start();
    log(`postfix: sending ${mix.msgs.length} messages over ${opts.connections} connections`);
    const load = await runLoad({ host: '127.0.0.1', port: smtpPort, msgs: mix.msgs, connections: opts.connections,
      onProgress: (n, ms) => log(`  postfix: ${n} accepted, ${(n / (ms / 1000)).toFixed(0)} msgs/s, ${countMaildirFiles(dirs.mail)} delivered`) });
    Object.assign(res, load);

    // Wait until Dovecot has stored every accepted message (one file per recipient).
    const expected = load.acceptedRcpts;
    const deadline = Date.now() + opts.deliveryTimeout * 1000;
    let delivered = countMaildirFiles(dirs.mail);
    let lastLog = Date.now();
    while (delivered < expected && Date.now() < deadline && !aborting) {
      await sleep(100);
      delivered = countMaildirFiles(dirs.mail);
      if (Date.now() - lastLog > 5000) { log(`  postfix: ${delivered}/${expected} delivered`); lastLog = Date.now(); }
    }
    const tDelivered = performance.now();
    sampler.stop();
    res.delivery = {
      expectedFiles: expected,
      deliveredFiles: delivered,
      complete: delivered >= expected,
      endToEndMs: tDelivered - load.startedAt,
      deliveredMsgsPerSec: delivered >= expected ? load.accepted / ((tDelivered - load.startedAt) / 1000) : null,
    };
    res.memory = {
      peakRssMB: mb(sampler.peakRssKb), // sum of VmRSS over all Postfix + Dovecot processes
      peakPssMB: mb(sampler.peakPssKb),
      maxProcesses: sampler.maxProcs,
    };
    if (!res.delivery.complete) res.deliveryNote = `only ${delivered}/${expected} delivered within ${opts.deliveryTimeout}s\n${tail(path.join(dirs.logs, 'postfix.log'), 10)}`;
    res.ok = true;
  } catch (e) {
    res.error = e.message;
  } finally {
    log('postfix/dovecot: stopping');
    stopPostfixSync(); unregPf();
    stopDovecotSync(); unregDv();
    rmTemp(base); unregTmp();
  }
  return res;
}

// ---------------------------------------------------------------------------
// main
// ---------------------------------------------------------------------------

function fmtServer(name, r) {
  const lines = [`${name}:`];
  if (!r) { lines.push('  (not run)'); return lines.join('\n'); }
  if (r.error && !r.accepted) { lines.push(`  ERROR: ${r.error}`); if (r.logTail) lines.push(r.logTail.replace(/^/gm, '    | ')); return lines.join('\n'); }
  const L = r.latencyMs;
  lines.push(`  accepted        ${r.accepted}/${r.attempted} msgs in ${(r.acceptWindowMs / 1000).toFixed(2)} s  →  ${r.msgsPerSec.toFixed(0)} msgs/s`);
  lines.push(`  latency (ms)    p50 ${L.p50?.toFixed(1)}  p90 ${L.p90?.toFixed(1)}  p99 ${L.p99?.toFixed(1)}  max ${L.max?.toFixed(1)}  (MAIL FROM → 250 after DATA)`);
  const fk = Object.entries(r.failures);
  lines.push(`  failures        ${r.failed}${fk.length ? `  (${fk.map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''}`);
  if (r.connectFailures) {
    lines.push(`  connect errors  ${r.connectFailures} refused/failed session setups, retried (${Object.entries(r.connectFailureCodes).map(([k, v]) => `${k}: ${v}`).join(', ')})` +
      `; ${r.workersGaveUp} of ${opts.connections} connections gave up; max concurrent sessions ${r.maxConcurrentSessions}`);
  }
  for (const [k, v] of Object.entries(r.failureSamples || {})) lines.push(`    e.g. ${k}: ${v.replace(/\s+/g, ' ')}`);
  if (r.delivery) {
    const d = r.delivery;
    lines.push(`  delivered       ${d.deliveredFiles}/${d.expectedFiles} maildir files, ${(d.endToEndMs / 1000).toFixed(2)} s after load start` +
      (d.deliveredMsgsPerSec ? `  →  ${d.deliveredMsgsPerSec.toFixed(0)} msgs/s end-to-end` : '  (INCOMPLETE)'));
  }
  if (r.memory) {
    const m = r.memory;
    if (m.vmHwmMB !== undefined) lines.push(`  peak RSS        ${m.peakRssMB} MB (VmRSS sampled /100 ms), VmHWM ${m.vmHwmMB} MB` + (m.maxProcesses > 1 ? `; process tree ${m.peakTreeRssMB} MB RSS / ${m.peakTreePssMB} MB PSS, ${m.maxProcesses} procs` : ''));
    else lines.push(`  peak RSS        ${m.peakRssMB} MB (sum over ${m.maxProcesses} processes, sampled /100 ms); peak PSS ${m.peakPssMB} MB`);
  }
  if (r.error) lines.push(`  ERROR: ${r.error}`);
  if (r.deliveryNote) lines.push(`  NOTE: ${r.deliveryNote}`);
  if (r.stopNote) lines.push(`  NOTE: ${r.stopNote}`);
  return lines.join('\n');
}

async function main() {
  const machine = machineInfo();
  log(`generating ${opts.messages} messages (seed ${opts.seed})`);
  const mix = generateMessages({ count: opts.messages, seed: opts.seed, recipients: opts.recipients });
  const s = mix.stats;
  log(`mix: avg ${(s.avgBytes / 1024).toFixed(1)} KB, min ${s.minBytes} B, max ${s.maxBytes} B, ${s.totalRcpts} recipient deliveries`);

  if (opts.mixOnly) {
    const hist = [0, 0, 0, 0, 0, 0];
    const edges = [4096, 8192, 16384, 32768, 65536];
    for (const m of mix.msgs) { let k = edges.findIndex((e) => m.size < e); if (k < 0) k = edges.length; hist[k]++; }
    console.log(JSON.stringify({ ...s, avgKB: r1(s.avgBytes / 1024),
      sizeHistogram: { '<4K': hist[0], '4-8K': hist[1], '8-16K': hist[2], '16-32K': hist[3], '32-64K': hist[4], '>=64K': hist[5] } }, null, 2));
    return 0;
  }
  const results = {};
  if (opts.only !== 'postfix') results.mailcove = await benchMailcove(mix);
  if (opts.only !== 'mailcove') results.postfix = await benchPostfix(mix);

  const mc = results.mailcove; const pf = results.postfix;
  const ratio = mc && pf && mc.msgsPerSec && pf.msgsPerSec ? mc.msgsPerSec / pf.msgsPerSec : null;
  const summary = {
    benchmark: 'smtp-inbound',
    date: new Date().toISOString(),
    machine,
    params: { messages: opts.messages, connections: opts.connections, recipients: opts.recipients, seed: opts.seed },
    mix: { ...s, avgKB: r1(s.avgBytes / 1024) },
    results: Object.fromEntries(Object.entries(results).map(([k, v]) => [k, { ...v, startedAt: undefined, logTail: v.logTail || undefined }])),
    ratioMailcoveToPostfixDovecot: ratio,
  };

  if (opts.json) {
    console.log(JSON.stringify(summary, (k, v) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 100) / 100 : v), 2));
  } else {
    const out = [];
    out.push('=== smtp-inbound benchmark ===');
    out.push(`machine   ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB RAM, kernel ${machine.kernel}`);
    out.push(`software  Node ${machine.node}, Postfix ${machine.postfix ?? 'n/a'}, Dovecot ${machine.dovecot ?? 'n/a'}`);
    out.push(`storage   ${machine.tmpDir} on ${machine.tmpFs ?? '?'}`);
    out.push(`workload  ${s.count} messages, avg ${(s.avgBytes / 1024).toFixed(1)} KB (min ${(s.minBytes / 1024).toFixed(1)}, max ${(s.maxBytes / 1024).toFixed(1)} KB), ` +
      `${s.kinds.plain} plain / ${s.kinds.alternative} text+html / ${s.kinds.attachment} with attachment (${s.kinds.largeAttachment} ≥20 KB), ` +
      `${s.totalRcpts} recipients over ${opts.recipients} mailboxes; ${opts.connections} connections; seed ${opts.seed}`);
    out.push('');
    if (mc) out.push(fmtServer('Mailcove', mc), '');
    if (pf) out.push(fmtServer('Postfix → LMTP → Dovecot', pf), '');
    if (ratio) out.push(`ratio Mailcove / Postfix+Dovecot (accepted msgs/s): ${ratio.toFixed(2)}×`);
    else if (mc && pf) out.push('ratio Mailcove / Postfix+Dovecot: n/a (one side did not complete)');
    console.log(out.join('\n'));
  }
  const anyOk = Object.values(results).some((r) => r.ok);
  return anyOk ? 0 : 1;
}

main().then((code) => {
  runCleanupsSync();
  process.exit(code);
}, (e) => {
  console.error('[bench] fatal:', e && e.stack ? e.stack : e);
  runCleanupsSync();
  process.exit(1);
});
