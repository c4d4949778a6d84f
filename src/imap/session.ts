// One IMAP session per connection: the state machine around the pure protocol layer.
//
// Implementation rules (mox style; keep them true when you change this file):
// - Never write to the socket while holding a transaction: handlers call the mailbox services
//   (which commit, then publish events) and only then write what happened.
// - One command at a time per session. Pipelined commands wait in the reader (a pull model:
//   `reader.next()` is called only when the previous command is done); the socket is paused
//   while a command runs with much input waiting, so a client can't make us buffer without end.
// - Other sessions' changes arrive as events from the bus at any time. They are only recorded
//   (SelectedFolder.note*) and reported where RFC 9051 7.5.1 allows: after a command, never an
//   EXPUNGE after FETCH, STORE or SEARCH (with or without UID); in IDLE within a second (10 ms
//   debounce). Everything that touches the selected view runs in `exclusive`, one at a time.
//   Under QRESYNC (RFC 7162 3.2.10) expunges are told as one `* VANISHED uids` instead.
// - COMPRESS=DEFLATE (RFC 4978): after the tagged OK, every byte out goes through one raw
//   deflater (Z_SYNC_FLUSH after each write(), so the client is never left waiting; writeAsync's
//   bulk FETCH data is flushed by the tagged response that follows it) and every byte in through
//   one raw inflater, whose output feeds the reader like the socket did: the same line and
//   literal limits apply to the inflated stream. The inflater is paused (and the socket with it)
//   while the reader holds more than INPUT_HIGH_WATER, so a zip bomb can't make us allocate
//   without bound; and the next command waits while more than OUTPUT_HIGH_WATER of answers are
//   not taken by the client.
// - Every query is scoped to the authenticated mailbox id; folder names from the client are
//   decoded (mUTF-7 or UTF-8) and normalised (normalizeFolderName) before any lookup, so `..`,
//   empty levels, wildcards and `#` namespaces never reach the store.
// - No AUTH= and LOGINDISABLED before TLS (RFC 9051 6.2.3); STARTTLS discards whatever the
//   client sent after the command in plaintext (CVE-2011-0411 style injection).
// - Timeouts: 60 s before login, 30 min after (RFC 9051 5.4 asks for at least 30 min), IDLE too.
import net from 'node:net';
import tls from 'node:tls';
import zlib from 'node:zlib';
import type { DeliveryDeps } from '../delivery/context.js';
import type { AuthLimiter } from '../accounts/auth-limiter.js';
import type { Row } from '../store/schema.js';
import { AppError } from '../util/errors.js';
import { normalizeFolderName } from '../mailbox/folder-names.js';
import { folderByName } from '../store/folders-repo.js';
import {
  type Command,
  COMMAND_STATES,
  CommandReader,
  ImapParseError,
  mailboxNameFromClient,
  parseCommand,
  type ReaderEvent,
  response,
  type SessionState,
  checkSequenceNumbers,
  resolve,
  type SequenceSet,
} from './protocol/index.js';
import { capabilitiesFor } from './protocol/capabilities.js';
import type { ResponseCode } from './protocol/response.js';
import type { SelectedFolder, Update } from './selected.js';
import { CommandError, type Done, bad, no } from './commands/types.js';
import { HANDLERS } from './commands/index.js';

export const PRELOGIN_TIMEOUT_MS = 60_000;
export const IDLE_TIMEOUT_MS = 30 * 60_000;
/** Literals before login: nothing big is held for an anonymous client. */
const PRELOGIN_LITERAL = 64 * 1024;
/** Pause reading while a command runs and this much input is already waiting. */
const INPUT_HIGH_WATER = 1024 * 1024;
/**
 * The next pipelined command waits while this much output is not taken by the client yet: a
 * client that doesn't read can't make us buffer answers without end (under COMPRESS a few bytes
 * of pipelined NOOPs would otherwise be megabytes of answers).
 */
const OUTPUT_HIGH_WATER = 1024 * 1024;

export interface SessionOptions {
  /** The listener's TLS context for STARTTLS: one per listener, not one per connection (memory). */
  secureContext: tls.SecureContext;
  implicitTls: boolean;
  authLimiter: AuthLimiter;
  /** Called once when the connection is gone. */
  onClose?: () => void;
}

type Mode =
  | { kind: 'command' }
  | { kind: 'idle'; tag: string }
  | { kind: 'auth'; tag: string; step: (line: Buffer) => Promise<Done | null> };

export class Session {
  state: SessionState | 'logout' = 'not-authenticated';
  socket: net.Socket;
  tls: boolean;
  readonly ip: string;
  readonly reader: CommandReader;
  mailbox: Row<'mailboxes'> | null = null;
  selected: SelectedFolder | null = null;
  /** UTF8=ACCEPT or IMAP4rev2 enabled: mailbox names are UTF-8 (RFC 6855 3, RFC 9051 5.1). */
  utf8 = false;
  rev2 = false;
  condstore = false;
  /** ENABLE QRESYNC was given (RFC 7162 3.2.3): VANISHED instead of EXPUNGE, UID in every FETCH. */
  qresync = false;
  /** The result of the last SEARCH RETURN (SAVE), as UIDs (RFC 5182). */
  saved: number[] = [];
  private mode: Mode = { kind: 'command' };
  private running: Promise<unknown> = Promise.resolve();
  private pumping = false;
  private closed = false;
  private closing = false;
  private unsubscribe: (() => void) | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  /** COMPRESS=DEFLATE streams, once active (RFC 4978). */
  private deflater: zlib.DeflateRaw | null = null;
  private inflater: zlib.InflateRaw | null = null;

  constructor(
    readonly deps: DeliveryDeps,
    socket: net.Socket,
    readonly opts: SessionOptions,
  ) {
    this.socket = socket;
    this.tls = opts.implicitTls;
    this.ip = (socket.remoteAddress ?? '').replace(/^::ffff:/, '');
    this.reader = new CommandReader({ maxLiteralSize: PRELOGIN_LITERAL, maxArgumentLiteral: PRELOGIN_LITERAL });
    this.attach(socket);
  }

  get appendLimit(): number {
    return this.deps.config.smtp.maxMessageSize;
  }

  capabilities(): string[] {
    return capabilitiesFor({
      tls: this.tls,
      authenticated: this.state === 'authenticated' || this.state === 'selected',
      appendLimit: this.appendLimit,
      compressionActive: this.compressionActive,
    });
  }

  get compressionActive(): boolean {
    return this.deflater !== null;
  }

  start(): void {
    this.socket.setTimeout(PRELOGIN_TIMEOUT_MS);
    // A hard limit too: trickling a byte now and then doesn't keep an anonymous connection open.
    const prelogin = setTimeout(() => {
      if (this.state === 'not-authenticated') this.bye('Login timeout');
    }, PRELOGIN_TIMEOUT_MS);
    prelogin.unref();
    this.socket.once('close', () => clearTimeout(prelogin));
    this.write(response.untagged('OK', 'Mailcove IMAP ready', { code: 'CAPABILITY', capabilities: this.capabilities() }));
  }

  private attach(socket: net.Socket): void {
    socket.on('data', this.onData);
    socket.on('timeout', () => this.bye('Autologout: idle for too long'));
    socket.on('error', () => this.destroy());
    socket.on('close', () => this.destroy());
  }

  private readonly onData = (chunk: Buffer) => {
    if (this.inflater) {
      this.inflater.write(chunk);
      return;
    }
    this.reader.push(chunk);
    if (this.pumping && this.reader.bufferedBytes > INPUT_HIGH_WATER) this.socket.pause();
    void this.pump();
  };

  // ---- output

  write(data: string | Buffer): void {
    if (this.closed || this.socket.destroyed) return;
    if (this.deflater) {
      if (data.length === 0) return;
      this.deflater.write(data);
      this.deflater.flush(zlib.constants.Z_SYNC_FLUSH);
      return;
    }
    this.socket.write(data);
  }

  /**
   * Write and wait for the socket to drain when its buffer is full (large FETCH answers). Under
   * COMPRESS this doesn't flush the deflater (many small FETCH responses compress together): the
   * tagged response that ends every command goes through write(), which flushes.
   */
  async writeAsync(data: string | Buffer): Promise<void> {
    if (this.closed || this.socket.destroyed) return;
    const d = this.deflater;
    // The deflater is paused while the socket is full (startCompression): its own buffer then fills.
    const full = d ? !d.write(data) : !this.socket.write(data);
    if (!full) return;
    const target: NodeJS.EventEmitter = d ?? this.socket;
    const socket = this.socket;
    await new Promise<void>((r) => {
      const done = () => {
        target.off('drain', done);
        target.off('close', done);
        socket.off('close', done);
        r();
      };
      target.on('drain', done);
      target.on('close', done);
      socket.on('close', done);
    });
  }

  /** Octets written but not yet taken by the client (deflater input included). */
  private get outputBacklog(): number {
    return this.socket.writableLength + (this.deflater?.writableLength ?? 0);
  }

  /** `* BYE text`, then close. */
  bye(text: string): void {
    if (this.closed || this.state === 'logout') return;
    this.write(response.bye(text));
    this.end();
  }

  /** Close after what was written (a client that doesn't close its side is dropped after 2 s). */
  private end(): void {
    this.state = 'logout';
    const d = this.deflater;
    if (d) {
      // The rest of the compressed stream first, then the end of the socket.
      d.once('end', () => this.socket.end());
      d.end();
    } else this.socket.end();
    setTimeout(() => this.destroy(), 2000).unref();
  }

  private destroy(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.inflater?.destroy();
    this.deflater?.destroy();
    if (!this.socket.destroyed) this.socket.destroy();
    this.opts.onClose?.();
  }

  /** Graceful stop of the server: BYE now when idle, else after the command in flight. */
  shutdown(): void {
    this.closing = true;
    if (!this.pumping || this.mode.kind === 'idle') this.bye('Server shutting down');
  }

  /** Runs `fn` after everything started before it (commands, IDLE pushes). */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.running.then(fn, fn);
    this.running = next.catch(() => undefined);
    return next;
  }

  // ---- input

  private async pump(): Promise<void> {
    if (this.pumping || this.closed) return;
    this.pumping = true;
    try {
      while (!this.closed && this.state !== 'logout') {
        while (!this.closed && this.outputBacklog > OUTPUT_HIGH_WATER) await new Promise((r) => setTimeout(r, 10));
        if (this.closed) break;
        const ev = this.reader.next();
        if (!ev) break;
        await this.exclusive(() => this.handleEvent(ev));
      }
    } catch (err) {
      this.deps.log.error({ err }, 'imap session failed');
      this.bye('Internal server error');
    } finally {
      this.pumping = false;
      if (!this.closed && this.inflater?.isPaused()) this.inflater.resume();
      if (!this.closed && this.socket.isPaused()) this.socket.resume();
    }
    if (this.closing && !this.closed && this.mode.kind === 'command') this.bye('Server shutting down');
  }

  private async handleEvent(ev: ReaderEvent): Promise<void> {
    switch (ev.type) {
      case 'continue':
        this.write(response.continuation('Ready'));
        return;
      case 'error': {
        if (this.mode.kind === 'idle') {
          // Anything but DONE ends IDLE (the reader is back in command mode).
          const tag = this.mode.tag;
          this.mode = { kind: 'command' };
          this.write(response.tagged(tag, 'BAD', ev.error.message));
          return;
        }
        // A fatal error's answer is the `* BYE` itself: then close.
        this.write(response.parseErrorResponse(ev.error));
        if (ev.error.fatal) this.end();
        return;
      }
      case 'done':
        if (this.mode.kind === 'idle') {
          const tag = this.mode.tag;
          this.mode = { kind: 'command' };
          if (this.idleTimer) clearTimeout(this.idleTimer);
          await this.flushUpdates(true);
          this.write(response.tagged(tag, 'OK', 'IDLE terminated'));
        }
        return;
      case 'line':
        if (this.mode.kind === 'auth') {
          const { tag, step } = this.mode;
          let done: Done | null;
          try {
            done = await step(ev.line);
          } catch (err) {
            done = this.errorResult(err);
          }
          if (done) {
            this.mode = { kind: 'command' };
            this.reader.setMode('command');
            this.write(response.tagged(tag, done.status, done.text, done.code));
          }
        }
        return;
      case 'command':
        await this.runCommand(ev.command);
        return;
    }
  }

  private async runCommand(raw: Parameters<typeof parseCommand>[0]): Promise<void> {
    let cmd: Command;
    try {
      cmd = parseCommand(raw, { limits: this.reader.limits });
    } catch (err) {
      const e = err instanceof ImapParseError ? err : new ImapParseError(String(err));
      this.write(response.parseErrorResponse(e));
      if (e.fatal) this.end();
      return;
    }
    const states = COMMAND_STATES[cmd.name];
    if (this.state === 'logout' || !states.includes(this.state)) {
      this.write(response.tagged(cmd.tag, 'BAD', `${cmd.name} is not valid in the ${this.state} state`));
      return;
    }
    const handler = HANDLERS[cmd.name] as ((s: Session, c: Command) => Promise<Done | null>) | undefined;
    if (!handler) {
      this.write(response.tagged(cmd.tag, 'BAD', `${cmd.name} is not supported by this server`));
      return;
    }
    let done: Done | null;
    try {
      done = await handler(this, cmd);
    } catch (err) {
      done = this.errorResult(err);
    }
    if (this.closed) return;
    // A handler that switched mode (IDLE, AUTHENTICATE with a challenge, STARTTLS, LOGOUT) answers later itself.
    if (done === null) return;
    if (this.selected && this.state === 'selected') {
      // RFC 9051 7.5.1: no EXPUNGE during FETCH, STORE or SEARCH (UID forms included here).
      // RFC 9051 7.5.1: no EXPUNGE after commands that answer with sequence numbers.
      const allowExpunge = !['FETCH', 'STORE', 'SEARCH', 'SORT', 'THREAD'].includes(cmd.name);
      await this.flushUpdates(allowExpunge);
    }
    this.write(response.tagged(cmd.tag, done.status, done.text, done.code));
    if ((this.state as string) === 'logout') this.end();
  }

  /** NO/BAD for a thrown error: CommandError as is, mailbox-service errors mapped to codes. */
  errorResult(err: unknown): Done {
    if (err instanceof CommandError) return { status: err.status, text: err.message, code: err.code };
    if (err instanceof ImapParseError) return { status: 'BAD', text: err.message, code: err.code };
    if (err instanceof AppError) {
      const code: ResponseCode =
        err.kind === 'not_found' ? 'NONEXISTENT' : err.kind === 'conflict' ? (err.field === 'use' ? 'USEATTR' : 'ALREADYEXISTS') : err.kind === 'limit' ? 'OVERQUOTA' : 'CANNOT';
      return { status: 'NO', text: err.message, code };
    }
    this.deps.log.error({ err }, 'imap command failed');
    return { status: 'NO', text: 'Internal server error', code: 'SERVERBUG' };
  }

  // ---- modes

  /** Enter IDLE (RFC 2177): `+ idling`, report at once what is pending, then within 1 s of events. */
  beginIdle(tag: string): void {
    this.mode = { kind: 'idle', tag };
    this.reader.setMode('idle');
    this.write(response.continuation('idling'));
    this.scheduleIdleFlush(0);
  }

  private scheduleIdleFlush(delay = 10): void {
    if (this.mode.kind !== 'idle' || this.idleTimer) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      void this.exclusive(async () => {
        if (this.mode.kind === 'idle' && !this.closed) await this.flushUpdates(true);
      }).catch((err) => this.deps.log.error({ err }, 'imap idle push failed'));
    }, delay);
  }

  /** AUTHENTICATE with a challenge: the reader gives the client's lines to `step` until it returns a result. */
  beginAuth(tag: string, challenge: string, step: (line: Buffer) => Promise<Done | null>): void {
    this.mode = { kind: 'auth', tag, step };
    this.reader.setMode('authenticate');
    this.write(response.continuation(challenge));
  }

  /** STARTTLS: the tagged OK in plaintext, then the handshake on the same socket. */
  startTls(tag: string): void {
    // Bytes sent after STARTTLS before the handshake are not commands (injection): dropped.
    this.reader.takeBuffered();
    const plain = this.socket;
    plain.off('data', this.onData);
    plain.removeAllListeners('timeout');
    plain.removeAllListeners('close');
    plain.removeAllListeners('error');
    plain.pause();
    plain.write(response.tagged(tag, 'OK', 'Begin TLS negotiation now'));
    const secure = new tls.TLSSocket(plain, {
      isServer: true,
      secureContext: this.opts.secureContext,
    });
    this.socket = secure;
    this.tls = true;
    secure.setTimeout(PRELOGIN_TIMEOUT_MS);
    this.attach(secure);
  }

  /**
   * COMPRESS DEFLATE (RFC 4978 3): the tagged OK uncompressed, then both directions through raw
   * deflate. What the client sent after the command is already compressed: it goes through the
   * inflater first.
   */
  startCompression(tag: string): void {
    const rest = this.reader.takeBuffered();
    this.write(response.tagged(tag, 'OK', 'DEFLATE active'));
    const socket = this.socket;
    const deflater = zlib.createDeflateRaw();
    // Inflated input comes out 16 KB at a time; the reader's limits apply to it as to plain input.
    const inflater = zlib.createInflateRaw({ chunkSize: 16 * 1024 });
    // Backpressure: while the socket is full the deflater stops giving out data, so writeAsync waits.
    let waiting = false;
    deflater.on('data', (c: Buffer) => {
      if (socket.destroyed || socket.write(c) || waiting) return;
      waiting = true;
      deflater.pause();
      socket.once('drain', () => {
        waiting = false;
        deflater.resume();
      });
    });
    deflater.on('error', () => this.destroy());
    inflater.on('data', (c: Buffer) => {
      if (this.closed) return;
      this.reader.push(c);
      // 16 KB per read (zlib's chunk size); above the high-water mark, stop inflating (and reading).
      if (this.reader.bufferedBytes > INPUT_HIGH_WATER) {
        inflater.pause();
        socket.pause();
      }
      void this.pump();
    });
    inflater.on('error', () => {
      if (this.closed || this.state === 'logout') return this.destroy();
      this.bye('Invalid compressed data');
    });
    this.deflater = deflater;
    this.inflater = inflater;
    if (rest.length) inflater.write(rest);
  }

  /** After LOGIN or AUTHENTICATE succeeded. */
  loggedIn(mailbox: Row<'mailboxes'>): void {
    this.mailbox = mailbox;
    this.state = 'authenticated';
    this.socket.setTimeout(IDLE_TIMEOUT_MS);
    this.reader.setLimits({ maxLiteralSize: this.appendLimit, maxArgumentLiteral: 64 * 1024 });
    this.unsubscribe = this.deps.events.subscribe('*', (e) => {
      if (!('folderId' in e) || e.mailboxId !== mailbox.id) return;
      const sel = this.selected;
      if (!sel || sel.folder.id !== e.folderId) return;
      if (e.type === 'message.new') sel.noteNew();
      else if (e.type === 'message.flags') sel.noteFlags(e.uid, e.modseq);
      else if (e.type === 'message.expunge') sel.noteExpunge(e.uid);
      else return;
      this.scheduleIdleFlush();
    });
  }

  logout(): void {
    this.state = 'logout';
  }

  // ---- the selected folder

  /** Report pending changes of the selected folder (EXPUNGE only when allowed). */
  async flushUpdates(allowExpunge: boolean): Promise<void> {
    const sel = this.selected;
    if (!sel || !sel.hasPending) return;
    const updates = await sel.sync(allowExpunge);
    if (this.selected !== sel) return;
    let out = '';
    if (this.qresync) {
      // RFC 7162 3.2.10: one `* VANISHED uids` where the EXPUNGEs would have been.
      const gone = updates.filter((u) => u.kind === 'expunge').map((u) => u.uid);
      if (gone.length) out += response.vanished(gone);
      for (const u of updates) if (u.kind !== 'expunge') out += this.formatUpdate(u);
    } else for (const u of updates) out += this.formatUpdate(u);
    if (out) this.write(out);
  }

  formatUpdate(u: Update): string {
    switch (u.kind) {
      case 'exists':
        return response.exists(u.count) + (this.rev2 ? '' : response.recent(u.recent));
      case 'expunge':
        return response.expunge(u.seq);
      case 'flags':
        return `* ${u.seq} FETCH (UID ${u.uid} FLAGS (${this.shownFlags(u.uid, u.flags).join(' ')})${this.condstore ? ` MODSEQ (${u.modseq})` : ''})\r\n`;
    }
  }

  /** FLAGS as this session shows them: with \Recent on its recent messages (IMAP4rev1 only). */
  shownFlags(uid: number, flags: string[], sel = this.selected): string[] {
    return !this.rev2 && sel?.isRecent(uid) ? [...flags, '\\Recent'] : flags;
  }

  /**
   * The UIDs (ascending, present in the view) a sequence set names: message numbers, or UIDs when
   * `uid`. BAD for message numbers the view doesn't have (RFC 3501 9 seq-number).
   */
  uidsOf(set: SequenceSet, uid: boolean): number[] {
    const sel = this.selected!;
    if (set.kind === 'saved') return this.saved.filter((u) => sel.seqOf(u) > 0).sort((a, b) => a - b);
    const out: number[] = [];
    if (!uid) {
      const why = checkSequenceNumbers(set, sel.count);
      if (why) throw bad(why);
      for (const r of resolve(set, sel.count)) for (let n = r.start; n <= Math.min(r.end, sel.count); n++) out.push(sel.uidAt(n));
      return out;
    }
    // Ranges come merged and ascending (resolve), so the UIDs do too.
    for (const r of resolve(set, sel.maxUid)) for (const u of sel.uidsBetween(r.start, r.end)) out.push(u);
    return out;
  }

  // ---- folder names

  /**
   * A client's mailbox name to our folder name: decoded (mUTF-7 or UTF-8) and normalised.
   * `#` namespaces (other users, shared) don't exist here: NO [NONEXISTENT].
   */
  folderName(raw: string, purpose: 'existing' | 'new' = 'existing'): string {
    const failCode: ResponseCode = purpose === 'new' ? 'CANNOT' : 'NONEXISTENT';
    if (raw.startsWith('#') || raw.startsWith('~')) throw no('No such namespace: only personal folders exist here', 'NONEXISTENT');
    let decoded: string;
    try {
      decoded = mailboxNameFromClient(raw, this.utf8);
    } catch (err) {
      throw no(err instanceof Error ? err.message : 'Invalid mailbox name', failCode);
    }
    try {
      return normalizeFolderName(decoded);
    } catch (err) {
      throw no(err instanceof Error ? err.message : 'Invalid mailbox name', failCode);
    }
  }

  /** The folder of this mailbox with that client name, or NO [NONEXISTENT] (TRYCREATE for targets). */
  async folder(raw: string, missing: ResponseCode = 'NONEXISTENT'): Promise<Row<'folders'>> {
    const name = this.folderName(raw);
    const f = await folderByName(this.deps.store.db, this.mailbox!.id, name);
    if (!f) throw no(`No folder named ${name}`, missing);
    return f;
  }
}
