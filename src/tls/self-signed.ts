/**
 * Self-signed TLS certificates built with node:crypto and the small DER
 * encoder in ./der.js: no openssl binary and no npm dependency.
 *
 * The certificate is an end-entity certificate (basicConstraints CA:FALSE)
 * for the given host names plus the loopback addresses, so that a fresh
 * install can speak STARTTLS/IMAPS at once; clients have to trust it
 * explicitly (pin it, or pass it as their CA), exactly like any self-signed
 * certificate.
 */
import {
  createHash,
  createPublicKey,
  createPrivateKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { link, mkdir, open, readFile, rename, unlink, access } from 'node:fs/promises';
import { isIP, isIPv4 } from 'node:net';
import { join } from 'node:path';
import { domainToASCII } from 'node:url';
import {
  bitString,
  boolean,
  explicit,
  implicitPrimitive,
  integer,
  namedBitString,
  nullValue,
  octetString,
  oid,
  readTlv,
  sequence,
  set,
  Tag,
  toPem,
  utf8String,
  x509Time,
} from './der.js';

export type SelfSignedKeyType = 'ecdsa-p256' | 'rsa-2048';

export interface SelfSignedOptions {
  /**
   * DNS names (A-labels or U-labels; a leading `*.` wildcard is allowed) or
   * IP literals (optionally in brackets). The first one becomes the subject
   * CN. 127.0.0.1 and ::1 are always added to subjectAltName.
   */
  hostnames: string[];
  /** Validity after `now`, in days (default 825). notBefore is `now` minus one day. */
  days?: number;
  now?: Date;
  /** Default 'ecdsa-p256'. */
  keyType?: SelfSignedKeyType;
}

export interface TlsPair {
  keyPem: string;
  certPem: string;
}

const DAY_MS = 86_400_000;
const DEFAULT_DAYS = 825;

const OID = {
  commonName: '2.5.4.3',
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
} as const;

const LOOPBACK_IPS = ['127.0.0.1', '::1'];

// ---------------------------------------------------------------------------
// Names

interface SanEntries {
  dns: string[];
  ips: string[];
}

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Lower-cased A-label form of a host name; throws on anything that is not one. */
function normalizeDnsName(input: string): string {
  let name = input.trim().toLowerCase();
  if (name.endsWith('.')) name = name.slice(0, -1);
  let prefix = '';
  if (name.startsWith('*.')) {
    prefix = '*.';
    name = name.slice(2);
  }
  const ascii = /^[\x00-\x7f]*$/.test(name) ? name : domainToASCII(name);
  const labels = ascii.split('.');
  if (!ascii || ascii.length > 253 || !labels.every((l) => LABEL.test(l) || /^xn--[a-z0-9-]+$/.test(l))) {
    throw new RangeError(`not a valid host name: ${JSON.stringify(input)}`);
  }
  if (prefix && labels.length < 2) throw new RangeError(`wildcard too broad: ${JSON.stringify(input)}`);
  return prefix + ascii;
}

function classifyNames(hostnames: readonly string[]): SanEntries {
  const dns: string[] = [];
  const ips: string[] = [];
  for (const raw of hostnames) {
    if (typeof raw !== 'string' || raw.trim() === '') throw new RangeError('empty host name');
    const bare = raw.trim().replace(/^\[(.*)\]$/, '$1');
    if (isIP(bare)) {
      if (bare.includes('%')) throw new RangeError(`IP address with a zone cannot go in a certificate: ${raw}`);
      const canonical = ipBytes(bare).toString('hex');
      if (!ips.some((ip) => ipBytes(ip).toString('hex') === canonical)) ips.push(bare);
    } else {
      const name = normalizeDnsName(raw);
      if (!dns.includes(name)) dns.push(name);
    }
  }
  return { dns, ips };
}

/** Network-order bytes of an IPv4 (4) or IPv6 (16) literal, as iPAddress wants. */
function ipBytes(ip: string): Buffer {
  if (isIPv4(ip)) return Buffer.from(ip.split('.').map(Number));
  let text = ip;
  const tail: number[] = [];
  const v4 = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const b = ipBytes(v4[2]!);
    tail.push((b[0]! << 8) | b[1]!, (b[2]! << 8) | b[3]!);
    text = v4[1]!.endsWith('::') ? v4[1]! : v4[1]!.slice(0, -1);
  }
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((h) => parseInt(h, 16)));
  let groups: number[];
  const dbl = text.indexOf('::');
  if (dbl >= 0) {
    const head = parse(text.slice(0, dbl));
    const rest = [...parse(text.slice(dbl + 2)), ...tail];
    groups = [...head, ...new Array<number>(8 - head.length - rest.length).fill(0), ...rest];
  } else {
    groups = [...parse(text), ...tail];
  }
  if (groups.length !== 8 || groups.some((g) => !(g >= 0 && g <= 0xffff))) throw new RangeError(`bad IPv6 address ${ip}`);
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(g, i * 2));
  return out;
}

function distinguishedName(commonName: string): Buffer {
  return sequence(set(sequence(oid(OID.commonName), utf8String(commonName))));
}

// ---------------------------------------------------------------------------
// Certificate

interface Signer {
  algorithm: Buffer;
  /** keyUsage bits: 0 digitalSignature, 2 keyEncipherment. */
  keyUsageBits: number[];
  sign(data: Buffer): Buffer;
}

function signerFor(privateKey: KeyObject): Signer {
  const type = privateKey.asymmetricKeyType;
  if (type === 'ec') {
    const curve = privateKey.asymmetricKeyDetails?.namedCurve;
    if (curve !== 'prime256v1') throw new TypeError(`unsupported EC curve ${curve ?? '?'} (only P-256)`);
    return {
      algorithm: sequence(oid(OID.ecdsaWithSha256)), // parameters absent (RFC 5758 3.2)
      keyUsageBits: [0],
      sign: (data) => sign('sha256', data, { key: privateKey, dsaEncoding: 'der' }),
    };
  }
  if (type === 'rsa') {
    return {
      algorithm: sequence(oid(OID.sha256WithRsa), nullValue()), // NULL parameters (RFC 4055 5)
      keyUsageBits: [0, 2],
      sign: (data) => sign('sha256', data, privateKey),
    };
  }
  throw new TypeError(`unsupported key type ${type ?? '?'} (ECDSA P-256 or RSA only)`);
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return sequence(oid(id), ...(critical ? [boolean(true)] : []), octetString(value));
}

/** Key identifier per RFC 7093 method 1: leftmost 160 bits of SHA-256 of the subjectPublicKey bits. */
function keyIdentifier(spki: Buffer): Buffer {
  const outer = readTlv(spki);
  const algorithm = readTlv(spki, outer.start);
  const keyBits = readTlv(spki, algorithm.end);
  if (outer.tag !== Tag.SEQUENCE || algorithm.tag !== Tag.SEQUENCE || keyBits.tag !== Tag.BIT_STRING) {
    throw new RangeError('unexpected SubjectPublicKeyInfo layout');
  }
  return createHash('sha256').update(spki.subarray(keyBits.start + 1, keyBits.end)).digest().subarray(0, 20);
}

function buildCertificate(privateKey: KeyObject, opts: Omit<SelfSignedOptions, 'keyType'>): string {
  const { dns, ips } = classifyNames(opts.hostnames ?? []);
  if (dns.length + ips.length === 0) throw new RangeError('at least one host name is required');
  for (const ip of LOOPBACK_IPS) {
    if (!ips.some((x) => ipBytes(x).equals(ipBytes(ip)))) ips.push(ip);
  }
  const days = opts.days ?? DEFAULT_DAYS;
  if (!Number.isFinite(days) || days <= 0) throw new RangeError(`days must be positive, got ${days}`);
  const now = opts.now ?? new Date();
  if (Number.isNaN(now.getTime())) throw new RangeError('invalid now');
  const nowSeconds = Math.floor(now.getTime() / 1000) * 1000;
  const notBefore = new Date(nowSeconds - DAY_MS);
  const notAfter = new Date(nowSeconds + Math.round(days * DAY_MS));

  // CN is informational once subjectAltName is present (RFC 6125), but must
  // stay within ub-common-name (64) and a self-signed issuer must be non-empty.
  const first = opts.hostnames.map((h) => h.trim().replace(/^\[(.*)\]$/, '$1'))[0]!;
  const cnCandidate = isIP(first) ? first : normalizeDnsName(first);
  const name = distinguishedName(cnCandidate.length <= 64 ? cnCandidate : 'Mailcove self-signed certificate');

  // Positive, non-zero, 16 octets of randomness (RFC 5280: at most 20 octets).
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x40;

  const signer = signerFor(privateKey);
  const publicKey = createPublicKey(privateKey); // derives the public half
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const keyId = keyIdentifier(spki);

  const generalNames = sequence(
    ...dns.map((d) => implicitPrimitive(2, Buffer.from(d, 'latin1'))), // dNSName [2] IA5String; names are A-labels
    ...ips.map((ip) => implicitPrimitive(7, ipBytes(ip))),
  );

  const extensions = sequence(
    extension(OID.basicConstraints, true, sequence()), // cA defaults to FALSE and DER omits defaults
    extension(OID.keyUsage, true, namedBitString(signer.keyUsageBits)),
    extension(OID.extKeyUsage, false, sequence(oid(OID.serverAuth))),
    // Critical only when the subject is empty (RFC 5280 4.2.1.6); ours never is.
    extension(OID.subjectAltName, false, generalNames),
    extension(OID.subjectKeyIdentifier, false, octetString(keyId)),
    extension(OID.authorityKeyIdentifier, false, sequence(implicitPrimitive(0, keyId))),
  );

  const tbs = sequence(
    explicit(0, integer(2)), // v3
    integer(serial),
    signer.algorithm,
    name, // issuer
    sequence(x509Time(notBefore), x509Time(notAfter)),
    name, // subject
    spki,
    explicit(3, extensions),
  );
  const certificate = sequence(tbs, signer.algorithm, bitString(signer.sign(tbs)));
  return toPem(certificate, 'CERTIFICATE');
}

function generateKey(keyType: SelfSignedKeyType): KeyObject {
  if (keyType === 'ecdsa-p256') return generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
  if (keyType === 'rsa-2048') return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  throw new RangeError(`unknown key type ${String(keyType)}`);
}

/**
 * A fresh key (PKCS#8 PEM) and a self-signed X.509 v3 certificate for it,
 * valid from `now` minus one day to `now` plus `days`, signed with SHA-256.
 */
export function createSelfSignedCertificate(opts: SelfSignedOptions): TlsPair {
  const privateKey = generateKey(opts.keyType ?? 'ecdsa-p256');
  const certPem = buildCertificate(privateKey, opts);
  return { keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, certPem };
}

// ---------------------------------------------------------------------------
// Files

const CERT_FILE = 'cert.pem';
const KEY_FILE = 'key.pem';

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function parseKey(keyPem: string, path: string): KeyObject {
  try {
    return createPrivateKey(keyPem);
  } catch (err) {
    throw new Error(`${path}: not a usable private key (${(err as Error).message})`, { cause: err });
  }
}

function checkPair(certPem: string, keyPem: string, dir: string): void {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certPem);
  } catch (err) {
    throw new Error(`${join(dir, CERT_FILE)}: not a usable certificate (${(err as Error).message})`, { cause: err });
  }
  const key = parseKey(keyPem, join(dir, KEY_FILE));
  if (!cert.checkPrivateKey(key)) {
    throw new Error(`${join(dir, CERT_FILE)} does not match the private key in ${join(dir, KEY_FILE)}`);
  }
}

/**
 * Writes `data` to a temp file in the target's directory (fsynced, given
 * mode), then publishes it under `path` without ever replacing an existing
 * file: hard link + unlink, so a concurrent creator's file is never
 * clobbered and readers never see a partial file. Returns false when `path`
 * already existed. On file systems without hard links it falls back to
 * rename after an existence check (atomic, but with a small race window).
 */
export async function publishExclusive(path: string, data: string, mode: number): Promise<boolean> {
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(tmp, 'wx', mode);
  try {
    try {
      await handle.writeFile(data, 'utf8');
      await handle.chmod(mode); // in case the file system ignored the creation mode
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await link(tmp, path);
      return true;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw err;
      try {
        await access(path, fsConstants.F_OK);
        return false;
      } catch {
        await rename(tmp, path);
        return true;
      }
    }
  } finally {
    await unlink(tmp).catch(() => {});
  }
}

export async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Not supported everywhere (e.g. Windows); durability is best-effort there.
  }
}

/**
 * Loads `dir/cert.pem` and `dir/key.pem`, creating a self-signed pair for
 * `hostname` when neither exists (key mode 0600, cert 0644, each written to
 * a temp file and then published atomically).
 *
 * - Both present: they are checked to parse and to match; nothing is written.
 * - Only key.pem present (a crash between the two writes, or an operator who
 *   brought a key): a certificate is issued for that key (ECDSA P-256 or RSA).
 * - Only cert.pem present: an error; a certificate without its key is
 *   useless and it is not ours to replace.
 *
 * Safe against concurrent callers (e.g. several worker processes starting
 * at once): files are never overwritten, and losers reload the winner's.
 * `created` is true when this call wrote a file.
 */
export async function ensureTlsFiles(
  dir: string,
  hostname: string,
): Promise<{ keyPem: string; certPem: string; created: boolean }> {
  const certPath = join(dir, CERT_FILE);
  const keyPath = join(dir, KEY_FILE);
  let created = false;
  let madeDir = false;
  for (let attempt = 0; attempt < 5; attempt++) {
    let keyPem = await readIfExists(keyPath);
    const certPem = await readIfExists(certPath);
    if (keyPem !== undefined && certPem !== undefined) {
      checkPair(certPem, keyPem, dir);
      return { keyPem, certPem, created };
    }
    if (certPem !== undefined) {
      throw new Error(`${certPath} exists but ${keyPath} does not; supply the key or remove the certificate`);
    }
    if (!madeDir) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      madeDir = true;
    }
    let key: KeyObject;
    if (keyPem === undefined) {
      key = generateKey('ecdsa-p256');
      keyPem = key.export({ type: 'pkcs8', format: 'pem' }) as string;
      if (!(await publishExclusive(keyPath, keyPem, 0o600))) continue; // someone else's key won: reload
      created = true;
    } else {
      key = parseKey(keyPem, keyPath);
    }
    const newCert = buildCertificate(key, { hostnames: [hostname] });
    const published = await publishExclusive(certPath, newCert, 0o644);
    await syncDir(dir);
    if (!published) continue; // a concurrent caller issued one for the same key: reload
    return { keyPem, certPem: newCert, created: true };
  }
  throw new Error(`could not settle TLS files in ${dir} (concurrent modification?)`);
}
