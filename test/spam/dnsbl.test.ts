import { describe, expect, it } from 'vitest';
import { checkBlocklists, type BlocklistResolver } from '../../src/spam/index.js';
import { reverseIp } from '../../src/spam/dnsbl.js';

/** A resolver answering from a table; unknown names fail like NXDOMAIN; 'slow.' names never answer. */
function fakeResolver(answers: Record<string, string[]>, asked: string[] = []): BlocklistResolver {
  return {
    resolve4: (name) => {
      asked.push(name);
      if (name.includes('slow.')) return new Promise(() => {});
      const a = answers[name];
      return a ? Promise.resolve(a) : Promise.reject(Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' }));
    },
  };
}

describe('DNS blocklists', () => {
  it('query names: reversed IPv4 octets, IPv6 nibbles', () => {
    expect(reverseIp('192.0.2.99')).toBe('99.2.0.192');
    expect(reverseIp('::ffff:192.0.2.99')).toBe('99.2.0.192');
    expect(reverseIp('2001:db8::1')).toBe('1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2');
    expect(reverseIp('not an ip')).toBeNull();
  });

  it('off by default: no zones, no lookups', async () => {
    const asked: string[] = [];
    expect(await checkBlocklists({ clientIp: '192.0.2.99', domains: ['spam.example'] }, { zones: [], resolver: fakeResolver({}, asked) })).toEqual([]);
    expect(asked).toEqual([]);
  });

  it('listings become hits; NXDOMAIN, refusals and slow lists do not', async () => {
    const resolver = fakeResolver({
      '99.2.0.192.ip.bl.example': ['127.0.0.2'],
      'spam.example.dom.bl.example': ['127.0.1.2'],
      'ok.example.dom.bl.example': ['127.255.255.254'], // "query refused": not a listing
    });
    const hits = await checkBlocklists(
      { clientIp: '192.0.2.99', domains: ['spam.example', 'ok.example', 'clean.example', '203.0.113.1'] },
      { zones: [{ zone: 'ip.bl.example', kind: 'ip', weight: 3 }, { zone: 'dom.bl.example', kind: 'domain', weight: 2 }, { zone: 'slow.bl.example', kind: 'ip', weight: 5 }], resolver, timeoutMs: 50 },
    );
    expect(hits).toEqual([
      { zone: 'ip.bl.example', query: '192.0.2.99', answer: '127.0.0.2', weight: 3 },
      { zone: 'dom.bl.example', query: 'spam.example', answer: '127.0.1.2', weight: 2 },
    ]);
  });
});
