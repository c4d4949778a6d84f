// End to end: our own daily reports. DMARC results are recorded as the authenticate stage will
// record them, `mailcove reports send-dmarc` builds the reports, the node's outbound queue
// delivers them over loopback to a receiving SMTP server found through a test DNS server, and
// the attachment is read back. A destination outside the policy domain's organization gets
// nothing without its RFC 7489 7.1 authorization record, and the reason is given. TLS results come
// from a real outbound session (STARTTLS to the loopback server) and go out as a TLS-RPT report.
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliver } from '../../src/delivery/pipeline.js';
import { mtaStsPolicies } from '../../src/queue/remote-smtp.js';
import { createSelfSignedCertificate } from '../../src/tls/self-signed.js';
import { parseMessage, decodeTransferEncoding, partFilename, getHeader } from '../../src/mime/index.js';
import { parseDmarcReport } from '../../src/reports/dmarc-report.js';
import { recordDmarcResult } from '../../src/reports/record.js';
import { parseTlsReport } from '../../src/reports/tls-report.js';
import { cliJson, runCli } from '../helpers/cli.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { provision, startTestNode, TEST_DIALECTS, type TestNode } from '../helpers/server.js';
import { dmarcInput } from '../reports/samples.js';
import { waitFor } from '../helpers/wait.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';

async function startReceiver(): Promise<SmtpSink> {
  // A fresh self-signed certificate: STARTTLS works, but it is not trusted (and not expired).
  const pair = createSelfSignedCertificate({ hostnames: ['mx.reports.test'] });
  return startSmtpSink('127.0.0.1', 0, { key: pair.keyPem, cert: pair.certPem });
}

/** The report attachment of a received message: its file name, media type and decompressed bytes. */
function attachment(raw: Buffer) {
  const msg = parseMessage(raw);
  const part = msg.root.children.find((p) => partFilename(p));
  if (!part) throw new Error('no attachment');
  const data = zlib.gunzipSync(decodeTransferEncoding(raw.subarray(part.bodyStart, part.bodyEnd), part.encoding));
  return { msg, filename: partFilename(part)!, type: `${part.type}/${part.subtype}`, data };
}

const DAY = '2024-11-26';
const at = (h: number) => Date.parse(`${DAY}T${String(h).padStart(2, '0')}:00:00Z`);

describe.each(TEST_DIALECTS)('sending our own reports (%s)', (dialect) => {
  let dns: TestDnsServer;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let node: TestNode;
  let skew = 0;

  beforeAll(async () => {
    receiver = await startReceiver();
    dns = await startDnsServer({
      // The brief's case: reports to a host inside the policy domain's own organization.
      '_dmarc.example.net': { TXT: ['v=DMARC1; p=none; rua=mailto:dmarc@reports.example.net'] },
      'reports.example.net': { MX: [{ priority: 10, exchange: 'mx.reports.test' }] },
      // A destination in another organization, which authorizes example.com's reports...
      '_dmarc.example.com': { TXT: ['v=DMARC1; p=quarantine; sp=reject; adkim=s; pct=50; rua=mailto:agg@reports.example.org!10m,https://collector.example/dmarc'] },
      'example.com._report._dmarc.reports.example.org': { TXT: ['v=DMARC1'] },
      // ...and one that does not authorize example.info's.
      '_dmarc.example.info': { TXT: ['v=DMARC1; p=reject; rua=mailto:agg@reports.example.org'] },
      'reports.example.org': { MX: [{ priority: 10, exchange: 'mx.reports.test' }] },
      'mx.reports.test': { A: ['127.0.0.1'] },
      // TLS-RPT for the domain we send mail to.
      'remote.test': { MX: [{ priority: 10, exchange: 'mx.reports.test' }] },
      '_smtp._tls.remote.test': { TXT: ['v=TLSRPTv1; rua=mailto:tlsrpt@reports.example.org,https://tlsrpt.example/v1'] },
      // A domain whose MTA-STS policy requires verified TLS, which the self-signed loopback server fails.
      'strict.test': { MX: [{ priority: 10, exchange: 'mx.reports.test' }] },
      '_mta-sts.strict.test': { TXT: ['v=STSv1; id=20241126'] },
      'mta-sts.strict.test': { A: ['127.0.0.1'] },
      '_smtp._tls.strict.test': { TXT: ['v=TLSRPTv1; rua=mailto:tlsrpt@reports.example.org'] },
    });
    node = await startTestNode({
      dialect,
      now: () => Date.now() + skew,
      config: {
        dns: { servers: [dns.address] },
        queue: { remotePort: receiver.port, blockLocalAddresses: false, pollMs: 100, connectTimeoutMs: 3000 },
        reports: { orgName: 'Mailcove Test', contactEmail: 'dmarc-noreply@example.test' },
      },
    });
    await provision(node.admin, 'example.test', ['dmarc-noreply', 'alice']);
    const db = node.server.deps.store.db;
    // example.net: 3 passing from one IP (two hours of the day), 2 failing from another;
    // sub.example.net has no record of its own and is reported under example.net's.
    for (const h of [1, 2, 3]) await recordDmarcResult(db, dmarcInput({ at: at(h) }));
    for (const h of [4, 5]) {
      await recordDmarcResult(db, dmarcInput({ at: at(h), sourceIp: '198.51.100.66', result: 'fail', dkimAligned: false, spfAligned: false, dkim: [], spf: { domain: 'spoof.example', scope: 'mfrom', result: 'softfail' }, envelopeFrom: 'spoof.example' }));
    }
    await recordDmarcResult(db, dmarcInput({ at: at(6), headerFrom: 'sub.example.net', sourceIp: '2001:db8::7' }));
    // Another day: not in this report.
    await recordDmarcResult(db, dmarcInput({ at: Date.parse('2024-11-27T01:00:00Z') }));
    // example.com: a failure let through by pct= sampling.
    await recordDmarcResult(db, dmarcInput({ at: at(7), headerFrom: 'example.com', envelopeFrom: 'example.com', result: 'fail', policy: 'quarantine', disposition: 'none', override: { reason: 'sampled_out', comment: 'pct=50' }, dkimAligned: false, spfAligned: false, dkim: [{ domain: 'esp.example', selector: 'x', result: 'pass' }], spf: { domain: 'example.com', scope: 'mfrom', result: 'fail' } }));
    await recordDmarcResult(db, dmarcInput({ at: at(8), headerFrom: 'example.info', policy: 'reject' }));
    // A domain whose record went away since: nobody to report to.
    await recordDmarcResult(db, dmarcInput({ at: at(9), headerFrom: 'gone.example' }));
  });

  afterAll(async () => {
    await node?.cleanup();
    await receiver?.close();
    await dns?.close();
  });

  // The CLI reads the same configuration as the node would (here: from the environment).
  const env = () => ({
    MAILCOVE_HOSTNAME: 'mx.mailcove.test',
    MAILCOVE_DNS_SERVERS: dns.address,
    MAILCOVE_REPORTS__ORG_NAME: 'Mailcove Test',
    MAILCOVE_REPORTS__CONTACT_EMAIL: 'dmarc-noreply@example.test',
    ...(node.config.database.url ? { MAILCOVE_DATABASE_URL: node.config.database.url } : {}),
  });
  const sendDmarc = () => cliJson(['reports', 'send-dmarc', '--day', DAY], { dataDir: node.dataDir, env: env() });
  const receivedBy = (rcpt: string) => receiver.messages.filter((m) => m.to.includes(rcpt));

  it('sends each domain that asks for reports one, only to authorized destinations, and says why not', async () => {
    const run = await runCli(['reports', 'send-dmarc', '--day', DAY, '--json'], { dataDir: node.dataDir, env: env() });
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    // The log (JSON lines on stderr) names the refusal too.
    const warning = run.stderr.split('\n').filter(Boolean).map((l) => JSON.parse(l)).find((l) => l.domain === 'example.info');
    expect(warning).toMatchObject({ level: 40, status: 'skipped', msg: expect.stringMatching(/^DMARC report for example.info not sent: .*no example.info._report._dmarc.reports.example.org TXT/) });
    expect(out.day).toBe(DAY);
    const by = Object.fromEntries(out.results.map((r: { domain: string }) => [r.domain, r]));
    expect(by['example.net']).toMatchObject({ status: 'sent', recipients: ['dmarc@reports.example.net'], count: 6 });
    expect(by['example.com']).toMatchObject({ status: 'sent', recipients: ['agg@reports.example.org'], count: 1 });
    expect(by['example.com'].detail).toMatch(/not to https:\/\/collector.example\/dmarc: only mailto: destinations are supported/);
    expect(by['example.info']).toMatchObject({ status: 'skipped', recipients: [] });
    expect(by['gone.example']).toMatchObject({ status: 'skipped', detail: 'gone.example publishes no DMARC record any more' });
    expect(by['example.info'].detail).toBe('agg@reports.example.org: reports.example.org does not accept reports for example.info: no example.info._report._dmarc.reports.example.org TXT "v=DMARC1" record (RFC 7489 7.1)');

    const net = await waitFor('the example.net report', () => receivedBy('dmarc@reports.example.net')[0]);
    expect(net.from).toBe('dmarc-noreply@example.test');
    const a = attachment(net.raw);
    const begin = Date.parse(`${DAY}T00:00:00Z`) / 1000;
    expect(a.filename).toBe(`mx.mailcove.test!example.net!${begin}!${begin + 86_399}.xml.gz`);
    expect(a.type).toBe('application/gzip');
    expect(a.msg.subject).toBe(`Report Domain: example.net Submitter: mx.mailcove.test Report-ID: <20241126.example.net@mx.mailcove.test>`);
    const xml = a.data.toString('utf8');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<feedback>\n  <version>1.0<\/version>\n  <report_metadata>/);
    const report = parseDmarcReport(a.data);
    expect(report).toMatchObject({ orgName: 'Mailcove Test', email: 'dmarc-noreply@example.test', reportId: '20241126.example.net@mx.mailcove.test', begin: begin * 1000, end: (begin + 86_399) * 1000 });
    expect(report.policy).toEqual({ domain: 'example.net', adkim: 'r', aspf: 'r', p: 'none', sp: 'none', pct: 100, fo: null });
    const rows = report.records.map((r) => [r.sourceIp, r.count, r.disposition, r.dkim, r.spf, r.headerFrom]);
    expect(rows).toEqual([
      ['192.0.2.10', 3, 'none', 'pass', 'pass', 'example.net'],
      ['198.51.100.66', 2, 'none', 'fail', 'fail', 'example.net'],
      ['2001:db8::7', 1, 'none', 'pass', 'pass', 'sub.example.net'],
    ]);
    expect(report.records[0]!.dkimResults).toEqual([{ domain: 'example.net', selector: 's1', result: 'pass' }]);
    expect(report.records[1]!.spfResults).toEqual([{ domain: 'spoof.example', scope: 'mfrom', result: 'softfail' }]);
    expect(report.records[1]!.envelopeFrom).toBe('spoof.example');

    const com = parseDmarcReport(attachment((await waitFor('the example.com report', () => receivedBy('agg@reports.example.org')[0])).raw).data);
    expect(com.policy).toEqual({ domain: 'example.com', adkim: 's', aspf: 'r', p: 'quarantine', sp: 'reject', pct: 50, fo: null });
    expect(com.records[0]).toMatchObject({ count: 1, disposition: 'none', dkim: 'fail', spf: 'fail', reasons: [{ type: 'sampled_out', comment: 'pct=50' }], dkimResults: [{ domain: 'esp.example', selector: 'x', result: 'pass' }] });

    // Nothing went anywhere for example.info, and the send table keeps the reason.
    await node.server.queue.runOnce();
    expect(receiver.messages.filter((m) => parseMessage(m.raw).subject.includes('example.info'))).toEqual([]);
    const row = await node.server.deps.store.db.selectFrom('dmarc_reports_sent').selectAll().where('domain', '=', 'example.info').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ day: DAY, status: 'skipped', detail: expect.stringContaining('no example.info._report._dmarc.reports.example.org TXT') });
  });

  it('sends a day once: a second run reports what the first did', async () => {
    const count = receiver.messages.length;
    const out = await sendDmarc();
    expect(out.results.map((r: { status: string }) => r.status)).toEqual(['already', 'already', 'already', 'already']);
    expect(out.results.find((r: { domain: string }) => r.domain === 'example.info').detail).toMatch(/^already skipped: .*RFC 7489 7.1/);
    const human = await runCli(['reports', 'send-dmarc', '--day', DAY], { dataDir: node.dataDir, env: env() });
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^example\.net: already \(report 20241126\.example\.net@mx\.mailcove\.test\): already sent: 6 message\(s\) reported to dmarc@reports\.example\.net$/m);
    await node.server.queue.runOnce();
    expect(receiver.messages.length).toBe(count);
  });

  it('refuses a malformed --day', async () => {
    const r = await runCli(['reports', 'send-dmarc', '--day', '2024-02-30'], { dataDir: node.dataDir, env: env() });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/"2024-02-30" is not a day/);
  });

  const local = (to: string, id: string) =>
    deliver(node.server.deps, {
      source: 'local',
      client: { ip: null, helo: null, reverseName: null, tls: false, mailbox: null },
      mailFrom: 'alice@example.test',
      rcptTo: [to],
      raw: Buffer.from(`From: alice@example.test\r\nTo: ${to}\r\nSubject: hello\r\nMessage-ID: <${id}@example.test>\r\n\r\nhi\r\n`),
    });

  it('records the TLS outcome of real outbound sessions and sends yesterday\'s TLS-RPT reports from the hourly check', async () => {
    await local('bob@remote.test', 'tls-1');
    await waitFor('the message to bob', () => receivedBy('bob@remote.test')[0]);
    // The policy as if fetched earlier (its HTTPS host refuses connections, so it stays in force).
    mtaStsPolicies.set('strict.test', { id: '20241126', mode: 'enforce', mx: ['mx.reports.test'], maxAge: 86400, expires: new Date(Date.now() + 86_400_000).toISOString() });
    try {
      await local('carol@strict.test', 'tls-2');
      const db = node.server.deps.store.db;
      await waitFor('the attempt to strict.test', async () => (await db.selectFrom('queue_recipients').select('attempts').where('recipient', '=', 'carol@strict.test').executeTakeFirst())?.attempts);
    } finally {
      mtaStsPolicies.delete('strict.test');
    }
    expect(receivedBy('carol@strict.test')).toEqual([]);

    const today = new Date(node.server.deps.now()).toISOString().slice(0, 10);
    const results = (domain: string) => node.server.deps.store.db.selectFrom('tls_results').selectAll().where('day', '=', today).where('policy_domain', '=', domain).execute();
    // (The DMARC reports above went out over sessions of their own, to reports.example.*.)
    expect(await results('remote.test')).toEqual([expect.objectContaining({ policy_type: 'no-policy-found', mx_host: 'mx.reports.test', receiving_ip: '127.0.0.1', result: 'success', count: 1 })]);
    const strict = await results('strict.test');
    expect(strict).toEqual([expect.objectContaining({ policy_type: 'sts', mx_host: 'mx.reports.test', result: 'certificate-not-trusted', count: 1 })]);
    expect(JSON.parse(strict[0]!.policy_string)).toEqual(['version: STSv1', 'mode: enforce', 'mx: mx.reports.test', 'max_age: 86400']);

    // A day later, the hourly check sends today's sessions as "yesterday's" reports.
    skew = 86_400_000;
    const due = await node.server.reports.runDue();
    const byDomain = Object.fromEntries(due.tls.map((r) => [r.domain, r]));
    expect(byDomain['remote.test']).toMatchObject({ status: 'sent', recipients: ['tlsrpt@reports.example.org'], count: 1 });
    expect(byDomain['remote.test']!.detail).toMatch(/not to https:\/\/tlsrpt.example\/v1 \(only mailto: is supported\)/);
    expect(byDomain['strict.test']).toMatchObject({ status: 'sent', count: 1 });
    expect(byDomain['reports.example.net']).toMatchObject({ status: 'skipped', detail: 'reports.example.net publishes no _smtp._tls TLSRPTv1 record' });

    const reportFor = async (domain: string) => {
      const msg = await waitFor(`the TLS report for ${domain}`, () => receivedBy('tlsrpt@reports.example.org').find((m) => parseMessage(m.raw).subject.startsWith(`Report Domain: ${domain} `)));
      return attachment(msg.raw);
    };
    const a = await reportFor('remote.test');
    expect(a.type).toBe('application/tlsrpt+gzip');
    expect(a.filename).toMatch(/^mx\.mailcove\.test!remote\.test!\d+!\d+\.json\.gz$/);
    expect(getHeader(a.msg.headers, 'tls-report-domain')?.trim()).toBe('remote.test');
    expect(getHeader(a.msg.headers, 'tls-report-submitter')?.trim()).toBe('mx.mailcove.test');
    expect(getHeader(a.msg.headers, 'content-type')).toMatch(/^multipart\/report; report-type="tlsrpt"/);
    const report = parseTlsReport(a.data);
    expect(report).toMatchObject({ orgName: 'Mailcove Test', contactInfo: 'dmarc-noreply@example.test', begin: Date.parse(`${today}T00:00:00Z`), end: Date.parse(`${today}T23:59:59Z`) });
    expect(report.policies).toEqual([{ policyType: 'no-policy-found', policyDomain: 'remote.test', policyString: [], mxHost: [], successCount: 1, failureCount: 0, failureDetails: [] }]);

    const sts = parseTlsReport((await reportFor('strict.test')).data).policies;
    expect(sts).toEqual([
      {
        policyType: 'sts',
        policyDomain: 'strict.test',
        policyString: ['version: STSv1', 'mode: enforce', 'mx: mx.reports.test', 'max_age: 86400'],
        mxHost: ['mx.reports.test'],
        successCount: 0,
        failureCount: 1,
        failureDetails: [expect.objectContaining({ resultType: 'certificate-not-trusted', receivingMxHostname: 'mx.reports.test', receivingIp: '127.0.0.1', failedSessionCount: 1 })],
      },
    ]);
    // The hourly check runs again: nothing new.
    expect(new Set((await node.server.reports.runDue()).tls.map((r) => r.status))).toEqual(new Set(['already']));
  });
});
