// The pure parts of report reading: the XML parser and its refusals, DMARC aggregate reports of
// several reporters' shapes, TLS-RPT JSON, and writing a report then reading it back.
import { describe, expect, it } from 'vitest';
import { parseXml, XmlError } from '../../src/reports/xml.js';
import { buildDmarcReportXml, parseDmarcReport, recordPasses, ReportFormatError } from '../../src/reports/dmarc-report.js';
import { buildTlsReportJson, parseTlsReport } from '../../src/reports/tls-report.js';
import { parseRua, recordTags } from '../../src/reports/report-dns.js';
import { DMARCBIS_PREFIXED, GOOGLE_LIKE, MICROSOFT_LIKE, TLSRPT } from './samples.js';

describe('XML parser', () => {
  it('reads elements, attributes, text, CDATA, comments and the predefined and numeric entities', () => {
    const root = parseXml('<?xml version="1.0"?>\n<!-- c --><a x="1" y=\'&lt;2&gt;\'><b>t&amp;u&#65;&#x42;</b><c/><d><![CDATA[<raw> & stuff]]></d></a>');
    expect(root.name).toBe('a');
    expect(root.attrs).toEqual({ x: '1', y: '<2>' });
    expect(root.children.map((c) => c.name)).toEqual(['b', 'c', 'd']);
    expect(root.children[0]!.text).toBe('t&uAB');
    expect(root.children[2]!.text).toBe('<raw> & stuff');
  });

  it('drops namespace prefixes and keeps UTF-8 text', () => {
    const root = parseXml(Buffer.from('\uFEFF<ns:a xmlns:ns="urn:x"><ns:b>Zürich</ns:b></ns:a>', 'utf8'));
    expect(root.name).toBe('a');
    expect(root.children[0]).toMatchObject({ name: 'b', text: 'Zürich' });
  });

  it('decodes a Latin-1 document when its declaration says so', () => {
    const root = parseXml(Buffer.concat([Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a>'), Buffer.from([0x5a, 0xfc, 0x72, 0x69, 0x63, 0x68]), Buffer.from('</a>')]));
    expect(root.text).toBe('Zürich');
  });

  const refused: Array<[string, string, RegExp]> = [
    ['a DOCTYPE', '<!DOCTYPE feedback SYSTEM "http://evil.example/x.dtd"><feedback/>', /DOCTYPE.*not accepted/],
    ['entity declarations (billion laughs)', '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><lolz>&lol2;</lolz>', /DOCTYPE/],
    ['a bare ENTITY', '<a><!ENTITY x "y"></a>', /ENTITY.*not accepted/],
    ['an undeclared entity', '<a>&xxe;</a>', /entity &xxe; is not allowed/],
    ['an external entity reference', '<a>&file;</a>', /not allowed/],
    ['a bare ampersand', '<a>AT&T</a>', /unterminated entity/],
    ['a NUL character reference', '<a>&#0;</a>', /not a valid character/],
    ['a surrogate character reference', '<a>&#xD800;</a>', /not a valid character/],
    ['mismatched tags', '<a><b></a></b>', /does not close/],
    ['an unclosed element', '<a><b></b>', /ends inside <a>/],
    ['two roots', '<a/><b/>', /more than one root/],
    ['text outside the root', '<a/>junk', /text outside/],
    ['no root', '<?xml version="1.0"?>', /no root/],
    ['a malformed attribute', '<a x=1/>', /malformed attribute/],
    ['a repeated attribute', '<a x="1" x="2"/>', /repeated/],
    ['an unterminated comment', '<a><!-- ...</a>', /unterminated comment/],
    ['an unterminated CDATA section', '<a><![CDATA[ ...</a>', /unterminated CDATA/],
    ['a bad element name', '<1a/>', /invalid element name/],
    ['UTF-16', '\uFEFF<a/>', /./],
  ];
  for (const [what, doc, message] of refused) {
    it(`refuses ${what}`, () => {
      const input = what === 'UTF-16' ? Buffer.from(doc, 'utf16le') : doc;
      expect(() => parseXml(input)).toThrow(XmlError);
      expect(() => parseXml(input)).toThrow(message);
    });
  }

  it('refuses documents over the size, depth and element limits before doing the work', () => {
    expect(() => parseXml('<a>' + 'x'.repeat(2000) + '</a>', { maxBytes: 1000 })).toThrow(/exceeds the limit/);
    expect(() => parseXml('<a>'.repeat(40) + '</a>'.repeat(40))).toThrow(/nested deeper than 32/);
    expect(() => parseXml('<a>' + '<b/>'.repeat(1001) + '</a>', { maxElements: 1000 })).toThrow(/more than 1000 elements/);
  });

  it('parses a 5 MB document with 50,000 records quickly', () => {
    const rec = (i: number) => `<record><row><source_ip>10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}</source_ip><count>${i}</count></row><identifiers><header_from>example.test</header_from></identifiers></record>`;
    const doc = `<feedback>${Array.from({ length: 50_000 }, (_, i) => rec(i)).join('')}</feedback>`;
    const t = performance.now();
    const root = parseXml(doc);
    expect(root.children).toHaveLength(50_000);
    expect(performance.now() - t).toBeLessThan(3000);
  });
});

describe('DMARC aggregate reports', () => {
  it('reads a Google-like report', () => {
    const r = parseDmarcReport(GOOGLE_LIKE);
    expect(r).toMatchObject({
      orgName: 'google.com',
      email: 'noreply-dmarc-support@google.com',
      reportId: '17283640598267340912',
      begin: 1732579200_000,
      end: 1732665599_000,
      policy: { domain: 'example.test', adkim: 'r', aspf: 'r', p: 'none', sp: 'none', pct: 100, fo: null },
    });
    expect(r.records).toHaveLength(2);
    expect(r.records[0]).toEqual({
      sourceIp: '203.0.113.25',
      count: 12,
      disposition: 'none',
      dkim: 'pass',
      spf: 'pass',
      reasons: [],
      headerFrom: 'example.test',
      envelopeFrom: null,
      envelopeTo: null,
      dkimResults: [{ domain: 'example.test', selector: 'mc2024r', result: 'pass' }],
      spfResults: [{ domain: 'example.test', scope: null, result: 'pass' }],
    });
    expect(r.records[1]).toMatchObject({ sourceIp: '198.51.100.7', count: 3, dkim: 'fail', spf: 'fail', dkimResults: [], spfResults: [{ domain: 'spammer.example', result: 'softfail' }] });
    expect(r.records.map(recordPasses)).toEqual([true, false]);
  });

  it('reads a Microsoft-like report with namespaces, <version>, IPv6 and envelope identifiers', () => {
    const r = parseDmarcReport(MICROSOFT_LIKE);
    expect(r.orgName).toBe('Enterprise Outlook');
    expect(r.policy).toMatchObject({ domain: 'example.test', adkim: 's', p: 'quarantine', fo: '0' });
    expect(r.records[0]).toMatchObject({ sourceIp: '2001:db8::25', envelopeFrom: 'bounces.example.test', envelopeTo: 'outlook.com', spfResults: [{ domain: 'bounces.example.test', scope: 'mfrom', result: 'fail' }] });
    expect(r.records[1]).toMatchObject({ disposition: 'quarantine', reasons: [{ type: 'local_policy', comment: 'arc=fail' }] });
    expect(r.records.map(recordPasses)).toEqual([true, false]);
  });

  it('reads a DMARCbis report with prefixed elements, CDATA and entities', () => {
    const r = parseDmarcReport(DMARCBIS_PREFIXED);
    expect(r.orgName).toBe('AT&T Mail \u2014 Reports');
    expect(r.extraContactInfo).toBe('<https://att.example/dmarc>');
    expect(r.policy).toMatchObject({ domain: 'sub.example.test', p: 'reject', adkim: null, pct: null });
    expect(r.records[0]).toMatchObject({ disposition: 'pass', dkim: 'pass', spf: 'fail' });
  });

  it('says what is missing or wrong', () => {
    const broken = (from: string, to: string) => GOOGLE_LIKE.replace(from, to);
    expect(() => parseDmarcReport('<report/>')).toThrow(/not <feedback>/);
    expect(() => parseDmarcReport(broken('<org_name>google.com</org_name>', ''))).toThrow(/org_name is missing/);
    expect(() => parseDmarcReport(broken('<report_id>17283640598267340912</report_id>', '<report_id> </report_id>'))).toThrow(/report_id is missing/);
    expect(() => parseDmarcReport(broken('<begin>1732579200</begin>', '<begin>yesterday</begin>'))).toThrow(/not a Unix time/);
    expect(() => parseDmarcReport(broken('<end>1732665599</end>', '<end>1</end>'))).toThrow(/ends before it begins/);
    expect(() => parseDmarcReport(broken('<source_ip>203.0.113.25</source_ip>', '<source_ip>not-an-ip</source_ip>'))).toThrow(/record 1: source_ip/);
    expect(() => parseDmarcReport(broken('<count>12</count>', '<count>-1</count>'))).toThrow(/count "-1" is not a number/);
    expect(() => parseDmarcReport(broken('<domain>example.test</domain>\n    <adkim>', '<domain>exa mple</domain>\n    <adkim>'))).toThrow(/policy_published\/domain/);
    expect(() => parseDmarcReport(GOOGLE_LIKE.slice(0, 500))).toThrow(XmlError);
    expect(() => parseDmarcReport(broken('<header_from>example.test</header_from>', ''))).toThrow(ReportFormatError);
  });

  it('writes a report that reads back the same', () => {
    const xml = buildDmarcReportXml({
      orgName: 'Mail <Cove> & Co',
      email: 'postmaster@mx.mailcove.test',
      reportId: '20241126.example.net@mx.mailcove.test',
      begin: 1732579200,
      end: 1732665599,
      policy: { domain: 'example.net', adkim: null, aspf: 's', p: 'reject', sp: null, pct: 50, fo: '1' },
      records: [
        {
          sourceIp: '192.0.2.1',
          count: 7,
          disposition: 'quarantine',
          dkim: 'fail',
          spf: 'pass',
          reason: { type: 'sampled_out', comment: 'pct=50' },
          headerFrom: 'example.net',
          envelopeFrom: 'example.net',
          dkimResults: [{ domain: 'other.example', selector: 's', result: 'pass' }],
          spfResult: { domain: 'example.net', scope: 'mfrom', result: 'pass' },
        },
      ],
    });
    const r = parseDmarcReport(xml);
    expect(r).toMatchObject({ orgName: 'Mail <Cove> & Co', reportId: '20241126.example.net@mx.mailcove.test', begin: 1732579200_000, policy: { domain: 'example.net', adkim: 'r', aspf: 's', p: 'reject', sp: 'reject', pct: 50, fo: '1' } });
    expect(r.records[0]).toMatchObject({ sourceIp: '192.0.2.1', count: 7, disposition: 'quarantine', dkim: 'fail', spf: 'pass', reasons: [{ type: 'sampled_out', comment: 'pct=50' }], envelopeFrom: 'example.net' });
    expect(r.records[0]!.spfResults).toEqual([{ domain: 'example.net', scope: 'mfrom', result: 'pass' }]);
  });
});

describe('TLS-RPT reports', () => {
  it('reads the RFC 8460 example shape', () => {
    const r = parseTlsReport(TLSRPT);
    expect(r).toMatchObject({ orgName: 'Company-X', reportId: '5065427c-23d3-47ca-b6e0-946ea0e8c4be', contactInfo: 'sts-reporting@company-x.example', begin: Date.parse('2024-11-26T00:00:00Z') });
    expect(r.policies[0]).toMatchObject({ policyType: 'sts', policyDomain: 'example.test', mxHost: ['*.mail.example.test'], successCount: 5326, failureCount: 303 });
    expect(r.policies[0]!.failureDetails.map((f) => [f.resultType, f.failedSessionCount])).toEqual([
      ['certificate-expired', 100],
      ['starttls-not-supported', 200],
      ['validation-failure', 3],
    ]);
    expect(r.policies[0]!.failureDetails[2]!.failureReasonCode).toBe('X509_V_ERR_PROXY_PATH_LENGTH_EXCEEDED');
  });

  it('takes mx-host as a single string too (the RFC shows both)', () => {
    const v = JSON.parse(TLSRPT);
    v.policies[0].policy['mx-host'] = 'mx.example.test';
    expect(parseTlsReport(JSON.stringify(v)).policies[0]!.mxHost).toEqual(['mx.example.test']);
  });

  it('says what is wrong', () => {
    const v = JSON.parse(TLSRPT);
    expect(() => parseTlsReport('{"organization-name": ')).toThrow(/not JSON/);
    expect(() => parseTlsReport(JSON.stringify({ ...v, 'report-id': undefined }))).toThrow(/report-id/);
    expect(() => parseTlsReport(JSON.stringify({ ...v, 'date-range': { 'start-datetime': 'yesterday', 'end-datetime': 'today' } }))).toThrow(/date-range/);
    v.policies[0].summary['total-failure-session-count'] = -3;
    expect(() => parseTlsReport(JSON.stringify(v))).toThrow(/policies.0.summary.total-failure-session-count/);
  });

  it('writes a report that reads back the same', () => {
    const r = parseTlsReport(TLSRPT);
    expect(parseTlsReport(buildTlsReportJson({ ...r, contactInfo: r.contactInfo! }))).toEqual(r);
  });
});

describe('DMARC record tags and rua', () => {
  it('reads tags, first one wins', () => {
    expect([...recordTags('v=DMARC1; p=reject; rua=mailto:a@b.example; p=none;; junk')]).toEqual([
      ['v', 'DMARC1'],
      ['p', 'reject'],
      ['rua', 'mailto:a@b.example'],
    ]);
  });

  it('reads mailto destinations with their !size limits and leaves other schemes out', () => {
    expect(parseRua('mailto:dmarc@reports.example.net!10m, mailto:agg%40x@y.example!500 ,https://r.example/x, mailto:bad, mailto:big@z.example!2k')).toEqual({
      uris: [
        { address: 'dmarc@reports.example.net', domain: 'reports.example.net', maxBytes: 10 * 1024 * 1024 },
        { address: 'agg@x@y.example', domain: 'y.example', maxBytes: 500 },
        { address: 'big@z.example', domain: 'z.example', maxBytes: 2048 },
      ],
      ignored: ['https://r.example/x', 'mailto:bad'],
    });
  });
});
