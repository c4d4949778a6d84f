// bench/auth: inbound authentication alone (SPF for MAIL FROM and HELO, DKIM, ARC, DMARC and
// the Authentication-Results field), one message at a time on one core, with the DNS cache warm
// (a loopback DNS server behind our cached resolver; only the first messages reach it).
// Target (issue 4): ≤ 2 ms per message. Run after `npm run build`:
//   node bench/auth.mjs [--messages 2000] [--warmup 200] [--seed 1]
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIRST, WORDS, mulberry32 } from './lib/corpus.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const load = (p) => import(path.join(root, 'dist', p));
const { authenticate } = await load('src/authentication/index.js');
const { createResolver } = await load('src/dns/resolver.js');
const { startDnsServer } = await load('test/helpers/dns-server.js');
const { dkimSign } = await import('mailauth');

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? def : process.argv[i + 1];
};
const N = Number(arg('messages', 2000));
const WARMUP = Number(arg('warmup', 200));
const rng = mulberry32(Number(arg('seed', 1)));

const keyPair = (type) => {
  const { privateKey, publicKey } = type === 'rsa' ? crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }) : crypto.generateKeyPairSync('ed25519');
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return { pem: privateKey.export({ type: 'pkcs8', format: 'pem' }), txt: `v=DKIM1; k=${type}; p=${(type === 'rsa' ? der : der.subarray(-32)).toString('base64')}` };
};
const rsa = keyPair('rsa');
const ed = keyPair('ed25519');
const CLIENT_IP = '192.0.2.25';
const dns = await startDnsServer({
  'sender.example': { TXT: [`v=spf1 ip4:198.51.100.0/24 include:_spf.provider.example ~all`] },
  '_spf.provider.example': { TXT: [`v=spf1 ip4:203.0.113.0/24 ip4:${CLIENT_IP} -all`] },
  'mail.sender.example': { TXT: [`v=spf1 a -all`], A: [CLIENT_IP] },
  'rsa._domainkey.sender.example': { TXT: [rsa.txt] },
  'ed._domainkey.sender.example': { TXT: [ed.txt] },
  '_dmarc.sender.example': { TXT: ['v=DMARC1; p=reject; rua=mailto:dmarc@sender.example'] },
});
const resolver = createResolver({ servers: [dns.address] }).forMailauth();

const words = (n) => Array.from({ length: n }, () => WORDS[Math.floor(rng() * WORDS.length)]).join(' ');
async function makeMessage(i, selector, key, algorithm) {
  const name = FIRST[i % FIRST.length];
  const lines = Array.from({ length: 120 }, () => words(12)); // ~10 KB
  const raw = Buffer.from(
    `From: ${name} <${name.toLowerCase()}@sender.example>\r\nTo: someone@mailcove.example\r\nSubject: ${words(6)}\r\n` +
      `Message-ID: <bench-${i}@sender.example>\r\nDate: Thu, 26 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n` +
      `Content-Type: text/plain; charset=utf-8\r\n\r\n${lines.join('\r\n')}\r\n`,
  );
  const s = await dkimSign(raw, { canonicalization: 'relaxed/relaxed', signatureData: [{ signingDomain: 'sender.example', selector, privateKey: key.pem, algorithm }] });
  return Buffer.concat([Buffer.from(s.signatures), raw]);
}

async function run(label, selector, key, algorithm) {
  const msgs = [];
  for (let i = 0; i < N + WARMUP; i++) msgs.push(await makeMessage(i, selector, key, algorithm));
  const opts = { authservId: 'mx.mailcove.example', resolver, trustedArcSealers: [] };
  const input = (raw) => ({ raw, ip: CLIENT_IP, helo: 'mail.sender.example', mailFrom: 'bounces@sender.example', fromAddresses: ['x@sender.example'] });
  for (let i = 0; i < WARMUP; i++) {
    const r = await authenticate(input(msgs[i]), opts);
    if (r.dmarc.result !== 'pass' || r.dkim[0].result !== 'pass' || r.spf.result !== 'pass') throw new Error(`unexpected result: ${r.header}`);
  }
  const queriesBefore = dns.queries.length;
  const lat = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = WARMUP; i < msgs.length; i++) {
    const s = performance.now();
    await authenticate(input(msgs[i]), opts);
    lat.push(performance.now() - s);
  }
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  lat.sort((a, b) => a - b);
  const pct = (p) => lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))].toFixed(2);
  console.log(
    `${label.padEnd(16)} ${N} messages: mean ${(wall / N).toFixed(2)} ms, p50 ${pct(50)} ms, p99 ${pct(99)} ms; ` +
      `CPU ${((cpu.user + cpu.system) / 1000 / N).toFixed(2)} ms/message; ${((N / wall) * 1000).toFixed(0)} messages/s; ` +
      `DNS queries while measuring: ${dns.queries.length - queriesBefore}`,
  );
  return wall / N;
}

const cpuModel = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`machine   ${cpuModel}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`);
console.log(`work      per message: SPF MAIL FROM (include) + SPF HELO + DKIM verify + ARC + DMARC + header, ~10 KB body, target ≤ 2 ms`);
const a = await run('DKIM rsa-sha256', 'rsa', rsa, 'rsa-sha256');
const b = await run('DKIM ed25519', 'ed', ed, 'ed25519-sha256');
console.log(`result    ${Math.max(a, b) <= 2 ? 'within' : 'OVER'} the 2 ms target (worst mean ${Math.max(a, b).toFixed(2)} ms)`);
await dns.close();
