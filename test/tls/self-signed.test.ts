import { spawnSync } from 'node:child_process';
import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { createSelfSignedCertificate, ensureTlsFiles } from '../../src/tls/self-signed.js';
import * as der from '../../src/tls/der.js';

const HOST = 'mail.example.test';
const NOW = new Date('2024-11-26T15:15:00.750Z');
const DAY = 86_400_000;

const hasOpenssl = spawnSync('openssl', ['version'], { encoding: 'utf8' }).status === 0;

function handshake(pair: { keyPem: string; certPem: string }, client: tls.ConnectionOptions) {
  return new Promise<{ authorized: boolean; error?: Error }>((resolve, reject) => {
    const server = tls.createServer({ key: pair.keyPem, cert: pair.certPem }, (socket) => {
      socket.end('hello\r\n');
    });
    server.on('tlsClientError', () => {});
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      const socket = tls.connect({ host: '127.0.0.1', port, ...client });
      socket.once('secureConnect', () => {
        const authorized = socket.authorized;
        socket.end();
        server.close();
        resolve({ authorized });
      });
      socket.once('error', (error) => {
        server.close();
        resolve({ authorized: false, error });
      });
    });
    server.on('error', reject);
  });
}

describe('der', () => {
  it('encodes the primitives the certificate uses', () => {
    expect(der.integer(0).toString('hex')).toBe('020100');
    expect(der.integer(127).toString('hex')).toBe('02017f');
    expect(der.integer(128).toString('hex')).toBe('02020080');
    expect(der.integer(-128).toString('hex')).toBe('020180');
    expect(der.integer(-129).toString('hex')).toBe('0202ff7f');
    expect(der.integer(Buffer.from([0, 0, 0x80])).toString('hex')).toBe('02020080');
    expect(der.oid('1.2.840.113549.1.1.11').toString('hex')).toBe('06092a864886f70d01010b');
    expect(der.oid('2.5.29.19').toString('hex')).toBe('0603551d13');
    expect(der.encodeLength(127).toString('hex')).toBe('7f');
    expect(der.encodeLength(128).toString('hex')).toBe('8180');
    expect(der.encodeLength(0x1234).toString('hex')).toBe('821234');
    expect(der.namedBitString([0]).toString('hex')).toBe('03020780');
    expect(der.namedBitString([0, 2]).toString('hex')).toBe('030205a0');
    expect(der.boolean(true).toString('hex')).toBe('0101ff');
    expect(der.utcTime(new Date('2049-12-31T23:59:59Z')).toString('latin1').slice(2)).toBe('491231235959Z');
    expect(der.x509Time(new Date('2050-01-01T00:00:00Z')).toString('latin1')).toBe('\x18\x0f20500101000000Z');
    expect(der.set(Buffer.from('0201ff', 'hex'), Buffer.from('020101', 'hex')).toString('hex')).toBe('3106020101' + '0201ff');
    const span = der.readTlv(der.sequence(der.octetString(Buffer.alloc(300))));
    expect(span).toMatchObject({ tag: 0x30, start: 4 });
  });
});

describe('createSelfSignedCertificate', () => {
  it('produces a certificate node:crypto parses, for the host and loopback', () => {
    const { keyPem, certPem } = createSelfSignedCertificate({ hostnames: [HOST], now: NOW });
    const cert = new X509Certificate(certPem);
    expect(cert.subject).toBe(`CN=${HOST}`);
    expect(cert.issuer).toBe(`CN=${HOST}`);
    expect(cert.ca).toBe(false);
    expect(cert.checkHost(HOST)).toBe(HOST);
    expect(cert.checkHost('other.example.test')).toBeUndefined();
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.checkIP('::1')).toBe('::1');
    expect(cert.checkIP('10.0.0.1')).toBeUndefined();
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.checkPrivateKey(createPrivateKey(keyPem))).toBe(true);
    expect(cert.publicKey.asymmetricKeyType).toBe('ec');
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(cert.subjectAltName).toBe(`DNS:${HOST}, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1`);
    const second = Math.floor(NOW.getTime() / 1000) * 1000;
    expect(Date.parse(cert.validFrom)).toBe(second - DAY);
    expect(Date.parse(cert.validTo)).toBe(second + 825 * DAY);
    expect(/^[0-7][0-9A-F]{31}$/.test(cert.serialNumber)).toBe(true);
    expect(keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
  });

  it('uses a fresh random serial and key each time', () => {
    const a = new X509Certificate(createSelfSignedCertificate({ hostnames: [HOST] }).certPem);
    const b = new X509Certificate(createSelfSignedCertificate({ hostnames: [HOST] }).certPem);
    expect(a.serialNumber).not.toBe(b.serialNumber);
    expect(a.fingerprint256).not.toBe(b.fingerprint256);
  });

  it('supports RSA-2048, custom days and several names (IDN, wildcard, IP)', () => {
    const { certPem } = createSelfSignedCertificate({
      hostnames: ['Mail.Example.Test.', 'bücher.example', '*.example.org', '[2001:db8::1]', '192.0.2.7', '127.0.0.1', 'mail.example.test'],
      days: 30,
      now: NOW,
      keyType: 'rsa-2048',
    });
    const cert = new X509Certificate(certPem);
    expect(cert.publicKey.asymmetricKeyType).toBe('rsa');
    expect(cert.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.subject).toBe('CN=mail.example.test');
    expect(cert.subjectAltName).toBe(
      'DNS:mail.example.test, DNS:xn--bcher-kva.example, DNS:*.example.org, IP Address:2001:DB8:0:0:0:0:0:1, IP Address:192.0.2.7, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1',
    );
    expect(cert.checkHost('imap.example.org')).toBe('*.example.org'); // returns the matching SAN
    expect(cert.checkIP('2001:db8::1')).toBe('2001:db8::1');
    expect(Date.parse(cert.validTo) - Date.parse(cert.validFrom)).toBe(31 * DAY);
  });

  it('switches to GeneralizedTime past 2049', () => {
    const cert = new X509Certificate(createSelfSignedCertificate({ hostnames: [HOST], now: new Date('2049-06-01T00:00:00Z') }).certPem);
    expect(new Date(cert.validTo).toISOString()).toBe(new Date(Date.parse('2049-06-01T00:00:00Z') + 825 * DAY).toISOString());
    expect(new Date(cert.validFrom).toISOString()).toBe('2049-05-31T00:00:00.000Z');
  });

  it('rejects things that are not host names', () => {
    for (const bad of ['', 'exa mple.com', 'a..b', '-bad.example', '*', 'fe80::1%eth0', 'x'.repeat(64) + '.example']) {
      expect(() => createSelfSignedCertificate({ hostnames: [bad] }), bad).toThrow(RangeError);
    }
    expect(() => createSelfSignedCertificate({ hostnames: [] })).toThrow(RangeError);
    expect(() => createSelfSignedCertificate({ hostnames: [HOST], days: 0 })).toThrow(RangeError);
  });

  it('falls back to a fixed CN when the first name exceeds 64 characters', () => {
    const long = `${'a'.repeat(60)}.example.test`;
    const cert = new X509Certificate(createSelfSignedCertificate({ hostnames: [long] }).certPem);
    expect(cert.subject).toBe('CN=Mailcove self-signed certificate');
    expect(cert.checkHost(long)).toBe(long);
  });
});

describe('TLS handshake', () => {
  for (const keyType of ['ecdsa-p256', 'rsa-2048'] as const) {
    it(`a client trusting the ${keyType} certificate connects by name and by IP`, async () => {
      const pair = createSelfSignedCertificate({ hostnames: [HOST], keyType });
      expect(await handshake(pair, { ca: pair.certPem, servername: HOST })).toEqual({ authorized: true });
      // No SNI, identity checked against the connected address 127.0.0.1.
      expect(await handshake(pair, { ca: pair.certPem })).toEqual({ authorized: true });
    });
  }

  it('is refused for a name it does not cover, or without trusting it', async () => {
    const pair = createSelfSignedCertificate({ hostnames: [HOST] });
    const wrongName = await handshake(pair, { ca: pair.certPem, servername: 'other.example.test' });
    expect((wrongName.error as NodeJS.ErrnoException | undefined)?.code).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    const untrusted = await handshake(pair, { servername: HOST });
    expect((untrusted.error as NodeJS.ErrnoException | undefined)?.code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
  });
});

// The openssl CLI is an independent check of our DER; .ci/run installs it, elsewhere it may be missing.
describe.skipIf(!hasOpenssl)('openssl', () => {
  const run = (args: string[], input?: string) => spawnSync('openssl', args, { input, encoding: 'utf8' });

  for (const keyType of ['ecdsa-p256', 'rsa-2048'] as const) {
    it(`x509 -text accepts the ${keyType} certificate`, () => {
      const { certPem, keyPem } = createSelfSignedCertificate({ hostnames: [HOST], keyType });
      const out = run(['x509', '-noout', '-text'], certPem);
      expect(out.status, out.stderr).toBe(0);
      expect(out.stdout).toContain('Version: 3 (0x2)');
      expect(out.stdout).toContain(`Subject: CN = ${HOST}`);
      expect(out.stdout).toMatch(/X509v3 Basic Constraints: critical\s+CA:FALSE/);
      expect(out.stdout).toMatch(/X509v3 Key Usage: critical\s+Digital Signature/);
      if (keyType === 'rsa-2048') expect(out.stdout).toContain('Digital Signature, Key Encipherment');
      expect(out.stdout).toMatch(/X509v3 Extended Key Usage:\s+TLS Web Server Authentication/);
      expect(out.stdout).toContain(`DNS:${HOST}, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1`);
      expect(out.stdout).toContain(keyType === 'rsa-2048' ? 'sha256WithRSAEncryption' : 'ecdsa-with-SHA256');
      // Strict DER re-encoding round trip: openssl re-serialises to identical bytes.
      const reencoded = run(['x509', '-outform', 'PEM'], certPem);
      expect(reencoded.stdout).toBe(certPem);
      const dir = mkdtempSync(join(tmpdir(), 'mailcove-openssl-'));
      try {
        const file = join(dir, 'cert.pem');
        writeFileSync(file, certPem);
        const strict = ['verify', '-x509_strict', '-check_ss_sig', '-purpose', 'sslserver', '-CAfile', file];
        const byName = run([...strict, '-verify_hostname', HOST, file]);
        expect(byName.status, byName.stdout + byName.stderr).toBe(0);
        const byIp = run([...strict, '-verify_ip', '127.0.0.1', file]);
        expect(byIp.status, byIp.stdout + byIp.stderr).toBe(0);
        expect(run([...strict, '-verify_hostname', 'other.example.test', file]).status).not.toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      const keyCheck = run(keyType === 'rsa-2048' ? ['rsa', '-check', '-noout'] : ['ec', '-check', '-noout'], keyPem);
      expect(keyCheck.status, keyCheck.stderr).toBe(0);
    });
  }
});

describe('ensureTlsFiles', () => {
  const dirs: string[] = [];
  const freshDir = async () => {
    const d = await mkdtemp(join(tmpdir(), 'mailcove-tls-'));
    dirs.push(d);
    return join(d, 'tls');
  };
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });

  it('creates the pair once, then reloads the same one', async () => {
    const dir = await freshDir();
    const first = await ensureTlsFiles(dir, HOST);
    expect(first.created).toBe(true);
    expect(await readFile(join(dir, 'cert.pem'), 'utf8')).toBe(first.certPem);
    expect(await readFile(join(dir, 'key.pem'), 'utf8')).toBe(first.keyPem);
    expect((await stat(join(dir, 'key.pem'))).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect(new X509Certificate(first.certPem).checkHost(HOST)).toBe(HOST);

    const second = await ensureTlsFiles(dir, HOST);
    expect(second).toEqual({ keyPem: first.keyPem, certPem: first.certPem, created: false });
    expect((await readdir(dir)).sort()).toEqual(['cert.pem', 'key.pem']); // no temp files left
    expect(await handshake(second, { ca: second.certPem, servername: HOST })).toEqual({ authorized: true });
  });

  it('settles on one pair when called concurrently', async () => {
    const dir = await freshDir();
    const results = await Promise.all(Array.from({ length: 6 }, () => ensureTlsFiles(dir, HOST)));
    const onDisk = await readFile(join(dir, 'cert.pem'), 'utf8');
    for (const r of results) {
      expect(r.certPem).toBe(onDisk);
      expect(r.keyPem).toBe(results[0]!.keyPem);
    }
    expect(new X509Certificate(onDisk).checkPrivateKey(createPrivateKey(results[0]!.keyPem))).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(['cert.pem', 'key.pem']);
  });

  it('issues a certificate for an existing key when only key.pem is there', async () => {
    const dir = await freshDir();
    const { keyPem } = createSelfSignedCertificate({ hostnames: ['x.example'], keyType: 'rsa-2048' });
    await ensureTlsFiles(dir, HOST).then(() => rm(join(dir, 'cert.pem')));
    await writeFile(join(dir, 'key.pem'), keyPem, { mode: 0o600 });
    const r = await ensureTlsFiles(dir, HOST);
    expect(r.created).toBe(true);
    expect(r.keyPem).toBe(keyPem);
    const cert = new X509Certificate(r.certPem);
    expect(cert.publicKey.export({ format: 'jwk' })).toEqual(createPublicKey(keyPem).export({ format: 'jwk' }));
  });

  it('refuses a certificate without its key, and a mismatched pair', async () => {
    const dir = await freshDir();
    const a = await ensureTlsFiles(dir, HOST);
    await rm(join(dir, 'key.pem'));
    await expect(ensureTlsFiles(dir, HOST)).rejects.toThrow(/key\.pem does not/);
    await writeFile(join(dir, 'key.pem'), createSelfSignedCertificate({ hostnames: [HOST] }).keyPem);
    await expect(ensureTlsFiles(dir, HOST)).rejects.toThrow(/does not match/);
    await writeFile(join(dir, 'cert.pem'), 'garbage');
    await expect(ensureTlsFiles(dir, HOST)).rejects.toThrow(/not a usable certificate/);
    expect(a.created).toBe(true);
  });
});
