// Two patches to mailauth 4.13, applied before its modules load (import mailauth only through
// ./mailauth.ts, which loads this first).
//
// 1. Correctness. mailauth 4.13's relaxed header canonicalization (RFC 6376 3.4.2) reads header bytes as latin1
// and collapses JavaScript's \s, which also matches byte A0 (the second byte of "à", "Р" and many
// CJK characters in UTF-8), VT and FF, and trims them: valid DKIM signatures and ARC seals over raw
// UTF-8 headers then fail (python3-dkim passes them). The RFC's rule is that only SP and HTAB are
// whitespace. mailauth's modules capture the function when they load, so this replaces it before
// they do.
//
// 2. Speed, same results. The DKIM message parser (the base of the verifier and the signer) looked
// for the end of the header block one byte at a time, copying a small array for every header byte
// (an eighth of all the memory a delivery allocated), and for bare LF line ends one byte at a time
// too: both now search with indexOf. Their exact behaviour, quirks included, is kept
// (test/authentication/mailauth-patch.test.ts runs them against the originals).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

type FormatRelaxedLine = (line: Buffer | string, suffix?: string) => Buffer;
const tools = require('mailauth/lib/tools.js') as { formatRelaxedLine: FormatRelaxedLine };

const relaxedLine: FormatRelaxedLine = (line, suffix) => {
  const text = line
    .toString('binary')
    .replace(/\r?\n/g, '') // unfold
    .replace(/^([^:]*):[ \t]*/, (_m, name: string) => `${name.toLowerCase().replace(/[ \t]+$/, '')}:`)
    .replace(/[ \t]+/g, ' ')
    .replace(/^[ \t]+|[ \t]+$/g, '');
  return Buffer.from(text + (suffix ?? ''), 'binary');
};

if (tools.formatRelaxedLine !== relaxedLine) {
  // Too late once the header canonicalizer has loaded: it kept the faulty function.
  const loaded = require.cache[require.resolve('mailauth/lib/dkim/header/relaxed.js')];
  if (loaded) throw new Error('mailauth was loaded before src/authentication/mailauth-patch.ts: import it through src/authentication/mailauth.ts');
  tools.formatRelaxedLine = relaxedLine;
}

interface ParserState {
  state: string;
  headers: unknown;
  headerChunks: Buffer[];
  lastByte?: number;
  /** The two bytes before the current chunk while in the header (the original kept the last four in stateBytes). */
  headerTail?: [number, number];
  messageHeaders(headers: unknown): Promise<void>;
  nextChunk(chunk: Buffer): Promise<void>;
}
type ProcessChunk = (this: ParserState, chunk: Buffer) => Promise<void>;
type EnsureLinebreaks = (this: ParserState, input: Buffer) => Generator<Buffer>;
const parserModule = require('mailauth/lib/dkim/message-parser.js') as { MessageParser: { prototype: object } };
const parseHeaders = (require('mailauth/lib/tools.js') as { parseHeaders: (buf: Buffer) => unknown }).parseHeaders;
const LF = 0x0a;
const CR = 0x0d;

/** The header block ends at an LF preceded by LF, or by CR LF. */
const processChunk: ProcessChunk = async function (chunk) {
  if (!chunk || !chunk.length) return;
  if (this.state === 'header') {
    const [before1, before2] = this.headerTail ?? [-1, -1];
    let end = -1;
    for (let i = chunk.indexOf(LF); i !== -1; i = chunk.indexOf(LF, i + 1)) {
      const b1 = i >= 1 ? chunk[i - 1] : before1;
      const b2 = i >= 2 ? chunk[i - 2] : i === 1 ? before1 : before2;
      if (b1 === LF || (b1 === CR && b2 === LF)) {
        end = i;
        break;
      }
    }
    if (end === -1) {
      this.headerTail = chunk.length >= 2 ? [chunk[chunk.length - 1], chunk[chunk.length - 2]] : [chunk[0], before1];
      this.headerChunks.push(chunk);
      return;
    }
    this.state = 'body';
    this.headerChunks.push(end === chunk.length - 1 ? chunk : chunk.slice(0, end + 1));
    this.headers = parseHeaders(Buffer.concat(this.headerChunks));
    await this.messageHeaders(this.headers);
    if (end === chunk.length - 1) return;
    chunk = chunk.slice(end + 1);
  }
  await this.nextChunk(chunk);
};

/**
 * Bare LF becomes CRLF, each such line emitted on its own. As in the original, `lastByte` is the
 * last byte that was not LF, so an LF right after a CRLF is left alone.
 */
const ensureLinebreaks: EnsureLinebreaks = function* (input) {
  let pos = 0;
  let from = 0;
  let last = this.lastByte;
  for (let i = input.indexOf(LF); i !== -1; i = input.indexOf(LF, from)) {
    if (i > from) last = input[i - 1];
    if (last !== CR) {
      yield i === 0 || pos === i ? Buffer.from('\r\n') : Buffer.concat([input.slice(pos, i), Buffer.from('\r\n')]);
      pos = i + 1;
    }
    from = i + 1;
  }
  if (from < input.length) last = input[input.length - 1];
  this.lastByte = last;
  if (pos === 0) yield input;
  else if (pos < input.length) yield input.slice(pos);
};

// The originals are kept on the prototype, so a second evaluation of this module (test runners)
// still finds them rather than the patched ones.
const ORIGINAL = Symbol.for('mailcove.mailauth.originalParser');
type ParserProto = { processChunk: ProcessChunk; ensureLinebreaks: EnsureLinebreaks; [ORIGINAL]?: { processChunk: ProcessChunk; ensureLinebreaks: EnsureLinebreaks } };
const proto = parserModule.MessageParser.prototype as ParserProto;
proto[ORIGINAL] ??= { processChunk: proto.processChunk, ensureLinebreaks: proto.ensureLinebreaks };
/** mailauth's own versions, for the test that compares them with ours. */
export const originalParser = proto[ORIGINAL];
proto.processChunk = processChunk;
proto.ensureLinebreaks = ensureLinebreaks;
