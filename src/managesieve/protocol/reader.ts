// Frames ManageSieve input into whole commands (RFC 5804 4): a command is one or more line
// segments, each but the last ending in a literal header `{n+}` (or `{n}`) followed by n octets.
// Pure code over bytes: push() what the socket gave, next() takes one frame when complete.
//
// Limits are checked before anything is buffered:
// - a segment (the text between literals) longer than maxLineBytes is fatal: we cannot know where
//   the command would end, so the session says BYE;
// - a literal is announced with its size: over what the command may carry (maxLiteralBytes, for
//   all literals of one command together) it is fatal when `fatalOversize` (not logged in: nothing
//   big is held for an anonymous client), otherwise its octets are counted and dropped as they
//   arrive, the rest of the command too, and the frame comes out as `oversized` (the session
//   answers NO (QUOTA/MAXSIZE)). RFC 5804 has no way to refuse a literal before it is sent: every
//   client literal is non-synchronizing, so `{n}` is read like `{n+}`, without a continuation.

export interface ReaderLimits {
  maxLineBytes: number;
  maxLiteralBytes: number;
  /** Over-size literals close the connection instead of being skipped. */
  fatalOversize: boolean;
}

/** One line segment and the literal that follows it, if its header ends the segment. */
export interface Segment {
  /** The segment's text without CRLF, literal header included. */
  text: Buffer;
  literal?: Buffer;
}

export type Frame =
  | { type: 'command'; segments: Segment[] }
  | { type: 'oversized'; announced: number }
  | { type: 'fatal'; message: string };

// `{123}` or `{123+}` at the very end of a segment.
const LITERAL_HEADER = /\{(\d{1,10})(\+?)\}$/;

export class FrameReader {
  private buf: Buffer = Buffer.alloc(0);
  private segments: Segment[] = [];
  /** Octets of literal data still to take (or drop) for the current segment. */
  private literalLeft = 0;
  private literalParts: Buffer[] = [];
  private literalTotal = 0;
  private dropping = false;
  private announced = 0;
  private failed = false;

  constructor(public limits: ReaderLimits) {}

  get bufferedBytes(): number {
    return this.buf.length + this.literalParts.reduce((n, b) => n + b.length, 0);
  }

  push(chunk: Buffer): void {
    if (this.failed) return;
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
  }

  /** Bytes received but not framed yet; dropped at STARTTLS (they were sent in plaintext). */
  takeBuffered(): Buffer {
    const rest = this.buf;
    this.buf = Buffer.alloc(0);
    this.segments = [];
    this.literalLeft = 0;
    this.literalParts = [];
    this.literalTotal = 0;
    this.dropping = false;
    return rest;
  }

  next(): Frame | null {
    while (!this.failed) {
      if (this.literalLeft > 0) {
        if (!this.buf.length) return null;
        const n = Math.min(this.literalLeft, this.buf.length);
        if (!this.dropping) this.literalParts.push(this.buf.subarray(0, n));
        this.buf = this.buf.subarray(n);
        this.literalLeft -= n;
        if (this.literalLeft > 0) return null;
        if (!this.dropping) {
          this.segments[this.segments.length - 1]!.literal = Buffer.concat(this.literalParts);
          this.literalParts = [];
        }
        continue;
      }
      const lf = this.buf.indexOf(0x0a);
      if (lf < 0) {
        if (this.buf.length > this.limits.maxLineBytes) return this.fail(`Line longer than ${this.limits.maxLineBytes} octets`);
        return null;
      }
      if (lf > this.limits.maxLineBytes) return this.fail(`Line longer than ${this.limits.maxLineBytes} octets`);
      const end = lf > 0 && this.buf[lf - 1] === 0x0d ? lf - 1 : lf;
      const text = Buffer.from(this.buf.subarray(0, end));
      this.buf = this.buf.subarray(lf + 1);
      const m = LITERAL_HEADER.exec(text.toString('latin1'));
      if (m) {
        const size = Number(m[1]);
        this.literalTotal += size;
        if (!this.dropping && this.literalTotal > this.limits.maxLiteralBytes) {
          if (this.limits.fatalOversize) return this.fail(`Literal of ${size} octets is too large here`);
          this.dropping = true;
          this.announced = size;
          this.segments = [];
        }
        if (!this.dropping) this.segments.push({ text });
        this.literalLeft = size;
        if (size === 0 && !this.dropping) this.segments[this.segments.length - 1]!.literal = Buffer.alloc(0);
        continue;
      }
      // The command ends here.
      const frame: Frame = this.dropping ? { type: 'oversized', announced: this.announced } : { type: 'command', segments: [...this.segments, { text }] };
      this.segments = [];
      this.literalTotal = 0;
      this.dropping = false;
      return frame;
    }
    return null;
  }

  private fail(message: string): Frame {
    this.failed = true;
    this.buf = Buffer.alloc(0);
    this.segments = [];
    this.literalParts = [];
    return { type: 'fatal', message };
  }
}
