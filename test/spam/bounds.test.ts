// Hostile and broken input: bounded time, a result every time, never an exception.
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../src/mime/index.js';
import { classify, messageTokens, type ClassifyContext, type ClassifyMessage } from '../../src/spam/index.js';
import { MAX_TOKENS } from '../../src/spam/tokenize.js';
import { message, RECEIVED_AT, shipped } from './helpers.js';

const ctx: ClassifyContext = { source: 'mx', recipient: 'alice@lakeside-studio.ch', receivedAt: RECEIVED_AT };
const HEAD = 'From: X <x@example.org>\r\nTo: alice@lakeside-studio.ch\r\nSubject: test\r\nDate: Fri, 10 May 2024 09:58:00 +0000\r\nMessage-ID: <b@example.org>\r\nMIME-Version: 1.0\r\n';

/** Classify with the real models, returning the result and the milliseconds it took (parse excluded). */
function timed(m: ClassifyMessage) {
  const t0 = performance.now();
  const c = classify(m, ctx, shipped());
  return { c, ms: performance.now() - t0 };
}

function raw(headers: string, body: string | Buffer): ClassifyMessage {
  return message(Buffer.concat([Buffer.from(HEAD + headers + '\r\n'), Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1')]));
}

describe('bounded work', () => {
  it('a 30 MB message: only a prefix is read', () => {
    const line = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor\r\n';
    const m = raw('Content-Type: text/plain\r\n', line.repeat(Math.ceil((30 * 1024 * 1024) / line.length)));
    const { c, ms } = timed(m);
    expect(c.error).toBeUndefined();
    expect(c.truncated.join()).toMatch(/first 1048576 bytes read/);
    expect(ms).toBeLessThan(3000);
  });

  it('a million distinct words: tokens are capped', () => {
    const words = Array.from({ length: 1_000_000 }, (_, i) => 'w' + i.toString(36)).join(' ');
    const m = raw('Content-Type: text/plain\r\n', words);
    const t0 = performance.now();
    const tok = messageTokens(m);
    expect(tok.tokens.length).toBeLessThanOrEqual(MAX_TOKENS);
    const { c, ms } = timed(m);
    expect(c.error).toBeUndefined();
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(ms).toBeLessThan(2000);
  });

  it('multipart nested 5,000 deep', () => {
    let body = 'innermost\r\n';
    for (let i = 0; i < 5000; i++) body = `--b${i}\r\nContent-Type: multipart/mixed; boundary="b${i - 1}"\r\n\r\n${body}\r\n--b${i}--\r\n`;
    const m = raw('Content-Type: multipart/mixed; boundary="b4999"\r\n', body);
    const { c, ms } = timed(m);
    expect(c.error).toBeUndefined();
    expect(ms).toBeLessThan(2000);
  });

  it('20,000 parts', () => {
    const parts = Array.from({ length: 20000 }, (_, i) => `--p\r\nContent-Type: text/plain\r\n\r\npart ${i}\r\n`).join('') + '--p--\r\n';
    const m = raw('Content-Type: multipart/mixed; boundary="p"\r\n', parts);
    const { c, ms } = timed(m);
    expect(c.error).toBeUndefined();
    expect(c.truncated.join()).toMatch(/more than 200 parts/);
    expect(ms).toBeLessThan(2000);
  });

  it('HTML built to hurt: 100,000 nested elements, runaway quotes, one huge text run', () => {
    const html = '<div>'.repeat(100_000) + '<a href="x' + 'y'.repeat(200_000) + '<p style="color:#fff' + 'z'.repeat(500_000);
    const m = raw('Content-Type: text/html; charset=utf-8\r\n', html);
    const { c, ms } = timed(m);
    expect(c.error).toBeUndefined();
    expect(ms).toBeLessThan(2000);
  });

  it('50,000 header fields', () => {
    const m = message(Buffer.from(HEAD + 'X-Junk: a b c d e f\r\n'.repeat(50_000) + 'Content-Type: text/plain\r\n\r\nhello\r\n'));
    const { c, ms } = timed(m);
    expect(c.error).toBeUndefined();
    expect(ms).toBeLessThan(2000);
  });
});

describe('broken input', () => {
  it('unknown and lying charsets, broken transfer encodings', () => {
    for (const [h, body] of [
      ['Content-Type: text/plain; charset="x-no-such-charset"\r\n', 'caf\xe9 na\xefve'],
      ['Content-Type: text/plain; charset=utf-8\r\n', '\xff\xfe\xc3\x28 broken utf-8 \xe2\x82'],
      ['Content-Type: text/html; charset=utf-7\r\n', '+ADw-script+AD4- hello'],
      ['Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n', '!!!! not base64 at all ****\r\n===='],
      ['Content-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n', '=ZZ=\r\n=4=\r\n=='],
      ['Content-Type: ;;;\r\nContent-Disposition: attachment; filename*=bogus\'\'%ZZ\r\n', 'x'],
    ] as const) {
      const c = classify(raw(h, body), ctx, shipped());
      expect(c.error, h).toBeUndefined();
    }
  });

  it('binary bodies', () => {
    let seed = 7;
    const bytes = Buffer.alloc(2 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24;
    for (const h of ['Content-Type: text/plain\r\n', 'Content-Type: application/octet-stream\r\n', '']) {
      const { c, ms } = timed(raw(h, bytes));
      expect(c.error).toBeUndefined();
      expect(ms).toBeLessThan(2000);
    }
  });

  it('empty, header-only and headerless messages', () => {
    for (const b of ['', '\r\n', 'Subject: only a header', 'no header at all, just text', '\0\0\0\0']) {
      const c = classify(message(Buffer.from(b, 'latin1')), ctx, shipped());
      expect(c.error).toBeUndefined();
      expect(['normal', 'spam']).toContain(c.type);
    }
  });

  it('an internal failure gives "not spam" with the error as reason instead of throwing', () => {
    const broken = { raw: Buffer.from('x'), parsed: {} as unknown as ReturnType<typeof parseMessage> };
    const c = classify(broken, ctx, shipped());
    expect(c.error).toMatch(/classifier error/);
    expect(c.spam).toMatchObject({ isSpam: false, score: 0, tags: ['CLASSIFIER_ERROR'] });
    expect(c.type).toBe('normal');
    expect(c.header).toMatch(/^no; score=0\.0; .*tags=CLASSIFIER_ERROR$/);
  });
});
