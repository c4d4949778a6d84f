// Interop: messages signed by an independent implementation, Debian's python3-dkim (dkimpy),
// with RSA-2048 and Ed25519 keys and both canonicalizations, verified by our DKIM path as pass;
// the same message altered after signing must not pass.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyDkim } from '../../src/authentication/dkim.js';
import { authenticate } from '../../src/authentication/index.js';
import { mail, PYTHON, pythonMissing, requireOrSkip, testDns, type TestDns } from './helpers.js';

// dkimpy: dkim.sign(message, selector, domain, privkey, canonicalize=..., signature_algorithm=...)
const SIGN = `
import sys, dkim
msg = sys.stdin.buffer.read()
sel, dom, keyfile, algo, canon = sys.argv[1:6]
key = open(keyfile, 'rb').read()
sig = dkim.sign(msg, sel.encode(), dom.encode(), key, canonicalize=tuple(c.encode() for c in canon.split('/')),
                signature_algorithm=algo.encode(), include_headers=[b'from', b'to', b'subject', b'date', b'message-id'], linesep=b'\\r\\n')
sys.stdout.buffer.write(sig)
`;

const haveDkimpy = requireOrSkip(pythonMissing('dkim'));

describe.runIf(haveDkimpy)('messages signed by python3-dkim', () => {
  let dir: string;
  let dns: TestDns;
  const keys: Record<string, { file: string }> = {};

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailcove-dkimpy-'));
    const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const ed = crypto.generateKeyPairSync('ed25519');
    // dkimpy reads RSA keys as PKCS#1 PEM and Ed25519 keys as the base64 32-byte seed (RFC 8463).
    fs.writeFileSync(path.join(dir, 'rsa.key'), rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }));
    fs.writeFileSync(path.join(dir, 'ed.key'), ed.privateKey.export({ type: 'pkcs8', format: 'der' }).subarray(-32).toString('base64'));
    keys.rsa = { file: path.join(dir, 'rsa.key') };
    keys.ed = { file: path.join(dir, 'ed.key') };
    dns = await testDns({
      'py._domainkey.dkimpy.test': { TXT: [`v=DKIM1; k=rsa; p=${rsa.publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`] },
      'pyed._domainkey.dkimpy.test': { TXT: [`v=DKIM1; k=ed25519; p=${ed.publicKey.export({ type: 'spki', format: 'der' }).subarray(-32).toString('base64')}`] },
      '_dmarc.dkimpy.test': { TXT: ['v=DMARC1; p=reject; adkim=s'] },
    });
  });
  afterAll(async () => {
    await dns.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function dkimpySign(raw: string, selector: string, key: string, algo: string, canon: string): Buffer {
    const sig = execFileSync(PYTHON, ['-c', SIGN, selector, 'dkimpy.test', keys[key]!.file, algo, canon], { input: raw });
    return Buffer.concat([sig, Buffer.from(raw)]);
  }

  const cases = [
    ['py', 'rsa', 'rsa-sha256', 'relaxed/relaxed'],
    ['py', 'rsa', 'rsa-sha256', 'simple/simple'],
    ['pyed', 'ed', 'ed25519-sha256', 'relaxed/relaxed'],
    ['pyed', 'ed', 'ed25519-sha256', 'relaxed/simple'],
  ] as const;

  for (const [selector, key, algo, canon] of cases) {
    it(`${algo} ${canon}: pass, and fail once the body is altered`, async () => {
      const raw = mail({ from: 'Py <py@dkimpy.test>', subject: `dkimpy ${algo} ${canon} — ünïcode`, body: `Signed by python3-dkim.\r\n  trailing spaces   \r\n\r\n\r\n` });
      const signed = dkimpySign(raw, selector, key, algo, canon);
      expect(signed.toString()).toMatch(new RegExp(`^DKIM-Signature: v=1; a=${algo}; c=${canon}`));
      const ok = await verifyDkim(signed, dns.resolver);
      expect(ok.outcomes).toEqual([expect.objectContaining({ result: 'pass', domain: 'dkimpy.test', selector, algorithm: algo })]);
      const r = await authenticate({ raw: signed, ip: '203.0.113.9', helo: 'py.example', mailFrom: 'bounce@elsewhere.test', fromAddresses: ['py@dkimpy.test'] }, { authservId: 'mx.mailcove.test', resolver: dns.resolver, trustedArcSealers: [] });
      expect(r.dmarc).toMatchObject({ result: 'pass', dkimAligned: true });
      const altered = Buffer.from(signed.toString().replace('Signed by', 'Changed by'));
      const bad = await verifyDkim(altered, dns.resolver);
      expect(bad.outcomes[0]!.result).not.toBe('pass');
      expect(bad.outcomes[0]!.reason).toMatch(/body hash/);
    });
  }
});
