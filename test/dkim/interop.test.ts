// Interop with an independent implementation, Debian's python3-dkim (dkimpy): it verifies our
// RSA and Ed25519 signatures and our ARC seals against the TXT records we tell admins to publish
// (served as those 255-byte strings, joined as a resolver joins them); messages it signs pass
// mailauth's verifier with records in our format. Skipped, saying why, without python3-dkim.
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arcSeal } from '../../src/dkim/arc-seal.js';
import { dkimSign } from '../../src/dkim/sign.js';
import type { DnsRecord } from '../../src/dkim/keys.js';
import { CRLF, mailauthVerdicts, testKey, zoneOf, type TestKey } from './helpers.js';

const PYTHON = '/usr/bin/python3';
const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'dkimpy.py');

function probe(code: string): string | null {
  const r = spawnSync(PYTHON, ['-c', code], { encoding: 'utf8' });
  if (r.error) return `${PYTHON} cannot run (${r.error.message})`;
  return r.status === 0 ? null : r.stderr.trim().split('\n').pop() ?? `exit ${r.status}`;
}

const NO_DKIMPY = probe('import dkim');
const NO_ED25519 = NO_DKIMPY ?? probe('import nacl');
if (NO_DKIMPY) console.log(`python3-dkim interop skipped: ${PYTHON} -c 'import dkim' fails: ${NO_DKIMPY} (apt-get install python3-dkim)`);
else if (NO_ED25519) console.log(`python3-dkim Ed25519 interop skipped: ${NO_ED25519} (apt-get install python3-nacl)`);

const NOW = Date.now();

const MESSAGES: Record<string, string> = {
  plain: CRLF(`From: Alice <alice@example.test>
To: bob@remote.test
Subject: Plain
Date: Thu, 26 Nov 2026 12:00:00 +0000
Message-ID: <plain@example.test>

Hello.
`),
  'folds and whitespace': CRLF(`From: Alice
 <alice@example.test>
To:   bob@remote.test ,
\tcarol@remote.test
Subject:  Whitespace   everywhere\t
Reply-To: alice@example.test
Date: Thu, 26 Nov 2026 12:00:00 +0000

  Leading spaces, trailing spaces   \t
a\t\ttab

\t

`),
  'UTF-8 headers (à ends in byte A0)': CRLF(`From: Zoé <zoe@example.test>
To: à-tous@example.test
Subject: Déjà vu à Noël
Date: Thu, 26 Nov 2026 12:00:00 +0000
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Voilà.
`),
  multipart: CRLF(`From: alice@example.test
To: bob@remote.test
Subject: Attachment
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain

See attached.
--b1
Content-Type: application/octet-stream
Content-Transfer-Encoding: base64

${crypto.randomBytes(3000).toString('base64').replace(/.{76}/g, '$&\n')}
--b1--
`),
  'empty body': 'From: alice@example.test\r\nSubject: nothing\r\n\r\n',
  'bare LF as sent': 'From: alice@example.test\nSubject: lf\n\nline one\nline two\n',
};

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mailcove-dkimpy-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function zoneFile(records: DnsRecord[]): string {
  const file = path.join(tmp, `zone-${crypto.randomUUID()}.json`);
  fs.writeFileSync(file, JSON.stringify(Object.fromEntries(records.map((r) => [r.name, r.strings]))));
  return file;
}

function dkimpy(args: string[], input: Buffer): string {
  return execFileSync(PYTHON, [SCRIPT, ...args], { input, encoding: 'utf8', timeout: 30_000 });
}

describe.skipIf(!!NO_DKIMPY)('python3-dkim interop', () => {
  let rsa: TestKey;
  let ed: TestKey;
  let fwd: TestKey;
  beforeAll(async () => {
    rsa = await testKey('example.test', 'mc202611r', 'rsa');
    ed = await testKey('example.test', 'mc202611e', 'ed25519');
    fwd = await testKey('forwarder.test', 'mc202611r', 'rsa');
  });

  for (const [name, message] of Object.entries(MESSAGES)) {
    it(`verifies our signatures: ${name}`, () => {
      const keys = NO_ED25519 ? [rsa] : [rsa, ed];
      const signed = Buffer.from(dkimSign(Buffer.from(message), keys, NOW) + message);
      // What the SMTP client puts on the wire: CRLF line ends.
      const wire = Buffer.from(signed.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
      const verdicts = JSON.parse(dkimpy(['verify', zoneFile([rsa.record, ed.record])], wire));
      expect(verdicts).toEqual(keys.map((k) => ({ domain: 'example.test', selector: k.selector, ok: true })));
    });
  }

  it('does not verify them once the message changed', () => {
    const message = MESSAGES.plain!;
    const signed = dkimSign(Buffer.from(message), [rsa], NOW) + message.replace('Subject: Plain', 'Subject: Changed');
    expect(JSON.parse(dkimpy(['verify', zoneFile([rsa.record])], Buffer.from(signed)))).toEqual([{ domain: 'example.test', selector: 'mc202611r', ok: false }]);
  });

  for (const alg of ['rsa', 'ed25519'] as const) {
    it.skipIf(alg === 'ed25519' && !!NO_ED25519)(`signs (${alg}) what mailauth verifies with our record for the key`, async () => {
      const key = alg === 'rsa' ? rsa : ed;
      const keyFile = path.join(tmp, `${alg}.key`);
      // dkimpy takes RSA keys as PKCS#1 PEM and Ed25519 keys as the base64 32-byte seed.
      fs.writeFileSync(
        keyFile,
        alg === 'rsa' ? key.key.export({ type: 'pkcs1', format: 'pem' }) : key.key.export({ type: 'pkcs8', format: 'der' }).subarray(-32).toString('base64'),
      );
      for (const message of [MESSAGES.plain!, MESSAGES['folds and whitespace']!]) {
        const header = dkimpy(['sign', alg, key.selector, key.domain, keyFile], Buffer.from(message));
        expect(header).toMatch(/^DKIM-Signature: /);
        const signed = Buffer.from(header.replace(/\r?\n/g, '\r\n').replace(/(\r\n)?$/, '\r\n') + message);
        expect(await mailauthVerdicts(signed, zoneOf([key.record]))).toEqual([`pass d=example.test s=${key.selector} a=${alg}-sha256`]);
      }
    });
  }

  it('validates ARC chains we seal (i=1, then i=2)', () => {
    const message = MESSAGES.plain!;
    const signed = dkimSign(Buffer.from(message), [rsa], NOW) + message;
    const withAr = Buffer.from(`Authentication-Results: mx.forwarder.test; dkim=pass header.d=example.test; spf=pass smtp.mailfrom=example.test\r\n${signed}`);
    const zone = zoneFile([rsa.record, fwd.record]);
    const first = arcSeal(withAr, { authservId: 'mx.forwarder.test', cv: 'none', signingDomain: 'forwarder.test', selector: fwd.selector, privateKey: fwd.key, now: NOW });
    if (!first.sealed) throw new Error(first.reason);
    const hop1 = Buffer.concat([Buffer.from(first.headers), withAr]);
    expect(JSON.parse(dkimpy(['arc-verify', zone], hop1))).toMatchObject({ cv: 'pass' });

    const ar2 = Buffer.concat([Buffer.from('Authentication-Results: mx.forwarder.test; arc=pass\r\n'), hop1]);
    const second = arcSeal(ar2, { authservId: 'mx.forwarder.test', cv: 'pass', signingDomain: 'forwarder.test', selector: fwd.selector, privateKey: fwd.key, now: NOW });
    if (!second.sealed) throw new Error(second.reason);
    expect(JSON.parse(dkimpy(['arc-verify', zone], Buffer.concat([Buffer.from(second.headers), ar2])))).toMatchObject({ cv: 'pass' });
  });
});
