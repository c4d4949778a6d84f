import { describe, expect, it } from 'vitest';
import {
  CLASS_IN,
  RCode,
  RRType,
  WireFormatError,
  buildQuery,
  decodeMessage,
  defaultFlags,
  encodeMessage,
  getOpt,
  makeOpt,
  makeRecord,
  nameToLabels,
  reverseName,
  splitCharString,
  tryDecodeMessage,
  typeFromName,
  typeToName,
  type DnsMessage,
} from '../../src/dns/wire.js';

function sampleResponse(): DnsMessage {
  return {
    id: 0xbeef,
    flags: defaultFlags({ qr: true, aa: true, rd: true, ra: true, ad: true }),
    questions: [{ name: 'example.test', type: RRType.MX, class: CLASS_IN }],
    answers: [
      makeRecord('example.test', 'MX', { priority: 10, exchange: 'mx1.example.test' }, 60),
      makeRecord('example.test', 'MX', { priority: 20, exchange: 'mx2.example.test' }, 60),
    ],
    authorities: [
      makeRecord('example.test', 'NS', 'ns1.example.test', 3600),
      makeRecord('example.test', 'SOA', {
        mname: 'ns1.example.test',
        rname: 'hostmaster.example.test',
        serial: 2024010101,
        refresh: 7200,
        retry: 900,
        expire: 1209600,
        minimum: 30,
      }),
    ],
    additionals: [
      makeRecord('mx1.example.test', 'A', '192.0.2.1'),
      makeRecord('mx1.example.test', 'AAAA', '2001:db8::1'),
      makeRecord('example.test', 'TXT', ['v=spf1 -all', 'second']),
      makeRecord('example.test', 'SPF', ['v=spf1 -all']),
      makeRecord('4.3.2.1.in-addr.arpa', 'PTR', 'host.example.test'),
      makeRecord('www.example.test', 'CNAME', 'example.test'),
      makeRecord('_25._tcp.mx1.example.test', 'TLSA', { usage: 3, selector: 1, mtype: 1, cert: 'a1'.repeat(32) }),
      makeRecord('_smtp._tcp.example.test', 'SRV', { priority: 1, weight: 2, port: 25, target: 'mx1.example.test' }),
      { name: 'odd.example.test', type: 65280, class: CLASS_IN, ttl: 5, data: { type: 'RAW', rrtype: 65280, data: Buffer.from([1, 2, 3]) } },
      makeOpt(1232, { do: true, options: [{ code: 10, data: Buffer.from('0102030405060708', 'hex') }] }),
    ],
  };
}

describe('round trips', () => {
  it('encodes and decodes every supported record type, with and without compression', () => {
    const msg = sampleResponse();
    for (const compress of [true, false]) {
      const buf = encodeMessage(msg, { compress });
      const back = decodeMessage(buf);
      expect(back).toEqual(msg);
    }
  });

  it('compression makes the message smaller and uses backward pointers', () => {
    const msg = sampleResponse();
    const plain = encodeMessage(msg, { compress: false });
    const packed = encodeMessage(msg, { compress: true });
    expect(packed.length).toBeLessThan(plain.length);
    // the first answer's owner name is a pointer to the question name at offset 12
    const q = 12 + 'example.test'.length + 2 + 4;
    expect(packed.readUInt16BE(q)).toBe(0xc000 | 12);
  });

  it('header flags and rcode survive', () => {
    for (const rcode of Object.values(RCode)) {
      const m: DnsMessage = {
        id: 1,
        flags: defaultFlags({ qr: true, opcode: 0, tc: true, cd: true, rcode }),
        questions: [],
        answers: [],
        authorities: [],
        additionals: [],
      };
      expect(decodeMessage(encodeMessage(m)).flags).toEqual(m.flags);
    }
  });

  it('builds queries with EDNS and reads the OPT record back', () => {
    const q = buildQuery('Example.Test.', RRType.TXT, { id: 42, ad: true, edns: 4096 });
    const back = decodeMessage(encodeMessage(q));
    expect(back.id).toBe(42);
    expect(back.flags.rd).toBe(true);
    expect(back.flags.ad).toBe(true);
    expect(back.questions).toEqual([{ name: 'Example.Test', type: RRType.TXT, class: CLASS_IN }]);
    expect(getOpt(back)).toMatchObject({ udpSize: 4096, version: 0, do: false });
    expect(getOpt(decodeMessage(encodeMessage(buildQuery('a.test', 1, { edns: false }))))).toBeUndefined();
  });

  it('splits long TXT strings into <=255-byte chunks on UTF-8 boundaries', () => {
    const long = 'a'.repeat(254) + 'é' + 'b'.repeat(600); // 'é' straddles byte 255
    const chunks = splitCharString(long);
    expect(chunks.every(c => c.length <= 255)).toBe(true);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(long);
    expect(chunks[0]!.length).toBe(254);
    const rr = makeRecord('t.test', 'TXT', [long, 'short']);
    const msg: DnsMessage = { id: 1, flags: defaultFlags({ qr: true }), questions: [], answers: [rr], authorities: [], additionals: [] };
    const back = decodeMessage(encodeMessage(msg)).answers[0]!;
    expect(back.data.type).toBe('TXT');
    if (back.data.type === 'TXT') {
      expect(back.data.strings.length).toBe(chunks.length + 1);
      expect(back.data.strings.slice(0, -1).join('')).toBe(long);
      expect(back.data.strings.at(-1)).toBe('short');
    }
  });

  it('escapes odd label bytes so names round-trip', () => {
    const name = 'we\\.ird\\032label.x\\\\y.test';
    expect(nameToLabels(name).map(l => l.toString('latin1'))).toEqual(['we.ird label', 'x\\y', 'test']);
    const msg: DnsMessage = {
      id: 7,
      flags: defaultFlags(),
      questions: [{ name, type: RRType.A, class: CLASS_IN }],
      answers: [],
      authorities: [],
      additionals: [],
    };
    expect(decodeMessage(encodeMessage(msg)).questions[0]!.name).toBe(name);
  });

  it('handles the root name and IPv6 forms', () => {
    const msg: DnsMessage = {
      id: 9,
      flags: defaultFlags({ qr: true }),
      questions: [{ name: '', type: RRType.NS, class: CLASS_IN }],
      answers: [makeRecord('', 'NS', 'a.root-servers.test'), makeRecord('v6.test', 'AAAA', '::ffff:192.0.2.1'), makeRecord('v6.test', 'AAAA', '2001:db8:0:0:1:0:0:1')],
      authorities: [],
      additionals: [],
    };
    const back = decodeMessage(encodeMessage(msg));
    expect(back.questions[0]!.name).toBe('');
    expect(back.answers.map(a => (a.data.type === 'AAAA' ? a.data.address : null))).toEqual([null, '::ffff:c000:201', '2001:db8::1:0:0:1']);
  });

  it('type names and reverse names', () => {
    expect(typeFromName('mx')).toBe(15);
    expect(typeFromName('TYPE65')).toBe(65);
    expect(typeFromName('BOGUS')).toBeUndefined();
    expect(typeToName(52)).toBe('TLSA');
    expect(typeToName(65)).toBe('TYPE65');
    expect(reverseName('192.0.2.1')).toBe('1.2.0.192.in-addr.arpa');
    expect(reverseName('2001:db8::1')).toBe('1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa');
  });

  it('refuses names and labels over the limits when encoding', () => {
    expect(() => nameToLabels('a'.repeat(64) + '.test')).toThrow(WireFormatError);
    expect(() => nameToLabels(Array(130).fill('ab').join('.'))).toThrow(WireFormatError);
    expect(() => nameToLabels('a..b')).toThrow(WireFormatError);
    expect(nameToLabels('a'.repeat(63) + '.test')).toHaveLength(2);
  });
});

/** Header with the given counts followed by `body`. */
function packet(counts: [number, number, number, number], body: number[] | Buffer, flags = 0x8180): Buffer {
  const h = Buffer.alloc(12);
  h.writeUInt16BE(0x1234, 0);
  h.writeUInt16BE(flags, 2);
  counts.forEach((c, i) => h.writeUInt16BE(c, 4 + i * 2));
  return Buffer.concat([h, Buffer.from(body)]);
}

function expectWireError(buf: Buffer): void {
  expect(() => decodeMessage(buf)).toThrow(WireFormatError);
  expect(tryDecodeMessage(buf)).toBeNull();
}

describe('malformed input', () => {
  it('rejects short headers', () => {
    expectWireError(Buffer.alloc(0));
    expectWireError(Buffer.alloc(11));
  });

  it('rejects a pointer to itself and pointer loops', () => {
    // question name at offset 12 is a pointer to offset 12
    expectWireError(packet([1, 0, 0, 0], [0xc0, 12, 0, 1, 0, 1]));
    // label "a" then pointer back to offset 12 (the start of this same name)
    expectWireError(packet([1, 0, 0, 0], [1, 0x61, 0xc0, 12, 0, 1, 0, 1]));
    // two names pointing at each other: second name (offset 18) -> 20, 20 -> 18
    expectWireError(packet([2, 0, 0, 0], [1, 0x61, 0, 0, 1, 0, 1, 0xc0, 20, 0xc0, 19, 0, 1, 0, 1]));
  });

  it('rejects forward pointers and pointers past the end', () => {
    expectWireError(packet([1, 0, 0, 0], [0xc0, 40, 0, 1, 0, 1]));
    expectWireError(packet([1, 0, 0, 0], [0xff, 0xff, 0, 1, 0, 1]));
    expectWireError(packet([1, 0, 0, 0], [0xc0])); // truncated pointer
  });

  it('accepts a legitimate backward pointer', () => {
    // q1 = "a" (offset 12), q2 = "b" + pointer to q1
    const m = decodeMessage(packet([2, 0, 0, 0], [1, 0x61, 0, 0, 1, 0, 1, 1, 0x62, 0xc0, 12, 0, 1, 0, 1]));
    expect(m.questions.map(q => q.name)).toEqual(['a', 'b.a']);
  });

  it('rejects names longer than 255 bytes built through pointers', () => {
    // a chain of 5 names of 60-byte labels, each pointing to the previous one
    const body: number[] = [];
    let prev = -1;
    for (let i = 0; i < 5; i++) {
      const start = 12 + body.length;
      body.push(60, ...Buffer.alloc(60, 0x61 + i));
      if (prev < 0) body.push(0);
      else body.push(0xc0 | (prev >> 8), prev & 0xff);
      body.push(0, 1, 0, 1);
      prev = start;
    }
    const buf = packet([5, 0, 0, 0], body);
    expect(() => decodeMessage(buf)).toThrow(/longer than 255/);
  });

  it('rejects reserved label types and truncated labels', () => {
    expectWireError(packet([1, 0, 0, 0], [0x40, 0x61, 0, 0, 1, 0, 1]));
    expectWireError(packet([1, 0, 0, 0], [0x80, 0x61, 0, 0, 1, 0, 1]));
    expectWireError(packet([1, 0, 0, 0], [10, 0x61, 0x62]));
    expectWireError(packet([1, 0, 0, 0], [1, 0x61])); // no terminating zero
  });

  it('rejects counts larger than the data and RDATA length mismatches', () => {
    expectWireError(packet([3, 0, 0, 0], [1, 0x61, 0, 0, 1, 0, 1]));
    expectWireError(packet([0, 1, 0, 0], [0, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 127, 0])); // RDLENGTH 4, 2 bytes present
    expectWireError(packet([0, 1, 0, 0], [0, 0, 1, 0, 1, 0, 0, 0, 60, 0, 3, 127, 0, 1])); // A with RDLENGTH 3
    // MX whose exchange name runs past its RDATA
    expectWireError(packet([0, 1, 0, 0], [0, 0, 15, 0, 1, 0, 0, 0, 60, 0, 4, 0, 10, 5, 0x61, 0x62, 0x63, 0x64, 0x65, 0]));
    // TXT string length beyond RDATA
    expectWireError(packet([0, 1, 0, 0], [0, 0, 16, 0, 1, 0, 0, 0, 60, 0, 2, 5, 0x61]));
  });

  it('never throws anything but WireFormatError on truncated or mutated packets', () => {
    const good = encodeMessage(sampleResponse());
    for (let len = 0; len < good.length; len++) {
      const r = tryDecodeMessage(good.subarray(0, len));
      expect(r).toBeNull();
    }
    // deterministic pseudo-random byte mutations
    let seed = 12345;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (let i = 0; i < 3000; i++) {
      const buf = Buffer.from(good);
      const flips = 1 + (rnd() % 4);
      for (let f = 0; f < flips; f++) buf[rnd() % buf.length] = rnd() & 0xff;
      expect(() => tryDecodeMessage(buf)).not.toThrow();
    }
    for (let i = 0; i < 2000; i++) {
      const buf = Buffer.alloc(12 + (rnd() % 200));
      for (let j = 0; j < buf.length; j++) buf[j] = rnd() & 0xff;
      expect(() => tryDecodeMessage(buf)).not.toThrow();
    }
  });
});
