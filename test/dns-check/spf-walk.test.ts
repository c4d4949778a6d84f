// Counting the DNS lookups of an SPF record through includes and redirects (RFC 7208 4.6.4),
// against a real DNS server on loopback: chains, redirects, loops, macros, and a lookup bomb that
// must not make the check send thousands of queries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkSpf } from '../../src/dns-check/spf-walk.js';
import { parseSpf } from '../../src/dns-check/spf-record.js';
import type { CheckContext } from '../../src/dns-check/types.js';
import { createResolver } from '../../src/dns/resolver.js';
import { startDnsServer, type TestDnsServer, type Zone } from '../helpers/dns-server.js';

let dns: TestDnsServer;

// bomb.test includes b0..b9, each of which includes c0..c9 of its own: 110 lookups if followed to the end.
const bomb: Zone = { 'bomb.test': { TXT: [`v=spf1 ${Array.from({ length: 10 }, (_, i) => `include:b${i}.bomb.test`).join(' ')} -all`] } };
for (let i = 0; i < 10; i++) {
  bomb[`b${i}.bomb.test`] = { TXT: [`v=spf1 ${Array.from({ length: 10 }, (_, j) => `include:c${j}.b${i}.bomb.test`).join(' ')} -all`] };
  for (let j = 0; j < 10; j++) bomb[`c${j}.b${i}.bomb.test`] = { TXT: ['v=spf1 ip4:192.0.2.1 -all'] };
}

beforeAll(async () => {
  dns = await startDnsServer({
    'chain.test': { TXT: ['v=spf1 mx include:one.test -all'], MX: [{ priority: 10, exchange: 'mx.chain.test' }] },
    'one.test': { TXT: ['v=spf1 a include:two.test ~all'], A: ['192.0.2.1'] },
    'two.test': { TXT: ['v=spf1 ip4:192.0.2.0/24 exists:%{i}.two.test ptr -all'] },
    'twice.test': { TXT: ['v=spf1 include:two.test include:two.test -all'] },
    'redir.test': { TXT: ['v=spf1 a:one.test redirect=two.test'] },
    'redir-all.test': { TXT: ['v=spf1 redirect=two.test -all'] },
    'self.test': { TXT: ['v=spf1 ip4:192.0.2.1 redirect=self.test'] },
    'macro.test': { TXT: ['v=spf1 include:%{ir}.%{v}._spf.macro.test -all'] },
    'manymx.test': { TXT: ['v=spf1 mx -all'], MX: Array.from({ length: 11 }, (_, i) => ({ priority: i, exchange: `mx${i}.manymx.test` })) },
    ...bomb,
  });
});
afterAll(async () => {
  await dns?.close();
});

async function walk(domain: string) {
  const resolver = createResolver({ servers: [dns.address], timeoutMs: 500, tries: 1 });
  const txt = (await resolver.txt(domain)).map((s) => s.join(''))[0]!;
  const parsed = parseSpf(txt);
  if (!parsed.ok) throw new Error(parsed.error);
  const ctx: CheckContext = {
    domain,
    resolver,
    server: { hostname: 'mx.example.test', addresses: [], source: 'none', hostnameAddresses: [] },
    expectedDkim: [],
    now: Date.now,
  };
  return walkSpf(ctx, domain, parsed.record);
}

describe('SPF lookup counting', () => {
  it('counts through an include chain, and what each top-level term costs', async () => {
    const w = await walk('chain.test');
    // mx (1) + include:one (1) + [a (1) + include:two (1) + [exists (1) + ptr (1)]]
    expect(w.lookups).toBe(6);
    expect([...w.costs.entries()].map(([t, n]) => `${t.text}=${n}`)).toEqual(['mx=1', 'include:one.test=5', '-all=0']);
    expect(w.problems).toEqual([]);
  });

  it('counts an include as often as it is reached', async () => {
    expect((await walk('twice.test')).lookups).toBe(6);
  });

  it('follows redirect=, and ignores it when the record has "all" (RFC 7208 6.1)', async () => {
    expect((await walk('redir.test')).lookups).toBe(4); // a:one.test + redirect + exists + ptr
    expect((await walk('redir-all.test')).lookups).toBe(0);
  });

  it('finds a loop, even through redirect=', async () => {
    const w = await walk('self.test');
    expect(w.problems).toEqual([
      { status: 'error', code: 'spf-loop', message: 'SPF redirect loop: self.test → self.test; receivers run out of lookups and answer permerror', removes: 'redirect=self.test' },
    ]);
  });

  it('counts an include whose target is a macro, without following it', async () => {
    const w = await walk('macro.test');
    expect(w.lookups).toBe(1);
    expect(w.problems).toEqual([]);
  });

  it('an "mx" whose domain has more than 10 MX records is a permerror', async () => {
    const w = await walk('manymx.test');
    expect(w.problems.map((p) => p.code)).toEqual(['spf-mx-too-many']);
  });

  it('stops following a lookup bomb soon after the limit, with few queries', async () => {
    const before = dns.queries.length;
    const w = await walk('bomb.test');
    expect(w.capped).toBe(true);
    expect(w.lookups).toBeGreaterThan(10);
    expect(w.lookups).toBeLessThan(50);
    expect(dns.queries.length - before).toBeLessThan(60);
  });
});
