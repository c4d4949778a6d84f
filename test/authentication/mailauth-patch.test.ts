// The DKIM message parser's header/body split and bare-LF repair are replaced by faster versions
// (src/authentication/mailauth-patch.ts): fed the same bytes in the same chunks, they must give
// exactly what mailauth's originals give, quirks included (an LF right after CRLF stays bare).
import { describe, expect, it } from 'vitest';
import { originalParser } from '../../src/authentication/mailauth-patch.js';
import '../../src/authentication/mailauth.js';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const patched = (require('mailauth/lib/dkim/message-parser.js') as { MessageParser: { prototype: typeof originalParser } }).MessageParser.prototype;

/** Runs a message through ensureLinebreaks and processChunk, chunk by chunk, as writeAsync does. */
async function split(impl: typeof originalParser, chunks: Buffer[]) {
  const out = { headers: [] as unknown[], body: [] as Buffer[] };
  const parser = {
    state: 'header',
    stateBytes: [] as number[],
    headers: false as unknown,
    headerChunks: [] as Buffer[],
    messageHeaders: async (h: unknown) => void out.headers.push(h),
    nextChunk: async (c: Buffer) => void out.body.push(Buffer.from(c)),
  };
  for (const chunk of chunks) {
    for (const part of impl.ensureLinebreaks.call(parser as never, chunk)) await impl.processChunk.call(parser as never, part);
  }
  return { headers: out.headers, headerChunks: Buffer.concat(parser.headerChunks), body: out.body.map((b) => b.toString('latin1')), state: parser.state };
}

const MESSAGES = [
  'From: a@b.test\r\nSubject: crlf\r\n\r\nbody line\r\nsecond  line \r\n',
  'From: a@b.test\nSubject: bare lf\n\nbody\nmore\n',
  'From: a@b.test\r\nSubject: mixed\n\r\nbody\r\n\nafter crlf an lf\n\n\n',
  'From: a@b.test\r\nX: y\r\n\r\n',
  'From: a@b.test\r\nX: no body at all',
  '\r\n\r\nheaderless',
  '\nstarts with lf\n\nbody',
  'From: a@b.test\r\n\r\n\r\n\r\nblank lines first\r\n',
  'From: a@b.test\r\nFolded: one\r\n two\r\n\r\n\r',
];

describe('mailauth parser patch', () => {
  it('splits header and body as the original does, whatever the chunk boundaries', async () => {
    let cases = 0;
    for (const text of MESSAGES) {
      const raw = Buffer.from(text, 'latin1');
      // One chunk, every split into two, and one byte at a time.
      const chunkings: Buffer[][] = [[raw], raw.length ? [...raw].map((b) => Buffer.from([b])) : []];
      for (let at = 1; at < raw.length; at++) chunkings.push([raw.subarray(0, at), raw.subarray(at)]);
      for (const chunks of chunkings) {
        expect(await split(patched, chunks), `${JSON.stringify(text)} in ${chunks.length} chunks`).toEqual(await split(originalParser, chunks));
        cases++;
      }
    }
    expect(cases).toBeGreaterThan(200);
  });

  it('is what mailauth uses', () => {
    expect(patched.processChunk).not.toBe(originalParser.processChunk);
    expect(patched.ensureLinebreaks).not.toBe(originalParser.ensureLinebreaks);
  });
});
