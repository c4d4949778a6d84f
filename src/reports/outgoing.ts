// What the DMARC and TLS-RPT senders share: who we are in a report, the report day, and handing
// the finished message to the delivery pipeline as our own mail (source 'local': remote
// recipients go to the outbound queue like a bounce does, and are DKIM-signed there).
import type { Config } from '../config/schema.js';
import type { DeliveryDeps } from '../delivery/context.js';
import { deliver } from '../delivery/pipeline.js';
import { invalid } from '../util/errors.js';

export interface Reporter {
  orgName: string;
  contact: string;
  /** Our domain name in file names and subjects ("receiver" / "Submitter"). */
  submitter: string;
}

export function reporter(config: Config): Reporter {
  return {
    orgName: config.reports.orgName ?? config.hostname,
    contact: config.reports.contactEmail ?? `postmaster@${config.hostname}`,
    submitter: config.hostname,
  };
}

/** One domain's outcome of a sending run, for the CLI, the log and tests. */
export interface SendResult {
  domain: string;
  /** sent; skipped (recorded: never tried again); already (an earlier run decided); retry (temporary, tried next run). */
  status: 'sent' | 'skipped' | 'already' | 'retry';
  reportId: string | null;
  recipients: string[];
  /** Messages (DMARC) or sessions (TLS) the report covers. */
  count: number;
  detail: string;
  /** The delivery id of the report message (for `mailcove trace`). */
  delivery?: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A UTC day as YYYY-MM-DD, checked. */
export function parseDay(value: string, field = 'day'): string {
  const m = DAY.exec(value);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== value) throw invalid(field, `"${value}" is not a day (YYYY-MM-DD)`);
  return value;
}

export function yesterday(now: number): string {
  return new Date(now - 86_400_000).toISOString().slice(0, 10);
}

/** First and last second of a UTC day, in Unix seconds. */
export function dayRange(day: string): { begin: number; end: number } {
  const begin = Date.parse(`${day}T00:00:00Z`) / 1000;
  return { begin, end: begin + 86_399 };
}

export async function deliverReport(deps: DeliveryDeps, from: string, to: string[], raw: Buffer): Promise<string> {
  const ctx = await deliver(deps, {
    source: 'local',
    client: { ip: null, helo: null, reverseName: null, tls: false, mailbox: null },
    mailFrom: from,
    rcptTo: to,
    raw,
  });
  return ctx.id;
}
