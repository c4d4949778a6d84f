// The reports service of a node: reading report mail (ingest.ts) and, once an hour, sending
// yesterday's DMARC and TLS reports when they have not gone yet (the sent tables make a second
// run, another node, or `mailcove reports send-dmarc` harmless). Old counters are pruned.
import type { DeliveryDeps } from '../delivery/context.js';
import type { DnsResolver } from '../dns/resolver.js';
import { pruneResults } from '../store/reports-repo.js';
import { startReportsIngest, type ReportsIngest } from './ingest.js';
import { yesterday, type SendResult } from './outgoing.js';
import { sendDmarcReports } from './send-dmarc.js';
import { sendTlsReports } from './send-tls.js';

const HOUR = 60 * 60_000;
/** The first check waits a little after start-up, so a node restarting in a loop sends nothing twice at once. */
const FIRST_CHECK_MS = 60_000;
const KEEP_DAYS = 31;

export interface ReportsService {
  ingest: ReportsIngest;
  /** Sends what is due now (yesterday's reports not sent yet); what the hourly timer runs. */
  runDue(): Promise<{ dmarc: SendResult[]; tls: SendResult[] }>;
  stop(): Promise<void>;
}

export function startReports(deps: DeliveryDeps, resolver: DnsResolver): ReportsService {
  const ingest = startReportsIngest(deps);
  const cfg = deps.config.reports;
  let running: Promise<unknown> | null = null;

  async function runDue() {
    const day = yesterday(deps.now());
    const dmarc = cfg.sendDmarc ? await sendDmarcReports(deps, resolver, day) : [];
    const tls = cfg.sendTls ? await sendTlsReports(deps, resolver, day) : [];
    const keepFrom = new Date(deps.now() - KEEP_DAYS * 86_400_000).toISOString().slice(0, 10);
    await pruneResults(deps.store.db, 'dmarc', keepFrom);
    await pruneResults(deps.store.db, 'tls', keepFrom);
    return { dmarc, tls };
  }
  const tick = () => {
    if (running) return;
    running = runDue()
      .catch((err) => deps.log.error({ err }, 'sending reports failed'))
      .finally(() => (running = null));
  };
  const first = setTimeout(tick, FIRST_CHECK_MS);
  const timer = setInterval(tick, HOUR);
  first.unref();
  timer.unref();

  return {
    ingest,
    runDue,
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      ingest.stop();
      await running;
      await ingest.idle();
    },
  };
}
