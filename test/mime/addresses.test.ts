import { describe, expect, it } from 'vitest';
import { flattenAddresses, formatAddrSpec, parseAddressList } from '../../src/mime/addresses.js';

const mb = (name: string | null, mailbox: string | null, host: string | null, route: string | null = null) => ({
  name,
  route,
  mailbox,
  host,
});

describe('parseAddressList: RFC 5322 appendix A', () => {
  it('A.1.1 / A.1.2 simple and quoted display names', () => {
    expect(parseAddressList('John Doe <jdoe@machine.example>')).toEqual([mb('John Doe', 'jdoe', 'machine.example')]);
    expect(parseAddressList('"Joe Q. Public" <john.q.public@example.com>')).toEqual([
      mb('Joe Q. Public', 'john.q.public', 'example.com'),
    ]);
    expect(parseAddressList('Mary Smith <mary@x.test>, jdoe@example.org, Who? <one@y.test>')).toEqual([
      mb('Mary Smith', 'mary', 'x.test'),
      mb(null, 'jdoe', 'example.org'),
      mb('Who?', 'one', 'y.test'),
    ]);
    expect(parseAddressList('<boss@nil.test>, "Giant; \\"Big\\" Box" <sysservices@example.net>')).toEqual([
      mb(null, 'boss', 'nil.test'),
      mb('Giant; "Big" Box', 'sysservices', 'example.net'),
    ]);
  });

  it('A.1.3 groups, including an empty one', () => {
    expect(parseAddressList('A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;')).toEqual([
      { group: 'A Group', members: [mb('Ed Jones', 'c', 'a.test'), mb(null, 'joe', 'where.test'), mb('John', 'jdoe', 'one.test')] },
    ]);
    expect(parseAddressList('Undisclosed recipients:;')).toEqual([{ group: 'Undisclosed recipients', members: [] }]);
    expect(parseAddressList('undisclosed-recipients:;, x@y')).toEqual([
      { group: 'undisclosed-recipients', members: [] },
      mb(null, 'x', 'y'),
    ]);
  });

  it('A.5 comments everywhere', () => {
    expect(parseAddressList('Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>')).toEqual([
      mb('Pete', 'pete', 'silly.test'),
    ]);
    expect(
      parseAddressList('A Group(Some people)\r\n     :Chris Jones <c@(Chris\'s host.)public.example>,\r\n joe@example.org;'),
    ).toEqual([{ group: 'A Group', members: [mb('Chris Jones', 'c', 'public.example'), mb(null, 'joe', 'example.org')] }]);
    expect(parseAddressList('(Empty list)(start)Hidden recipients  :(nobody(that I know))  ;')).toEqual([
      { group: 'Hidden recipients', members: [] },
    ]);
  });

  it('A.6 obsolete forms: routes, spaces in addr-spec, comment as name', () => {
    expect(parseAddressList('<@route1,@route2:user@host.test>')).toEqual([mb(null, 'user', 'host.test', '@route1,@route2')]);
    expect(parseAddressList('John Doe <jdoe@machine(comment).  example>')).toEqual([mb('John Doe', 'jdoe', 'machine.example')]);
    expect(parseAddressList('Joe Q. Public <john . q . public @ example . com>')).toEqual([
      mb('Joe Q. Public', 'john.q.public', 'example.com'),
    ]);
    expect(parseAddressList('foo@bar (John Doe)')).toEqual([mb('John Doe', 'foo', 'bar')]);
    expect(parseAddressList('<foo@bar> (John Doe)')).toEqual([mb('John Doe', 'foo', 'bar')]);
  });
});

describe('parseAddressList: real-world input', () => {
  it('keeps encoded words raw in names', () => {
    expect(parseAddressList('=?utf-8?q?J=C3=B6rg?= Two <j2@x>')).toEqual([mb('=?utf-8?q?J=C3=B6rg?= Two', 'j2', 'x')]);
  });

  it('accepts UTF-8 (SMTPUTF8) local parts, domains and names', () => {
    expect(parseAddressList('Jörg <jörg@bücher.example>, 用户@例子.广告')).toEqual([
      mb('Jörg', 'jörg', 'bücher.example'),
      mb(null, '用户', '例子.广告'),
    ]);
  });

  it('unquotes quoted local parts (IMAP form) and formats them back', () => {
    const [a] = parseAddressList('"john doe"@example.com');
    expect(a).toEqual(mb(null, 'john doe', 'example.com'));
    expect(formatAddrSpec('john doe', 'example.com')).toBe('"john doe"@example.com');
    expect(formatAddrSpec('john.doe', 'example.com')).toBe('john.doe@example.com');
    expect(formatAddrSpec('a"b', 'x')).toBe('"a\\"b"@x');
  });

  it('treats ";" outside a group as a separator (Outlook habit)', () => {
    expect(parseAddressList('a@x; b@y')).toEqual([mb(null, 'a', 'x'), mb(null, 'b', 'y')]);
  });

  it('survives garbage and keeps what it can', () => {
    expect(parseAddressList('garbage <<>> @@ ,,, ok@x')).toEqual([mb('garbage', null, null), mb(null, 'ok', 'x')]);
    expect(parseAddressList('nodomain')).toEqual([mb(null, 'nodomain', null)]);
    expect(parseAddressList('John Smith')).toEqual([mb('John Smith', null, null)]);
    expect(parseAddressList('<>')).toEqual([mb(null, null, null)]);
    expect(parseAddressList('Bob <bob@x, carol@y')).toEqual([mb('Bob', 'bob', 'x'), mb(null, 'carol', 'y')]);
    expect(parseAddressList('"unterminated <a@b>')).toEqual([mb('unterminated', 'a', 'b')]);
    expect(parseAddressList('(only a comment)')).toEqual([]);
    expect(parseAddressList('')).toEqual([]);
    expect(parseAddressList(' , ; ,')).toEqual([]);
    expect(parseAddressList('a@[127.0.0.1]')).toEqual([mb(null, 'a', '[127.0.0.1]')]);
  });

  it('stops at the address cap', () => {
    const many = Array.from({ length: 5000 }, (_, i) => `u${i}@x.test`).join(', ');
    expect(parseAddressList(many)).toHaveLength(1000);
    expect(parseAddressList(many, { maxAddresses: 10 })).toHaveLength(10);
    const group = 'g: ' + Array.from({ length: 50 }, (_, i) => `u${i}@x`).join(',') + ';';
    const [g] = parseAddressList(group, { maxAddresses: 10 });
    expect('group' in g && g.members.length).toBe(9); // the group itself counts
  });

  it('is fast on pathological input', () => {
    const t = Date.now();
    parseAddressList('<'.repeat(200_000) + ','.repeat(200_000) + '('.repeat(100_000));
    parseAddressList('a:'.repeat(100_000));
    parseAddressList('"' + '\\"'.repeat(300_000));
    parseAddressList('['.repeat(100_000) + ']');
    expect(Date.now() - t).toBeLessThan(2000);
  });
});

describe('flattenAddresses', () => {
  it('flattens groups, decodes names, drops entries without a mailbox', () => {
    const nodes = parseAddressList('=?utf-8?B?QWxpY2Ugw4lsaXNl?= <alice@example.org>, team: b@x, "C" <c@y>;, John Smith, <>');
    expect(flattenAddresses(nodes)).toEqual([
      { name: 'Alice Élise', address: 'alice@example.org' },
      { name: '', address: 'b@x' },
      { name: 'C', address: 'c@y' },
    ]);
  });
});

describe('parseAddressList: hostile input ends quickly (the fuzzer found a loop on a stray ")")', () => {
  it.each([')', 'a)b', 'x@y)', 'a@rem)te.test', '))))', ')(', '"a" ) <b@c>', 'x@y]', ']'])('%j', (input) => {
    const started = Date.now();
    const out = flattenAddresses(parseAddressList(input, { maxAddresses: 100 }));
    expect(Array.isArray(out)).toBe(true);
    expect(Date.now() - started).toBeLessThan(200);
  });

  it('still finds the address around a stray ")"', () => {
    expect(flattenAddresses(parseAddressList('Bob ) <bob@example.test>', { maxAddresses: 10 })).map((a) => a.address)).toEqual(['bob@example.test']);
  });
});
