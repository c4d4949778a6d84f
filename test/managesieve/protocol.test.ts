// The pure ManageSieve protocol layer: framing with its limits, the RFC 5804 grammar (commands from
// the RFC's own examples), and the response formatter. No sockets, no database.
import { describe, expect, it } from 'vitest';
import { FrameReader, ManageSieveParseError, parseCommand, parseSaslResponse, response, type Frame, type ReaderLimits } from '../../src/managesieve/protocol/index.js';

const LIMITS: ReaderLimits = { maxLineBytes: 2000, maxLiteralBytes: 1000, fatalOversize: false };

/** Every frame of `input`, fed in chunks of `chunk` octets (1: byte by byte). */
function frames(input: string | Buffer, chunk = 1 << 20, limits = LIMITS): Frame[] {
  const r = new FrameReader(limits);
  const b = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const out: Frame[] = [];
  for (let i = 0; i < b.length; i += chunk) {
    r.push(b.subarray(i, i + chunk));
    for (let f = r.next(); f; f = r.next()) out.push(f);
  }
  return out;
}

function command(input: string) {
  const f = frames(input);
  expect(f).toHaveLength(1);
  if (f[0]!.type !== 'command') throw new Error(`not a command: ${JSON.stringify(f[0])}`);
  return parseCommand(f[0].segments);
}

const parseError = (input: string) => {
  try {
    command(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ManageSieveParseError);
    return (e as Error).message;
  }
  throw new Error('no error');
};

describe('ManageSieve grammar (RFC 5804 examples)', () => {
  it('parses the commands of the RFC', () => {
    // 2.1
    // The RFC's example data isn't valid base64 (17 characters): it gets a NO as the RFC shows.
    expect(parseError('Authenticate "PLAIN" "QJIrweAPyo6Q1T9xu"\r\n')).toBe('Invalid base64 in SASL data');
    expect(command('Authenticate "PLAIN" "AGFsaWNlAHB3"\r\n')).toEqual({ name: 'AUTHENTICATE', mechanism: 'PLAIN', initialResponse: Buffer.from('\0alice\0pw') });
    expect(command('AUTHENTICATE "DIGEST-MD5"\r\n')).toEqual({ name: 'AUTHENTICATE', mechanism: 'DIGEST-MD5', initialResponse: null });
    // 2.3
    expect(command('HAVESPACE "myscript" 999999\r\n')).toEqual({ name: 'HAVESPACE', scriptName: 'myscript', size: 999999 });
    // 2.6
    const script = '#comment\r\nInvalidSieveCommand\r\n';
    expect(command(`Putscript "foo" {${script.length}+}\r\n${script}\r\n`)).toEqual({ name: 'PUTSCRIPT', scriptName: 'foo', script: Buffer.from(script) });
    // 2.7, 2.8, 2.9, 2.10, 2.11
    expect(command('Listscripts\r\n')).toEqual({ name: 'LISTSCRIPTS' });
    expect(command('Setactive "vacationscript"\r\n')).toEqual({ name: 'SETACTIVE', scriptName: 'vacationscript' });
    expect(command('Setactive ""\r\n')).toEqual({ name: 'SETACTIVE', scriptName: '' });
    expect(command('Getscript "myscript"\r\n')).toEqual({ name: 'GETSCRIPT', scriptName: 'myscript' });
    expect(command('Deletescript "foo"\r\n')).toEqual({ name: 'DELETESCRIPT', scriptName: 'foo' });
    expect(command('Renamescript "foo" "bar"\r\n')).toEqual({ name: 'RENAMESCRIPT', oldName: 'foo', newName: 'bar' });
    // 2.12, 2.15, 2.14.1
    expect(command('CheckScript {31+}\r\n#comment\r\nInvalidSieveCommand\r\n\r\n')).toMatchObject({ name: 'CHECKSCRIPT' });
    expect(command('NOOP "STARTTLS-SYNC-42"\r\n')).toEqual({ name: 'NOOP', tag: Buffer.from('STARTTLS-SYNC-42') });
    expect(command('NOOP\r\n')).toEqual({ name: 'NOOP', tag: null });
    expect(command('UNAUTHENTICATE\r\n')).toEqual({ name: 'UNAUTHENTICATE' });
    expect(command('StartTls\r\n')).toEqual({ name: 'STARTTLS' });
    expect(command('Logout\r\n')).toEqual({ name: 'LOGOUT' });
  });

  it('reads quoted strings with their two escapes, UTF-8 names and literals anywhere', () => {
    expect(command('GETSCRIPT "a\\"b\\\\c"\r\n')).toEqual({ name: 'GETSCRIPT', scriptName: 'a"b\\c' });
    expect(command('GETSCRIPT "Ferien\u00e9"\r\n')).toEqual({ name: 'GETSCRIPT', scriptName: 'Ferien\u00e9' });
    expect(command('RENAMESCRIPT {3+}\r\nabc {1}\r\nd\r\n')).toEqual({ name: 'RENAMESCRIPT', oldName: 'abc', newName: 'd' });
    expect(command('PUTSCRIPT "e" {0+}\r\n\r\n')).toEqual({ name: 'PUTSCRIPT', scriptName: 'e', script: Buffer.alloc(0) });
    // A literal may hold CRLF and braces, and end in what looks like a literal header.
    const tricky = 'keep;\r\n# {5+}\r\n';
    expect(command(`CHECKSCRIPT {${tricky.length}+}\r\n${tricky}\r\n`)).toEqual({ name: 'CHECKSCRIPT', script: Buffer.from(tricky) });
  });

  it('refuses malformed commands with a reason', () => {
    expect(parseError('\r\n')).toBe('Empty command');
    expect(parseError('"PUTSCRIPT"\r\n')).toBe('Expected a command name');
    expect(parseError('FROB "x"\r\n')).toBe('Unknown command FROB');
    expect(parseError('GETSCRIPT foo\r\n')).toBe('Expected a script name as a quoted string or a literal');
    expect(parseError('GETSCRIPT "foo" "bar"\r\n')).toBe('GETSCRIPT takes 1 argument');
    expect(parseError('GETSCRIPT "foo"bar\r\n')).toBe('Expected a space between arguments');
    expect(parseError('GETSCRIPT "foo\\n"\r\n')).toMatch(/^Invalid escape/);
    expect(parseError('GETSCRIPT "foo\r\n')).toBe('Unterminated quoted string');
    expect(parseError(`GETSCRIPT "${'a'.repeat(1025)}"\r\n`)).toBe('Quoted string longer than 1024 octets: use a literal');
    expect(parseError('HAVESPACE "x" 4294967296\r\n')).toMatch(/^Expected a number/);
    expect(parseError('HAVESPACE "x" 12a\r\n')).toMatch(/^Expected a number/);
    expect(parseError('AUTHENTICATE "PLAIN" "not base64!"\r\n')).toBe('Invalid base64 in SASL data');
    expect(parseError('RENAMESCRIPT {1+}\r\naX"b"\r\n')).toBe('Expected a space between arguments');
    expect(parseError('GETSCRIPT ("x")\r\n')).toBe('Invalid character in command');
  });

  it('refuses script names that are not UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from('GETSCRIPT {2+}\r\n'), Buffer.from([0xff, 0xfe]), Buffer.from('\r\n')]);
    const f = frames(bytes);
    expect(() => parseCommand((f[0] as Extract<Frame, { type: 'command' }>).segments)).toThrow('Script name is not valid UTF-8');
  });

  it('reads SASL responses: a string of base64, "*" cancels', () => {
    const seg = (s: string) => (frames(s)[0] as Extract<Frame, { type: 'command' }>).segments;
    expect(parseSaslResponse(seg('"AGFsaWNlAHB3"\r\n'))).toEqual({ cancel: false, data: Buffer.from('\0alice\0pw') });
    expect(parseSaslResponse(seg('{12+}\r\nAGFsaWNlAHB3\r\n'))).toEqual({ cancel: false, data: Buffer.from('\0alice\0pw') });
    expect(parseSaslResponse(seg('""\r\n'))).toEqual({ cancel: false, data: Buffer.alloc(0) });
    expect(parseSaslResponse(seg('"*"\r\n'))).toEqual({ cancel: true });
    expect(() => parseSaslResponse(seg('AGFsaWNl\r\n'))).toThrow('Expected the SASL response as one string');
  });
});

describe('ManageSieve framing and its limits', () => {
  it('frames the same commands whatever the chunking, with or without CR', () => {
    const input = 'NOOP\r\nPUTSCRIPT "s" {6+}\r\nkeep;\n\r\nLOGOUT\n';
    const whole = frames(input);
    expect(frames(input, 1)).toEqual(whole);
    expect(frames(input, 7)).toEqual(whole);
    expect(whole.map((f) => f.type === 'command' && parseCommand(f.segments).name)).toEqual(['NOOP', 'PUTSCRIPT', 'LOGOUT']);
  });

  it('reads {n} like {n+}: RFC 5804 clients never wait for a continuation', () => {
    expect(command('GETSCRIPT {3}\r\nabc\r\n')).toEqual({ name: 'GETSCRIPT', scriptName: 'abc' });
  });

  it('skips an over-size literal without buffering it, then goes on', () => {
    const r = new FrameReader(LIMITS);
    r.push(Buffer.from('PUTSCRIPT "s" {5000+}\r\n'));
    for (let i = 0; i < 5; i++) {
      r.push(Buffer.alloc(1000, 0x41));
      expect(r.next()).toBeNull();
      expect(r.bufferedBytes).toBe(0);
    }
    r.push(Buffer.from('\r\nNOOP\r\n'));
    expect(r.next()).toEqual({ type: 'oversized', announced: 5000 });
    expect(r.next()).toMatchObject({ type: 'command' });
  });

  it('counts every literal of a command against the limit', () => {
    const f = frames(`RENAMESCRIPT {600+}\r\n${'a'.repeat(600)} {600+}\r\n${'b'.repeat(600)}\r\nNOOP\r\n`);
    expect(f.map((x) => x.type)).toEqual(['oversized', 'command']);
  });

  it('is fatal for an over-size literal before login, and for an endless line', () => {
    expect(frames('AUTHENTICATE "PLAIN" {5000+}\r\n', 1 << 20, { ...LIMITS, fatalOversize: true })).toEqual([{ type: 'fatal', message: 'Literal of 5000 octets is too large here' }]);
    expect(frames('NOOP ' + 'x'.repeat(3000))).toEqual([{ type: 'fatal', message: 'Line longer than 2000 octets' }]);
    expect(frames('NOOP ' + 'x'.repeat(3000) + '\r\n')).toEqual([{ type: 'fatal', message: 'Line longer than 2000 octets' }]);
    // Nothing after a fatal error is read.
    const r = new FrameReader(LIMITS);
    r.push(Buffer.from('x'.repeat(3000)));
    expect(r.next()?.type).toBe('fatal');
    r.push(Buffer.from('NOOP\r\n'));
    expect(r.next()).toBeNull();
  });

  it('drops what was buffered at STARTTLS', () => {
    const r = new FrameReader(LIMITS);
    r.push(Buffer.from('STARTTLS\r\nAUTHENTICATE "PLAIN" "AGEAYg=="\r\n'));
    expect(r.next()).toMatchObject({ type: 'command' });
    expect(r.takeBuffered().toString()).toContain('AUTHENTICATE');
    expect(r.next()).toBeNull();
  });
});

describe('ManageSieve responses', () => {
  const s = (b: Buffer) => b.toString('utf8');
  it('formats OK/NO/BYE with codes and strings as the RFC shows', () => {
    expect(s(response.ok('Done', { tag: Buffer.from('STARTTLS-SYNC-42') }))).toBe('OK (TAG "STARTTLS-SYNC-42") "Done"\r\n');
    expect(s(response.no('Quota exceeded', 'QUOTA/MAXSIZE'))).toBe('NO (QUOTA/MAXSIZE) "Quota exceeded"\r\n');
    expect(s(response.no('There is no script by that name', 'NONEXISTENT'))).toBe('NO (NONEXISTENT) "There is no script by that name"\r\n');
    expect(s(response.bye('Too many connections', 'TRYLATER'))).toBe('BYE (TRYLATER) "Too many connections"\r\n');
    expect(s(response.ok())).toBe('OK\r\n');
    expect(s(response.ok('say "hi" \\o/'))).toBe('OK "say \\"hi\\" \\\\o/"\r\n');
    // Multi-line text (several validator errors) goes as a literal.
    expect(s(response.no('1:1: a\r\n2:1: b'))).toBe('NO {14}\r\n1:1: a\r\n2:1: b\r\n');
    expect(s(response.no('x'.repeat(1025)))).toBe(`NO {1025}\r\n${'x'.repeat(1025)}\r\n`);
  });

  it('formats capability, listing and script lines', () => {
    expect(s(response.capabilityLine('SASL', 'PLAIN LOGIN'))).toBe('"SASL" "PLAIN LOGIN"\r\n');
    expect(s(response.capabilityLine('STARTTLS'))).toBe('"STARTTLS"\r\n');
    expect(s(response.listLine('summer_script', false))).toBe('"summer_script"\r\n');
    expect(s(response.listLine('vacation_script', true))).toBe('"vacation_script" ACTIVE\r\n');
    expect(s(response.scriptLiteral('keep;\r\n'))).toBe('{7}\r\nkeep;\r\n\r\n');
    expect(s(response.challenge(Buffer.from('Password:')))).toBe('"UGFzc3dvcmQ6"\r\n');
    expect(s(response.challenge(Buffer.alloc(0)))).toBe('""\r\n');
  });
});
