// The smaller record parsers and writers of the DNS check: tag lists (RFC 6376 3.2), DKIM key
// records (RFC 6376 3.6.1, RFC 8463), MTA-STS records and policies (RFC 8461), TLS-RPT (RFC 8460),
// and zone-file lines with TXT values split into 255-byte strings (RFC 1035 3.3.14).
import { describe, expect, it } from 'vitest';
import { parseTagList } from '../../src/dns-check/tag-list.js';
import { parseDkimKey } from '../../src/dns-check/dkim.js';
import { evaluatePolicy, parseStsRecord, policyId, renderPolicy } from '../../src/dns-check/mta-sts.js';
import { parseTlsRpt } from '../../src/dns-check/tls-rpt.js';
import { mxRecord, ptrRecord, splitCharacterStrings, txtRecord } from '../../src/dns-check/zone.js';
import { organizationalDomain, sameOrganization } from '../../src/dns-check/org-domain.js';

describe('tag lists', () => {
  it('splits on ";", trims white space, keeps order and the first of each name', () => {
    const l = parseTagList(' v=DKIM1 ;k=rsa;\r\n\tp=MIIB AQAB ;');
    expect(l.tags).toEqual([{ name: 'v', value: 'DKIM1' }, { name: 'k', value: 'rsa' }, { name: 'p', value: 'MIIB AQAB' }]);
    expect(l.errors).toEqual([]);
    expect(l.byName.get('p')?.value).toBe('MIIB AQAB');
  });
  it('reports pairs without "=", bad names and duplicates', () => {
    expect(parseTagList('a=1; b; c=3').errors).toEqual(['"b" is not a tag=value pair']);
    expect(parseTagList('a=1; 9x=2').errors).toEqual(['"9x" is not a valid tag name']);
    expect(parseTagList('a=1; A=2').errors).toEqual(['the tag "a" appears more than once']);
    expect(parseTagList('a=1;;b=2').warnings).toEqual(['an empty tag between two ";"']);
    expect(parseTagList('a=b=c').tags).toEqual([{ name: 'a', value: 'b=c' }]);
  });
});

describe('DKIM key records', () => {
  it('parses RSA and Ed25519 keys (RFC 8463 example key)', () => {
    expect(parseDkimKey('v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=')).toEqual({ ok: true, record: { k: 'ed25519', p: '11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=', t: [] } });
    const rsa = parseDkimKey('p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDwIRP/UC3SBsEmGqZ9ZJW3/DkMoGeLnQg1fWn7/zYt IxN2SnFCjxOCKG9v3b4jYfcTNh5ijSsq631uBItLa7od+v/RtdC2UzJ1lWT947qR+Rcac2gb\n to/NMqRACA; t=y:s');
    expect(rsa).toMatchObject({ ok: true, record: { k: 'rsa', t: ['y', 's'] } });
    if (rsa.ok) expect(rsa.record.p).not.toMatch(/\s/);
    expect(parseDkimKey('v=DKIM1; p=')).toEqual({ ok: true, record: { k: 'rsa', p: '', t: [] } });
  });
  it('refuses what verifiers refuse', () => {
    expect(parseDkimKey('k=rsa; v=DKIM1; p=AAAA')).toMatchObject({ ok: false, error: 'v= must come first and be "DKIM1"' });
    expect(parseDkimKey('v=DKIM2; p=AAAA')).toMatchObject({ ok: false });
    expect(parseDkimKey('v=DKIM1; k=rsa')).toMatchObject({ ok: false, error: 'the required tag p= (the public key) is missing' });
    expect(parseDkimKey('v=DKIM1; k=dsa; p=AAAA')).toMatchObject({ ok: false, error: 'k=dsa is not a key type receivers know (rsa, ed25519)' });
    expect(parseDkimKey('v=DKIM1; p=not*base64')).toMatchObject({ ok: false, error: 'p= is not base64' });
    expect(parseDkimKey('v=DKIM1; p=AAAA; p=BBBB')).toMatchObject({ ok: false });
  });
});

describe('MTA-STS', () => {
  it('TXT record (RFC 8461 3.1)', () => {
    expect(parseStsRecord('v=STSv1; id=20160831085700Z;')).toEqual({ ok: true, id: '20160831085700Z' });
    expect(parseStsRecord('v=STSv1;id=a1;ext=x')).toEqual({ ok: true, id: 'a1' });
    expect(parseStsRecord('v=STSv1; id=2016-08-31')).toMatchObject({ ok: false, error: 'id=2016-08-31 must be 1 to 32 letters and digits' });
    expect(parseStsRecord(`v=STSv1; id=${'a'.repeat(33)}`)).toMatchObject({ ok: false });
    expect(parseStsRecord('v=STSv1;')).toMatchObject({ ok: false, error: 'the required id= is missing' });
    expect(parseStsRecord('v=stsv1; id=1')).toMatchObject({ ok: false, error: 'it must start with "v=STSv1;" exactly' });
    expect(parseStsRecord('id=1; v=STSv1')).toMatchObject({ ok: false });
  });

  const policy = (mode: 'enforce' | 'testing' | 'none', mx: string[], maxAge = 604800) => ({ version: 'STSv1', mode, mx, maxAge });

  it('policy: every MX must match a pattern, wildcards cover one label (RFC 8461 4.1)', () => {
    expect(evaluatePolicy(policy('enforce', ['mx1.example.com', '*.mail.example.com']), ['mx1.example.com', 'a.mail.example.com'])).toEqual([]);
    const bad = evaluatePolicy(policy('enforce', ['mx1.example.com']), ['mx1.example.com', 'backup.example.net']);
    expect(bad).toEqual([
      { status: 'error', code: 'mta-sts-mx-mismatch', message: 'MX backup.example.net is not allowed by the policy (mx: mx1.example.com): senders that enforce MTA-STS refuse to deliver to it' },
    ]);
    expect(evaluatePolicy(policy('testing', ['mx1.example.com']), ['mx2.example.com']).map((p) => `${p.status}:${p.code}`)).toEqual(['warning:mta-sts-testing', 'warning:mta-sts-mx-mismatch']);
  });

  it('policy: mode none and a short max_age', () => {
    expect(evaluatePolicy(policy('none', []), ['mx.example.com']).map((p) => p.code)).toEqual(['mta-sts-mode-none']);
    expect(evaluatePolicy(policy('enforce', ['mx.example.com'], 3600), ['mx.example.com']).map((p) => `${p.status}:${p.code}`)).toEqual(['warning:mta-sts-max-age']);
  });

  it('writes a policy file and a fresh id', () => {
    expect(renderPolicy(['mx.example.com'])).toBe('version: STSv1\nmode: enforce\nmx: mx.example.com\nmax_age: 604800');
    expect(policyId(Date.UTC(2025, 0, 2, 3, 4, 5))).toBe('20250102030405');
  });
});

describe('TLS-RPT (RFC 8460 3)', () => {
  it('parses mailto: and https: report URIs', () => {
    expect(parseTlsRpt('v=TLSRPTv1; rua=mailto:reports@example.com')).toEqual({ ok: true, rua: ['mailto:reports@example.com'] });
    expect(parseTlsRpt('v=TLSRPTv1;rua=mailto:r@example.com,https://reporting.example.com/v1/tlsrpt')).toEqual({ ok: true, rua: ['mailto:r@example.com', 'https://reporting.example.com/v1/tlsrpt'] });
  });
  it('refuses a wrong version, a missing or bad rua', () => {
    expect(parseTlsRpt('v=TLSRPTv2; rua=mailto:r@example.com')).toMatchObject({ ok: false });
    expect(parseTlsRpt('v=tlsrptv1; rua=mailto:r@example.com')).toMatchObject({ ok: false });
    expect(parseTlsRpt('v=TLSRPTv1')).toMatchObject({ ok: false, error: 'the required rua= is missing' });
    expect(parseTlsRpt('v=TLSRPTv1; rua=mailto:r@example.com,http://x.example/r')).toMatchObject({ ok: false, error: '"http://x.example/r" is not a mailto: address or https: URL', rua: ['mailto:r@example.com'] });
  });
});

describe('records to publish', () => {
  it('splits TXT values into strings of at most 255 bytes, never inside a UTF-8 character', () => {
    const long = 'v=DKIM1; k=rsa; p=' + 'A'.repeat(400);
    const parts = splitCharacterStrings(long);
    expect(parts.map((p) => p.length)).toEqual([255, 163]);
    expect(parts.join('')).toBe(long);
    const utf = 'é'.repeat(200); // 400 bytes
    const u = splitCharacterStrings(utf);
    expect(u.map((p) => Buffer.byteLength(p))).toEqual([254, 146]);
    expect(u.join('')).toBe(utf);
  });
  it('writes zone-file lines', () => {
    expect(txtRecord('example.com', 'v=spf1 mx a:mail.example.net -all')).toBe('example.com. TXT "v=spf1 mx a:mail.example.net -all"');
    expect(txtRecord('x.example.com', 'say "hi" \\')).toBe('x.example.com. TXT "say \\"hi\\" \\\\"');
    expect(txtRecord('s._domainkey.example.com', 'p=' + 'B'.repeat(300))).toBe(`s._domainkey.example.com. TXT "p=${'B'.repeat(253)}" "${'B'.repeat(47)}"`);
    expect(mxRecord('example.com', 10, 'mx.example.net')).toBe('example.com. MX 10 mx.example.net.');
    expect(ptrRecord('192.0.2.5', 'mx.example.net')).toBe('5.2.0.192.in-addr.arpa. PTR mx.example.net.');
    expect(ptrRecord('2001:db8::1', 'mx.example.net')).toBe('1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa. PTR mx.example.net.');
  });
});

describe('organizational domains (Public Suffix List)', () => {
  it('finds the registered domain', () => {
    expect(organizationalDomain('mail.example.com')).toBe('example.com');
    expect(organizationalDomain('a.b.example.co.uk')).toBe('example.co.uk');
    expect(organizationalDomain('example.com')).toBe('example.com');
    expect(sameOrganization('example.com', 'reports.example.com')).toBe(true);
    expect(sameOrganization('example.com', 'example.net')).toBe(false);
  });
});
