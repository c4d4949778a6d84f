// bench/dkim-sign: what DKIM signing costs per outgoing message (~10 KB), on one core: RSA-2048,
// Ed25519 and both (what Mailcove does), the parts of it, and, for comparison, re-importing the
// PEM key on every message and mailauth's signer. Target (issue 4): ≤ 1 ms per message with both
// signatures. Run after `npm run build`:
//   node bench/dkim-sign.mjs [--messages 2000] [--json]
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIRST, WORDS, mulberry32 } from './lib/corpus.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const load = (p) => import(path.join(root, 'dist/src', p));
const { dkimSign } = await load('dkim/sign.js');
const { bodyHash, splitMessage } = await load('dkim/canon.js');
const { signOutbound } = await load('dkim/outbound.js');
const { openStore } = await load('store/db.js');
const { BlobStore } = await load('blobs/blob-store.js');
const admin = await load('accounts/admin.js');
const { dkimSign: mailauthSign } = await import('mailauth/lib/dkim/sign.js');

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? def : process.argv[i + 1];
};
const N = Number(arg('messages', 2000));
const JSON_OUT = process.argv.includes('--json');

// ~10 KB messages, deterministic: headers a mail client writes, a text body of corpus words.
const rng = mulberry32(4);
const pick = (list) => list[Math.floor(rng() * list.length)];
function message(i) {
  const from = pick(FIRST);
  const to = pick(FIRST);
  const words = [];
  let size = 0;
  while (size < 9500) {
    const w = pick(WORDS);
    words.push(w);
    size += w.length + 1;
  }
  const body = words.join(' ').replace(/(.{1,72})(?: |$)/g, '$1\r\n');
  return Buffer.from(
    [
      `From: ${from} <${from.toLowerCase()}@bench.test>`,
      `To: ${to} <${to.toLowerCase()}@remote.test>`,
      `Cc: ${pick(FIRST).toLowerCase()}@remote.test`,
      `Subject: ${words.slice(0, 6).join(' ')}`,
      'Date: Thu, 26 Nov 2026 12:00:00 +0000',
      `Message-ID: <bench-${i}@bench.test>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      body,
    ].join('\r\n'),
  );
}
const messages = Array.from({ length: 200 }, (_, i) => message(i));
const avgKiB = messages.reduce((s, m) => s + m.length, 0) / messages.length / 1024;

const rsaPair = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const edPair = crypto.generateKeyPairSync('ed25519');
const rsaPem = rsaPair.privateKey.export({ type: 'pkcs8', format: 'pem' });
const edPem = edPair.privateKey.export({ type: 'pkcs8', format: 'pem' });
const rsa = { domain: 'bench.test', selector: 'mc202611r', algorithm: 'rsa', key: rsaPair.privateKey };
const ed = { domain: 'bench.test', selector: 'mc202611e', algorithm: 'ed25519', key: edPair.privateKey };
const now = Date.now();

/**
 * Mean CPU ms (user + system) per call over n calls, after a warm-up, one call at a time: the
 * cost on one core, and steadier than wall time on a machine others share. Wall time is kept too.
 */
async function perMessage(fn, n = N) {
  for (let i = 0; i < Math.min(500, n); i++) await fn(messages[i % messages.length], i);
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn(messages[i % messages.length], i);
  const wall = Number(process.hrtime.bigint() - t0) / 1e6 / n;
  const cpu = process.cpuUsage(cpu0);
  return { cpu: (cpu.user + cpu.system) / 1000 / n, wall };
}

// A store with one domain, for the whole path the commit stage runs (key lookup included).
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailcove-bench-dkim-'));
const store = await openStore({ dataDir: dir });
await admin.addDomain({ store, blobs: new BlobStore(path.join(dir, 'blobs')), defaultQuotaBytes: 0 }, 'bench.test');

const header = Buffer.alloc(700, 'a'); // about the size of the canonical fields we sign
const rows = [
  ['rsa-sha256', 'one RSA-2048 signature', await perMessage((m) => dkimSign(m, [rsa], now))],
  ['ed25519-sha256', 'one Ed25519 signature', await perMessage((m) => dkimSign(m, [ed], now))],
  ['both', 'RSA + Ed25519, body hashed once (what Mailcove sends)', await perMessage((m) => dkimSign(m, [rsa, ed], now))],
  ['both+lookup', 'as sent: key lookup in SQLite, cached KeyObjects, both signatures', await perMessage((m) => signOutbound(store.db, m, { from: 'a@bench.test', mailFrom: 'a@bench.test', hostname: 'mx.bench.test', now }))],
  ['  body hash', 'part: relaxed body canonicalization + SHA-256', await perMessage((m) => bodyHash(splitMessage(m).body))],
  ['  rsa sign', 'part: crypto.sign RSA-2048 over 700 bytes', await perMessage(() => crypto.sign('sha256', header, rsaPair.privateKey))],
  ['  rsa import', 'part: crypto.createPrivateKey of the RSA PEM', await perMessage(() => crypto.createPrivateKey(rsaPem))],
  ['both+import', 'for comparison: both, importing the PEM keys every message', await perMessage((m) => dkimSign(m, [{ ...rsa, key: crypto.createPrivateKey(rsaPem) }, { ...ed, key: crypto.createPrivateKey(edPem) }], now))],
  ['mailauth both', "for comparison: mailauth's dkimSign with both keys", await perMessage((m) => mailauthSign(m, { canonicalization: 'relaxed/relaxed', signatureData: [{ signingDomain: 'bench.test', selector: 'r', privateKey: rsaPem }, { signingDomain: 'bench.test', selector: 'e', privateKey: edPem }] }), Math.min(N, 1000))],
];
await store.close();
fs.rmSync(dir, { recursive: true, force: true });

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const machine = `${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, OpenSSL ${process.versions.openssl}`;
const loadAvg = os.loadavg()[0].toFixed(1);
if (JSON_OUT) {
  const ms = (v) => ({ cpu: Number(v.cpu.toFixed(4)), wall: Number(v.wall.toFixed(4)) });
  console.log(JSON.stringify({ machine, loadAverage: Number(loadAvg), messages: N, avgKiB: Number(avgKiB.toFixed(1)), msPerMessage: Object.fromEntries(rows.map(([k, , v]) => [k.trim(), ms(v)])) }, null, 2));
} else {
  console.log(`machine   ${machine}; load average ${loadAvg}`);
  console.log(`messages  ${N} signings per row of ${messages.length} messages, ${avgKiB.toFixed(1)} KiB on average, one at a time (one core)`);
  console.log(`${''.padEnd(14)} ${'CPU ms'.padStart(7)}  ${'wall ms'.padStart(7)}  ${'msg/s'.padStart(6)}`);
  for (const [name, what, v] of rows) {
    console.log(`${name.padEnd(14)} ${v.cpu.toFixed(3).padStart(7)}  ${v.wall.toFixed(3).padStart(7)}  ${String(Math.round(1000 / v.cpu)).padStart(6)}  ${what}`);
  }
  const both = rows.find(([k]) => k === 'both+lookup')[2].cpu;
  console.log(`target    ≤ 1 ms per message with both signatures: ${both <= 1 ? 'met' : 'NOT met'} (${both.toFixed(3)} CPU ms as sent)`);
}
