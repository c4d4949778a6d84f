import { describe, expect, it } from 'vitest';
import { parseMessage, partByPath, sectionRange, type MimePart } from '../../src/mime/index.js';
import { crlf, dedent } from './helpers.js';

const slice = (buf: Buffer, start: number, end: number) => buf.subarray(start, end).toString('utf8');
const body = (buf: Buffer, p: MimePart) => slice(buf, p.bodyStart, p.bodyEnd);
const header = (buf: Buffer, p: MimePart) => slice(buf, p.headerStart, p.headerEnd);

/** Every part in document order (including encapsulated messages' parts). */
function allParts(p: MimePart, out: MimePart[] = []): MimePart[] {
  out.push(p);
  p.children.forEach((c) => allParts(c, out));
  if (p.message) allParts(p.message.root, out);
  return out;
}

/** Offsets are ordered and inside the buffer, children inside their parent. */
function checkInvariants(buf: Buffer, p: MimePart): void {
  expect(p.headerStart).toBeLessThanOrEqual(p.headerEnd);
  expect(p.headerEnd).toBeLessThanOrEqual(p.bodyStart);
  expect(p.bodyStart).toBeLessThanOrEqual(p.bodyEnd);
  expect(p.bodyEnd).toBeLessThanOrEqual(buf.length);
  expect(p.size).toBe(p.bodyEnd - p.bodyStart);
  if (p.type === 'multipart') expect(p.children.length).toBeGreaterThan(0);
  for (const c of [...p.children, ...(p.message ? [p.message.root] : [])]) {
    expect(c.headerStart).toBeGreaterThanOrEqual(p.bodyStart);
    expect(c.bodyEnd).toBeLessThanOrEqual(p.bodyEnd);
    checkInvariants(buf, c);
  }
}

describe('single part', () => {
  const buf = crlf(dedent(`
    From: a@b.example
    Subject: hello
    Content-Type: text/plain; charset=utf-8

    line one
    line two
  `));
  const m = parseMessage(buf);

  it('is part 1 with offsets into the buffer', () => {
    expect(m.root.path).toBe('1');
    expect(header(buf, m.root)).toBe('From: a@b.example\r\nSubject: hello\r\nContent-Type: text/plain; charset=utf-8\r\n');
    expect(body(buf, m.root)).toBe('line one\r\nline two\r\n');
    expect(m.root).toMatchObject({ type: 'text', subtype: 'plain', size: 20, lines: 2, children: [], message: null });
    expect(m.problems).toEqual([]);
  });

  it('resolves sections', () => {
    expect(partByPath(m.root, '1')).toBe(m.root);
    expect(partByPath(m.root, '2')).toBeNull();
    expect(partByPath(m.root, '1.1')).toBeNull();
    const r = (s: string) => {
      const x = sectionRange(m.root, s);
      return x && slice(buf, x.start, x.end);
    };
    expect(r('')).toBe(buf.toString());
    expect(r('HEADER')).toBe(header(buf, m.root) + '\r\n');
    expect(r('HEADER.FIELDS (From Subject)')).toBe(r('HEADER'));
    expect(r('TEXT')).toBe('line one\r\nline two\r\n');
    expect(r('1')).toBe('line one\r\nline two\r\n');
    expect(r('1.MIME')).toBe(r('HEADER'));
    expect(r('1.HEADER')).toBeNull();
    expect(r('2')).toBeNull();
    expect(r('MIME')).toBeNull();
    expect(r('0')).toBeNull();
    expect(r('1..2')).toBeNull();
    expect(r('1HEADER')).toBeNull();
    expect(r('.TEXT')).toBeNull();
    expect(r('header.fields.not (X-Foo)')).toBe(r('HEADER'));
    expect(r('text')).toBe(r('TEXT'));
  });
});

describe('multipart/alternative', () => {
  const buf = crlf(dedent(`
    Content-Type: multipart/alternative; boundary="=_b"

    preamble
    --=_b
    Content-Type: text/plain

    plain
    --=_b
    Content-Type: text/html

    <p>html</p>
    --=_b--
    epilogue
  `));
  const m = parseMessage(buf);

  it('numbers children 1 and 2 and excludes the CRLF before each delimiter', () => {
    expect(m.root.path).toBe('');
    expect(m.root.children.map((c) => [c.path, c.subtype, body(buf, c)])).toEqual([
      ['1', 'plain', 'plain'],
      ['2', 'html', '<p>html</p>'],
    ]);
    expect(header(buf, m.root.children[0])).toBe('Content-Type: text/plain\r\n');
    expect(m.problems).toEqual([]);
    checkInvariants(buf, m.root);
  });

  it('TEXT of a multipart includes preamble and epilogue', () => {
    const r = sectionRange(m.root, 'TEXT')!;
    expect(slice(buf, r.start, r.end)).toMatch(/^preamble\r\n--=_b\r\n[\s\S]*--=_b--\r\nepilogue\r\n$/);
  });
});

describe('multipart/mixed with a base64 attachment', () => {
  const buf = crlf(dedent(`
    Subject: report
    Content-Type: multipart/mixed; boundary=XX

    --XX
    Content-Type: text/plain; charset=us-ascii

    See attached.
    --XX
    Content-Type: application/pdf; name="r.pdf"
    Content-Disposition: attachment; filename*=UTF-8''%E2%82%AC%20report.pdf
    Content-Transfer-Encoding: base64

    JVBERi0xLjQK
    JSVFT0YK
    --XX--
  `));
  const m = parseMessage(buf);

  it('finds the attachment with its data', () => {
    const att = partByPath(m.root, '2')!;
    expect(att).toMatchObject({ type: 'application', subtype: 'pdf', encoding: 'base64', size: 22 });
    expect(body(buf, att)).toBe('JVBERi0xLjQK\r\nJSVFT0YK');
    expect(Buffer.from(body(buf, att), 'base64').toString()).toBe('%PDF-1.4\n%%EOF\n');
    expect(att.disposition).toEqual({ type: 'attachment', params: [['filename*', "UTF-8''%E2%82%AC%20report.pdf"]] });
    expect(m.hasAttachments).toBe(true);
  });
});

describe('message/rfc822 with nested multiparts', () => {
  const buf = crlf(dedent(`
    From: outer@example.com
    Subject: Fwd: inner
    Content-Type: multipart/mixed; boundary=outer

    --outer
    Content-Type: text/plain

    FYI
    --outer
    Content-Type: message/rfc822

    From: Inner <inner@example.com>
    Subject: inner
    Message-ID: <inner@example.com>
    Content-Type: multipart/mixed; boundary=in1

    --in1
    Content-Type: multipart/alternative; boundary=in2

    --in2
    Content-Type: text/plain

    inner plain
    --in2
    Content-Type: text/html

    <b>inner html</b>
    --in2--
    --in1
    Content-Type: message/rfc822

    Subject: innermost

    deep body
    --in1--
    --outer--
  `));
  const m = parseMessage(buf);

  it('numbers parts per RFC 3501 6.4.5', () => {
    const paths = allParts(m.root).map((p) => `${p.path}:${p.type}/${p.subtype}`);
    expect(paths).toEqual([
      ':multipart/mixed',
      '1:text/plain',
      '2:message/rfc822',
      '2:multipart/mixed', // the encapsulated multipart root shares the number of its message
      '2.1:multipart/alternative',
      '2.1.1:text/plain',
      '2.1.2:text/html',
      '2.2:message/rfc822',
      '2.2.1:text/plain',
    ]);
    expect(m.problems).toEqual([]);
    checkInvariants(buf, m.root);
  });

  it('partByPath follows the numbering', () => {
    expect(body(buf, partByPath(m.root, '2.1.2')!)).toBe('<b>inner html</b>');
    expect(body(buf, partByPath(m.root, '2.1.1')!)).toBe('inner plain');
    expect(body(buf, partByPath(m.root, '2.2.1')!)).toBe('deep body');
    expect(partByPath(m.root, '2')!.message!.envelope.subject).toBe('inner');
    expect(partByPath(m.root, '2.2')!.message!.envelope.subject).toBe('innermost');
    expect(partByPath(m.root, '2.3')).toBeNull();
    expect(partByPath(m.root, '3')).toBeNull();
  });

  it('gives HEADER/TEXT/MIME ranges of the encapsulated message', () => {
    const r = (s: string) => {
      const x = sectionRange(m.root, s);
      return x && slice(buf, x.start, x.end);
    };
    expect(r('2.MIME')).toBe('Content-Type: message/rfc822\r\n\r\n');
    expect(r('2.HEADER')).toMatch(/^From: Inner <inner@example.com>\r\n[\s\S]*boundary=in1\r\n\r\n$/);
    expect(r('2.TEXT')).toMatch(/^--in1\r\n[\s\S]*--in1--\r\n$/);
    expect(r('2')).toBe(r('2.HEADER')! + r('2.TEXT')!);
    expect(r('2.2.HEADER')).toBe('Subject: innermost\r\n\r\n');
    expect(r('2.2.TEXT')).toBe('deep body');
    expect(r('2.1.MIME')).toBe('Content-Type: multipart/alternative; boundary=in2\r\n\r\n');
    expect(r('1.TEXT')).toBeNull(); // not a message/rfc822 part
  });

  it('message/rfc822 sizes and lines cover the whole encapsulated message', () => {
    const p = partByPath(m.root, '2')!;
    expect(p.lines).toBe(body(buf, p).split('\n').length - 1);
    expect(body(buf, p).endsWith('--in1--\r\n')).toBe(true);
  });
});

describe('broken MIME degrades instead of throwing', () => {
  it('missing close boundary: last part runs to the end', () => {
    const buf = crlf('Content-Type: multipart/mixed; boundary=b\n\n--b\n\none\n--b\n\ntwo\n');
    const m = parseMessage(buf);
    expect(m.root.children.map((c) => body(buf, c))).toEqual(['one', 'two\r\n']);
    expect(m.problems).toEqual(['message: missing close boundary "b"']);
  });

  it('boundary never found: one empty text/plain child', () => {
    const buf = crlf('Content-Type: multipart/mixed; boundary=b\n\njust text\n');
    const m = parseMessage(buf);
    expect(m.root.children).toHaveLength(1);
    expect(m.root.children[0]).toMatchObject({ path: '1', type: 'text', size: 0, degraded: 'multipart without body parts' });
    expect(m.problems[0]).toMatch(/boundary "b" not found/);
  });

  it('multipart without boundary parameter', () => {
    const buf = crlf('Content-Type: multipart/mixed\n\n--x\n\nbody\n--x--\n');
    const m = parseMessage(buf);
    expect(m.root.type).toBe('multipart');
    expect(m.root.children).toHaveLength(1);
    expect(m.problems).toEqual(['message: multipart without boundary parameter']);
  });

  it('delimiters must start a line and not be a prefix of a longer boundary', () => {
    const buf = crlf(dedent(`
      Content-Type: multipart/mixed; boundary="ab"

      --ab
      Content-Type: multipart/alternative; boundary="ab-1"

      --ab-1

      text with --ab in the middle
      --ab-1--
      --ab--
    `));
    const m = parseMessage(buf);
    expect(m.problems).toEqual([]);
    const leaf = partByPath(m.root, '1.1')!;
    expect(body(buf, leaf)).toBe('text with --ab in the middle');
  });

  it('an inner multipart without close boundary ends at the outer delimiter', () => {
    const buf = crlf('Content-Type: multipart/mixed; boundary=o\n\n--o\nContent-Type: multipart/alternative; boundary=i\n\n--i\n\nx\n--o\n\ny\n--o--\n');
    const m = parseMessage(buf);
    expect(body(buf, partByPath(m.root, '1.1')!)).toBe('x');
    expect(body(buf, partByPath(m.root, '2')!)).toBe('y');
    expect(m.problems).toEqual(['part 1: missing close boundary "i"']);
  });

  it('invalid Content-Type becomes text/plain', () => {
    const m = parseMessage(crlf('Content-Type: garbage\n\nbody\n'));
    expect(m.root).toMatchObject({ type: 'text', subtype: 'plain' });
    expect(m.problems).toEqual(['part 1: invalid Content-Type, using text/plain']);
  });

  it('survives random bytes and truncations', () => {
    const base = crlf(dedent(`
      Content-Type: multipart/mixed; boundary=b

      --b
      Content-Type: message/rfc822

      Subject: x
      Content-Type: multipart/alternative; boundary=c

      --c

      y
      --c--
      --b--
    `));
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let n = 0; n < 300; n++) {
      const b = Buffer.from(base.subarray(0, Math.floor(rnd() * base.length)));
      for (let k = 0; k < 5; k++) b[Math.floor(rnd() * b.length)] = Math.floor(rnd() * 256);
      const m = parseMessage(b);
      checkInvariants(b, m.root);
      JSON.stringify(m.bodyStructure);
    }
    const junk = Buffer.from(Array.from({ length: 5000 }, () => Math.floor(rnd() * 256)));
    expect(() => parseMessage(junk)).not.toThrow();
    expect(() => parseMessage(Buffer.alloc(0))).not.toThrow();
  });
});

describe('line endings and 8-bit', () => {
  it('parses bare-LF messages with correct offsets', () => {
    const buf = crlf(dedent(`
      Subject: lf
      Content-Type: multipart/mixed; boundary=b

      --b
      Content-Type: text/plain

      one
      two
      --b
      Content-Type: text/plain

      three
      --b--
    `), '\n');
    const m = parseMessage(buf);
    expect(m.problems).toEqual([]);
    expect(m.root.children.map((c) => body(buf, c))).toEqual(['one\ntwo', 'three']);
    expect(m.root.children.map((c) => c.lines)).toEqual([1, 0]);
    expect(header(buf, m.root.children[0])).toBe('Content-Type: text/plain\n');
    const r = sectionRange(m.root, '1.MIME')!;
    expect(slice(buf, r.start, r.end)).toBe('Content-Type: text/plain\n\n');
    checkInvariants(buf, m.root);
  });

  it('reads raw UTF-8 headers (RFC 6532) and legacy 8-bit ones', () => {
    const m = parseMessage(crlf('Subject: Grüße aus Köln\nFrom: Jörg <jörg@bücher.example>\n\nx\n'));
    expect(m.subject).toBe('Grüße aus Köln');
    expect(m.from).toEqual({ name: 'Jörg', address: 'jörg@bücher.example' });
    expect(m.envelope.subject).toBe('Grüße aus Köln');
    const latin = parseMessage(Buffer.from('Subject: caf\xe9\r\n\r\nx\r\n', 'latin1'));
    expect(latin.subject).toBe('café');
  });
});

describe('limits', () => {
  const nested = (depth: number) => {
    let s = 'Subject: deep\nContent-Type: multipart/mixed; boundary=b0\n\n';
    for (let i = 1; i <= depth; i++) s += `--b${i - 1}\nContent-Type: multipart/mixed; boundary=b${i}\n\n`;
    s += `--b${depth}\nContent-Type: text/plain\n\nleaf\n--b${depth}--\n`;
    for (let i = depth - 1; i >= 0; i--) s += `--b${i}--\n`;
    return crlf(s);
  };
  const depthOf = (p: MimePart): number =>
    Math.max(0, ...p.children.map((c) => 1 + depthOf(c)), ...(p.message ? [1 + depthOf(p.message.root)] : []));

  it('stops descending at maxDepth and records a problem', () => {
    const buf = nested(40);
    const m = parseMessage(buf);
    expect(depthOf(m.root)).toBe(32);
    expect(m.problems).toHaveLength(1);
    expect(m.problems[0]).toMatch(/nesting deeper than 32, not descending/);
    const deepest = partByPath(m.root, Array(32).fill('1').join('.'))!;
    expect(deepest).toMatchObject({ type: 'text', subtype: 'plain', degraded: expect.stringMatching(/nesting/) });
    expect(body(buf, deepest)).toMatch(/^--b32\r\n/);
    checkInvariants(buf, m.root);
  });

  it('honours a custom depth limit, also through message/rfc822', () => {
    const m = parseMessage(nested(5), { maxDepth: 3 });
    expect(depthOf(m.root)).toBe(3);
    const rfc = crlf('Content-Type: message/rfc822\n\nContent-Type: message/rfc822\n\nContent-Type: message/rfc822\n\nSubject: x\n\ny\n');
    const r = parseMessage(rfc, { maxDepth: 2 });
    expect(depthOf(r.root)).toBe(2);
    expect(partByPath(r.root, '1.1')).toMatchObject({ type: 'message', subtype: 'rfc822' });
    expect(partByPath(r.root, '1.1.1')).toMatchObject({ type: 'text', degraded: expect.any(String) });
    expect(r.problems).toHaveLength(1);
  });

  it('stops at maxParts', () => {
    let s = 'Content-Type: multipart/mixed; boundary=b\n\n';
    for (let i = 0; i < 1500; i++) s += `--b\n\npart ${i}\n`;
    s += '--b--\n';
    const m = parseMessage(crlf(s));
    expect(allParts(m.root)).toHaveLength(1000);
    expect(m.problems).toEqual(['message: more than 1000 parts, rest ignored']);
    const small = parseMessage(crlf(s), { maxParts: 10 });
    expect(allParts(small.root)).toHaveLength(10);
  });

  it('caps the header block', () => {
    const buf = crlf('Subject: big\n' + 'X-Junk: ' + 'j'.repeat(100) + '\n'.repeat(1) + 'X-More: y\n'.repeat(2000) + '\nbody\n');
    const m = parseMessage(buf, { maxHeaderBytes: 1000 });
    expect(m.problems[0]).toMatch(/header block larger than 1000 bytes/);
    expect(m.root.headerEnd).toBeLessThanOrEqual(1001);
    expect(m.subject).toBe('big');
    checkInvariants(buf, m.root);
  });

  it('parses hostile header values in linear time', () => {
    const hostile = [
      'Content-Type: text/plain; name=' + 'x()'.repeat(200_000),
      'Content-Type: text/plain' + Array.from({ length: 30_000 }, (_, i) => `; n*${i}*=%41`).join(''),
      'Content-Type: text/plain' + '; a=b'.repeat(100_000),
      'Subject: ' + '=?utf-8?q?a?= '.repeat(50_000),
      'To: ' + 'a@b '.repeat(100_000) + ', "' + '\\"'.repeat(100_000),
      'Content-Type: text/html\r\n\r\n' + '<a x="1">&amp;<script>'.repeat(50_000),
    ];
    const t = Date.now();
    for (const h of hostile) parseMessage(Buffer.from(h + '\r\n\r\nbody\r\n'));
    expect(Date.now() - t).toBeLessThan(4000);
  });

  it('handles a large message quickly', () => {
    const big = 'x'.repeat(76) + '\r\n';
    let s = 'Content-Type: multipart/mixed; boundary=b\r\n\r\n';
    for (let i = 0; i < 50; i++) s += `--b\r\nContent-Type: text/plain\r\n\r\n${big.repeat(2000)}`;
    s += '--b--\r\n';
    const buf = Buffer.from(s);
    const t = Date.now();
    const m = parseMessage(buf);
    expect(m.root.children).toHaveLength(50);
    expect(Date.now() - t).toBeLessThan(3000);
  });
});
