// Hostile and broken input: nothing a script or a message contains may hang, crash or lose mail.
// Compile-time refusals carry a position; runtime limits end the run with implicit keep.
import { describe, expect, it } from 'vitest';
import { compile, formatDiagnostic, run, sieveMessage, type CompileOptions, type SieveResult } from '../../src/sieve/index.js';
import { compileRegex } from '../../src/sieve/regex.js';

const PLAIN = Buffer.from('From: a@example.org\r\nTo: b@example.com\r\nSubject: hello\r\nMessage-ID: <x@y>\r\n\r\nbody\r\n');

function compileOk(text: string, opts: CompileOptions = {}) {
  const c = compile(text, opts);
  if (c.errors) throw new Error(c.errors.map(formatDiagnostic).join('\n'));
  return c.script;
}

function runOn(text: string, raw: Buffer = PLAIN, opts: CompileOptions = {}): SieveResult {
  return run(compileOk(text, opts), sieveMessage(raw, { from: 'a@example.org', to: 'b@example.com' }));
}

function firstError(text: string, opts: CompileOptions = {}): string {
  const c = compile(text, opts);
  expect(c.errors, 'expected the script to be refused').toBeDefined();
  return formatDiagnostic(c.errors![0]!);
}

const IMPLICIT_KEEP = [{ type: 'keep', implicit: true, flags: null }];

function ms(fn: () => void): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

describe('include', () => {
  const scripts: Record<string, string> = {
    a: 'require "include"; include "b";',
    b: 'require "include"; include "a";',
    self: 'require "include"; include "self";',
    ok: 'require "fileinto"; fileinto "ok";',
  };
  for (let i = 0; i < 20; i++) scripts[`chain${i}`] = `require "include"; include "chain${i + 1}";`;
  scripts.chain20 = 'keep;';
  const include = { load: (name: string) => scripts[name] ?? null };

  it('refuses a loop with the chain in the message', () => {
    expect(firstError('require "include"; include "a";', { include })).toBe('b:1:20: include loop: personal:a → personal:b → personal:a');
  });
  it('refuses a script including itself', () => {
    expect(firstError('require "include"; include "self";', { include })).toBe('self:1:20: include loop: personal:self → personal:self');
  });
  it('refuses includes nested deeper than the limit', () => {
    expect(firstError('require "include"; include "chain0";', { include })).toMatch(/includes nested too deeply \(more than 10\)/);
  });
  it('refuses a missing script unless :optional', () => {
    expect(firstError('require "include"; include "nope";', { include })).toBe('1:28: included personal script "nope" does not exist');
    expect(runOn('require "include"; include :optional "nope";', PLAIN, { include }).actions).toEqual(IMPLICIT_KEEP);
  });
  it('reports errors of an included script under its name', () => {
    expect(firstError('require "include"; include "bad";', { include: { load: (n) => (n === 'bad' ? 'frob;' : null) } })).toBe('bad:1:1: unknown command "frob"');
  });
  it('lists what it included, for cache invalidation', () => {
    expect(compileOk('require "include"; include "ok"; include :global "ok";', { include }).includes).toEqual([
      { location: 'personal', name: 'ok' },
      { location: 'global', name: 'ok' },
    ]);
  });
});

describe('nesting and size', () => {
  it('refuses 100,000 nested blocks quickly, at the first level too deep', () => {
    const text = 'if true {'.repeat(100_000) + '}'.repeat(100_000);
    let err = '';
    expect(ms(() => (err = firstError(text)))).toBeLessThan(2000);
    expect(err).toBe('1:292: nesting too deep (more than 32 levels of blocks and tests)');
  });
  it('refuses deeply nested tests', () => {
    const text = 'if ' + 'not '.repeat(50_000) + 'true { keep; }';
    expect(firstError(text)).toMatch(/^1:\d+: nesting too deep/);
    const lists = 'if ' + 'anyof('.repeat(50_000) + 'true' + ')'.repeat(50_000) + ' { keep; }';
    expect(firstError(lists)).toMatch(/^1:\d+: nesting too deep/);
  });
  it('refuses a script over the size limit', () => {
    expect(firstError('#'.repeat(2 * 1024 * 1024))).toBe('1:1: script too large (2097152 bytes, at most 1048576)');
  });
  it('refuses more commands than the limit', () => {
    expect(firstError('keep;'.repeat(10_001))).toBe('1:50001: too many commands (more than 10000)');
  });
});

describe('actions over the limits end in implicit keep', () => {
  it('10,000 redirects: compiled, stopped at the fifth distinct one', () => {
    const text = Array.from({ length: 10_000 }, (_, i) => `redirect "user${i}@example.net";`).join('\n');
    const script = compileOk(text);
    let r!: SieveResult;
    expect(ms(() => (r = run(script, sieveMessage(PLAIN, { from: 'a@example.org', to: 'b@example.com' }))))).toBeLessThan(500);
    expect(r.actions).toEqual(IMPLICIT_KEEP);
    expect(r.errors.map(formatDiagnostic)).toEqual(['5:1: too many redirects (more than 4)']);
  });
  it('10,000 redirects to one address are one redirect', () => {
    const r = runOn('redirect "x@example.net";\n'.repeat(10_000));
    expect(r.actions).toEqual([{ type: 'redirect', address: 'x@example.net', copy: false }]);
  });
  it('more than 32 actions', () => {
    const text = 'require "fileinto";\n' + Array.from({ length: 40 }, (_, i) => `fileinto "f${i}";`).join('\n');
    const r = runOn(text);
    expect(r.actions).toEqual(IMPLICIT_KEEP);
    expect(r.errors[0]!.message).toBe('too many actions (more than 32)');
  });
  it('a step budget stops long runs', () => {
    const text = 'require "variables";\n' + 'if header :contains "subject" "x" { keep; }\n'.repeat(500);
    const r = runOn(text, PLAIN, { limits: { maxSteps: 200 } });
    expect(r.actions).toEqual(IMPLICIT_KEEP);
    expect(r.errors[0]!.message).toBe('script used more than 200 steps');
  });
  it('variables never grow past the size limit', () => {
    const text = 'require ["variables", "fileinto"]; set "a" "0123456789";' + ' set "a" "${a}${a}";'.repeat(40) + ' set :length "n" "${a}"; fileinto "${n}";';
    expect(runOn(text).actions).toEqual([{ type: 'fileinto', folder: '4096', copy: false, create: false, flags: null, specialUse: null }]);
  });
  it('header edits are bounded', () => {
    const text = 'require "editheader";\n' + 'addheader "X-A" "1";\n'.repeat(1200);
    const r = runOn(text);
    expect(r.actions).toEqual(IMPLICIT_KEEP);
    expect(r.errors[0]!.message).toBe('too many header edits (more than 1000)');
  });
  it('error (ihave) ends the run with the script\'s message', () => {
    const r = runOn('require ["ihave", "fileinto"]; fileinto "x"; error "no thanks";');
    expect(r.actions).toEqual(IMPLICIT_KEEP);
    expect(formatDiagnostic(r.errors[0]!)).toBe('1:46: error: no thanks');
  });
});

describe('regular expressions run in linear time', () => {
  const n = 200_000;
  const as = 'a'.repeat(n);
  const catastrophic = ['(a*)*b', '(a+)+b', '(a|aa)*c', '(a|a)*b', '(.*a){20}b', '(a?){30}a{30}b', '((a+)*)+$x'];
  for (const p of catastrophic) {
    it(`${p} on ${n} characters`, () => {
      const re = compileRegex(p, { icase: false, maxSize: 20_000 });
      let m: string[] | null = ['x'];
      const t = ms(() => (m = re.exec(as)));
      expect(m).toBeNull();
      expect(t).toBeLessThan(5000);
    });
  }
  it('doubling the input about doubles the time', () => {
    const re = compileRegex('(a*)*b', { icase: false, maxSize: 20_000 });
    re.exec(as.slice(0, 20_000));
    const t1 = ms(() => re.exec(as.slice(0, 50_000)));
    const t2 = ms(() => re.exec(as.slice(0, 100_000)));
    expect(t2 / Math.max(t1, 1)).toBeLessThan(4);
  });
  it('refuses patterns whose program is too large', () => {
    expect(firstError('require "regex"; if header :regex "s" "((((a{200}){200}){200}){200})" { keep; }')).toMatch(/regular expression too large/);
  });
  it('a catastrophic pattern in a script over a huge header ends in time', () => {
    const raw = Buffer.from(`Subject: ${'a'.repeat(500_000)}\r\n\r\nbody\r\n`);
    let r!: SieveResult;
    const t = ms(() => (r = runOn('require ["regex", "fileinto"]; if header :regex "subject" "(a*)*b" { fileinto "x"; }', raw)));
    expect(t).toBeLessThan(10_000);
    // Either it finished (no match: implicit keep) or the step budget stopped it (implicit keep too).
    expect(r.actions).toEqual(IMPLICIT_KEEP);
  });
});

describe('messages', () => {
  it('a 512 KB header field and 10,000 header fields (the MIME parser reads 1 MiB of header)', () => {
    const fields = Array.from({ length: 10_000 }, (_, i) => `X-F${i}: value ${i}\r\n`).join('');
    const raw = Buffer.from(`Subject: ${'x'.repeat(512 * 1024)}y\r\n${fields}\r\nbody\r\n`);
    let r!: SieveResult;
    const t = ms(() => (r = runOn('require "fileinto"; if header :contains "subject" "xy" { fileinto "big"; } if header :matches "x-f9999" "value *" { fileinto "last"; }', raw)));
    expect(t).toBeLessThan(3000);
    expect(r.actions.map((a) => (a.type === 'fileinto' ? a.folder : a.type))).toEqual(['big', 'last']);
  });
  it('a pathological :matches pattern over a long header is bounded', () => {
    const raw = Buffer.from(`Subject: ${'a'.repeat(20_000)}\r\n\r\nbody\r\n`);
    const r = runOn('if header :matches "subject" "*a*a*a*a*a*a*a*a*b" { discard; }', raw);
    expect(r.actions).toEqual(IMPLICIT_KEEP);
  });
  it('8-bit headers and bodies that are not UTF-8', () => {
    const raw = Buffer.concat([Buffer.from('Subject: caf'), Buffer.from([0xe9, 0xff, 0xfe]), Buffer.from('\r\nFrom: \xe9@x\r\n\r\n', 'latin1'), Buffer.from([0xc3, 0x28, 0xa0, 0xa1])]);
    const r = runOn('require ["fileinto", "body"]; if header :contains "subject" "caf" { fileinto "a"; } if body :contains "(" { fileinto "b"; } if address :all :contains "from" "@x" { fileinto "c"; }', raw);
    expect(r.errors).toEqual([]);
    expect(r.actions.map((a) => (a.type === 'fileinto' ? a.folder : a.type))).toEqual(['a', 'b', 'c']);
  });
  it('a message that is not a message at all', () => {
    for (const raw of [Buffer.alloc(0), Buffer.from('\r\n\r\n'), Buffer.from('no colon here\r\n'), Buffer.from([0, 1, 2, 3, 255])]) {
      const r = runOn('require ["body", "envelope"]; if anyof (header :contains "subject" "x", body :contains "x", address :is "from" "x", exists "to") { discard; }', raw);
      expect(r.actions).toEqual(IMPLICIT_KEEP);
    }
  });
  it('a MIME bomb of nested multiparts is walked within its limits', () => {
    let raw = 'Content-Type: text/plain\r\n\r\nleaf\r\n';
    for (let i = 0; i < 60; i++) raw = `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n${raw}\r\n--b${i}--\r\n`;
    const r = runOn('require ["foreverypart", "mime", "body", "fileinto"]; foreverypart { if header :mime :type "content-type" "text" { fileinto "found"; } } if body :contains "leaf" { discard; }', Buffer.from('Subject: x\r\n' + raw));
    expect(r.errors).toEqual([]);
  });
});
