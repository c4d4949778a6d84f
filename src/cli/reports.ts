// `mailcove reports ...`: what received DMARC and TLS reports say about our domains, and sending
// our own daily reports now (the server also does it by itself once a day). Sending from the CLI
// runs the same pipeline as the server: the report lands in the shared outbound queue, which the
// running server's queue worker delivers.
import pino from 'pino';
import type { Config } from '../config/schema.js';
import type { DeliveryDeps } from '../delivery/context.js';
import { createResolver } from '../dns/resolver.js';
import { EventBus } from '../events/bus.js';
import { Metrics } from '../metrics/registry.js';
import { parseDay, yesterday, type SendResult } from '../reports/outgoing.js';
import { sendDmarcReports } from '../reports/send-dmarc.js';
import { sendTlsReports } from '../reports/send-tls.js';
import { dmarcSummary, tlsSummary } from '../reports/summary.js';
import { openStorage } from '../store/storage.js';
import { parseIntArg } from './args.js';
import type { Io } from './command.js';
import { printJson, printTable } from './output.js';


const flag = (io: Io, name: string): string | undefined => {
  const v = io.args.flags.get(name);
  return v === true ? undefined : v;
};

function days(io: Io): number {
  const v = flag(io, 'days');
  return v === undefined ? 30 : parseIntArg('--days', v);
}

/** Storage plus what the delivery pipeline needs, for one command; closed afterwards. */
async function withDeps<T>(config: Config, fn: (deps: DeliveryDeps) => Promise<T>): Promise<T> {
  const { store, blobs } = await openStorage(config);
  const metrics = new Metrics({ processMetrics: false });
  // Log lines go to stderr so --json output stays parseable.
  const log = pino({ level: config.log.level, base: { service: 'mailcove-cli' } }, pino.destination(2));
  try {
    return await fn({ store, blobs, events: new EventBus(), config, log, metrics, now: Date.now });
  } finally {
    metrics.close();
    await store.close();
  }
}

function printSendResults(results: SendResult[], day: string, kind: string): void {
  if (!results.length) {
    console.log(`no ${kind} results recorded for ${day}: nothing to report`);
    return;
  }
  for (const r of results) console.log(`${r.domain}: ${r.status}${r.reportId ? ` (report ${r.reportId})` : ''}: ${r.detail}`);
}

async function send(io: Io, kind: 'dmarc' | 'tls'): Promise<void> {
  const day = parseDay(flag(io, 'day') ?? yesterday(Date.now()), '--day');
  const resolver = createResolver({ servers: io.config.dns.servers.length ? io.config.dns.servers : undefined, timeoutMs: io.config.dns.timeoutMs });
  const results = await withDeps(io.config, (deps) => (kind === 'dmarc' ? sendDmarcReports(deps, resolver, day) : sendTlsReports(deps, resolver, day)));
  if (io.json) printJson({ day, results });
  else printSendResults(results, day, kind === 'dmarc' ? 'DMARC' : 'TLS');
}

export const reportCommands = {
  'reports dmarc': {
    usage: 'reports dmarc [--domain DOMAIN] [--days N]',
    summary: 'what received DMARC aggregate reports say: pass/fail by source IP and reporter (default 30 days)',
    async run(io: Io) {
      const { store } = await openStorage(io.config);
      try {
        const s = await dmarcSummary(store, { domain: flag(io, 'domain'), days: days(io), now: Date.now() });
        if (io.json) return printJson(s);
        if (!s.domains.length) console.log('no DMARC aggregate reports received in that period');
        for (const d of s.domains) {
          const disp = Object.entries(d.dispositions).map(([k, v]) => `${k} ${v}`).join(', ');
          console.log(`\n${d.domain}: ${d.messages} message(s) in ${d.reports} report(s): ${d.pass} pass, ${d.fail} fail DMARC${disp ? ` (receivers did: ${disp})` : ''}`);
          printTable(d.sources, ['sourceIp', 'messages', 'pass', 'fail']);
          printTable(d.reporters, ['orgName', 'reports', 'messages', 'pass', 'fail']);
        }
      } finally {
        await store.close();
      }
    },
  },
  'reports tls': {
    usage: 'reports tls [--domain DOMAIN] [--days N]',
    summary: 'what received TLS-RPT reports say: sessions to us that negotiated TLS or failed (default 30 days)',
    async run(io: Io) {
      const { store } = await openStorage(io.config);
      try {
        const s = await tlsSummary(store, { domain: flag(io, 'domain'), days: days(io), now: Date.now() });
        if (io.json) return printJson(s);
        if (!s.domains.length) console.log('no TLS reports received in that period');
        for (const d of s.domains) {
          console.log(`\n${d.domain}: ${d.successfulSessions} successful, ${d.failedSessions} failed TLS session(s) in ${d.reports} report(s)`);
          printTable(d.reporters, ['orgName', 'reports', 'successfulSessions', 'failedSessions']);
          if (d.failures.length) printTable(d.failures, ['resultType', 'sessions']);
        }
      } finally {
        await store.close();
      }
    },
  },
  'reports send-dmarc': {
    usage: 'reports send-dmarc [--day YYYY-MM-DD]',
    summary: 'send the DMARC aggregate reports of a day (default yesterday, UTC) not sent yet',
    run: (io: Io) => send(io, 'dmarc'),
  },
  'reports send-tls': {
    usage: 'reports send-tls [--day YYYY-MM-DD]',
    summary: 'send the TLS-RPT reports of a day (default yesterday, UTC) not sent yet',
    run: (io: Io) => send(io, 'tls'),
  },
};
