import { createRequire } from 'node:module';
import { generateKeyPairSync } from 'node:crypto';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { authenticate, dkimSign, spf } from '../../src/authentication/mailauth.js';
import { startDnsServer, type TestDnsServer, type Zone } from '../helpers/dns-server.js';
import { createResolver, DnsError, parseServer, type DnsResolver, type MxConnectOptions } from '../../src/dns/resolver.js';

// mx-connect ships no type declarations; load it through require with the small surface we use.
interface MxConnection {
  socket: net.Socket;
  hostname: string;
  host: string;
  port: number;
}
type MxConnect = (opts: Record<string, unknown> & { target: string; port?: number }) => Promise<MxConnection>;
const mxConnect = createRequire(import.meta.url)('mx-connect') as MxConnect;

const BIG_TXT = Array.from({ length: 20 }, (_, i) => `chunk${i}-` + 'x'.repeat(240)).join('');

const { publicKey: dkimPublic, privateKey: dkimPrivate } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const DKIM_P = dkimPublic.export({ type: 'spki', format: 'der' }).toString('base64');

function baseZone(): Zone {
  return {
    'example.test': {
      MX: [
        { priority: 20, exchange: 'mx2.example.test' },
        { priority: 10, exchange: 'mx1.example.test' },
      ],
      A: ['127.0.0.1'],
      AAAA: ['::1'],
      TXT: [['v=spf1 ip4:127.0.0.1 -all'], ['other=', 'two strings']],
      ttl: 60,
    },
    'mx1.example.test': { A: ['127.0.0.1'] },
    'mx2.example.test': { A: ['127.0.0.2'] },
    'alias.example.test': { CNAME: 'example.test' },
    'dangling.example.test': { CNAME: 'nowhere.example.test' },
    '1.0.0.127.in-addr.arpa': { PTR: ['mx1.example.test'] },
    '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa': { PTR: ['v6.example.test'] },
    'big.example.test': { TXT: [BIG_TXT] },
    'empty.example.test': {},
    'servfail.example.test': { rcode: 'SERVFAIL' },
    'refused.example.test': { rcode: 'REFUSED' },
    'timeout.example.test': { timeout: true },
    'slow.example.test': { A: ['127.0.0.9'], delayMs: 80 },
    '_25._tcp.mx1.example.test': { TLSA: [{ usage: 3, selector: 1, mtype: 1, cert: 'ab'.repeat(32) }], ad: true },
    '_25._tcp.mx2.example.test': { TLSA: [{ usage: 3, selector: 1, mtype: 1, cert: 'cd'.repeat(32) }] },

    // SPF / DKIM / DMARC setups
    'spf-mx.test': { TXT: ['v=spf1 mx -all'], MX: [{ priority: 5, exchange: 'mx1.example.test' }] },
    'spf-include.test': { TXT: ['v=spf1 include:example.test ~all'] },
    'spf-a.test': { TXT: ['v=spf1 a -all'], A: ['127.0.0.1'] },
    'spf-servfail.test': { rcode: 'SERVFAIL' },
    'spf-timeout.test': { timeout: true },
    'nospf.test': { TXT: ['hello world'] },
    'signed.test': { TXT: ['v=spf1 ip4:127.0.0.1 -all'] },
    'sel._domainkey.signed.test': { TXT: [`v=DKIM1; k=rsa; p=${DKIM_P}`] },
    '_dmarc.signed.test': { TXT: ['v=DMARC1; p=reject'] },

    // mx-connect setups
    'mail.test': { MX: [{ priority: 10, exchange: 'mx.mail.test' }] },
    'mx.mail.test': { A: ['127.0.0.1'] },
    'nomx.test': { A: ['127.0.0.1'] },
    'mxfail.test': { rcode: 'SERVFAIL' },
  };
}

let dns: TestDnsServer;
const countQueries = (name: string, type?: string) => dns.queries.filter(q => q.name === name && (!type || q.type === type)).length;

beforeAll(async () => {
  dns = await startDnsServer(baseZone());
});
afterAll(async () => {
  await dns.close();
});
afterEach(() => {
  dns.queries.length = 0;
  Object.assign(dns.zone, baseZone());
});

const fast = (extra: Parameters<typeof createResolver>[0] = {}): DnsResolver =>
  createResolver({ servers: [dns.address], timeoutMs: 250, tries: 1, ...extra });

async function rejection(p: Promise<unknown>): Promise<DnsError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(DnsError);
    return err as DnsError;
  }
  throw new Error('expected a rejection');
}

describe('answers', () => {
  it('resolves MX, A, AAAA, TXT and PTR', async () => {
    const r = fast();
    const mx = await r.mx('example.test');
    expect(mx.sort((a, b) => a.priority - b.priority)).toEqual([
      { priority: 10, exchange: 'mx1.example.test' },
      { priority: 20, exchange: 'mx2.example.test' },
    ]);
    expect(await r.a('example.test')).toEqual(['127.0.0.1']);
    expect(await r.aaaa('example.test')).toEqual(['::1']);
    expect(await r.txt('example.test')).toEqual([['v=spf1 ip4:127.0.0.1 -all'], ['other=', 'two strings']]);
    expect(await r.ptr('127.0.0.1')).toEqual(['mx1.example.test']);
    expect(await r.ptr('::ffff:127.0.0.1')).toEqual(['mx1.example.test']);
    expect(await r.ptr('2001:db8::1')).toEqual(['v6.example.test']);
  });

  it('follows CNAMEs and treats names case-insensitively with or without trailing dot', async () => {
    const r = fast();
    expect(await r.a('alias.example.test')).toEqual(['127.0.0.1']);
    expect(await r.a('EXAMPLE.Test.')).toEqual(['127.0.0.1']);
    expect(await r.resolve('alias.example.test', 'CNAME')).toEqual(['example.test']);
    expect((await rejection(r.a('dangling.example.test'))).code).toBe('NXDOMAIN');
  });

  it('falls back to TCP for a TXT answer that does not fit in UDP', async () => {
    const r = fast();
    const txt = await r.txt('big.example.test');
    expect(txt).toHaveLength(1);
    expect(txt[0]!.length).toBeGreaterThan(1);
    expect(txt[0]!.every(s => Buffer.byteLength(s) <= 255)).toBe(true);
    expect(txt[0]!.join('')).toBe(BIG_TXT);
    const transports = dns.queries.filter(q => q.name === 'big.example.test').map(q => q.transport);
    expect(transports).toEqual(['udp', 'tcp']);
  });

  it('parses server specs', () => {
    expect(parseServer('127.0.0.1:5353')).toEqual({ host: '127.0.0.1', port: 5353 });
    expect(parseServer('10.0.0.1')).toEqual({ host: '10.0.0.1', port: 53 });
    expect(parseServer('[::1]:5300')).toEqual({ host: '::1', port: 5300 });
    expect(parseServer('::1')).toEqual({ host: '::1', port: 53 });
  });

  it('uses the system servers when none are given', () => {
    expect(() => createResolver()).not.toThrow();
  });
});

describe('error mapping', () => {
  it('NXDOMAIN vs NODATA are permanent', async () => {
    const r = fast();
    const nx = await rejection(r.mx('nope.example.test'));
    expect(nx).toMatchObject({ code: 'NXDOMAIN', nodeCode: 'ENOTFOUND', temporary: false, hostname: 'nope.example.test', rrtype: 'MX' });
    const nodata = await rejection(r.mx('empty.example.test'));
    expect(nodata).toMatchObject({ code: 'NODATA', nodeCode: 'ENODATA', temporary: false });
    expect((await rejection(r.aaaa('mx1.example.test'))).code).toBe('NODATA');
    expect((await rejection(r.txt('mx1.example.test'))).code).toBe('NODATA');
  });

  it('SERVFAIL, REFUSED and timeouts are temporary', async () => {
    const r = fast();
    expect(await rejection(r.a('servfail.example.test'))).toMatchObject({ code: 'SERVFAIL', nodeCode: 'ESERVFAIL', temporary: true });
    expect(await rejection(r.a('refused.example.test'))).toMatchObject({ code: 'REFUSED', nodeCode: 'EREFUSED', temporary: true });
    const started = Date.now();
    expect(await rejection(r.a('timeout.example.test'))).toMatchObject({ code: 'TIMEOUT', nodeCode: 'ETIMEOUT', temporary: true });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a bad PTR argument is a permanent error without a query', async () => {
    const r = fast();
    expect(await rejection(r.ptr('not-an-ip'))).toMatchObject({ code: 'ERROR', temporary: false });
    expect(dns.queries).toHaveLength(0);
  });

  it('an unreachable server is a temporary error', async () => {
    const probe = net.createServer();
    await new Promise<void>(res => probe.listen(0, '127.0.0.1', res));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>(res => probe.close(() => res()));
    const r = createResolver({ servers: [`127.0.0.1:${port}`], timeoutMs: 200, tries: 1 });
    const err = await rejection(r.a('example.test'));
    expect(['TIMEOUT', 'ERROR']).toContain(err.code);
    expect(err.temporary).toBe(true);
  });
});

describe('cache', () => {
  it('answers a repeated query from the cache', async () => {
    const r = fast();
    await r.mx('example.test');
    await r.mx('EXAMPLE.test.');
    await r.txt('example.test');
    await r.txt('example.test');
    expect(countQueries('example.test', 'MX')).toBe(1);
    expect(countQueries('example.test', 'TXT')).toBe(1);
  });

  it('returns copies, so callers cannot corrupt the cache', async () => {
    const r = fast();
    const first = await r.mx('example.test');
    first[0]!.exchange = 'evil.test';
    first.push({ exchange: 'x', priority: 0 });
    expect(await r.mx('example.test')).toHaveLength(2);
    expect((await r.mx('example.test')).map(m => m.exchange)).not.toContain('evil.test');
  });

  it('de-duplicates concurrent identical queries', async () => {
    const r = fast({ timeoutMs: 1000 });
    const results = await Promise.all(Array.from({ length: 5 }, () => r.a('slow.example.test')));
    expect(results).toEqual(Array(5).fill(['127.0.0.9']));
    expect(countQueries('slow.example.test', 'A')).toBe(1);
  });

  it('caches NXDOMAIN/NODATA briefly but never SERVFAIL or timeouts', async () => {
    let t = 1_000_000;
    const r = fast({ now: () => t });
    await rejection(r.a('nope.example.test'));
    await rejection(r.a('nope.example.test'));
    await rejection(r.mx('empty.example.test'));
    await rejection(r.mx('empty.example.test'));
    expect(countQueries('nope.example.test')).toBe(1);
    expect(countQueries('empty.example.test')).toBe(1);
    t += 31_000;
    await rejection(r.a('nope.example.test'));
    expect(countQueries('nope.example.test')).toBe(2);

    await rejection(r.a('servfail.example.test'));
    await rejection(r.a('servfail.example.test'));
    const sf = countQueries('servfail.example.test');
    expect(sf).toBeGreaterThanOrEqual(2);
    await rejection(r.a('timeout.example.test'));
    await rejection(r.a('timeout.example.test'));
    expect(countQueries('timeout.example.test')).toBeGreaterThanOrEqual(2);
  });

  it('expires entries by the answer TTL (A) or the capped default (MX) using the injected clock', async () => {
    let t = 5_000_000;
    const r = fast({ now: () => t, cacheMaxTtlSec: 120, defaultTtlSec: 300 });
    await r.a('example.test'); // zone TTL 60
    await r.mx('example.test'); // no TTL from node: default 300 capped to 120
    t += 59_000;
    await r.a('example.test');
    expect(countQueries('example.test', 'A')).toBe(1);
    dns.zone['example.test']!.A = ['127.0.0.5'];
    t += 2_000; // 61 s
    expect(await r.a('example.test')).toEqual(['127.0.0.5']);
    expect(countQueries('example.test', 'A')).toBe(2);
    await r.mx('example.test');
    expect(countQueries('example.test', 'MX')).toBe(1);
    t += 60_000; // 121 s after the MX query
    await r.mx('example.test');
    expect(countQueries('example.test', 'MX')).toBe(2);
  });

  it('caps a long answer TTL at cacheMaxTtlSec and can be disabled', async () => {
    let t = 0;
    dns.zone['long.example.test'] = { A: ['127.0.0.3'], ttl: 86400 };
    const r = fast({ now: () => t, cacheMaxTtlSec: 10 });
    await r.a('long.example.test');
    t += 9_000;
    await r.a('long.example.test');
    expect(countQueries('long.example.test')).toBe(1);
    t += 2_000;
    await r.a('long.example.test');
    expect(countQueries('long.example.test')).toBe(2);

    const nocache = fast({ cacheMaxTtlSec: 0 });
    await nocache.a('long.example.test');
    await nocache.a('long.example.test');
    await rejection(nocache.a('nope2.example.test'));
    await rejection(nocache.a('nope2.example.test'));
    expect(countQueries('long.example.test')).toBe(4);
    expect(countQueries('nope2.example.test')).toBe(2);
  });

  it('clearCache forgets everything', async () => {
    const r = fast();
    await r.a('mx1.example.test');
    r.clearCache();
    await r.a('mx1.example.test');
    expect(countQueries('mx1.example.test', 'A')).toBe(2);
  });
});

describe('TLSA (stub client)', () => {
  it('returns records with the AD flag, caches them, maps NXDOMAIN/NODATA', async () => {
    const r = fast();
    const ans = await r.tlsa('_25._tcp.mx1.example.test');
    expect(ans.authenticated).toBe(true);
    expect(ans.records).toHaveLength(1);
    expect(ans.records[0]).toMatchObject({ usage: 3, selector: 1, mtype: 1 });
    expect(ans.records[0]!.cert.toString('hex')).toBe('ab'.repeat(32));
    await r.tlsa('_25._tcp.mx1.example.test');
    expect(countQueries('_25._tcp.mx1.example.test', 'TLSA')).toBe(1);

    expect((await r.tlsa('_25._tcp.mx2.example.test')).authenticated).toBe(false);
    expect((await rejection(r.tlsa('_25._tcp.none.example.test'))).code).toBe('NXDOMAIN');
    expect((await rejection(r.tlsa('mx1.example.test'))).code).toBe('NODATA');
    expect((await rejection(r.tlsa('servfail.example.test'))).code).toBe('SERVFAIL');
    expect((await rejection(r.tlsa('timeout.example.test'))).code).toBe('TIMEOUT');
  });

  it('falls back to TCP when truncated', async () => {
    dns.zone['_25._tcp.many.example.test'] = {
      TLSA: Array.from({ length: 20 }, (_, i) => ({ usage: 3, selector: 1, mtype: 2, cert: Buffer.alloc(64, i) })),
    };
    const r = fast();
    expect((await r.tlsa('_25._tcp.many.example.test')).records).toHaveLength(20);
    expect(dns.queries.filter(q => q.name === '_25._tcp.many.example.test').map(q => q.transport)).toEqual(['udp', 'tcp']);
  });
});

describe('mailauth adapter', () => {
  it('returns node:dns shapes and node-style error codes', async () => {
    const resolve = fast().forMailauth() as unknown as (n: string, t: string) => Promise<unknown>;
    expect(await resolve('example.test', 'TXT')).toEqual([['v=spf1 ip4:127.0.0.1 -all'], ['other=', 'two strings']]);
    expect(await resolve('mx1.example.test', 'A')).toEqual(['127.0.0.1']);
    expect(await resolve('spf-mx.test', 'MX')).toEqual([{ priority: 5, exchange: 'mx1.example.test' }]);
    expect(await resolve('1.0.0.127.in-addr.arpa', 'PTR')).toEqual(['mx1.example.test']);
    const codeOf = (p: Promise<unknown>) => p.then(
      () => 'resolved',
      (e: { code?: string }) => e.code,
    );
    expect(await codeOf(resolve('nope.example.test', 'TXT'))).toBe('ENOTFOUND');
    expect(await codeOf(resolve('mx1.example.test', 'TXT'))).toBe('ENODATA');
    expect(await codeOf(resolve('mx1.example.test', 'AAAA'))).toBe('ENODATA');
    expect(await codeOf(resolve('servfail.example.test', 'TXT'))).toBe('ESERVFAIL');
    expect(await codeOf(resolve('refused.example.test', 'TXT'))).toBe('EREFUSED');
    expect(await codeOf(resolve('timeout.example.test', 'TXT'))).toBe('ETIMEOUT');
  });

  it("mailauth's spf() gives pass / fail / softfail / none / temperror", async () => {
    const resolver = fast().forMailauth();
    const check = async (sender: string, ip: string) => (await spf({ sender, ip, helo: 'client.test', mta: 'mx.mailcove.test', resolver })).status.result;
    expect(await check('a@example.test', '127.0.0.1')).toBe('pass');
    expect(await check('a@example.test', '127.0.0.2')).toBe('fail');
    expect(await check('a@spf-mx.test', '127.0.0.1')).toBe('pass'); // mx -> A of mx1
    expect(await check('a@spf-mx.test', '127.0.0.2')).toBe('fail');
    expect(await check('a@spf-a.test', '127.0.0.1')).toBe('pass');
    expect(await check('a@spf-include.test', '127.0.0.1')).toBe('pass');
    expect(await check('a@spf-include.test', '127.0.0.7')).toBe('softfail');
    expect(await check('a@nospf.test', '127.0.0.1')).toBe('none');
    expect(await check('a@nonexistent.test', '127.0.0.1')).toBe('none');
    expect(await check('a@spf-servfail.test', '127.0.0.1')).toBe('temperror');
    expect(await check('a@spf-timeout.test', '127.0.0.1')).toBe('temperror');
  });

  it("mailauth's authenticate() verifies DKIM, SPF and DMARC through the test server", async () => {
    const message = Buffer.from(
      'From: Alice <alice@signed.test>\r\nTo: bob@example.test\r\nSubject: hi\r\nMessage-ID: <1@signed.test>\r\nDate: Mon, 1 Jan 2024 00:00:00 +0000\r\n\r\nHello\r\n',
    );
    const key = { signingDomain: 'signed.test', selector: 'sel', privateKey: dkimPrivate.export({ type: 'pkcs8', format: 'pem' }) };
    // the runtime reads signatureData; mailauth's .d.ts also insists on the top-level fields
    const signed = await dkimSign(message, { canonicalization: 'relaxed/relaxed', ...key, signatureData: [key] });
    expect(signed.errors).toEqual([]);
    const full = Buffer.concat([Buffer.from(signed.signatures), message]);
    const res = await authenticate(full, {
      ip: '127.0.0.1',
      helo: 'client.test',
      sender: 'alice@signed.test',
      mta: 'mx.mailcove.test',
      resolver: fast().forMailauth(),
      disableArc: true,
      disableBimi: true,
    });
    expect(res.dkim.results[0]?.status.result).toBe('pass');
    expect(res.spf && res.spf.status.result).toBe('pass');
    expect(res.dmarc && res.dmarc.status.result).toBe('pass');
  });
});

describe('mx-connect adapter', () => {
  let listener: net.Server;
  let port: number;
  beforeAll(async () => {
    listener = net.createServer(sock => {
      sock.on('error', () => sock.destroy()); // clients may reset after reading nothing
      sock.end('220 local.test ESMTP ready\r\n');
    });
    await new Promise<void>(res => listener.listen(0, '127.0.0.1', res));
    port = (listener.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>(res => listener.close(() => res()));
  });

  const readGreeting = (socket: net.Socket) =>
    new Promise<string>((resolve, reject) => {
      let buf = '';
      socket.on('data', d => (buf += d.toString()));
      socket.on('end', () => resolve(buf));
      socket.on('error', reject);
    });

  it('resolves the MX through our resolver and connects to the local listener', async () => {
    const r = fast();
    const conn = await mxConnect({ target: 'user@mail.test', port, maxConnectTime: 2000, ...r.forMxConnect() });
    expect(conn.hostname).toBe('mx.mail.test');
    expect(conn.host).toBe('127.0.0.1');
    expect(conn.port).toBe(port);
    expect(await readGreeting(conn.socket)).toMatch(/^220 /);
    expect(countQueries('mail.test', 'MX')).toBe(1);
    expect(countQueries('mx.mail.test', 'A')).toBe(1);
  });

  it('falls back to the A record when there is no MX (implicit MX)', async () => {
    const conn = await mxConnect({ target: 'nomx.test', port, ...fast().forMxConnect({ ignoreIPv6: true }) });
    expect(conn.hostname).toBe('nomx.test');
    conn.socket.destroy();
  });

  it('reports DNS failures the way mx-connect classifies them', async () => {
    const opts = fast().forMxConnect();
    const nx = await mxConnect({ target: 'user@unknown.test', port, ...opts }).catch((e: { code?: string; category?: string; temporary?: boolean }) => e);
    expect(nx).toMatchObject({ code: 'ENOTFOUND', category: 'dns' });
    expect((nx as { temporary?: boolean }).temporary).not.toBe(true);
    const sf = await mxConnect({ target: 'user@mxfail.test', port, ...opts }).catch((e: { code?: string; temporary?: boolean }) => e);
    expect(sf).toMatchObject({ code: 'ESERVFAIL', category: 'dns', temporary: true });
  });

  it('blockLocalAddresses refuses loopback MX hosts', async () => {
    const err = await mxConnect({ target: 'user@mail.test', port, ...fast().forMxConnect({ blockLocalAddresses: true }) }).catch(
      (e: Error & { category?: string }) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect((err as { category?: string }).category).toBe('dns');
  });

  it('dane.resolveTlsa returns only DNSSEC-authenticated TLSA records by default', async () => {
    const opts: MxConnectOptions = fast().forMxConnect({ dane: true });
    expect(opts.dane.enabled).toBe(true);
    expect(await opts.dane.resolveTlsa('_25._tcp.mx1.example.test')).toHaveLength(1);
    expect(await opts.dane.resolveTlsa('_25._tcp.mx2.example.test')).toEqual([]);
    const lax = fast().forMxConnect({ dane: { requireAuthenticated: false } });
    expect(await lax.dane.resolveTlsa('_25._tcp.mx2.example.test')).toHaveLength(1);
    await expect(opts.dane.resolveTlsa('_25._tcp.none.example.test')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    expect(fast().forMxConnect().dane.enabled).toBe(false);
  });

  it('mx-connect with DANE enabled uses our TLSA lookup', async () => {
    dns.zone['mx.mail.test']!.ad = true;
    dns.zone['_' + port + '._tcp.mx.mail.test'] = { TLSA: [{ usage: 3, selector: 1, mtype: 1, cert: 'ee'.repeat(32) }], ad: true };
    const conn = (await mxConnect({ target: 'user@mail.test', port, ...fast().forMxConnect({ dane: true }) })) as MxConnection & {
      requireTls?: boolean;
      tlsaRecords?: unknown[];
    };
    expect(countQueries('_' + port + '._tcp.mx.mail.test', 'TLSA')).toBe(1);
    expect(conn.tlsaRecords).toHaveLength(1);
    expect(conn.requireTls).toBe(true);
    conn.socket.destroy();
  });
});
