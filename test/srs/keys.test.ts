// The SRS secret: made once in the data folder (like the TLS certificate), kept across restarts,
// or taken from the configuration.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { ensureSrsSecret, SECRET_FILE, srsFor, srsSecrets } from '../../src/srs/keys.js';

const dirs: string[] = [];
function config(extra: Record<string, unknown> = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailcove-srs-'));
  dirs.push(dataDir);
  return configSchema.parse({ hostname: 'mx.example.test', dataDir, ...extra });
}

afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('SRS secret', () => {
  it('is generated on first start into <dataDir>/srs.secret (0600) and kept afterwards', async () => {
    const c = config();
    await ensureSrsSecret(c);
    const file = path.join(c.dataDir, SECRET_FILE);
    const first = fs.readFileSync(file, 'utf8').trim();
    expect(first.length).toBeGreaterThanOrEqual(40);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    await ensureSrsSecret(c);
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(first);
    // A restarted node (a new config object for the same folder) signs with the same secret.
    const again = configSchema.parse({ hostname: 'mx.example.test', dataDir: c.dataDir });
    expect(srsSecrets(again)).toEqual([first]);
  });

  it('is the same for concurrent starts on one folder', async () => {
    const c = config();
    await Promise.all(Array.from({ length: 8 }, () => ensureSrsSecret(c)));
    expect(fs.readdirSync(c.dataDir).filter((f) => f.startsWith(SECRET_FILE))).toEqual([SECRET_FILE]);
  });

  it('comes from srs.secret when configured (then no file is made), with previous secrets after it', async () => {
    const c = config({ srs: { secret: 'a configured secret value', previousSecrets: ['an older secret value'] } });
    await ensureSrsSecret(c);
    expect(fs.existsSync(path.join(c.dataDir, SECRET_FILE))).toBe(false);
    expect(srsSecrets(c)).toEqual(['a configured secret value', 'an older secret value']);
    const made = srsFor(c, () => 0).forward('bob@example.org', 'example.test');
    const rotated = config({ srs: { secret: 'the next secret value', previousSecrets: ['a configured secret value'] } });
    expect(made.ok && srsFor(rotated, () => 0).reverse(made.address)).toEqual({ ok: true, address: 'bob@example.org' });
  });

  it('refuses to run without one rather than invent a new secret silently', () => {
    const c = config();
    expect(() => srsSecrets(c)).toThrow(/srs\.secret cannot be read/);
  });

  it('rejects short configured secrets and bad SRS settings at load time', () => {
    expect(configSchema.safeParse({ srs: { secret: 'short' } }).success).toBe(false);
    expect(configSchema.safeParse({ srs: { maxAgeDays: 2000 } }).success).toBe(false);
    expect(configSchema.safeParse({ srs: { hashLength: 3 } }).success).toBe(false);
    expect(configSchema.safeParse({ srs: { domain: 'not a domain' } }).success).toBe(false);
    const d = configSchema.parse({});
    expect(d.srs).toEqual({ previousSecrets: [], maxAgeDays: 21, hashLength: 4 });
    expect(d.redirect).toEqual({ confirmDays: 7, maxLoopHeaders: 3 });
  });
});
