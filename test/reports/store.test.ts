// Storing received reports, their summaries, the daily result counters and the send claims, on
// each database dialect.
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractReports } from '../../src/reports/extract.js';
import { storeReports } from '../../src/reports/ingest.js';
import { recordDmarcResult, recordTlsResult } from '../../src/reports/record.js';
import { dmarcSummary, tlsSummary } from '../../src/reports/summary.js';
import { claimReport, dmarcResultsOfDay, finishReport, releaseReport, sentReport, tlsResultsOfDay } from '../../src/store/reports-repo.js';
import { DIALECTS, PG_SKIP_REASON, freshStore, type FreshStore } from '../helpers/store.js';
import { dmarcInput, GOOGLE_LIKE, MICROSOFT_LIKE, TLSRPT, reportMail } from './samples.js';

if (PG_SKIP_REASON) console.log(`PostgreSQL runs skipped: ${PG_SKIP_REASON}`);

const NOW = Date.parse('2024-11-28T12:00:00Z');

describe.each(DIALECTS)('reports storage (%s)', (dialect) => {
  let t: FreshStore;
  beforeAll(async () => {
    t = await freshStore(dialect);
  });
  afterAll(() => t?.cleanup());

  it('stores received reports once and summarises them per domain', async () => {
    const mail = (data: Buffer, name: string, type: string) => extractReports(Buffer.from(reportMail({ to: 'dmarc@example.test', filename: name, contentType: type, data })));
    const first = await storeReports(t.store, [...mail(zlib.gzipSync(GOOGLE_LIKE), 'g.xml.gz', 'application/gzip'), ...mail(Buffer.from(MICROSOFT_LIKE), 'm.xml', 'text/xml')], '<m1@x>', NOW);
    expect(first.map((o) => o.outcome)).toEqual(['stored', 'stored']);
    const again = await storeReports(t.store, mail(zlib.gzipSync(GOOGLE_LIKE), 'g.xml.gz', 'application/gzip'), '<m2@x>', NOW);
    expect(again).toEqual([{ kind: 'dmarc', name: 'g.xml', outcome: 'duplicate', detail: expect.stringMatching(/17283640598267340912 from google.com about example.test: already stored/) }]);

    // The samples' period ended on 2024-11-27: inside 30 days of NOW, outside 1 day.
    const s = await dmarcSummary(t.store, { days: 30, now: NOW });
    expect(s.domains).toHaveLength(1);
    const d = s.domains[0]!;
    expect(d).toMatchObject({ domain: 'example.test', reports: 2, messages: 22, pass: 14, fail: 8, dispositions: { none: 17, quarantine: 5 } });
    expect(d.sources).toEqual([
      { sourceIp: '203.0.113.25', messages: 12, pass: 12, fail: 0 },
      { sourceIp: '192.0.2.99', messages: 5, pass: 0, fail: 5 },
      { sourceIp: '198.51.100.7', messages: 3, pass: 0, fail: 3 },
      { sourceIp: '2001:db8::25', messages: 2, pass: 2, fail: 0 },
    ]);
    expect(d.reporters).toEqual([
      { orgName: 'google.com', reports: 1, messages: 15, pass: 12, fail: 3 },
      { orgName: 'Enterprise Outlook', reports: 1, messages: 7, pass: 2, fail: 5 },
    ]);
    expect((await dmarcSummary(t.store, { days: 1, now: NOW })).domains).toEqual([]);
    expect((await dmarcSummary(t.store, { days: 30, now: NOW, domain: 'other.test' })).domains).toEqual([]);
    expect((await dmarcSummary(t.store, { days: 30, now: NOW, domain: 'EXAMPLE.test' })).domains).toHaveLength(1);
    await expect(dmarcSummary(t.store, { days: 0, now: NOW })).rejects.toThrow(/days must be/);
  });

  it('stores TLS reports and summarises sessions and failure types', async () => {
    const found = extractReports(Buffer.from(reportMail({ to: 'tls@example.test', filename: 'r.json.gz', contentType: 'application/tlsrpt+gzip', data: zlib.gzipSync(TLSRPT) })));
    expect((await storeReports(t.store, found, null, NOW))[0]!.outcome).toBe('stored');
    expect((await storeReports(t.store, found, null, NOW))[0]!.outcome).toBe('duplicate');
    const s = await tlsSummary(t.store, { days: 30, now: NOW });
    expect(s.domains).toEqual([
      {
        domain: 'example.test',
        reports: 1,
        successfulSessions: 5326,
        failedSessions: 303,
        reporters: [{ orgName: 'Company-X', reports: 1, successfulSessions: 5326, failedSessions: 303 }],
        failures: [
          { resultType: 'starttls-not-supported', sessions: 200 },
          { resultType: 'certificate-expired', sessions: 100 },
          { resultType: 'validation-failure', sessions: 3 },
        ],
      },
    ]);
  });

  it('counts DMARC results per day and distinct outcome, and only those with a policy', async () => {
    expect(await recordDmarcResult(t.store.db, dmarcInput())).toBe(true);
    expect(await recordDmarcResult(t.store.db, dmarcInput({ at: Date.parse('2024-11-26T23:59:59Z') }))).toBe(true);
    // Same outcome, signatures in another order and an IPv4-mapped address: the same row.
    await recordDmarcResult(t.store.db, dmarcInput({ sourceIp: '::ffff:192.0.2.10', headerFrom: 'Example.NET.' }));
    await recordDmarcResult(t.store.db, dmarcInput({ result: 'fail', dkimAligned: false, spfAligned: false, disposition: 'none', policy: 'reject', override: { reason: 'sampled_out', comment: 'pct=10' }, sourceIp: '198.51.100.1' }));
    await recordDmarcResult(t.store.db, dmarcInput({ at: Date.parse('2024-11-27T00:00:00Z') }));
    expect(await recordDmarcResult(t.store.db, dmarcInput({ result: 'none', policy: null }))).toBe(false);
    expect(await recordDmarcResult(t.store.db, dmarcInput({ result: 'temperror' }))).toBe(false);
    expect(await recordDmarcResult(t.store.db, dmarcInput({ sourceIp: 'unknown' }))).toBe(false);
    const rows = await dmarcResultsOfDay(t.store.db, '2024-11-26');
    expect(rows.map((r) => [r.source_ip, Number(r.count), r.disposition, r.dkim_aligned, r.override_reason])).toEqual([
      ['192.0.2.10', 3, 'none', 'pass', null],
      ['198.51.100.1', 1, 'none', 'fail', 'sampled_out'],
    ]);
    expect(rows[0]).toMatchObject({ header_from: 'example.net', policy: 'none', spf_domain: 'example.net', spf_scope: 'mfrom', spf_result: 'pass' });
    expect(await dmarcResultsOfDay(t.store.db, '2024-11-27')).toHaveLength(1);
  });

  it('counts TLS results per day and outcome', async () => {
    const base = { at: NOW, policyDomain: 'example.net', policyType: 'no-policy-found' as const, policyString: [], mxHost: 'mx.example.net', receivingIp: '192.0.2.25', sendingIp: '198.51.100.2' };
    await recordTlsResult(t.store.db, { ...base, result: 'success' });
    await recordTlsResult(t.store.db, { ...base, result: 'success' });
    await recordTlsResult(t.store.db, { ...base, result: 'starttls-not-supported', reasonCode: 'plaintext' });
    const rows = await tlsResultsOfDay(t.store.db, '2024-11-28');
    expect(rows.map((r) => [r.result, Number(r.count)])).toEqual([
      ['success', 2],
      ['starttls-not-supported', 1],
    ]);
  });

  it('lets one run claim a report; a finished one stays done, a released or stale one is taken again', async () => {
    expect(await claimReport(t.store.db, 'dmarc', '2024-11-26', 'example.net', NOW, 3600_000)).toBe(true);
    expect(await claimReport(t.store.db, 'dmarc', '2024-11-26', 'example.net', NOW + 1000, 3600_000)).toBe(false);
    // A claim left by a run that died is taken over after an hour.
    expect(await claimReport(t.store.db, 'dmarc', '2024-11-26', 'example.net', NOW + 3600_001, 3600_000)).toBe(true);
    await finishReport(t.store.db, 'dmarc', '2024-11-26', 'example.net', 'sent', 'r1', 'to a@b', NOW);
    expect(await claimReport(t.store.db, 'dmarc', '2024-11-26', 'example.net', NOW + 9e9, 3600_000)).toBe(false);
    expect(await sentReport(t.store.db, 'dmarc', '2024-11-26', 'example.net')).toMatchObject({ status: 'sent', report_id: 'r1' });
    expect(await claimReport(t.store.db, 'tls', '2024-11-26', 'example.net', NOW, 3600_000)).toBe(true);
    await releaseReport(t.store.db, 'tls', '2024-11-26', 'example.net');
    expect(await claimReport(t.store.db, 'tls', '2024-11-26', 'example.net', NOW, 3600_000)).toBe(true);
  });
});
