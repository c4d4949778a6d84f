// Incremental IMAP command reader: Buffers in as they come off the socket (or out of the inflater
// once COMPRESS=DEFLATE is on), whole commands out. Byte-oriented, no I/O, no text decoding.
//
// Implementation notes:
// - Pull model. `push()` only queues bytes; `next()` returns at most one event. A session handles
//   each event before asking for the next, so it can switch mode (IDLE, AUTHENTICATE) or take the
//   unread bytes (STARTTLS, COMPRESS) exactly at a command boundary.
// - Limits are checked from what has been read so far, before buffering more: a line is never held
//   past `maxLineLength`, a literal's size is judged from its header `{n}` alone.
// - A synchronising literal `{n}` yields a 'continue' event (the session writes `+ Ready`); over the
//   limit, an 'error' instead, and since the client then sends nothing (RFC 9051 4.3) the next line
//   starts a new command. A non-synchronising `{n+}` (RFC 7888) over the limit is followed by its
//   bytes anyway: they are discarded unread, with the rest of the command, and the session answers
//   the error once. Only when even discarding is unreasonable (over maxCommandSize) is it fatal.
// - Literal data is never scanned: a CRLF or "A1 LOGOUT" inside a literal is data.
// - Lines end at LF; a CR before it is dropped (RFC 9051 requires CRLF; bare LF is tolerated as
//   Dovecot does, which changes nothing for clients that follow the RFC).
import { ImapParseError } from './errors.js';
import { type ImapLimits, maxNonSyncLiteral, resolveLimits } from './limits.js';

export type ReaderMode = 'command' | 'idle' | 'authenticate';

export interface RawLiteral {
  data: Buffer;
  /** literal8 `~{n}` (RFC 3516): may hold NUL and any octet. */
  binary: boolean;
  /** `{n}` as opposed to `{n+}`. */
  sync: boolean;
}

/**
 * One complete command as read: text segments around its literals. `segments[i]` is the text before
 * `literals[i]` with the literal header `{n}` and the CRLF removed; `segments.length ===
 * literals.length + 1`. No text is decoded: the parser does that.
 */
export interface RawCommand {
  segments: Buffer[];
  literals: RawLiteral[];
  /** Octets read for this command, line ends and literal headers included. */
  size: number;
}

export type ReaderEvent =
  /** A whole command: parse it with `parseCommand`. */
  | { type: 'command'; command: RawCommand }
  /** A synchronising literal was accepted: send a continuation request (`+ Ready`) now. */
  | { type: 'continue'; size: number; binary: boolean }
  /**
   * A refused command: answer `<tag> BAD [code] message` (`* BAD` without a tag). When
   * `error.fatal`, answer `* BYE message` and close: the reader has stopped.
   */
  | { type: 'error'; error: ImapParseError }
  /** IDLE mode: the client sent DONE (RFC 2177). The reader is back in command mode. */
  | { type: 'done' }
  /** AUTHENTICATE mode: one client response line (base64 or `*`), without CRLF. */
  | { type: 'line'; line: Buffer };

type State =
  | 'line' // reading a line of a command (or of IDLE/AUTHENTICATE)
  | 'literal' // reading literal data into the command
  | 'skip-literal' // discarding a refused non-synchronising literal
  | 'skip-line' // discarding the rest of a refused command
  | 'closed'; // after a fatal error

const LF = 0x0a;
const CR = 0x0d;
const EMPTY = Buffer.alloc(0);

interface LiteralHeader {
  /** Offset of `{` (or `~`) in the line: the text before it is the segment. */
  start: number;
  digits: string;
  size: number; // Infinity when the digits don't fit
  sync: boolean;
  binary: boolean;
}

export class CommandReader {
  readonly limits: ImapLimits;
  private modeValue: ReaderMode = 'command';
  private state: State = 'line';

  // Unread input: chunks[0] starts at `offset`.
  private chunks: Buffer[] = [];
  private offset = 0;
  private queued = 0;

  // The line being read.
  private lineParts: Buffer[] = [];
  private lineLen = 0;

  // The command being read.
  private segments: Buffer[] = [];
  private literals: RawLiteral[] = [];
  private textLen = 0; // command text so far (lines without line ends)
  private size = 0; // everything so far
  private tag: string | null = null;
  private literalLimit = 0;

  // The literal being read or skipped.
  private literalRemaining = 0;
  private literalParts: Buffer[] = [];
  private literal: { binary: boolean; sync: boolean } | null = null;

  private explicitCommandSize: number | undefined;

  constructor(limits?: Partial<ImapLimits>) {
    this.limits = resolveLimits(limits);
    this.explicitCommandSize = limits?.maxCommandSize;
  }

  get mode(): ReaderMode {
    return this.modeValue;
  }

  /** True after a fatal error: the session must close the connection. */
  get closed(): boolean {
    return this.state === 'closed';
  }

  /** True between commands: nothing of a next command has been read yet (pushed bytes may wait). */
  get atCommandBoundary(): boolean {
    return this.state === 'line' && this.segments.length === 0 && this.lineLen === 0 && this.queued === 0;
  }

  /** Octets pushed and not yet consumed. */
  get bufferedBytes(): number {
    return this.queued;
  }

  /**
   * Switch between reading commands, IDLE (`DONE`) and AUTHENTICATE response lines. Call it
   * between commands, i.e. right after handling the event that asked for it.
   */
  setMode(mode: ReaderMode): void {
    if (this.state !== 'line' || this.segments.length || this.lineLen) {
      throw new Error(`CommandReader.setMode(${mode}) in the middle of a command`);
    }
    this.modeValue = mode;
  }

  /**
   * Change limits between commands, e.g. a smaller maxLiteralSize before login (an anonymous client
   * should not make the server hold 50 MiB).
   */
  setLimits(limits: Partial<ImapLimits>): void {
    if (limits.maxCommandSize !== undefined) this.explicitCommandSize = limits.maxCommandSize;
    const merged: Partial<ImapLimits> = { ...this.limits, ...limits, maxCommandSize: this.explicitCommandSize };
    if (merged.maxCommandSize === undefined) delete merged.maxCommandSize;
    Object.assign(this.limits, resolveLimits(merged));
  }

  push(chunk: Buffer): void {
    if (this.state === 'closed' || chunk.length === 0) return;
    this.chunks.push(chunk);
    this.queued += chunk.length;
  }

  /**
   * Remove and return the bytes pushed and not read yet. For STARTTLS (the session must discard
   * them: plaintext sent before the handshake must not be read as commands, CVE-2011-0411 style)
   * and COMPRESS=DEFLATE (they are compressed and go to the inflater).
   */
  takeBuffered(): Buffer {
    if (this.state !== 'line' || this.segments.length) throw new Error('CommandReader.takeBuffered() in the middle of a command');
    // A partial line read already belongs to what comes after the command, too.
    const parts = [...this.lineParts, ...this.chunks.map((c, i) => (i === 0 ? c.subarray(this.offset) : c))];
    const out = concat(parts);
    this.lineParts = [];
    this.lineLen = 0;
    this.size = 0;
    this.chunks = [];
    this.offset = 0;
    this.queued = 0;
    return out;
  }

  /** The next event, or null when more input is needed. */
  next(): ReaderEvent | null {
    for (;;) {
      switch (this.state) {
        case 'closed':
          return null;
        case 'literal': {
          if (!this.readLiteral()) return null;
          const lit = this.literal!;
          const data = this.literalParts.length === 1 ? this.literalParts[0] : concat(this.literalParts);
          this.literals.push({ data, binary: lit.binary, sync: lit.sync });
          this.literalParts = [];
          this.literal = null;
          this.state = 'line';
          continue;
        }
        case 'skip-literal':
          if (!this.readLiteral()) return null;
          this.literalParts = [];
          this.literal = null;
          this.state = 'skip-line';
          continue;
        case 'skip-line': {
          const line = this.readLine(this.limits.maxLineLength);
          if (line === null) return null;
          if (line === 'toolong') return this.fatal(`Line too long (over ${this.limits.maxLineLength} octets)`);
          const header = findLiteralHeader(line);
          if (header && !header.sync) {
            if (header.size > this.limits.maxCommandSize) return this.fatal(tooLarge(header, this.limits.maxCommandSize));
            this.literalRemaining = header.size;
            this.literal = { binary: header.binary, sync: false };
            this.state = 'skip-literal';
            continue;
          }
          this.resetCommand();
          continue;
        }
        case 'line': {
          if (this.modeValue !== 'command') return this.nextModeLine();
          const ev = this.nextCommandLine();
          if (ev === 'again') continue;
          return ev;
        }
      }
    }
  }

  /** One line of a command: the last one (a command), or one ending in a literal header. */
  private nextCommandLine(): ReaderEvent | null | 'again' {
    const budget = this.limits.maxLineLength - this.textLen;
    const line = this.readLine(budget);
    if (line === null) return null;
    if (line === 'toolong') {
      if (this.segments.length === 0) this.tag = readTag(concat(this.lineParts));
      return this.fatal(`Line too long (over ${this.limits.maxLineLength} octets)`);
    }
    if (this.segments.length === 0 && this.literals.length === 0) {
      if (line.length === 0) {
        // A bare CRLF between commands: nothing to answer.
        this.size = 0;
        return 'again';
      }
      this.tag = readTag(line);
      this.literalLimit = isAppend(line) ? this.limits.maxLiteralSize : Math.min(this.limits.maxArgumentLiteral, this.limits.maxLiteralSize);
    }
    this.textLen += line.length;
    const header = findLiteralHeader(line);
    if (!header) {
      this.segments.push(line);
      const command: RawCommand = { segments: this.segments, literals: this.literals, size: this.size };
      this.resetCommand();
      return { type: 'command', command };
    }
    this.segments.push(line.subarray(0, header.start));
    let problem: string | null = null;
    if (header.size > this.literalLimit) {
      problem = tooLarge(header, this.literalLimit);
    } else if (!header.sync && header.size > maxNonSyncLiteral(this.limits)) {
      problem = `Non-synchronizing literal too large: ${header.digits} > ${maxNonSyncLiteral(this.limits)} (LITERAL-, RFC 7888)`;
    } else if (this.size + header.size > this.limits.maxCommandSize) {
      problem = `Command too large: over ${this.limits.maxCommandSize} octets`;
    }
    if (problem !== null) {
      const error = new ImapParseError(problem, this.tag, 'TOOBIG');
      if (header.sync) {
        // RFC 9051 4.3: refused before the continuation request, the client sends no data.
        this.resetCommand();
        return { type: 'error', error };
      }
      if (header.size > this.limits.maxCommandSize) return this.fatal(problem, 'TOOBIG');
      this.literalRemaining = header.size;
      this.literal = { binary: header.binary, sync: false };
      this.state = 'skip-literal';
      this.segments = [];
      this.literals = [];
      return { type: 'error', error };
    }
    this.size += header.size;
    this.literalRemaining = header.size;
    this.literal = { binary: header.binary, sync: header.sync };
    this.state = 'literal';
    return header.sync ? { type: 'continue', size: header.size, binary: header.binary } : 'again';
  }

  /** A line in IDLE or AUTHENTICATE mode. */
  private nextModeLine(): ReaderEvent | null {
    const line = this.readLine(this.limits.maxLineLength);
    if (line === null) return null;
    if (line === 'toolong') return this.fatal(`Line too long (over ${this.limits.maxLineLength} octets)`);
    this.size = 0;
    if (this.modeValue === 'authenticate') return { type: 'line', line };
    // RFC 2177 3 / RFC 9051 6.3.13: IDLE ends with "DONE" (case-insensitive, as atoms are).
    this.modeValue = 'command';
    if (line.length === 4 && line.toString('latin1').toUpperCase() === 'DONE') return { type: 'done' };
    return { type: 'error', error: new ImapParseError('Expected DONE to end IDLE') };
  }

  private resetCommand(): void {
    this.state = 'line';
    this.segments = [];
    this.literals = [];
    this.textLen = 0;
    this.size = 0;
    this.tag = null;
  }

  private fatal(message: string, code: 'TOOBIG' | null = null): ReaderEvent {
    const error = new ImapParseError(message, this.tag, code, true);
    this.state = 'closed';
    this.chunks = [];
    this.offset = 0;
    this.queued = 0;
    this.lineParts = [];
    this.segments = [];
    this.literals = [];
    this.literalParts = [];
    return { type: 'error', error };
  }

  /**
   * The next line without its line end, null when incomplete, 'toolong' when over `budget`
   * octets (the line end not counted) without an end in sight.
   */
  private readLine(budget: number): Buffer | null | 'toolong' {
    while (this.chunks.length) {
      const c = this.chunks[0];
      const i = c.indexOf(LF, this.offset);
      const end = i === -1 ? c.length : i;
      const part = c.subarray(this.offset, end);
      this.consume(c, i === -1 ? c.length : i + 1);
      this.lineParts.push(part);
      this.lineLen += part.length;
      this.size += part.length + (i === -1 ? 0 : 1);
      if (i === -1) {
        // +1: the CR of the CRLF may already be here.
        if (this.lineLen > budget + 1) return 'toolong';
        continue;
      }
      let line = this.lineParts.length === 1 ? this.lineParts[0] : concat(this.lineParts);
      this.lineParts = [];
      this.lineLen = 0;
      if (line.length && line[line.length - 1] === CR) line = line.subarray(0, line.length - 1);
      if (line.length > budget) {
        this.lineParts = [line];
        return 'toolong';
      }
      return line;
    }
    return null;
  }

  /** Move literal data from the input into literalParts (or drop it when skipping); true when complete. */
  private readLiteral(): boolean {
    while (this.literalRemaining > 0 && this.chunks.length) {
      const c = this.chunks[0];
      const n = Math.min(this.literalRemaining, c.length - this.offset);
      if (this.state === 'literal') this.literalParts.push(c.subarray(this.offset, this.offset + n));
      this.consume(c, this.offset + n);
      this.literalRemaining -= n;
    }
    return this.literalRemaining === 0;
  }

  private consume(c: Buffer, to: number): void {
    this.queued -= to - this.offset;
    if (to >= c.length) {
      this.chunks.shift();
      this.offset = 0;
    } else {
      this.offset = to;
    }
  }
}

function concat(parts: Buffer[]): Buffer {
  return parts.length === 0 ? EMPTY : parts.length === 1 ? parts[0] : Buffer.concat(parts);
}

function tooLarge(h: LiteralHeader, limit: number): string {
  return `Literal too large: ${h.digits} > ${limit}`;
}

/** Whether a command's first line is an APPEND (`tag APPEND ...`): only APPEND carries messages. */
function isAppend(line: Buffer): boolean {
  const sp = line.indexOf(0x20);
  return sp > 0 && line.length >= sp + 8 && line.toString('latin1', sp + 1, sp + 8).toUpperCase() === 'APPEND ';
}

/**
 * RFC 9051 9: `literal = "{" number64 ["+"] "}" CRLF`, `literal8 = "~{" number64 ["+"] "}" CRLF`.
 * The header must end the line and lie outside a quoted string.
 */
export function findLiteralHeader(line: Buffer): LiteralHeader | null {
  let i = line.length - 1;
  if (i < 2 || line[i] !== 0x7d /* } */) return null;
  i--;
  let sync = true;
  if (line[i] === 0x2b /* + */) {
    sync = false;
    i--;
  }
  const digitsEnd = i + 1;
  while (i >= 0 && line[i] >= 0x30 && line[i] <= 0x39) i--;
  if (i < 0 || i + 1 === digitsEnd || line[i] !== 0x7b /* { */) return null;
  const digits = line.toString('latin1', i + 1, digitsEnd);
  let start = i;
  let binary = false;
  if (start > 0 && line[start - 1] === 0x7e /* ~ */) {
    binary = true;
    start--;
  }
  if (insideQuotes(line, start)) return null;
  const significant = digits.replace(/^0+(?=\d)/, '');
  const size = significant.length > 15 ? Infinity : Number(significant);
  return { start, digits, size, sync, binary };
}

/** Whether offset `end` of the line lies inside a quoted string (RFC 9051 9 `quoted`). */
function insideQuotes(line: Buffer, end: number): boolean {
  let inQuote = false;
  for (let i = 0; i < end; i++) {
    const c = line[i];
    if (inQuote) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22) inQuote = false;
    } else if (c === 0x22) {
      inQuote = true;
    }
  }
  return inQuote;
}

/** RFC 9051 9: `tag = 1*<any ASTRING-CHAR except "+">`; null when the line doesn't start with one. */
export function readTag(line: Buffer): string | null {
  let i = 0;
  while (i < line.length && isTagChar(line[i])) i++;
  if (i === 0 || (i < line.length && line[i] !== 0x20)) return null;
  return line.toString('latin1', 0, i);
}

/** ASTRING-CHAR (ATOM-CHAR or "]") except "+". */
export function isTagChar(c: number): boolean {
  return (isAtomChar(c) && c !== 0x2b) || c === 0x5d;
}

/**
 * RFC 9051 9: ATOM-CHAR = any CHAR except atom-specials, where atom-specials = "(" / ")" / "{" /
 * SP / CTL / "%" / "*" / DQUOTE / "\" / "]".
 */
export function isAtomChar(c: number): boolean {
  return c > 0x20 && c < 0x7f && c !== 0x28 && c !== 0x29 && c !== 0x7b && c !== 0x25 && c !== 0x2a && c !== 0x22 && c !== 0x5c && c !== 0x5d;
}
