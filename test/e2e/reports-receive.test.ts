// End to end: DMARC aggregate and TLS-RPT reports mailed to the configured reports address over
// SMTP to the node's MX are parsed after storage and show up in `mailcove reports dmarc|tls
// --json` and in the API; the same report mailed twice is counted once, a zip bomb is refused.
import zlib from 'node:zlib';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as admin from '../../src/accounts/admin.js';
import { writeZip } from '../../src/reports/zip.js';
import { cliJson } from '../helpers/cli.js';
import { folderMessages, provision, startTestNode, TEST_DIALECTS, type TestNode } from '../helpers/server.js';
import { GOOGLE_LIKE, MICROSOFT_LIKE, TLSRPT, reportMail } from '../reports/samples.js';

const REPORTS = 'dmarc-reports@example.test';
const DAY = 86_400;

/** The samples, moved to yesterday so they fall inside the default 30 days. */
function recent(xml: string): string {
  const begin = Math.floor(Date.now() / 1000 / DAY - 1) * DAY;
  return xml.replace(/<((?:\w+:)?)begin>\d+</g, `<$1begin>${begin}<`).replace(/<((?:\w+:)?)end>\d+</g, `<$1end>${begin + DAY - 1}<`);
}

function recentTls(): string {
  const day = new Date(Date.now() - DAY * 1000).toISOString().slice(0, 10);
  return TLSRPT.replace(/2024-11-26/g, day);
}

describe.each(TEST_DIALECTS)('receiving DMARC and TLS reports (%s)', (dialect) => {
  let node: TestNode;
  let token = '';

  beforeAll(async () => {
    node = await startTestNode({
      dialect,
      config: {
        reports: { address: REPORTS },
        listen: { smtp: '127.0.0.1:0', submission: 'off', submissions: 'off', imap: 'off', imaps: 'off', managesieve: 'off', http: '127.0.0.1:0' },
        http: { tls: false },
      },
    });
    await provision(node.admin, 'example.test', ['dmarc-reports', 'alice']);
    await admin.addUser(node.admin, 'admin@example.test', { admin: true, password: 'a long enough admin password' });
    token = (await admin.createApiToken(node.admin, 'admin@example.test', 'reports test')).token;
  });
  afterAll(() => node?.cleanup());

  async function mailReport(filename: string, contentType: string, data: Buffer, to = REPORTS): Promise<void> {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: node.port('smtp'), secure: false, ignoreTLS: true, name: 'mail-sor-f41.google.test' });
    await transport.sendMail({ envelope: { from: 'noreply-dmarc-support@google.com', to: [to] }, raw: reportMail({ to, filename, contentType, data }) });
    transport.close();
    // Events go out before the 250; the report is read right after.
    await node.server.reports.ingest.idle();
  }

  const cliEnv = () => (node.config.database.url ? { MAILCOVE_DATABASE_URL: node.config.database.url } : {});
  const cli = (args: string[]) => cliJson(['reports', ...args], { dataDir: node.dataDir, env: cliEnv() });
  async function api(path: string) {
    const res = await fetch(`http://127.0.0.1:${node.server.addresses.http!.port}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as any };
  }

  it('parses a gzipped Google-like and a zipped Microsoft-like report, each once', async () => {
    await mailReport('google.com!example.test!1!2.xml.gz', 'application/gzip', zlib.gzipSync(recent(GOOGLE_LIKE)));
    const zip = writeZip([{ name: 'enterprise.protection.outlook.com!example.test!1!2.xml', data: Buffer.from(recent(MICROSOFT_LIKE)) }]);
    await mailReport('enterprise.protection.outlook.com!example.test!1!2.zip', 'application/zip', zip);
    // The same report again (a reporter retrying): stored as mail, counted once.
    await mailReport('google.com!example.test!1!2.xml.gz', 'application/gzip', zlib.gzipSync(recent(GOOGLE_LIKE)));
    expect(await folderMessages(node, REPORTS)).toHaveLength(3);

    const s = await cli(['dmarc']);
    expect(s.domains).toHaveLength(1);
    expect(s.domains[0]).toMatchObject({ domain: 'example.test', reports: 2, messages: 22, pass: 14, fail: 8, dispositions: { none: 17, quarantine: 5 } });
    expect(s.domains[0].sources[0]).toEqual({ sourceIp: '203.0.113.25', messages: 12, pass: 12, fail: 0 });
    expect(s.domains[0].reporters.map((r: { orgName: string }) => r.orgName)).toEqual(['google.com', 'Enterprise Outlook']);

    const viaApi = await api('/reports/dmarc?domain=example.test&days=30');
    expect(viaApi.status).toBe(200);
    expect(viaApi.body.domains).toEqual(s.domains);
    expect((await api('/reports/dmarc?domain=other.test')).body.domains).toEqual([]);
    expect((await api('/reports/dmarc?days=zero')).status).toBe(400);
  });

  it('parses a TLS-RPT report (application/tlsrpt+gzip)', async () => {
    await mailReport('company-x.example!example.test!1!2.json.gz', 'application/tlsrpt+gzip', zlib.gzipSync(recentTls()));
    const s = await cli(['tls', '--domain', 'example.test']);
    expect(s.domains).toEqual([
      expect.objectContaining({ domain: 'example.test', reports: 1, successfulSessions: 5326, failedSessions: 303, failures: expect.arrayContaining([{ resultType: 'starttls-not-supported', sessions: 200 }]) }),
    ]);
    expect((await api('/reports/tls')).body.domains).toEqual(s.domains);
  });

  it('refuses a zip bomb and an XML entity trick, leaving the mail in the mailbox', async () => {
    const before = (await cli(['dmarc'])).domains[0].reports;
    await mailReport('bomb.zip', 'application/zip', writeZip([{ name: 'bomb.xml', data: Buffer.alloc(15 * 1024 * 1024) }]));
    const lol = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;">]><feedback>&lol1;</feedback>';
    await mailReport('lol.xml', 'text/xml', Buffer.from(lol));
    expect((await cli(['dmarc'])).domains[0].reports).toBe(before);
    expect(await folderMessages(node, REPORTS)).toHaveLength(6);
  });

  it('reads only the reports mailbox', async () => {
    await mailReport('other.xml', 'text/xml', Buffer.from(recent(GOOGLE_LIKE).replace('17283640598267340912', 'not-for-reports')), 'alice@example.test');
    expect((await cli(['dmarc'])).domains[0].reports).toBe(2);
  });

  it('is listed in the OpenAPI document, admin only', async () => {
    const doc = (await api('/openapi.json')).body;
    expect(doc.paths['/api/v1/reports/dmarc'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['domain', 'days']);
    expect(doc.paths['/api/v1/reports/tls'].get.operationId).toBe('tlsReportSummary');
    const anon = await fetch(`http://127.0.0.1:${node.server.addresses.http!.port}/api/v1/reports/dmarc`);
    expect(anon.status).toBe(401);
  });
});
