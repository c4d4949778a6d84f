import { describe, expect, it } from 'vitest';
import { CommandReader, findLiteralHeader } from '../../../src/imap/protocol/reader.js';
import { feed, plain, randomChunks, rng } from './helpers.js';

const cmd = (segments: string[], literals: Array<{ data: string; binary?: boolean; sync?: boolean }> = []) => ({
  type: 'command',
  segments,
  literals: literals.map((l) => ({ data: l.data, binary: l.binary ?? false, sync: l.sync ?? true })),
});

describe('CommandReader: lines', () => {
  it('splits commands at CRLF, several per chunk, and keeps a partial one for later', () => {
    const events = feed(['a001 NOOP\r\na002 CAPA', 'BILITY\r', '\na003 LOGOUT\r\n']);
    expect(events).toMatchObject([cmd(['a001 NOOP']), cmd(['a002 CAPABILITY']), cmd(['a003 LOGOUT'])]);
  });

  it('tolerates a bare LF and ignores empty lines between commands', () => {
    expect(feed(['\r\nA1 NOOP\n\r\n\nA2 NOOP\r\n'])).toMatchObject([cmd(['A1 NOOP']), cmd(['A2 NOOP'])]);
  });

  it('returns nothing until a line is complete', () => {
    const r = new CommandReader();
    r.push(Buffer.from('A1 NO'));
    expect(r.next()).toBeNull();
    r.push(Buffer.from('OP\r\n'));
    expect(plain(r.next()!)).toMatchObject(cmd(['A1 NOOP']));
    expect(r.next()).toBeNull();
    expect(r.atCommandBoundary).toBe(true);
  });
});

describe('CommandReader: literals (RFC 9051 4.3, RFC 7888, RFC 3516)', () => {
  it('asks for a continuation at each synchronising literal, and reads its bytes unscanned', () => {
    const events = feed(['A001 LOGIN {5}\r\n', 'smith {6}\r\n', 'sesame\r\n']);
    expect(events).toEqual([
      { type: 'continue', size: 5, binary: false },
      { type: 'continue', size: 6, binary: false },
      { ...cmd(['A001 LOGIN ', ' ', ''], [{ data: 'smith' }, { data: 'sesame' }]), size: 35 },
    ]);
  });

  it('reads a non-synchronising literal without a continuation (RFC 7888 example)', () => {
    const events = feed(['A001 LOGIN {11+}\r\nFRED FOOBAR {7+}\r\nfat man\r\n']);
    expect(events).toMatchObject([cmd(['A001 LOGIN ', ' ', ''], [{ data: 'FRED FOOBAR', sync: false }, { data: 'fat man', sync: false }])]);
  });

  it('treats CRLF and commands inside a literal as data', () => {
    const msg = 'Subject: x\r\n\r\nA2 LOGOUT\r\n';
    const events = feed([`A1 APPEND INBOX {${msg.length}+}\r\n${msg}\r\nA3 NOOP\r\n`]);
    expect(events).toMatchObject([cmd(['A1 APPEND INBOX ', ''], [{ data: msg, sync: false }]), cmd(['A3 NOOP'])]);
  });

  it('marks literal8 ~{n} as binary, with NUL allowed', () => {
    const events = feed(['A1 APPEND INBOX ~{3}\r\n', 'a\0b\r\n']);
    expect(events).toMatchObject([{ type: 'continue', size: 3, binary: true }, cmd(['A1 APPEND INBOX ', ''], [{ data: 'a\0b', binary: true }])]);
  });

  it('accepts {0} and leading zeros', () => {
    expect(feed(['A1 LOGIN {0}\r\n {003}\r\n', 'abc\r\n'])).toMatchObject([
      { type: 'continue', size: 0 },
      { type: 'continue', size: 3 },
      cmd(['A1 LOGIN ', ' ', ''], [{ data: '' }, { data: 'abc' }]),
    ]);
  });

  it('does not take a {n} inside a quoted string for a literal', () => {
    expect(feed(['A1 LOGIN "a {5}"\r\n'])).toMatchObject([cmd(['A1 LOGIN "a {5}"'])]);
    // An unterminated quoted string ending in "{5}": a (malformed) command, not a literal to wait for.
    expect(feed(['A1 LOGIN x "a {5}\r\n'])).toMatchObject([cmd(['A1 LOGIN x "a {5}'])]);
    expect(feed(['A1 LOGIN x "a\\" {5}\r\n'])).toMatchObject([cmd(['A1 LOGIN x "a\\" {5}'])]);
    expect(feed(['A1 LOGIN "a\\" {5}"\r\n'])).toMatchObject([cmd(['A1 LOGIN "a\\" {5}"'])]);
    expect(feed(['A1 LOGIN "a\\\\" {1}\r\n', 'x\r\n'])).toMatchObject([{ type: 'continue', size: 1 }, cmd(['A1 LOGIN "a\\\\" ', ''], [{ data: 'x' }])]);
    expect(findLiteralHeader(Buffer.from('A1 X {}'))).toBeNull();
    expect(findLiteralHeader(Buffer.from('A1 X {1a}'))).toBeNull();
  });

  it('refuses {4000000000} from the header alone, before reading any data, then goes on', () => {
    const r = new CommandReader();
    r.push(Buffer.from('A1 APPEND INBOX {4000000000}\r\n'));
    const ev = r.next();
    expect(ev?.type).toBe('error');
    if (ev?.type !== 'error') return;
    expect(ev.error.message).toBe('Literal too large: 4000000000 > 52428800');
    expect(ev.error.tag).toBe('A1');
    expect(ev.error.code).toBe('TOOBIG');
    expect(ev.error.fatal).toBe(false);
    // The client got no "+", so it sends no data: the next line is a new command.
    r.push(Buffer.from('A2 NOOP\r\n'));
    expect(plain(r.next()!)).toMatchObject(cmd(['A2 NOOP']));
  });

  it('names the size as written, even when it is not a safe number', () => {
    const events = feed(['A1 APPEND INBOX {99999999999999999999999}\r\n']);
    expect(events).toMatchObject([{ type: 'error', message: 'Literal too large: 99999999999999999999999 > 52428800', fatal: false }]);
  });

  it('closes the connection for an over-size non-synchronising literal it cannot reasonably skip', () => {
    const events = feed(['A1 APPEND INBOX {4000000000+}\r\n', 'xxxx', 'A2 NOOP\r\n']);
    expect(events).toEqual([{ type: 'error', message: 'Literal too large: 4000000000 > 52428800', tag: 'A1', code: 'TOOBIG', fatal: true }]);
  });

  it('LITERAL-: refuses {n+} over 4096, skips its bytes and the rest of the command, then goes on', () => {
    const big = 'x'.repeat(5000);
    const events = feed([`A1 APPEND INBOX {5000+}\r\n${big.slice(0, 100)}`, `${big.slice(100)} {3+}\r\nabc rest\r\nA2 NOOP\r\n`], {
      literalMode: 'LITERAL-',
    });
    expect(events).toEqual([
      {
        type: 'error',
        message: 'Non-synchronizing literal too large: 5000 > 4096 (LITERAL-, RFC 7888)',
        tag: 'A1',
        code: 'TOOBIG',
        fatal: false,
      },
      expect.objectContaining(cmd(['A2 NOOP'])),
    ]);
    expect(feed([`A1 APPEND INBOX {4096+}\r\n${'y'.repeat(4096)}\r\n`], { literalMode: 'LITERAL-' })).toMatchObject([
      cmd(['A1 APPEND INBOX ', ''], [{ data: 'y'.repeat(4096), sync: false }]),
    ]);
  });

  it('gives literals of commands other than APPEND a small limit (maxArgumentLiteral)', () => {
    expect(feed(['A1 LOGIN {65537}\r\n'])).toMatchObject([{ type: 'error', message: 'Literal too large: 65537 > 65536', code: 'TOOBIG', fatal: false }]);
    expect(feed(['A1 LOGIN {65536}\r\n'])).toMatchObject([{ type: 'continue', size: 65536 }]);
    expect(feed(['A1 UID SEARCH TEXT {100000}\r\n'])).toMatchObject([{ type: 'error', message: 'Literal too large: 100000 > 65536' }]);
    expect(feed(['A1 append INBOX {100000}\r\n'])).toMatchObject([{ type: 'continue', size: 100000 }]);
  });

  it('takes new limits between commands (e.g. a small literal limit before login)', () => {
    const r = new CommandReader({ maxLiteralSize: 1000 });
    r.push(Buffer.from('A1 APPEND INBOX {5000}\r\n'));
    expect(r.next()).toMatchObject({ type: 'error' });
    r.setLimits({ maxLiteralSize: 10_000 });
    r.push(Buffer.from('A2 APPEND INBOX {5000}\r\n'));
    expect(r.next()).toEqual({ type: 'continue', size: 5000, binary: false });
    expect(r.limits.maxCommandSize).toBeGreaterThanOrEqual(10_000);
  });

  it('refuses a command whose literals add up past maxCommandSize', () => {
    const events = feed(['A1 APPEND x {60}\r\n', 'a'.repeat(60) + ' {60}\r\n'], { maxLiteralSize: 100, maxCommandSize: 100, maxLineLength: 50 });
    expect(events).toMatchObject([{ type: 'continue', size: 60 }, { type: 'error', code: 'TOOBIG', message: 'Command too large: over 100 octets' }]);
  });
});

describe('CommandReader: line length', () => {
  it('stops an over-long line without buffering it, naming the tag, and closes', () => {
    const r = new CommandReader({ maxLineLength: 1000 });
    r.push(Buffer.from('A7 SEARCH ' + 'x'.repeat(600)));
    expect(r.next()).toBeNull();
    r.push(Buffer.from('x'.repeat(600)));
    const ev = r.next();
    expect(ev?.type === 'error' && ev.error).toMatchObject({ message: 'Line too long (over 1000 octets)', tag: 'A7', fatal: true });
    expect(r.closed).toBe(true);
    r.push(Buffer.from('\r\nA8 NOOP\r\n'));
    expect(r.next()).toBeNull();
  });

  it('counts every line of a command (literals excluded) against the limit', () => {
    const ok = feed([`A1 LOGIN {3}\r\n`, `abc ${'p'.repeat(80)}\r\n`], { maxLineLength: 100 });
    expect(ok.at(-1)).toMatchObject({ type: 'command' });
    const bad = feed([`A1 LOGIN {3}\r\n`, `abc ${'p'.repeat(95)}\r\n`], { maxLineLength: 100 });
    expect(bad.at(-1)).toMatchObject({ type: 'error', fatal: true, message: 'Line too long (over 100 octets)' });
  });

  it('accepts a line of exactly the limit', () => {
    const line = 'A1 NOOP ' + 'x'.repeat(92);
    expect(feed([line + '\r\n'], { maxLineLength: 100 })).toMatchObject([cmd([line])]);
    expect(feed([line + 'x\r\n'], { maxLineLength: 100 })).toMatchObject([{ type: 'error', fatal: true }]);
  });
});

describe('CommandReader: modes and layering', () => {
  it('IDLE: reads DONE (any case) after a pipelined IDLE, then commands again', () => {
    const r = new CommandReader();
    r.push(Buffer.from('A1 IDLE\r\ndone\r\nA2 NOOP\r\n'));
    expect(plain(r.next()!)).toMatchObject(cmd(['A1 IDLE']));
    r.setMode('idle');
    expect(r.next()).toEqual({ type: 'done' });
    expect(r.mode).toBe('command');
    expect(plain(r.next()!)).toMatchObject(cmd(['A2 NOOP']));
  });

  it('IDLE: anything but DONE is an error and ends IDLE', () => {
    const r = new CommandReader();
    r.setMode('idle');
    r.push(Buffer.from('A2 NOOP\r\n'));
    expect(plain(r.next()!)).toMatchObject({ type: 'error', message: 'Expected DONE to end IDLE', fatal: false });
    expect(r.mode).toBe('command');
  });

  it('AUTHENTICATE: hands over response lines until the session switches back', () => {
    const r = new CommandReader();
    r.push(Buffer.from('A1 AUTHENTICATE LOGIN\r\ndXNlcg==\r\ncGFzcw==\r\nA2 NOOP\r\n'));
    expect(plain(r.next()!)).toMatchObject(cmd(['A1 AUTHENTICATE LOGIN']));
    r.setMode('authenticate');
    expect(r.next()).toEqual({ type: 'line', line: Buffer.from('dXNlcg==') });
    expect(r.next()).toEqual({ type: 'line', line: Buffer.from('cGFzcw==') });
    r.setMode('command');
    expect(plain(r.next()!)).toMatchObject(cmd(['A2 NOOP']));
  });

  it('STARTTLS: hands back the bytes pipelined after the command, so the session can drop them', () => {
    const r = new CommandReader();
    r.push(Buffer.from('A1 STARTTLS\r\nA2 LOGIN evil x\r\n'));
    expect(plain(r.next()!)).toMatchObject(cmd(['A1 STARTTLS']));
    expect(r.takeBuffered().toString()).toBe('A2 LOGIN evil x\r\n');
    expect(r.next()).toBeNull();
    expect(r.bufferedBytes).toBe(0);
  });

  it('STARTTLS: a partial line already read is handed back too', () => {
    const r = new CommandReader();
    r.push(Buffer.from('A1 STARTTLS\r\n'));
    expect(plain(r.next()!)).toMatchObject(cmd(['A1 STARTTLS']));
    r.push(Buffer.from('A2 LOG'));
    expect(r.next()).toBeNull(); // a session that read on anyway
    expect(r.takeBuffered().toString()).toBe('A2 LOG');
    r.push(Buffer.from('A3 NOOP\r\n'));
    expect(plain(r.next()!)).toMatchObject(cmd(['A3 NOOP']));
  });

  it('COMPRESS: the unread bytes go to the inflater and come back decompressed', async () => {
    const zlib = await import('node:zlib');
    const r = new CommandReader();
    const compressed = zlib.deflateRawSync(Buffer.from('A2 NOOP\r\n'));
    r.push(Buffer.concat([Buffer.from('A1 COMPRESS DEFLATE\r\n'), compressed.subarray(0, 3)]));
    expect(plain(r.next()!)).toMatchObject(cmd(['A1 COMPRESS DEFLATE']));
    const pending = r.takeBuffered();
    r.push(zlib.inflateRawSync(Buffer.concat([pending, compressed.subarray(3)])));
    expect(plain(r.next()!)).toMatchObject(cmd(['A2 NOOP']));
  });

  it('refuses a mode switch in the middle of a command', () => {
    const r = new CommandReader();
    r.push(Buffer.from('A1 LOGIN {3}\r\n'));
    r.next();
    expect(() => r.setMode('idle')).toThrow(/middle of a command/);
  });
});

describe('CommandReader: any chunking gives the same events (fuzz)', () => {
  const stream = Buffer.concat([
    Buffer.from('a001 LOGIN {5}\r\nsmith {6}\r\nsesame\r\n'),
    Buffer.from('a002 SELECT "a {3}"\r\n'),
    Buffer.from('a003 APPEND INBOX (\\Seen) {23+}\r\nSubject: hi\r\n\r\nbody\r\n..\r\n'),
    Buffer.from('a004 APPEND INBOX UTF8 (~{4}\r\n\0\r\n\xff)\r\n', 'latin1'),
    Buffer.from('\r\n'),
    Buffer.from('a005 APPEND INBOX {4000000000}\r\n'),
    Buffer.from('a006 SEARCH HEADER {7}\r\nSubject {2+}\r\nhi UNSEEN\r\n'),
    Buffer.from('a007 NOOP\n'),
  ]);
  const whole = feed([stream]);

  it('the reference run reads every command', () => {
    expect(whole.filter((e) => e.type === 'command')).toHaveLength(6);
    expect(whole.filter((e) => e.type === 'error')).toHaveLength(1);
    expect(whole.filter((e) => e.type === 'continue')).toHaveLength(4);
    expect(whole.find((e) => e.type === 'command' && e.segments[0].startsWith('a004'))).toMatchObject(
      cmd(['a004 APPEND INBOX UTF8 (', ')'], [{ data: '\0\r\n\xff', binary: true }]),
    );
  });

  it('byte by byte', () => {
    expect(feed(Array.from(stream, (b) => Buffer.from([b])))).toEqual(whole);
  });

  it('500 random chunkings', () => {
    const rand = rng(3501);
    for (let i = 0; i < 500; i++) {
      const chunks = randomChunks(stream, rand, 1 + Math.floor(rand() * 40));
      expect(feed(chunks)).toEqual(whole);
    }
  });
});
