// Reports others send about our domains arrive as mail to the configured reports address. After a
// message is stored (the `message.new` event, published after its commit) it is read back from
// the blob store, its report attachments are parsed, and each report is stored once: a duplicate
// (same reporter org and report id) is ignored, which also makes re-reading a message harmless.
// Implementation rules:
// - Messages are processed one at a time in arrival order, off the delivery path: a report mail
//   was already answered with 250 and stored like any other; parsing cannot cost it.
// - A report that cannot be read is logged with the reason and left in the mailbox.
import type { DeliveryDeps } from '../delivery/context.js';
import { resolveAddress } from '../delivery/router.js';
import type { Store } from '../store/db.js';
import { insertDmarcReport, insertTlsReport } from '../store/reports-repo.js';
import { extractReports, type FoundReport } from './extract.js';

export interface IngestOutcome {
  kind: 'dmarc' | 'tls' | 'error';
  name: string;
  outcome: 'stored' | 'duplicate' | 'refused';
  detail: string;
}

/** Stores what extractReports found; each report in its own transaction. */
export async function storeReports(store: Store, found: FoundReport[], messageId: string | null, now: number): Promise<IngestOutcome[]> {
  const out: IngestOutcome[] = [];
  for (const f of found) {
    if (f.kind === 'error') {
      out.push({ kind: 'error', name: f.name, outcome: 'refused', detail: f.error });
      continue;
    }
    if (f.kind === 'dmarc') {
      const r = f.report;
      const id = await store.tx((trx) =>
        insertDmarcReport(
          trx,
          {
            org_name: r.orgName,
            report_id: r.reportId,
            email: r.email,
            domain: r.policy.domain,
            begin_at: r.begin,
            end_at: r.end,
            policy: JSON.stringify(r.policy),
            errors: JSON.stringify(r.errors),
            message_id: messageId,
            received_at: now,
          },
          r.records.map((x) => ({
            source_ip: x.sourceIp,
            count: x.count,
            disposition: x.disposition,
            dkim: x.dkim,
            spf: x.spf,
            header_from: x.headerFrom,
            envelope_from: x.envelopeFrom,
            dkim_results: JSON.stringify(x.dkimResults),
            spf_results: JSON.stringify(x.spfResults),
            reasons: JSON.stringify(x.reasons),
          })),
        ),
      );
      const what = `DMARC report ${r.reportId} from ${r.orgName} about ${r.policy.domain}`;
      out.push(id === null ? { kind: 'dmarc', name: f.name, outcome: 'duplicate', detail: `${what}: already stored` } : { kind: 'dmarc', name: f.name, outcome: 'stored', detail: `${what}: ${r.records.length} record(s)` });
      continue;
    }
    const r = f.report;
    const id = await store.tx((trx) =>
      insertTlsReport(
        trx,
        { org_name: r.orgName, report_id: r.reportId, contact_info: r.contactInfo, begin_at: r.begin, end_at: r.end, message_id: messageId, received_at: now },
        r.policies.map((p) => ({
          policy_domain: p.policyDomain,
          policy_type: p.policyType,
          policy_string: JSON.stringify(p.policyString),
          mx_host: JSON.stringify(p.mxHost),
          success_count: p.successCount,
          failure_count: p.failureCount,
          failure_details: JSON.stringify(p.failureDetails),
        })),
      ),
    );
    const what = `TLS report ${r.reportId} from ${r.orgName} about ${[...new Set(r.policies.map((p) => p.policyDomain))].join(', ') || '(no policies)'}`;
    out.push(id === null ? { kind: 'tls', name: f.name, outcome: 'duplicate', detail: `${what}: already stored` } : { kind: 'tls', name: f.name, outcome: 'stored', detail: `${what}: ${r.policies.length} policy result(s)` });
  }
  return out;
}

export interface ReportsIngest {
  stop(): void;
  /** Resolves once every message announced so far has been processed (tests). */
  idle(): Promise<void>;
}

/** Reads report mail delivered to `deps.config.reports.address` (nothing when it is unset). */
export function startReportsIngest(deps: DeliveryDeps): ReportsIngest {
  const address = deps.config.reports.address;
  let chain: Promise<void> = Promise.resolve();
  if (!address) return { stop: () => undefined, idle: () => chain };
  const log = deps.log.child({ component: 'reports' });

  // The mailbox is looked up again after a minute, so creating it (or an alias) needs no restart.
  let cached: { id: number | null; until: number } = { id: null, until: 0 };
  const reportsMailbox = async (): Promise<number | null> => {
    if (cached.until > deps.now()) return cached.id;
    const route = await resolveAddress(deps.store.db, address);
    // Only the mailbox itself or an alias of it: a catch-all must not turn all its mail into reports.
    const id = route.kind === 'mailbox' && route.via !== 'catchall' ? route.mailbox.id : null;
    cached = { id, until: deps.now() + 60_000 };
    return id;
  };

  const readMessage = async (mailboxId: number, folderId: number, uid: number) => {
    if ((await reportsMailbox()) !== mailboxId) return;
    const row = await deps.store.db
      .selectFrom('messages')
      .select(['blob_hash', 'message_id', 'delivery_id'])
      .where('folder_id', '=', folderId)
      .where('uid', '=', uid)
      .executeTakeFirst();
    if (!row) return; // expunged meanwhile
    const found = extractReports(await deps.blobs.read(row.blob_hash));
    if (found.length === 0) {
      log.info({ delivery: row.delivery_id, messageId: row.message_id }, 'report mailbox: message carries no report attachment');
      return;
    }
    for (const o of await storeReports(deps.store, found, row.message_id, deps.now())) {
      const fields = { delivery: row.delivery_id, messageId: row.message_id, attachment: o.name, outcome: o.outcome };
      if (o.outcome === 'refused') log.warn(fields, `report refused: ${o.detail}`);
      else log.info(fields, o.detail);
    }
  };

  const unsubscribe = deps.events.subscribe('message.new', (e) => {
    chain = chain.then(() => readMessage(e.mailboxId, e.folderId, e.uid)).catch((err) => log.error({ err }, 'reading a report failed'));
  });
  return { stop: unsubscribe, idle: () => chain };
}
