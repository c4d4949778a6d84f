// bench/lib/imap-client.mjs — a minimal IMAP client for the benchmarks (node:net / node:tls only).
//
// Tagged commands, one at a time per connection; responses are read line by line with
// server literals ({n}\r\n + n bytes) skipped over; synchronising literals on the client side
// (APPEND waits for "+"); STARTTLS; IDLE. It does as little as possible so that the client costs
// the same whichever server it talks to: untagged responses are only counted unless the caller
// asks to keep them.

import net from 'node:net';
import tls from 'node:tls';

const CRLF = Buffer.from('\r\n');

export class ImapError extends Error {
  constructor(msg, { status, text, command } = {}) { super(msg); this.status = status; this.text = text; this.command = command; }
}

export class ImapConn {
  constructor(socket, { timeoutMs = 120000 } = {}) {
    this.timeoutMs = timeoutMs;
    this.buf = Buffer.alloc(0);
    this.pos = 0;
    this.tagN = 0;
    this.pending = null; // { tag, resolve, reject, keep, untagged, fetches, bytes, contWaiter }
    this.greetingWaiter = null;
    this.closed = false;
    this.closeError = null;
    this.bytesIn = 0;
    this.capabilities = new Set();
    this._attach(socket);
  }

  static connect(host, port, opts = {}) {
    return new Promise((resolve, reject) => {
      const s = net.connect({ host, port });
      s.setNoDelay(true);
      const onErr = (e) => reject(e);
      s.once('error', onErr);
      s.once('connect', () => {
        s.off('error', onErr);
        const c = new ImapConn(s, opts);
        c._waitGreeting().then(() => resolve(c), reject);
      });
      s.setTimeout(opts.timeoutMs ?? 120000, () => s.destroy(new Error('connect/greeting timeout')));
    });
  }

  _attach(socket) {
    this.socket = socket;
    this._onData = (d) => this._data(d);
    this._onClose = () => this._fail(this.closeError || new Error('connection closed'));
    this._onError = (e) => { this.closeError = e; };
    socket.on('data', this._onData);
    socket.on('close', this._onClose);
    socket.on('error', this._onError);
    socket.setTimeout(0);
  }

  _detach() {
    this.socket.off('data', this._onData);
    this.socket.off('close', this._onClose);
    this.socket.off('error', this._onError);
  }

  _fail(err) {
    this.closed = true;
    const p = this.pending; this.pending = null;
    if (p) { clearTimeout(p.timer); p.reject(err); }
    const g = this.greetingWaiter; this.greetingWaiter = null;
    if (g) g.reject(err);
  }

  _waitGreeting() {
    return new Promise((resolve, reject) => { this.greetingWaiter = { resolve, reject }; if (this.buf.length) this._data(Buffer.alloc(0)); });
  }

  _data(chunk) {
    this.bytesIn += chunk.length;
    if (this.pos >= this.buf.length) { this.buf = chunk; this.pos = 0; } else if (chunk.length) { this.buf = Buffer.concat([this.buf.subarray(this.pos), chunk]); this.pos = 0; }
    // parse complete lines (a line may contain literals)
    for (;;) {
      const start = this.pos;
      let scan = start;
      let end = -1;
      let literalSkip = false;
      for (;;) {
        const nl = this.buf.indexOf(CRLF, scan);
        if (nl < 0) { end = -1; break; }
        // literal at end of line: "{123}" or "{123+}"
        if (nl > scan && this.buf[nl - 1] === 0x7d /* } */) {
          const open = this.buf.lastIndexOf(0x7b /* { */, nl - 1);
          if (open >= scan) {
            const n = parseInt(this.buf.toString('latin1', open + 1, nl - 1).replace('+', ''), 10);
            if (Number.isFinite(n)) {
              if (nl + 2 + n > this.buf.length) { end = -1; break; }
              scan = nl + 2 + n; literalSkip = true; continue;
            }
          }
        }
        end = nl; break;
      }
      if (end < 0) return;
      this.pos = end + 2;
      this._line(start, end, literalSkip);
      if (this.pos >= this.buf.length) { this.buf = Buffer.alloc(0); this.pos = 0; return; }
    }
  }

  _line(start, end, hasLiteral) {
    const b = this.buf;
    if (this.greetingWaiter) {
      const line = b.toString('latin1', start, end);
      const g = this.greetingWaiter; this.greetingWaiter = null;
      this._caps(line);
      if (/^\* (OK|PREAUTH)/i.test(line)) g.resolve(line); else g.reject(new Error(`bad greeting: ${line.slice(0, 200)}`));
      return;
    }
    const p = this.pending;
    if (b[start] === 0x2a /* * */) {
      if (!p) return; // unsolicited (e.g. during IDLE without a waiter)
      p.untagged++;
      if (p.keep || (!hasLiteral && end - start < 4096)) {
        const line = b.toString('latin1', start, Math.min(end, start + (p.keep ? end - start : 4096)));
        if (p.keep) p.lines.push(line);
        if (/^\* \d+ FETCH/i.test(line)) p.fetches++;
        else if (/^\* (OK \[)?CAPABILITY/i.test(line)) this._caps(line);
        else if (/^\* (E)?SEARCH/i.test(line)) p.search.push(line);
        else if (/^\* \d+ EXISTS/i.test(line)) p.exists = Number(line.split(' ')[1]);
      } else {
        // big line: count FETCH; keep SEARCH results whole (a long UID list)
        const head = b.toString('latin1', start, Math.min(end, start + 32));
        if (/^\* \d+ FETCH/i.test(head)) p.fetches++;
        else if (/^\* (E)?SEARCH/i.test(head)) p.search.push(b.toString('latin1', start, end));
      }
      return;
    }
    if (b[start] === 0x2b /* + */) {
      if (p && p.contWaiter) { const w = p.contWaiter; p.contWaiter = null; w(b.toString('latin1', start, end)); }
      return;
    }
    if (!p) return;
    const line = b.toString('latin1', start, end);
    const sp = line.indexOf(' ');
    if (line.slice(0, sp) !== p.tag) return; // not ours (shouldn't happen)
    const rest = line.slice(sp + 1);
    const status = rest.slice(0, rest.indexOf(' ') < 0 ? rest.length : rest.indexOf(' ')).toUpperCase();
    this._caps(line);
    this.pending = null;
    clearTimeout(p.timer);
    const result = { status, text: rest, untagged: p.untagged, fetches: p.fetches, lines: p.lines, search: p.search, exists: p.exists };
    if (status === 'OK' || p.allowNo) p.resolve(result);
    else p.reject(new ImapError(`${p.cmdName} failed: ${line.slice(0, 300)}`, { status, text: rest, command: p.cmdName }));
  }

  _caps(line) {
    const m = line.match(/CAPABILITY ([^\]\r\n]*)/i);
    if (m) this.capabilities = new Set(m[1].trim().toUpperCase().split(/\s+/));
  }

  _start(cmdLine, { keep = false, allowNo = false, timeoutMs = this.timeoutMs } = {}) {
    if (this.closed) return Promise.reject(this.closeError || new Error('connection closed'));
    if (this.pending) return Promise.reject(new Error('command already in progress'));
    const tag = `A${++this.tagN}`;
    const cmdName = cmdLine.split(' ')[0].toUpperCase() + (/^UID /i.test(cmdLine) ? ` ${cmdLine.split(' ')[1].toUpperCase()}` : '');
    let p;
    const promise = new Promise((resolve, reject) => {
      p = { tag, resolve, reject, keep, allowNo, cmdName, untagged: 0, fetches: 0, lines: [], search: [], exists: null, contWaiter: null };
      p.timer = setTimeout(() => { this.pending = null; reject(new ImapError(`${cmdName} timeout after ${timeoutMs} ms`, { status: 'TIMEOUT' })); this.socket.destroy(); }, timeoutMs);
    });
    this.pending = p;
    return { tag, p, promise };
  }

  /** Send a command (no literals); resolves with { status, text, untagged, fetches, lines, search }. */
  command(cmdLine, opts = {}) {
    const s = this._start(cmdLine, opts);
    if (s instanceof Promise) return s;
    this.socket.write(`${s.tag} ${cmdLine}\r\n`);
    return s.promise;
  }

  /** APPEND with a synchronising literal. */
  append(folder, flags, message, opts = {}) {
    const head = `APPEND ${quote(folder)}${flags ? ` (${flags})` : ''} {${message.length}}`;
    const s = this._start(head, opts);
    if (s instanceof Promise) return s;
    s.p.contWaiter = () => { this.socket.write(message); this.socket.write(CRLF); };
    this.socket.write(`${s.tag} ${head}\r\n`);
    return s.promise;
  }

  async login(user, pass) { return this.command(`LOGIN ${quote(user)} ${quote(pass)}`); }

  /** STARTTLS, then continue over TLS (certificate not checked: loopback, throwaway cert). */
  async starttls() {
    await this.command('STARTTLS');
    this._detach();
    const raw = this.socket;
    const t = await new Promise((resolve, reject) => {
      const ts = tls.connect({ socket: raw, rejectUnauthorized: false, servername: 'localhost' });
      ts.once('secureConnect', () => resolve(ts));
      ts.once('error', reject);
    });
    this.buf = Buffer.alloc(0); this.pos = 0;
    this._attach(t);
    return t;
  }

  /** Enter IDLE; resolves at the "+" continuation. Call idleDone() to leave. */
  idle() {
    const s = this._start('IDLE', { timeoutMs: 24 * 3600e3 });
    if (s instanceof Promise) return s;
    this._idlePromise = s.promise;
    this._idlePromise.catch(() => {});
    const cont = new Promise((resolve) => { s.p.contWaiter = resolve; });
    this.socket.write(`${s.tag} IDLE\r\n`);
    return Promise.race([cont, s.promise.then((r) => { throw new ImapError(`IDLE refused: ${r.text}`); })]);
  }

  idleDone() {
    this.socket.write('DONE\r\n');
    return this._idlePromise;
  }

  async logout() {
    try { await this.command('LOGOUT', { timeoutMs: 10000, allowNo: true }); } catch { /* closed */ }
    this.destroy();
  }

  destroy() { this.closed = true; try { this.socket.destroy(); } catch { /* ignore */ } }
}

export function quote(s) {
  return `"${String(s).replace(/["\\]/g, (c) => `\\${c}`)}"`;
}
