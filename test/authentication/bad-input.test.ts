// Bad input gives a clear result with its reason, never an exception: TXT records in 255-byte
// strings, SPF include loops, lookup bombs and void lookups, DNS timeouts, malformed signatures,
// keys and records, non-ASCII, and forged Authentication-Results in every spelling.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate, authservIdOf, removeOwnResults } from '../../src/authentication/index.js';
import { checkSpf } from '../../src/authentication/spf.js';
import { verifyDkim } from '../../src/authentication/dkim.js';
import { mail, rsaKey, sign, testDns, type DkimKey, type TestDns } from './helpers.js';

const IP = '192.0.2.77';
const HOST = 'mx.mailcove.test';
let dns: TestDns;
let key: DkimKey;

beforeAll(async () => {
  key = rsaKey();
  const many = Array.from({ length: 30 }, (_, i) => `ip4:198.51.100.${i}`).join(' ');
  const includes = Array.from({ length: 11 }, (_, i) => `include:i${i}.bomb.test`).join(' ');
  dns = await testDns({
    // Over 255 bytes: the test server sends it as several strings; our IP is in the last one.
    'long.test': { TXT: [`v=spf1 ${many} ip4:${IP} -all`] },
    '_dmarc.split.test': { TXT: [['v=DMARC1; p=', 'reject; adkim=r']] },
    'split.test': { TXT: [['v=spf1 ip4:', `${IP} -all`]] },
    'loop-a.test': { TXT: ['v=spf1 include:loop-b.test -all'] },
    'loop-b.test': { TXT: ['v=spf1 include:loop-a.test -all'] },
    'bomb.test': { TXT: [`v=spf1 ${includes} -all`] },
    ...Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`i${i}.bomb.test`, { TXT: ['v=spf1 -all'] }])),
    'void.test': { TXT: ['v=spf1 a:n1.void.test a:n2.void.test a:n3.void.test -all'] },
    'slow.test': { timeout: true },
    '_dmarc.slow-dmarc.test': { timeout: true },
    'two.test': { TXT: ['v=spf1 -all', 'v=spf1 +all'] },
    'sel._domainkey.sig.test': { TXT: [key.txt] },
    'badkey._domainkey.sig.test': { TXT: ['v=DKIM1; k=rsa; p=!!!not-base64!!!'] },
    'nokey._domainkey.sig.test': { TXT: ['v=DKIM1; k=rsa; p='] },
    '_dmarc.sig.test': { TXT: ['v=DMARC1; p=reject'] },
    '_dmarc.twice.test': { TXT: ['v=DMARC1; p=reject', 'v=DMARC1; p=none'] },
    '_dmarc.pct.test': { TXT: ['v=DMARC1; p=reject; pct=200; sp=sometimes'] },
    'xn--bcher-kva.test': { TXT: [`v=spf1 ip4:${IP} -all`] },
    '_dmarc.xn--bcher-kva.test': { TXT: ['v=DMARC1; p=reject'] },
  });
});
afterAll(() => dns.close());

const spf = (sender: string, helo = 'client.example') => checkSpf({ ip: IP, helo, sender, authservId: HOST, resolver: dns.resolver });

async function auth(raw: string | Buffer, mailFrom: string, from: string[], helo: string | null = 'client.example') {
  return authenticate({ raw: Buffer.isBuffer(raw) ? raw : Buffer.from(raw), ip: IP, helo, mailFrom, fromAddresses: from }, { authservId: HOST, resolver: dns.resolver, trustedArcSealers: [] });
}

describe('SPF with bad or awkward records', () => {
  it('joins a TXT record served as several 255-byte strings', async () => {
    expect(await spf('a@long.test')).toMatchObject({ result: 'pass', domain: 'long.test' });
    // Strings are joined without a space (RFC 7208 3.3): "ip4:" + "192.0.2.77".
    expect(await spf('a@split.test')).toMatchObject({ result: 'pass' });
  });

  it('include loops and lookup bombs are permerror with the reason', async () => {
    const loop = await spf('a@loop-a.test');
    expect(loop.result).toBe('permerror');
    expect(loop.reason).toMatch(/Too many DNS requests/);
    const bomb = await spf('a@bomb.test');
    expect(bomb.result).toBe('permerror');
    expect(bomb.reason).toMatch(/Too many DNS requests.*11 DNS lookups/);
  });

  it('more than two void lookups are permerror', async () => {
    const r = await spf('a@void.test');
    expect(r.result).toBe('permerror');
    expect(r.reason).toMatch(/void/i);
  });

  it('a DNS timeout is temperror; two SPF records are permerror', async () => {
    const slow = await spf('a@slow.test');
    expect(slow.result).toBe('temperror');
    expect(slow.reason).toMatch(/timeout|ETIMEOUT/i);
    expect(await spf('a@two.test')).toMatchObject({ result: 'permerror', reason: expect.stringMatching(/multiple SPF records/) });
  });

  it('a null MAIL FROM checks the HELO identity; an address literal HELO gives none', async () => {
    expect(await spf('', 'split.test')).toMatchObject({ identity: 'helo', value: 'split.test', result: 'pass' });
    expect(await spf('', '[192.0.2.77]')).toMatchObject({ identity: 'helo', result: 'none' });
    expect(await spf('', '')).toMatchObject({ result: 'none' });
  });

  it('non-ASCII names: an IDN domain is checked as its A-label; garbage HELO is none, never a crash', async () => {
    expect(await spf('jörg@bücher.test')).toMatchObject({ result: 'pass' });
    expect((await spf('', 'bad\u0000helo..name')).result).toMatch(/none|permerror/);
  });
});

describe('DKIM with malformed signatures and keys', () => {
  async function signed(from = 'a@sig.test'): Promise<string> {
    return (await sign(mail({ from }), 'sig.test', 'sel', key)).toString();
  }

  it('each malformed signature is permerror with its reason', async () => {
    const good = await signed();
    const variants: Array<[string, (s: string) => string, RegExp]> = [
      ['no d=', (s) => s.replace(/ d=sig\.test;/, ''), /missing d= tag/],
      ['unknown algorithm', (s) => s.replace('a=rsa-sha256', 'a=rsa-md5'), /unsupported algorithm a=rsa-md5/],
      ['duplicate tag', (s) => s.replace(' s=sel;', ' s=sel; s=sel;'), /duplicate tag s=/],
      ['From not signed', (s) => s.replace(/h=[^;]*;/, (h) => h.replace(/from:?/i, '').replace(':;', ';')), /From header field not signed|signature/],
      ['b= not base64', (s) => s.replace(/ b=[^;]*/, ' b=@@@@'), /not base64/],
      ['non-ASCII in the signature', (s) => s.replace('s=sel', 's=sél'), /./],
    ];
    for (const [name, edit, reason] of variants) {
      const raw = edit(good);
      expect(raw, name).not.toBe(good);
      const r = await verifyDkim(Buffer.from(raw), dns.resolver);
      expect(r.outcomes[0]!.result, name).not.toBe('pass');
      expect(r.outcomes[0]!.reason, name).toMatch(reason);
    }
  });

  it('rsa-sha1 is not accepted (RFC 8301)', async () => {
    const r = await verifyDkim(await sign(mail({ from: 'a@sig.test' }), 'sig.test', 'sel', key, { algorithm: 'rsa-sha1' }), dns.resolver);
    expect(r.outcomes[0]).toMatchObject({ result: 'permerror', reason: 'rsa-sha1 is not accepted (RFC 8301)' });
  });

  it('a signature bomb: only the first 20 signatures are looked up and verified', async () => {
    // A correct body hash, so that every signature would need its key looked up.
    const signedOnce = await sign(mail({ from: 'a@sig.test' }), 'sig.test', 'sel', key);
    const bh = /bh=([^;]+);/.exec(signedOnce.toString())![1]!;
    const bomb = Array.from({ length: 200 }, (_, i) => `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=sig.test; s=s${i}; h=from; bh=${bh}; b=AAAA`).join('\r\n');
    const before = dns.server.queries.length;
    const r = await verifyDkim(Buffer.concat([Buffer.from(`${bomb}\r\n`), signedOnce]), dns.resolver);
    const lookups = dns.server.queries.slice(before).filter((q) => q.name.endsWith('._domainkey.sig.test')).length;
    expect(r.outcomes).toHaveLength(21);
    expect(r.outcomes[0]).toMatchObject({ result: 'neutral', reason: 'no key' });
    expect(r.outcomes[20]).toMatchObject({ result: 'permerror', reason: '181 more DKIM signatures not verified (at most 20)' });
    expect(lookups).toBeGreaterThan(0);
    expect(lookups).toBeLessThanOrEqual(20);
  });

  it('a bad key record or an empty key is a clear non-pass', async () => {
    const bad = await verifyDkim(await sign(mail({ from: 'a@sig.test' }), 'sig.test', 'badkey', key), dns.resolver);
    expect(bad.outcomes[0]).toMatchObject({ result: 'neutral', reason: 'invalid public key' });
    const revoked = await verifyDkim(await sign(mail({ from: 'a@sig.test' }), 'sig.test', 'nokey', key), dns.resolver);
    expect(revoked.outcomes[0]!.result).not.toBe('pass');
    const missing = await verifyDkim(await sign(mail({ from: 'a@sig.test' }), 'sig.test', 'absent', key), dns.resolver);
    expect(missing.outcomes[0]).toMatchObject({ result: 'neutral', reason: 'no key' });
  });
});

describe('DMARC with malformed records', () => {
  it('two DMARC records mean no policy (RFC 7489 6.6.3)', async () => {
    const r = await auth(mail({ from: 'a@twice.test' }), 'a@twice.test', ['a@twice.test']);
    expect(r.dmarc.result).toBe('none');
    expect(r.verdict.action).toBe('accept');
  });

  it('a record split in strings is joined; out-of-range pct and unknown sp are named and ignored', async () => {
    const split = await auth(mail({ from: 'a@split.test' }), 'x@other.example', ['a@split.test']);
    expect(split.dmarc).toMatchObject({ result: 'fail', policy: 'reject' });
    const pct = await auth(mail({ from: 'a@pct.test' }), 'x@other.example', ['a@pct.test']);
    expect(pct.dmarc).toMatchObject({ policy: 'reject', pct: 100 });
    expect(pct.dmarc.reason).toContain('invalid pct=200');
  });

  it('a DMARC lookup timing out is temperror and a 451', async () => {
    const r = await auth(mail({ from: 'a@slow-dmarc.test' }), 'a@slow-dmarc.test', ['a@slow-dmarc.test']);
    expect(r.dmarc.result).toBe('temperror');
    expect(r.verdict).toMatchObject({ action: 'tempfail', code: 451 });
  });
});

describe('whole messages that are not what they should be', () => {
  it('no headers, binary bytes, no From: a result, never an exception', async () => {
    for (const raw of [Buffer.alloc(0), Buffer.from('\r\n\r\nbody only\r\n'), Buffer.from([0, 1, 2, 255, 254, 13, 10, 13, 10, 0]), Buffer.from('From: <@>\r\nDKIM-Signature: ;;;=\r\n\r\nx')]) {
      const r = await auth(raw, '', [], null);
      expect(r.header).toMatch(/^Authentication-Results: mx\.mailcove\.test;\r\n/);
      expect(r.verdict.action).toBe('accept');
    }
  });

  it('UTF-8 addresses (SMTPUTF8) end up in a well-formed header', async () => {
    const r = await auth(mail({ from: 'jörg@bücher.test' }), 'jörg@bücher.test', ['jörg@bücher.test'], 'bücher.test');
    expect(r.spf.result).toBe('pass');
    expect(r.dmarc.result).toBe('pass');
    expect(r.header).toContain('smtp.mailfrom="jörg@bücher.test"');
    expect(r.header).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f]/);
    expect(r.header.split('\r\n').every((l) => Buffer.byteLength(l) < 998)).toBe(true);
  });
});

describe('forged Authentication-Results', () => {
  const body = 'Subject: x\r\n\r\nbody\r\nAuthentication-Results: mx.mailcove.test; in the body stays\r\n';
  const variants = [
    'Authentication-Results: mx.mailcove.test; spf=pass',
    'Authentication-Results: MX.MAILCOVE.TEST; dkim=pass',
    'authentication-results:mx.mailcove.test;dmarc=pass',
    'Authentication-Results: mx.mailcove.test. 1; arc=pass',
    'Authentication-Results: mx.mailcove.test 1 ; spf=pass',
    'Authentication-Results: (we promise) mx.mailcove.test; dkim=pass',
    'Authentication-Results:\r\n\tmx.mailcove.test;\r\n\tdkim=pass',
    'Authentication-Results : mx.mailcove.test; spf=pass',
    'Authentication-Results: "mx.mailcove.test"; spf=pass',
    'Authentication-Results: mx.mailcove.test',
  ];
  const kept = [
    'Authentication-Results: mx.mailcove.test.evil.example; spf=pass',
    'Authentication-Results: other.example; dkim=pass header.d=mx.mailcove.test',
    'X-Authentication-Results: mx.mailcove.test; spf=pass',
    'ARC-Authentication-Results: i=1; mx.mailcove.test; spf=pass',
  ];

  it('removes every spelling that claims our authserv-id and keeps the rest, body untouched', () => {
    const raw = Buffer.from([...variants, ...kept].join('\r\n') + '\r\n' + body);
    const out = removeOwnResults(raw, HOST);
    expect(out.removed).toBe(variants.length);
    expect(out.raw.toString()).toBe(kept.join('\r\n') + '\r\n' + body);
  });

  it('reads the authserv-id past comments and quotes', () => {
    expect(authservIdOf(' (c (nested)) host.example 1; spf=pass')).toBe('host.example');
    expect(authservIdOf(' "quoted.example"; none')).toBe('quoted.example');
    expect(authservIdOf(' ;')).toBeNull();
  });
});
