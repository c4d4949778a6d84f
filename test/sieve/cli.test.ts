// `mailcove sieve test|check` through the real command line.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const dir = tempDir('mailcove-sieve-cli-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
}

const message = file('m.eml', 'Return-Path: <alice@example.org>\r\nFrom: Alice <alice@example.org>\r\nTo: bob+news@example.com\r\nSubject: Weekly report\r\nMessage-ID: <1@example.org>\r\n\r\nHello\r\n');
const opts = { dataDir: dir };

describe('mailcove sieve check', () => {
  it('accepts a valid script', async () => {
    const r = await runCli(['sieve', 'check', file('ok.sieve', 'require "fileinto";\nfileinto "x";\n')], opts);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('script is valid\n');
  });
  it('refuses a broken one with line:col messages, exit 1', async () => {
    const bad = file('bad.sieve', 'require ["fileinto", "x-nope"];\nif header :is "subject" {\n  fileinto "x"\n}\n');
    const r = await runCli(['sieve', 'check', bad], opts);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`mailcove sieve check: ${bad}: 1 error\n3:15: missing ";" after the fileinto command\n`);
  });
  it('lists every validation error', async () => {
    const r = await runCli(['sieve', 'check', file('bad2.sieve', 'require "x-nope";\nfrob;\n')], opts);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('2 errors\n1:9: unknown capability "x-nope" in require\n2:1: unknown command "frob"\n');
  });
  it('exit 2 without a script', async () => {
    const r = await runCli(['sieve', 'check'], opts);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('usage: mailcove sieve check <script>');
  });
});

describe('mailcove sieve test', () => {
  const script = file(
    's.sieve',
    'require ["fileinto", "imap4flags", "envelope", "subaddress", "variables", "vacation"];\n' +
      'if envelope :detail :matches "to" "*" { fileinto :flags "\\\\Seen" "lists/${1}"; }\n' +
      'if header :contains "subject" "report" { redirect "boss@example.net"; }\n' +
      'vacation :subject "away" "Back on Monday.";\n',
  );
  it('prints the actions one per line', async () => {
    const r = await runCli(['sieve', 'test', script, message, '--envelope-to', 'bob+news@example.com'], opts);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      'store message in folder: lists/news; flags: \\Seen',
      'redirect message to: boss@example.net',
      'send vacation response to: alice@example.org; subject: away; seconds: 604800; handle: Back on Monday.away<default-from><NO-MIME>; reason: Back on Monday.',
      '',
    ]);
  });
  it('--trace shows what the script did first', async () => {
    const r = await runCli(['sieve', 'test', script, message, '--envelope-from', 'x@example.net', '--envelope-to', 'bob@example.com', '--trace'], opts);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# 2: envelope test: false\n# 3: header test: true\n# 3: redirect message to <boss@example.net>\n');
    expect(r.stdout).toContain('skip vacation response to: x@example.net');
  });
  it('a runtime error is shown with the implicit keep', async () => {
    const r = await runCli(['sieve', 'test', file('e.sieve', 'require "ihave";\nerror "nope";\n'), message], opts);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('error: 2:1: error: nope\nstore message in folder: INBOX; implicit keep\n');
  });
  it('--json gives the whole result', async () => {
    const r = await runCli(['sieve', 'test', file('k.sieve', 'keep;'), message, '--json'], opts);
    expect(JSON.parse(r.stdout)).toMatchObject({ actions: [{ type: 'keep', implicit: false, flags: null }], errors: [] });
  });
  it('a missing message file is refused', async () => {
    const r = await runCli(['sieve', 'test', script, path.join(dir, 'nope.eml')], opts);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot read message .*nope\.eml: ENOENT/);
  });
});
