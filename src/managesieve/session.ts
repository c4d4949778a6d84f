// One ManageSieve session per connection (RFC 5804): the state machine around the pure protocol
// layer (protocol/) and the command table (commands/).
//
// Implementation rules (keep them true when you change this file):
// - One command at a time. Pipelined commands wait in the frame reader; the socket is paused while
//   a command runs with much input waiting, so a client can't make us buffer without end.
// - Every script operation goes through src/accounts/sieve-scripts.ts with the logged-in
//   mailbox: a session can never name another mailbox, so two mailboxes never see each other's scripts.
// - No SASL mechanism before TLS (empty "SASL" capability, RFC 5804 1.7, like IMAP's
//   LOGINDISABLED); STARTTLS drops whatever the client sent after the command in plaintext
//   (CVE-2011-0411 style injection), then re-sends the capabilities unasked (RFC 5804 2.2).
// - Literals are limited before they are read: 16 KiB before login (a SASL response), the script
//   limit plus room for the name after it (reader.ts says how an over-size literal is skipped).
// - Timeouts: 60 s before login, 30 min after.
import type net from 'node:net';
import tls from 'node:tls';
import type { DeliveryDeps } from '../delivery/context.js';
import type { AuthLimiter } from '../accounts/auth-limiter.js';
import type { Row } from '../store/schema.js';
import { SieveScriptError, type SieveScriptsContext } from '../accounts/sieve-scripts.js';
import { AppError } from '../util/errors.js';
import { FrameReader, ManageSieveParseError, parseCommand, parseSaslResponse, response, type Command, type ResponseCode, type Segment } from './protocol/index.js';
import { capabilityLines } from './capabilities.js';
import { COMMANDS } from './commands/index.js';

export const PRELOGIN_TIMEOUT_MS = 60_000;
export const IDLE_TIMEOUT_MS = 30 * 60_000;
const PRELOGIN_LITERAL = 16 * 1024;
/** Room for the script name and other arguments beside the largest script. */
const ARGUMENT_ROOM = 64 * 1024;
const INPUT_HIGH_WATER = 1024 * 1024;
/** Failed AUTHENTICATEs on one connection before BYE (the limiter counts across connections). */
const MAX_AUTH_FAILURES = 5;

export interface SessionOptions {
  /** The listener's TLS context for STARTTLS: one per listener, not one per connection. */
  secureContext: tls.SecureContext;
  authLimiter: AuthLimiter;
  onClose?: () => void;
}

/** What a handler answers: the bytes to write (data lines and the final OK/NO), or null when it answers later. */
export type Answer = Buffer | null;

/** A SASL exchange in progress: each client response goes to `step` until it answers. */
type SaslStep = (data: Buffer) => Promise<Answer>;

export class Session {
  state: 'anonymous' | 'authenticated' | 'logout' = 'anonymous';
  socket: net.Socket;
  tls = false;
  readonly ip: string;
  readonly reader: FrameReader;
  mailbox: Row<'mailboxes'> | null = null;
  authFailures = 0;
  private sasl: SaslStep | null = null;
  private pumping = false;
  private closed = false;
  private closing = false;

  constructor(
    readonly deps: DeliveryDeps,
    socket: net.Socket,
    readonly opts: SessionOptions,
  ) {
    this.socket = socket;
    this.ip = (socket.remoteAddress ?? '').replace(/^::ffff:/, '');
    this.reader = new FrameReader({ maxLineBytes: deps.config.managesieve.maxLineBytes, maxLiteralBytes: PRELOGIN_LITERAL, fatalOversize: true });
    this.attach(socket);
  }

  /** The script service for this node's limits. */
  get scripts(): SieveScriptsContext {
    return { store: this.deps.store, limits: this.deps.config.sieveScripts, now: this.deps.now };
  }

  start(): void {
    this.socket.setTimeout(PRELOGIN_TIMEOUT_MS);
    // RFC 5804 1.7: the server greets with its capabilities and OK.
    this.write(Buffer.concat([this.capabilities(), response.ok('Mailcove ManageSieve ready')]));
  }

  capabilities(): Buffer {
    return capabilityLines({ tls: this.tls, owner: this.mailbox?.address ?? null });
  }

  private attach(socket: net.Socket): void {
    socket.on('data', this.onData);
    socket.on('timeout', () => this.bye('Autologout: idle for too long'));
    socket.on('error', () => this.destroy());
    socket.on('close', () => this.destroy());
  }

  private readonly onData = (chunk: Buffer) => {
    this.reader.push(chunk);
    if (this.pumping && this.reader.bufferedBytes > INPUT_HIGH_WATER) this.socket.pause();
    void this.pump();
  };

  write(data: Buffer | string): void {
    if (this.closed || this.socket.destroyed) return;
    this.socket.write(data);
  }

  bye(text: string, code?: ResponseCode): void {
    if (this.closed || this.state === 'logout') return;
    this.write(response.bye(text, code));
    this.end();
  }

  /** Close after what was written; a client that keeps its side open is dropped after 2 s. */
  end(): void {
    this.state = 'logout';
    this.socket.end();
    setTimeout(() => this.destroy(), 2000).unref();
  }

  private destroy(): void {
    if (this.closed) return;
    this.closed = true;
    if (!this.socket.destroyed) this.socket.destroy();
    this.opts.onClose?.();
  }

  /** Graceful stop of the server: BYE now when idle, else after the command in flight. */
  shutdown(): void {
    this.closing = true;
    if (!this.pumping) this.bye('Server shutting down', 'TRYLATER');
  }

  // ---- input

  private async pump(): Promise<void> {
    if (this.pumping || this.closed) return;
    this.pumping = true;
    try {
      while (!this.closed && this.state !== 'logout') {
        const frame = this.reader.next();
        if (!frame) break;
        if (frame.type === 'fatal') {
          this.bye(frame.message);
          break;
        }
        if (frame.type === 'oversized') {
          this.write(response.no(`Literal of ${frame.announced} octets is over the limit of ${this.deps.config.sieveScripts.maxBytes}`, 'QUOTA/MAXSIZE'));
          if (this.sasl) this.sasl = null;
          continue;
        }
        const answer = this.sasl ? await this.saslResponse(frame.segments) : await this.command(frame.segments);
        if (answer) this.write(answer);
      }
    } catch (err) {
      this.deps.log.error({ err }, 'managesieve session failed');
      this.bye('Internal server error');
    } finally {
      this.pumping = false;
      if (!this.closed && this.socket.isPaused()) this.socket.resume();
    }
    if (this.closing && !this.closed) this.bye('Server shutting down', 'TRYLATER');
  }

  private async command(segments: Segment[]): Promise<Answer> {
    let cmd: Command;
    try {
      cmd = parseCommand(segments);
    } catch (err) {
      if (err instanceof ManageSieveParseError) return response.no(err.message);
      throw err;
    }
    const def = COMMANDS[cmd.name];
    if (this.state === 'logout') return null;
    if (!def.states.includes(this.state)) {
      return response.no(this.state === 'anonymous' ? `${cmd.name}: authenticate first` : `${cmd.name}: not valid after authentication`);
    }
    try {
      return await (def.run as (s: Session, c: Command) => Promise<Answer>)(this, cmd);
    } catch (err) {
      return this.errorAnswer(err);
    }
  }

  private async saslResponse(segments: Segment[]): Promise<Answer> {
    const step = this.sasl!;
    this.sasl = null;
    try {
      const r = parseSaslResponse(segments);
      if (r.cancel) return response.no('Authentication cancelled');
      return await step(r.data);
    } catch (err) {
      return this.errorAnswer(err);
    }
  }

  /** NO for a thrown error: script refusals with their RFC 5804 code, syntax errors as they are. */
  errorAnswer(err: unknown): Buffer {
    if (err instanceof SieveScriptError) {
      const code: ResponseCode | undefined = (
        { nonexistent: 'NONEXISTENT', exists: 'ALREADYEXISTS', active: 'ACTIVE', maxsize: 'QUOTA/MAXSIZE', maxscripts: 'QUOTA/MAXSCRIPTS', script: undefined, name: undefined } as const
      )[err.reason];
      // Several validator errors: one per line (sent as a literal).
      return response.no(err.message.replace(/\n/g, '\r\n'), code);
    }
    if (err instanceof ManageSieveParseError || err instanceof AppError) return response.no(err.message);
    this.deps.log.error({ err }, 'managesieve command failed');
    return response.no('Internal server error', 'TRYLATER');
  }

  // ---- modes

  /** Send a SASL challenge; the client's next line goes to `step`. */
  challenge(data: Buffer, step: SaslStep): Answer {
    this.sasl = step;
    return response.challenge(data);
  }

  /** STARTTLS: OK in plaintext, the handshake, then the capabilities again (RFC 5804 2.2). */
  startTls(): void {
    this.reader.takeBuffered();
    const plain = this.socket;
    plain.off('data', this.onData);
    plain.removeAllListeners('timeout');
    plain.removeAllListeners('close');
    plain.removeAllListeners('error');
    plain.pause();
    plain.write(response.ok('Begin TLS negotiation now'));
    const secure = new tls.TLSSocket(plain, { isServer: true, secureContext: this.opts.secureContext });
    this.socket = secure;
    this.tls = true;
    secure.setTimeout(PRELOGIN_TIMEOUT_MS);
    this.attach(secure);
    secure.once('secure', () => this.write(Buffer.concat([this.capabilities(), response.ok('TLS active')])));
  }

  loggedIn(mailbox: Row<'mailboxes'>): void {
    this.mailbox = mailbox;
    this.state = 'authenticated';
    this.socket.setTimeout(IDLE_TIMEOUT_MS);
    this.reader.limits = { ...this.reader.limits, maxLiteralBytes: this.deps.config.sieveScripts.maxBytes + ARGUMENT_ROOM, fatalOversize: false };
  }

  /** UNAUTHENTICATE (RFC 5804 2.14.1): back to the anonymous state, TLS kept. */
  loggedOut(): void {
    this.mailbox = null;
    this.state = 'anonymous';
    this.socket.setTimeout(PRELOGIN_TIMEOUT_MS);
    this.reader.limits = { ...this.reader.limits, maxLiteralBytes: PRELOGIN_LITERAL, fatalOversize: true };
  }

  get maxAuthFailures(): number {
    return MAX_AUTH_FAILURES;
  }
}
