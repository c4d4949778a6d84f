// Rows of the reports feature: received DMARC and TLS-RPT reports with their records, the daily
// counters of our own DMARC and TLS results, and which daily report went to which domain.
import { sql } from 'kysely';
import type { Db } from './db.js';
import type { NewRow, Row } from './schema.js';

type ReportKind = 'dmarc' | 'tls';
const SENT_TABLE = { dmarc: 'dmarc_reports_sent', tls: 'tls_reports_sent' } as const;
const RESULTS_TABLE = { dmarc: 'dmarc_results', tls: 'tls_results' } as const;

/** Multi-row inserts in chunks that stay below SQLite's bound-parameter limit. */
async function insertChunks<T extends 'dmarc_report_records' | 'tls_report_policies'>(db: Db, table: T, rows: NewRow<T>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db.insertInto(table).values(rows.slice(i, i + 500) as never).execute();
  }
}

/** Stores a report and its records; null when the same org already sent this report id. */
export async function insertDmarcReport(db: Db, report: NewRow<'dmarc_reports'>, records: Array<Omit<NewRow<'dmarc_report_records'>, 'report_id'>>): Promise<number | null> {
  const inserted = await db
    .insertInto('dmarc_reports')
    .values(report)
    .onConflict((oc) => oc.columns(['org_name', 'report_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return null;
  await insertChunks(db, 'dmarc_report_records', records.map((r) => ({ ...r, report_id: inserted.id })));
  return inserted.id;
}

export async function insertTlsReport(db: Db, report: NewRow<'tls_reports'>, policies: Array<Omit<NewRow<'tls_report_policies'>, 'report_id'>>): Promise<number | null> {
  const inserted = await db
    .insertInto('tls_reports')
    .values(report)
    .onConflict((oc) => oc.columns(['org_name', 'report_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return null;
  await insertChunks(db, 'tls_report_policies', policies.map((p) => ({ ...p, report_id: inserted.id })));
  return inserted.id;
}

// ---------------------------------------------------------------------------
// Summaries of received reports

const passed = sql<number>`coalesce(sum(case when rec.dkim = 'pass' or rec.spf = 'pass' then rec.count else 0 end), 0)`;
const messages = sql<number>`coalesce(sum(rec.count), 0)`;

const GROUP_COLUMN = { org_name: sql<string>`r.org_name`, source_ip: sql<string>`rec.source_ip`, disposition: sql<string>`rec.disposition` } as const;

/** Received DMARC report totals grouped by policy domain and `by` (reporter, source IP or disposition). */
export async function dmarcReportTotals(db: Db, since: number, domain: string | undefined, by: keyof typeof GROUP_COLUMN) {
  const key = GROUP_COLUMN[by];
  let q = db
    .selectFrom('dmarc_reports as r')
    .leftJoin('dmarc_report_records as rec', 'rec.report_id', 'r.id')
    .select(['r.domain', key.as('key'), sql<number>`count(distinct r.id)`.as('reports'), messages.as('messages'), passed.as('pass')])
    .where('r.end_at', '>=', since);
  if (domain) q = q.where('r.domain', '=', domain);
  const rows = await q.groupBy(['r.domain', key]).execute();
  return rows.map((r) => ({ domain: r.domain, key: r.key as string | null, reports: Number(r.reports), messages: Number(r.messages), pass: Number(r.pass) }));
}

export async function tlsReportPolicies(db: Db, since: number, domain: string | undefined) {
  let q = db
    .selectFrom('tls_reports as r')
    .innerJoin('tls_report_policies as p', 'p.report_id', 'r.id')
    .select(['r.id as reportId', 'r.org_name', 'p.policy_domain', 'p.policy_type', 'p.success_count', 'p.failure_count', 'p.failure_details'])
    .where('r.end_at', '>=', since);
  if (domain) q = q.where('p.policy_domain', '=', domain);
  return q.execute();
}

// ---------------------------------------------------------------------------
// Our own results, counted per day

/** Adds one to the counter row of this result (made on first sight). */
export async function countDmarcResult(db: Db, row: Omit<NewRow<'dmarc_results'>, 'count'>): Promise<void> {
  await db
    .insertInto('dmarc_results')
    .values({ ...row, count: 1 })
    .onConflict((oc) => oc.columns(['day', 'key']).doUpdateSet({ count: sql`dmarc_results.count + 1` }))
    .execute();
}

export async function countTlsResult(db: Db, row: Omit<NewRow<'tls_results'>, 'count'>): Promise<void> {
  await db
    .insertInto('tls_results')
    .values({ ...row, count: 1 })
    .onConflict((oc) => oc.columns(['day', 'key']).doUpdateSet({ count: sql`tls_results.count + 1` }))
    .execute();
}

export function dmarcResultsOfDay(db: Db, day: string): Promise<Row<'dmarc_results'>[]> {
  return db.selectFrom('dmarc_results').selectAll().where('day', '=', day).orderBy('id').execute();
}

export function tlsResultsOfDay(db: Db, day: string): Promise<Row<'tls_results'>[]> {
  return db.selectFrom('tls_results').selectAll().where('day', '=', day).orderBy('id').execute();
}

/** Counters and send records older than `day` go: a report is never sent for them any more. */
export async function pruneResults(db: Db, kind: ReportKind, beforeDay: string): Promise<void> {
  await db.deleteFrom(RESULTS_TABLE[kind]).where('day', '<', beforeDay).execute();
  await db.deleteFrom(SENT_TABLE[kind]).where('day', '<', beforeDay).execute();
}

// ---------------------------------------------------------------------------
// Which report was sent (a claim first, so two nodes never send the same one)

/**
 * Claims the report of `day` for `domain`: true when this caller may build and send it. A claim
 * left in 'sending' by a node that died is taken over after `staleMs`.
 */
export async function claimReport(db: Db, kind: ReportKind, day: string, domain: string, now: number, staleMs: number): Promise<boolean> {
  const table = SENT_TABLE[kind];
  const ins = await db
    .insertInto(table)
    .values({ day, domain, status: 'sending', report_id: null, detail: '', updated_at: now })
    .onConflict((oc) => oc.columns(['day', 'domain']).doNothing())
    .executeTakeFirst();
  if (Number(ins.numInsertedOrUpdatedRows ?? 0) > 0) return true;
  const taken = await db
    .updateTable(table)
    .set({ updated_at: now })
    .where('day', '=', day)
    .where('domain', '=', domain)
    .where('status', '=', 'sending')
    .where('updated_at', '<', now - staleMs)
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) > 0;
}

export async function finishReport(db: Db, kind: ReportKind, day: string, domain: string, status: 'sent' | 'skipped', reportId: string | null, detail: string, now: number): Promise<void> {
  await db.updateTable(SENT_TABLE[kind]).set({ status, report_id: reportId, detail, updated_at: now }).where('day', '=', day).where('domain', '=', domain).execute();
}

/** Gives a claim back (a temporary failure): the next run tries again. */
export async function releaseReport(db: Db, kind: ReportKind, day: string, domain: string): Promise<void> {
  await db.deleteFrom(SENT_TABLE[kind]).where('day', '=', day).where('domain', '=', domain).where('status', '=', 'sending').execute();
}

export function sentReport(db: Db, kind: ReportKind, day: string, domain: string): Promise<Row<'dmarc_reports_sent'> | undefined> {
  return db.selectFrom(SENT_TABLE[kind]).selectAll().where('day', '=', day).where('domain', '=', domain).executeTakeFirst();
}
