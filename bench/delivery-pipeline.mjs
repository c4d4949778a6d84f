// bench/delivery-pipeline: the delivery pipeline alone (parse, route, decide, commit), in process,
// without SMTP: how many ~10 KB deliveries per second the store and blob path sustain, and where
// a regression comes from when smtp-inbound moves. Run after `npm run build`:
//   node bench/delivery-pipeline.mjs [--messages 3000] [--concurrency 50] [--postgres URL]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

process.env.UV_THREADPOOL_SIZE ??= '32';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const load = (p) => import(path.join(root, 'dist/src', p));
const { default: pino } = await import('pino');
const { configSchema } = await load('config/schema.js');
const { openStorage } = await load('store/storage.js');
const { EventBus } = await load('events/bus.js');
const { Metrics } = await load('metrics/registry.js');
const admin = await load('accounts/admin.js');
const { deliver } = await load('delivery/pipeline.js');

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? def : process.argv[i + 1];
};
const N = Number(arg('messages', 3000));
const C = Number(arg('concurrency', 50));
const pgUrl = arg('postgres', undefined);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailcove-bench-pipeline-'));
const config = configSchema.parse({ dataDir: dir, hostname: 'mx.bench.test', database: pgUrl ? { url: pgUrl } : {}, log: { level: 'silent' }, srs: { secret: 'bench-srs-secret-0123456789' } });
const { store, blobs } = await openStorage(config);
const ctx = { store, blobs, defaultQuotaBytes: 1e12 };
const suffix = Math.random().toString(36).slice(2, 8);
const domain = `bench-${suffix}.test`;
await admin.addDomain(ctx, domain);
for (let i = 0; i < 20; i++) await admin.addMailbox(ctx, `u${i}@${domain}`);
const metrics = new Metrics({ processMetrics: false });
const deps = { store, blobs, events: new EventBus(), config, log: pino({ level: 'silent' }), metrics, now: Date.now };

const paragraph = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore.\r\n';
const body = paragraph.repeat(95); // ~10 KB
const latencies = [];
let next = 0;
const t0 = performance.now();
await Promise.all(
  Array.from({ length: C }, async () => {
    while (next < N) {
      const i = next++;
      const raw = Buffer.from(`From: a@remote.test\r\nTo: u${i % 20}@${domain}\r\nSubject: message ${i}\r\nMessage-ID: <m${i}.${suffix}@remote.test>\r\nDate: Thu, 26 Nov 2026 10:00:00 +0000\r\n\r\n${body}`);
      const s = performance.now();
      await deliver(deps, { source: 'mx', client: { ip: '127.0.0.1', helo: 'client.test', reverseName: null, tls: false, mailbox: null }, mailFrom: 'a@remote.test', rcptTo: [`u${i % 20}@${domain}`], raw });
      latencies.push(performance.now() - s);
    }
  }),
);
const ms = performance.now() - t0;
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1);
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`machine   ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${store.dialect}`);
console.log(`pipeline  ${N} deliveries of ~10 KB, ${C} at a time: ${ms.toFixed(0)} ms → ${((N / ms) * 1000).toFixed(0)} deliveries/s`);
console.log(`latency   p50 ${pct(50)} ms, p99 ${pct(99)} ms; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
metrics.close();
await store.close();
fs.rmSync(dir, { recursive: true, force: true });
