// Keys, signing and DNS for the authentication tests: real keys from node:crypto, signatures made
// with mailauth's signer (the interop test uses python3-dkim instead), DNS answered by the test
// DNS server through our own cached resolver, as in production.
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { dkimSign } from '../../src/authentication/mailauth.js';
import { createResolver } from '../../src/dns/resolver.js';
import { startDnsServer, type TestDnsServer, type Zone } from '../helpers/dns-server.js';
import type { AuthenticateOptions } from '../../src/authentication/index.js';

export interface DkimKey {
  algorithm: 'rsa-sha256' | 'ed25519-sha256';
  privatePem: string;
  /** The TXT record to publish at <selector>._domainkey.<domain>. */
  txt: string;
}

export function rsaKey(bits = 2048): DkimKey {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: bits });
  const spki = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  return { algorithm: 'rsa-sha256', privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), txt: `v=DKIM1; k=rsa; p=${spki}` };
}

export function ed25519Key(): DkimKey {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  // RFC 8463 3: the raw 32-byte public key, not the SPKI structure.
  const raw = publicKey.export({ type: 'spki', format: 'der' }).subarray(-32).toString('base64');
  return { algorithm: 'ed25519-sha256', privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), txt: `v=DKIM1; k=ed25519; p=${raw}` };
}

/** The message with a DKIM-Signature from `domain` prepended. */
export async function sign(raw: string | Buffer, domain: string, selector: string, key: DkimKey, extra: Partial<Parameters<typeof dkimSign>[1]> = {}): Promise<Buffer> {
  const buf = Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
  const r = await dkimSign(buf, { canonicalization: 'relaxed/relaxed', signatureData: [{ signingDomain: domain, selector, privateKey: key.privatePem, algorithm: key.algorithm, ...extra }] } as Parameters<typeof dkimSign>[1]);
  if (r.errors.length) throw r.errors[0];
  if (!r.signatures.trim()) throw new Error('no signature made');
  return Buffer.concat([Buffer.from(r.signatures), buf]);
}

export function mail(o: { from: string; to?: string; subject?: string; body?: string; messageId?: string; headers?: string[] }): string {
  return [
    `From: ${o.from}`,
    `To: ${o.to ?? 'alice@mailcove.test'}`,
    `Subject: ${o.subject ?? 'hello'}`,
    `Message-ID: ${o.messageId ?? `<${crypto.randomUUID()}@test>`}`,
    'Date: Thu, 26 Nov 2026 10:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    ...(o.headers ?? []),
    '',
    o.body ?? 'Hello there.\r\nSecond line.',
    '',
  ].join('\r\n');
}

export interface TestDns {
  server: TestDnsServer;
  zone: Zone;
  resolver: AuthenticateOptions['resolver'];
  close(): Promise<void>;
}

/**
 * A real DNS server on loopback and our resolver in front of it, in mailauth's shape. Its cache is
 * off unless asked for, so tests may change the zone between checks.
 */
export async function testDns(zone: Zone = {}, o: { cache?: boolean } = {}): Promise<TestDns> {
  const server = await startDnsServer(zone);
  const resolver = createResolver({ servers: [server.address], timeoutMs: 1500, tries: 1, ...(o.cache ? {} : { cacheMaxTtlSec: 0 }) }).forMailauth();
  return { server, zone: server.zone, resolver, close: () => server.close() };
}

export const PYTHON = '/usr/bin/python3';

/** Why a Python module cannot be used here, or null when it can. */
export function pythonMissing(module: string): string | null {
  if (!fs.existsSync(PYTHON)) return `${PYTHON} not found`;
  try {
    execFileSync(PYTHON, ['-c', `import ${module}`], { stdio: 'pipe' });
    return null;
  } catch {
    return `${PYTHON} cannot import ${module} (Debian package python3-${module})`;
  }
}

/** YAML test suites, read through Debian's python3-yaml (no YAML parser among our npm packages). */
export function loadYamlDocuments(file: string): unknown[] {
  const script = 'import json,sys,yaml\nprint(json.dumps(list(yaml.safe_load_all(open(sys.argv[1],"rb")))))';
  return JSON.parse(execFileSync(PYTHON, ['-c', script, file], { maxBuffer: 64 * 1024 * 1024 }).toString()) as unknown[];
}

/** Skip when a needed tool is missing, but never in CI, where it must be installed. */
export function requireOrSkip(reason: string | null): boolean {
  if (!reason) return true;
  if (process.env.CI) throw new Error(`${reason}: CI must install it`);
  console.log(`skipped: ${reason}`);
  return false;
}
