// The DMARC record parser against RFC 7489 section 6.3/6.4 (tags and grammar) and the examples of
// its Appendix B; report URIs per 6.2.
import { describe, expect, it } from 'vitest';
import { looksLikeDmarc, parseDmarc, parseDmarcUri, renderDmarc } from '../../src/dns-check/dmarc-record.js';

const codes = (text: string) => parseDmarc(text).problems.map((p) => `${p.status}:${p.code}`);

describe('valid DMARC records', () => {
  it('parses the examples of RFC 7489 Appendix B without a problem', () => {
    for (const t of [
      'v=DMARC1; p=none; rua=mailto:dmarc-feedback@example.com',
      'v=DMARC1; p=none; rua=mailto:dmarc-feedback@example.com; ruf=mailto:auth-reports@thirdparty.example.net',
      'v=DMARC1; p=quarantine; rua=mailto:dmarc-feedback@example.com,mailto:tld-test@thirdparty.example.net!10m; pct=25',
      'v=DMARC1; p=reject; sp=quarantine; adkim=s; aspf=r; fo=0:1:d:s; rf=afrf; ri=3600; pct=100',
    ]) {
      expect(codes(t), t).toEqual([]);
    }
  });

  it('reads every tag, with the defaults of RFC 7489 6.3', () => {
    const d = parseDmarc('v=DMARC1; p=none').record!;
    expect(d).toMatchObject({ p: 'none', adkim: 'r', aspf: 'r', pct: 100, fo: ['0'], rf: ['afrf'], ri: 86400, rua: [], ruf: [] });
    const r = parseDmarc('v=DMARC1;p=Reject;sp=NONE;adkim=S;aspf=s;pct=7;fo=1:D;ri=60; rua = mailto:a@example.com!10M, mailto:b%2Bdmarc@Example.NET').record!;
    expect(r).toMatchObject({ p: 'reject', sp: 'none', adkim: 's', aspf: 's', pct: 7, fo: ['1', 'd'], ri: 60 });
    expect(r.rua).toEqual([
      { text: 'mailto:a@example.com!10M', address: 'a@example.com', domain: 'example.com', maxSize: '10m' },
      { text: 'mailto:b%2Bdmarc@Example.NET', address: 'b+dmarc@example.net', domain: 'example.net' },
    ]);
  });

  it('tolerates spaces around "=" and ";", and a trailing ";"', () => {
    expect(codes('v = DMARC1 ;  p = reject ; rua=mailto:d@example.com ;')).toEqual([]);
  });

  it('renders a record in RFC order, leaving defaults out', () => {
    expect(renderDmarc({ p: 'quarantine', rua: ['mailto:dmarc@example.com'], pct: 100, adkim: 'r', fo: ['0'], ri: 86400 })).toBe('v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com');
    expect(renderDmarc({ p: 'reject', sp: 'quarantine', rua: ['mailto:a@x.example'], ruf: ['mailto:f@x.example'], adkim: 's', pct: 50, fo: ['1'] })).toBe(
      'v=DMARC1; p=reject; sp=quarantine; rua=mailto:a@x.example; ruf=mailto:f@x.example; adkim=s; pct=50; fo=1',
    );
  });
});

describe('malformed DMARC records', () => {
  it('must start with v=DMARC1, written exactly so', () => {
    expect(parseDmarc('p=reject; v=DMARC1').record).toBeNull();
    expect(codes('p=reject; v=DMARC1')).toEqual(['error:dmarc-syntax']);
    expect(codes('v=DMARC2; p=reject')).toEqual(['error:dmarc-syntax']);
    expect(codes('v=dmarc1; p=reject; rua=mailto:d@example.com')).toEqual(['error:dmarc-syntax']);
    expect(looksLikeDmarc('v=dmarc1; p=none')).toBe(true);
    expect(looksLikeDmarc('v=spf1 -all')).toBe(false);
    expect(looksLikeDmarc('v=DMARC10; p=none')).toBe(false);
  });

  it('p= is required and must be none, quarantine or reject; sp= likewise', () => {
    expect(codes('v=DMARC1; rua=mailto:d@example.com')).toEqual(['error:dmarc-missing-p']);
    expect(codes('v=DMARC1; p=block; rua=mailto:d@example.com')).toEqual(['error:dmarc-invalid-p']);
    expect(codes('v=DMARC1; p=; rua=mailto:d@example.com')).toEqual(['error:dmarc-invalid-p']);
    expect(codes('v=DMARC1; p=reject; sp=deny; rua=mailto:d@example.com')).toEqual(['error:dmarc-invalid-sp']);
    expect(parseDmarc('v=DMARC1; p=block').problems[0]!.message).toMatch(/p=block is not a valid policy \(none, quarantine or reject\): receivers apply no DMARC policy/);
  });

  it('a duplicate tag makes the record invalid (RFC 6376 3.2 tag lists)', () => {
    expect(codes('v=DMARC1; p=reject; p=none; rua=mailto:d@example.com')).toEqual(['error:dmarc-duplicate-tag']);
    expect(codes('v=DMARC1; p=reject; rua=mailto:a@example.com; RUA=mailto:b@example.com')).toEqual(['error:dmarc-duplicate-tag']);
  });

  it('pct must be 0 to 100', () => {
    for (const bad of ['101', '-1', '50%', 'half', '', '1000']) {
      expect(codes(`v=DMARC1; p=reject; pct=${bad}; rua=mailto:d@example.com`), bad).toEqual(['error:dmarc-pct-range']);
    }
    for (const good of ['0', '1', '100', '007']) expect(codes(`v=DMARC1; p=reject; pct=${good}; rua=mailto:d@example.com`), good).toEqual([]);
  });

  it('other tag values', () => {
    expect(codes('v=DMARC1; p=reject; adkim=x; rua=mailto:d@example.com')).toEqual(['error:dmarc-invalid-value']);
    expect(codes('v=DMARC1; p=reject; aspf=relaxed; rua=mailto:d@example.com')).toEqual(['error:dmarc-invalid-value']);
    expect(codes('v=DMARC1; p=reject; fo=2; rua=mailto:d@example.com')).toEqual(['error:dmarc-invalid-value']);
    expect(codes('v=DMARC1; p=reject; rf=iodef; rua=mailto:d@example.com')).toEqual(['error:dmarc-invalid-value']);
    expect(codes('v=DMARC1; p=reject; ri=daily; rua=mailto:d@example.com')).toEqual(['error:dmarc-invalid-value']);
  });

  it('tag syntax, unknown tags and the position of p=', () => {
    expect(codes('v=DMARC1; p=reject; rua')).toEqual(['error:dmarc-syntax']);
    expect(codes('v=DMARC1; p=reject; 1x=y; rua=mailto:d@example.com')).toEqual(['error:dmarc-syntax']);
    expect(codes('v=DMARC1; p=reject;; rua=mailto:d@example.com')).toEqual(['warning:dmarc-syntax']);
    expect(codes('v=DMARC1; p=reject; policy=strict; rua=mailto:d@example.com')).toEqual(['warning:dmarc-unknown-tag']);
    expect(codes('v=DMARC1; rua=mailto:d@example.com; p=reject')).toEqual(['warning:dmarc-p-position']);
  });
});

describe('report URIs (RFC 7489 6.2, 6.4)', () => {
  it('accepts mailto: with an optional size limit', () => {
    expect(parseDmarcUri('mailto:reports@example.com!50m')).toEqual({ text: 'mailto:reports@example.com!50m', address: 'reports@example.com', domain: 'example.com', maxSize: '50m' });
    expect(parseDmarcUri('MAILTO:Reports@Example.COM').address).toBe('reports@example.com');
    expect(parseDmarcUri('mailto:r@example.com?subject=dmarc').address).toBe('r@example.com');
  });

  it('names what is wrong with a bad URI', () => {
    expect(parseDmarcUri('https://example.com/dmarc').error).toMatch(/not a mailto: URI; receivers send DMARC reports by mail only/);
    expect(parseDmarcUri('reports@example.com').error).toMatch(/is not a URI; write mailto:address@example.com/);
    expect(parseDmarcUri('mailto:reports.example.com').error).toMatch(/"reports.example.com" is not a valid mail address/);
    expect(parseDmarcUri('mailto:a@b@example.com').error).toMatch(/not a valid mail address/);
    expect(parseDmarcUri('mailto:a@example.com!ten').error).toMatch(/size limit/);
    expect(parseDmarcUri('mailto:a%ZZ@example.com').error).toMatch(/broken %-escape/);
  });

  it('reports each bad URI of a list', () => {
    const r = parseDmarc('v=DMARC1; p=reject; rua=mailto:ok@example.com,http://x.example/r; ruf=mailto:nope');
    expect(r.problems.map((p) => p.message)).toEqual([
      'rua: "http://x.example/r" is not a mailto: URI; receivers send DMARC reports by mail only',
      'ruf: "mailto:nope": "nope" is not a valid mail address',
    ]);
    expect(r.record!.rua.map((u) => u.address ?? null)).toEqual(['ok@example.com', null]);
  });
});
