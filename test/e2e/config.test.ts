// `mailcove config check` and `mailcove serve` with a JSON config file and MAILCOVE_* overrides:
// valid input prints the effective values; a bad value exits 2 with a message naming the key,
// the value, what is allowed and where it came from (the file, or the environment variable).
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cleanEnv, ensureBuilt, freePort, ROOT, runCli, tempDir, type CliResult } from '../helpers/cli.js';

let base: string;
let n = 0;

beforeAll(() => {
  base = tempDir('mailcove-config-');
});

afterAll(() => {
  fs.rmSync(base, { recursive: true, force: true });
});

/** Writes a config file (an object as JSON, or raw text) and returns its path. */
function configFile(content: unknown): string {
  const file = path.join(base, `config-${++n}.json`);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

function check(opts: { file?: string; env?: Record<string, string>; json?: boolean; dataDir?: string }): Promise<CliResult> {
  const args = ['config', 'check', ...(opts.file ? ['--config', opts.file] : []), ...(opts.json ? ['--json'] : [])];
  return runCli(args, { dataDir: opts.dataDir ?? path.join(base, 'data'), env: opts.env });
}

/** A refused configuration: exit 2, the problems on stderr, and the same problems with --json. */
async function refused(opts: { file?: string; env?: Record<string, string> }): Promise<{ text: string; errors: string[] }> {
  const human = await check(opts);
  expect(human.code, `stdout: ${human.stdout}\nstderr: ${human.stderr}`).toBe(2);
  expect(human.stderr).toMatch(/^mailcove: invalid configuration:\n/);
  const json = await check({ ...opts, json: true });
  expect(json.code).toBe(2);
  const parsed = JSON.parse(json.stdout) as { ok: boolean; errors: string[] };
  expect(parsed.ok).toBe(false);
  expect(parsed.errors.length).toBeGreaterThan(0);
  for (const e of parsed.errors) expect(human.stderr).toContain(e);
  return { text: human.stderr, errors: parsed.errors };
}

describe('mailcove config check', { timeout: 60_000 }, () => {
  it('valid file plus environment: exit 0 and the effective values, environment over file, flags over both', async () => {
    const file = configFile({
      hostname: 'mail.example.com',
      dataDir: '/nonexistent/from-file',
      listen: { smtp: '127.0.0.1:2525', http: 'off' },
      smtp: { maxMessageSize: 1000000, maxRecipients: 50 },
      queue: { retryMinutes: [1, 2, 3] },
    });
    const dataDir = path.join(base, 'flag-data');
    const r = await check({
      file,
      json: true,
      dataDir,
      env: {
        MAILCOVE_DATA_DIR: '/nonexistent/from-env',
        MAILCOVE_LISTEN_SMTP: '[::1]:2626',
        MAILCOVE_SMTP__MAX_MESSAGE_SIZE: '2000000',
        MAILCOVE_LOG_LEVEL: 'debug',
        MAILCOVE_DNS_SERVERS: '127.0.0.1:5353, 9.9.9.9',
        MAILCOVE_QUEUE__BLOCK_LOCAL_ADDRESSES: 'false',
      },
    });
    expect(r.code, r.stderr).toBe(0);
    const { ok, config } = JSON.parse(r.stdout);
    expect(ok).toBe(true);
    expect(config.hostname).toBe('mail.example.com'); // file
    expect(config.dataDir).toBe(dataDir); // --data-dir beats env and file
    expect(config.listen).toMatchObject({ smtp: '[::1]:2626', http: 'off', submission: '0.0.0.0:2587' }); // env, file, default
    expect(config.smtp).toMatchObject({ maxMessageSize: 2000000, maxRecipients: 50, maxConnections: 1000 });
    expect(config.log.level).toBe('debug');
    expect(config.dns.servers).toEqual(['127.0.0.1:5353', '9.9.9.9']);
    expect(config.queue).toMatchObject({ retryMinutes: [1, 2, 3], blockLocalAddresses: false, remotePort: 25 });
    // config check only reads: it creates no data directory.
    expect(fs.existsSync(dataDir)).toBe(false);

    const human = await check({ file, dataDir, env: { MAILCOVE_SMTP__MAX_MESSAGE_SIZE: '2000000' } });
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^configuration is valid\n/);
    expect(JSON.parse(human.stdout.slice(human.stdout.indexOf('{'))).smtp.maxMessageSize).toBe(2000000);
  });

  it('no file at all gives working defaults; MAILCOVE_CONFIG names the file too', async () => {
    const r = await check({ json: true });
    expect(r.code, r.stderr).toBe(0);
    const { config } = JSON.parse(r.stdout);
    expect(config.listen.smtp).toBe('0.0.0.0:2525');
    expect(config.smtp.maxMessageSize).toBe(25 * 1024 * 1024);
    expect(path.isAbsolute(config.dataDir)).toBe(true);

    const file = configFile({ hostname: 'via-env.example.com' });
    const viaEnv = await check({ json: true, env: { MAILCOVE_CONFIG: file } });
    expect(viaEnv.code, viaEnv.stderr).toBe(0);
    expect(JSON.parse(viaEnv.stdout).config.hostname).toBe('via-env.example.com');
  });

  it('MAILCOVE_LISTEN_SMTP=nonsense: exit 2 naming the key, the value, the variable and the allowed form', async () => {
    const { text, errors } = await refused({ file: configFile({}), env: { MAILCOVE_LISTEN_SMTP: 'nonsense' } });
    expect(text).toContain('listen.smtp = "nonsense" (from MAILCOVE_LISTEN_SMTP): host:port (for example 0.0.0.0:2525) or "off"');
    // One problem, one message: not also a confusing "port must be 0-65535" for a value that has no port.
    expect(errors).toEqual(['listen.smtp = "nonsense" (from MAILCOVE_LISTEN_SMTP): host:port (for example 0.0.0.0:2525) or "off"']);
    const port = await refused({ env: { MAILCOVE_LISTEN_IMAP: '127.0.0.1:70000' } });
    expect(port.errors).toEqual(['listen.imap = "127.0.0.1:70000" (from MAILCOVE_LISTEN_IMAP): port must be 0-65535']);
  });

  it('a bad value in the file: exit 2 naming the key, the value, the file and what is allowed', async () => {
    const file = configFile({ smtp: { maxMessageSize: -1 } });
    const { errors } = await refused({ file });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('smtp.maxMessageSize = -1');
    expect(errors[0]).toContain(`(in ${file})`);
    expect(errors[0]).toMatch(/>\s*0/); // what is allowed: more than 0

    const typed = await refused({ file: configFile({ queue: { retryMinutes: 'often' }, log: { level: 'loud' } }) });
    expect(typed.errors).toHaveLength(2);
    expect(typed.text).toMatch(/queue\.retryMinutes = "often" \(in .*\): .*expected array/);
    expect(typed.text).toMatch(/log\.level = "loud" \(in .*\): .*"fatal"\|"error"\|"warn"\|"info"\|"debug"\|"trace"\|"silent"/);
  });

  it('a bad value from the environment names the variable', async () => {
    const size = await refused({ file: configFile({ smtp: { maxMessageSize: 1000 } }), env: { MAILCOVE_SMTP__MAX_MESSAGE_SIZE: 'abc' } });
    expect(size.errors).toEqual([expect.stringMatching(/^smtp\.maxMessageSize = "abc" \(from MAILCOVE_SMTP__MAX_MESSAGE_SIZE\): .*expected number/)]);
    const level = await refused({ env: { MAILCOVE_LOG_LEVEL: 'loud' } });
    expect(level.errors[0]).toMatch(/^log\.level = "loud" \(from MAILCOVE_LOG_LEVEL\): .*"info"/);
    const host = await refused({ env: { MAILCOVE_HOSTNAME: 'not a host' } });
    expect(host.errors[0]).toMatch(/^hostname = "not a host" \(from MAILCOVE_HOSTNAME\): a DNS hostname such as mail\.example\.com/);
    // An element of a list given in one variable: still that variable.
    const dns = await refused({ env: { MAILCOVE_DNS_SERVERS: '1.2.3.4,not-an-ip' } });
    expect(dns.errors).toEqual(['dns.servers.1 = "not-an-ip" (from MAILCOVE_DNS_SERVERS): an IP address, optionally with :port']);
    const listener = await refused({ env: { MAILCOVE_LISTEN_POP3: '127.0.0.1:110' } });
    expect(listener.errors).toEqual(['MAILCOVE_LISTEN_POP3: unknown listener "pop3"; allowed: smtp, submission, submissions, imap, imaps, managesieve, http']);
  });

  it('an unknown key: exit 2 naming the key, its value and the keys allowed there', async () => {
    const file = configFile({ smtp: { maxMesageSize: 5 }, bogus: true });
    const { errors } = await refused({ file });
    expect(errors).toHaveLength(2);
    const inSmtp = errors.find((e) => e.includes('smtp.maxMesageSize'));
    expect(inSmtp, errors.join('\n')).toBeDefined();
    expect(inSmtp).toContain('= 5');
    expect(inSmtp).toContain(`(in ${file})`);
    expect(inSmtp).toMatch(/allowed: .*maxMessageSize/);
    const top = errors.find((e) => /^bogus\b/.test(e));
    expect(top, errors.join('\n')).toBeDefined();
    expect(top).toContain('= true');
    expect(top).toMatch(/allowed: .*hostname.*listen.*smtp/);

    // From the environment (the generic MAILCOVE_SECTION__KEY form): the variable is named.
    const env = await refused({ env: { MAILCOVE_SMTP__MAX_MESAGE_SIZE: '5' } });
    expect(env.errors).toHaveLength(1);
    expect(env.errors[0]).toContain('smtp.maxMesageSize');
    expect(env.errors[0]).toContain('MAILCOVE_SMTP__MAX_MESAGE_SIZE');
    expect(env.errors[0]).toMatch(/allowed: .*maxMessageSize/);
  });

  it('invalid JSON, a non-object or a missing file: exit 2 naming the file', async () => {
    const broken = configFile('{ "smtp": { "maxMessageSize": 10 ');
    const a = await refused({ file: broken });
    expect(a.errors).toEqual([expect.stringMatching(new RegExp(`^config file ${broken}: not valid JSON: `))]);
    const arr = configFile('[1, 2]');
    expect((await refused({ file: arr })).errors[0]).toContain(`config file ${arr}: not valid JSON: the top level must be an object`);
    const missing = path.join(base, 'no-such-config.json');
    expect((await refused({ file: missing })).errors[0]).toMatch(new RegExp(`^config file ${missing}: ENOENT`));
  });
});

describe('mailcove serve with a bad configuration', { timeout: 60_000 }, () => {
  /** Runs serve to completion while trying to connect to `port` the whole time. */
  async function serveRefused(env: Record<string, string>, args: string[], port: number) {
    ensureBuilt();
    const child = spawn(process.execPath, [BIN, 'serve', ...args], { cwd: ROOT, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    let exited = false;
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => ((exited = true), resolve(code))));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    let connected = 0;
    while (!exited) {
      connected += await new Promise<number>((resolve) => {
        const s = net.connect({ port, host: '127.0.0.1' });
        s.once('connect', () => (s.destroy(), resolve(1)));
        s.once('error', () => resolve(0));
      });
      await new Promise((r) => setTimeout(r, 10));
    }
    clearTimeout(timer);
    return { code: await exit, stdout, stderr, connected };
  }

  it('exits 2 before opening storage or any listener', async () => {
    const dataDir = path.join(base, 'serve-data');
    const port = await freePort();
    const file = configFile({ smtp: { maxMessageSize: -1 } });
    const r = await serveRefused(
      { MAILCOVE_LISTEN_SMTP: `127.0.0.1:${port}`, MAILCOVE_LISTEN_SUBMISSION: 'off', MAILCOVE_LISTEN_SUBMISSIONS: 'off' },
      ['--config', file, '--data-dir', dataDir],
      port,
    );
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('invalid configuration');
    expect(r.stderr).toContain('smtp.maxMessageSize = -1');
    expect(r.connected).toBe(0);
    expect(fs.existsSync(dataDir)).toBe(false);

    const env = await serveRefused({ MAILCOVE_LISTEN_SMTP: 'nonsense', MAILCOVE_LISTEN_SUBMISSION: `127.0.0.1:${port}` }, ['--data-dir', dataDir], port);
    expect(env.code, env.stderr).toBe(2);
    expect(env.stderr).toContain('listen.smtp = "nonsense" (from MAILCOVE_LISTEN_SMTP)');
    expect(env.connected).toBe(0);
    expect(fs.existsSync(dataDir)).toBe(false);
  });
});
