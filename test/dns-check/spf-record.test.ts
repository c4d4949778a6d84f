// The SPF record parser against RFC 7208's grammar (section 12) and examples. Records marked
// "suite:" are the syntax cases of the RFC 7208 test suite (test/fixtures/spf, openspf/pyspf,
// BSD licence) whose expected result comes from the record's syntax alone.
import { describe, expect, it } from 'vitest';
import { hasMacro, isSpfRecord, parseSpf, renderSpf, type SpfDirective } from '../../src/dns-check/spf-record.js';

const ok = (text: string) => {
  const r = parseSpf(text);
  if (!r.ok) throw new Error(`${text}: ${r.error}`);
  return r.record;
};
const error = (text: string) => {
  const r = parseSpf(text);
  if (r.ok) throw new Error(`${text} parsed, but it is malformed`);
  return r.error;
};

describe('SPF record selection (RFC 7208 4.5)', () => {
  it('selects "v=spf1" followed by a space or the end, in any case', () => {
    for (const t of ['v=spf1', 'v=spf1 -all', 'V=sPf1 +all', 'v=SpF1 ~all']) expect(isSpfRecord(t), t).toBe(true);
    for (const t of ['v=spf10', 'v=spf1-all', 'spf1 -all', ' v=spf1 -all', 'v=spf3 !a:yahoo.com -all', 'v=spfl am not an SPF record']) expect(isSpfRecord(t), t).toBe(false);
  });
});

describe('valid records', () => {
  it('parses the examples of RFC 7208 Appendix A', () => {
    const examples = [
      'v=spf1 +all',
      'v=spf1 a -all',
      'v=spf1 a:example.org -all',
      'v=spf1 mx -all',
      'v=spf1 mx:example.org -all',
      'v=spf1 mx mx:example.org -all',
      'v=spf1 mx/30 mx:example.org/30 -all',
      'v=spf1 ptr -all',
      'v=spf1 ip4:192.0.2.128/28 -all',
      'v=spf1 include:example.com include:example.net -all',
      'v=spf1 redirect=example.org',
      'v=spf1 mx -all exp=explain._spf.%{d}',
      'v=spf1 -include:ip4._spf.%{d} -include:ptr._spf.%{d} +all',
      'v=spf1 -exists:%{ir}.%{l1r+-}._spf.%{d} +all',
    ];
    for (const e of examples) ok(e);
  });

  it('keeps qualifiers, mechanisms, networks and prefix lengths', () => {
    const r = ok('v=spf1 -ip4:1.2.3.4 ip6:2001:db8::/32 ~a:mail.example.com/24//64 ?mx//48 include:_spf.example.net -all');
    const d = r.directives.map((x: SpfDirective) => [x.qualifier, x.mechanism, x.domainSpec ?? x.network ?? null, x.cidr4 ?? null, x.cidr6 ?? null]);
    expect(d).toEqual([
      ['-', 'ip4', '1.2.3.4', null, null],
      ['+', 'ip6', '2001:db8::', null, 32],
      ['~', 'a', 'mail.example.com', 24, 64],
      ['?', 'mx', null, null, 48],
      ['+', 'include', '_spf.example.net', null, null],
      ['-', 'all', null, null, null],
    ]);
  });

  it('reads redirect= and exp= as modifiers, and keeps unknown modifiers (ignored by receivers)', () => {
    const r = ok('v=spf1 ip4:1.2.3.4 redirect=t2.example.com');
    expect(r.redirect).toBe('t2.example.com');
    expect(ok('v=spf1 -all exp=exp.example.net').exp).toBe('exp.example.net');
    // suite: modifier-charset-good; default=pass and default=+ are unknown modifiers, not errors
    for (const t of ['v=spf1 moo.cow-far_out=man:dog/cat ip4:1.2.3.4 -all', 'v=spf1 default=pass', 'v=spf1 default=+']) {
      expect(ok(t).terms.some((x) => x.kind === 'modifier'), t).toBe(true);
    }
  });

  it('allows several spaces between terms and trailing spaces (suite: two-spaces, trailing-space)', () => {
    expect(ok('v=spf1 a  -all').directives).toHaveLength(2);
    expect(ok('v=spf1 a -all ').directives).toHaveLength(2);
    expect(ok('v=spf1').terms).toEqual([]);
  });

  it('accepts every macro form of RFC 7208 7.1, and any visible character in a domain-spec', () => {
    for (const t of [
      'v=spf1 exists:%{i}.%{v}.arpa -all',
      'v=spf1 exists:%{ir}.%{l1r+-}._spf.%{d} -all',
      'v=spf1 a:%{d2}.%{S}.%{L}.example.com -all',
      'v=spf1 exists:%{lr-}.%{o}.%{h}.%{p}.example.com',
      'v=spf1 a:macro%%percent%_%_space%-url-space.example.com -all',
      'v=spf1 -all exp=%{ir}.example.com',
      'v=spf1 a:foo:bar/baz.example.com', // suite: a-colon-domain
      'v=spf1 a:foo.example.xn--zckzah -all',
      'v=spf1 include:o.spf.example.com. ~all',
      'v=spf1 redirect=%{d}.d.spf.example.com.',
      'v=spf1 a:%{H} -all',
      'v=spf1 a//33 -all', // suite: a-cidr6 (an IPv6 prefix of 33 is fine)
    ]) {
      ok(t);
    }
    expect(hasMacro('%{ir}._spf.example.com')).toBe(true);
    expect(hasMacro('macro%%percent.example.com')).toBe(false);
  });

  it('renders terms back as written', () => {
    expect(renderSpf(ok('v=spf1  mx   a:x.example.com -all').terms)).toBe('v=spf1 mx a:x.example.com -all');
  });
});

describe('malformed records (receivers answer permerror)', () => {
  const cases: Array<[string, RegExp]> = [
    ['v=spf1 ip4:1.2.3.4 -all moo', /unknown mechanism "moo"/], // suite: detect-errors-anywhere
    ['v=spf1 moo.cow/far_out=man:dog/cat ip4:1.2.3.4 -all', /unknown mechanism/], // suite: modifier-charset-bad1
    ['v=spf1 moo.cow:far_out=man:dog/cat ip4:1.2.3.4 -all', /unknown mechanism/], // suite: modifier-charset-bad2
    ['v=spf1 ip4:1.2.3.4 redirect:t2.example.com', /unknown mechanism "redirect"/], // suite: redirect-is-modifier
    ['v=spf1 a:foo-bar -all', /not a domain name/], // suite: invalid-domain
    ['v=spf1 a:museum', /not a domain name/], // suite: a-only-toplabel
    ['v=spf1 a:museum.', /not a domain name/], // suite: a-only-toplabel-trailing-dot
    ['v=spf1 a:abc.123', /not a domain name/], // numeric top label
    ['v=spf1 a:example.-com', /not a domain name/],
    ['v=spf1 a:example.com:8080', /not a domain name/],
    ['v=spf1 a:', /a domain is required/],
    ['v=spf1 a/33 -all', /larger than 32/],
    ['v=spf1 a//129 -all', /larger than 128/],
    ['v=spf1 a/24/64 -all', /not a domain|expected a/],
    ['v=spf1 mx: -all', /a domain is required/],
    ['v=spf1 -all.', /unknown mechanism "all."/],
    ['v=spf1 -all:foobar', /"all" takes no argument/],
    ['v=spf1 -all/8', /"all" takes no argument/],
    ['v=spf1 ptr/0 -all', /ptr takes only/],
    ['v=spf1 ptr:', /a domain is required/],
    ['v=spf1 include +all', /include needs a domain/],
    ['v=spf1 include: -all', /a domain is required/],
    ['v=spf1 include:ip5.example.com/24 -all', /not a domain name/],
    ['v=spf1 exists', /exists needs a domain/],
    ['v=spf1 exists:mail.example.com/24', /not a domain name/],
    ['v=spf1 ip4:1.2.3.4/33 -all', /larger than 32/],
    ['v=spf1 ip4:1.2.3.4/032 -all', /expected ip4/],
    ['v=spf1 ip4', /expected ip4/],
    ['v=spf1 ip4:1.2.3.4//32', /expected ip4/],
    ['v=spf1 ip4:1.2.3.4:8080', /expected ip4/],
    ['v=spf1 ip4:1.2.3', /expected ip4/],
    ['v=spf1 ip4:01.2.3.4', /expected ip4/],
    ['v=spf1 -all ip6', /expected ip6/],
    ['v=spf1 ip6:::1.1.1.1/129', /larger than 128/],
    ['v=spf1 ip6:::1.1.1.1//33', /expected ip6/],
    ['v=spf1 ip6::CAFE::BABE', /expected ip6/],
    ['v=spf1 =all', /not a mechanism or modifier/],
    ['v=spf1 1up=foo', /not a mechanism or modifier/],
    ['v=spf1 -all foo=%abc', /"%" must start a macro/],
    ['v=spf1 exists:foo%(ir).sbl.example.com ?all', /"%" must start a macro/],
    ['v=spf1 a:%{a}.example.com -all', /not a valid macro/],
    ['v=spf1 -all exp=%{r}.example.com', /only allowed in exp= explanations/], // suite: exp-only-macro-char
    ['v=spf1 a:%{d0}.example.com', /zero labels/],
    ['v=spf1 a:%{d.example.com', /not closed/],
    ['v=spf1 exp= -all', /a domain is required/], // suite: exp-empty-domain
    ['v=spf1 exp=-all', /not a domain name/], // suite: exp-syntax-error
    ['v=spf1 redirect=-all ?all', /not a domain name/], // suite: redirect-syntax-error
    ['v=spf1 ?all redirect=', /a domain is required/],
    ['v=spf1 exp=e13msg.example.com -all exp=e11msg.example.com', /"exp=" appears more than once/], // suite: exp-twice
    ['v=spf1 redirect=e12.example.com -all redirect=e12.example.com', /"redirect=" appears more than once/],
    ['v=spf1 a:ctrl.example.com\rptr -all', /"\\r" is not allowed|contains "\\r"/], // suite: control-char-policy
    ['v=spf1 ip4:192.0.2.5\n include:spf.protection.outlook.com ~all', /contains "\\n"/], // suite: badip4
    ['v=spf1 a:\u00ef\u00bb\u00bfgarbage.example.net -all', /only printable ASCII/],
    ['v=spf1 a:example.net \u2013all', /only printable ASCII/],
    ['v=spf1\t-all', /does not start with "v=spf1"/],
    ['spf1 -all', /does not start with "v=spf1"/],
  ];
  for (const [text, why] of cases) {
    it(JSON.stringify(text), () => expect(error(text)).toMatch(why));
  }
});
