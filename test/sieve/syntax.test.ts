// Lexer, parser and validator: scripts in the style of RFC 5228's examples compile, and every
// kind of mistake is reported at the right line:column with a message saying what was expected.
import { describe, expect, it } from 'vitest';
import { compile, formatDiagnostic } from '../../src/sieve/index.js';

function errors(script: string | Buffer): string[] {
  const c = compile(script);
  return (c.errors ?? []).map(formatDiagnostic);
}

function firstError(script: string | Buffer): string {
  const e = errors(script);
  expect(e.length, `expected an error for:\n${script}`).toBeGreaterThan(0);
  return e[0]!;
}

describe('valid scripts', () => {
  const ok = [
    // RFC 5228 9-style: the grammar's corners.
    `# comment\r\nrequire ["fileinto", "envelope"];\r\nif header :contains "from" "coyote" {\r\n  discard;\r\n} elsif header :contains ["subject"] ["$$$"] {\r\n  discard;\r\n} else {\r\n  fileinto "INBOX";\r\n}\r\n`,
    'if size :over 100K { discard; } if size :under 1M { keep; } if size :over 1G { stop; }',
    '/* a bracketed\n comment */ keep; # end',
    'if anyof (not exists ["From", "Date"], header :contains "x" "y") { discard; }',
    'if address :all :comparator "i;octet" :is "to" "x@y" { keep; }',
    'require "vacation"; vacation text:\nAway.\n.\n;',
    'require "reject"; reject text: # comment after text:\nline one\n..dotted\n.\n;',
    'if header :is "X" "\\"quoted\\" and \\\\ backslash" { keep; }',
    'require ["comparator-i;octet", "comparator-i;ascii-casemap"]; keep;',
    'IF TRUE { KEEP; }',
    '',
    '   \n\n # only a comment',
    'require "variables"; set "a" "${unknown} ${1} ${ not.a.ref } ${";',
  ];
  for (const s of ok) {
    it(JSON.stringify(s.slice(0, 50)), () => expect(errors(s)).toEqual([]));
  }
});

describe('lexical and syntax errors carry line:col', () => {
  const cases: Array<[string, string]> = [
    ['keep', '1:5: missing ";" after the keep command'],
    ['keep\nfileinto "x";', '2:1: missing ";" between keep and fileinto'],
    ['if true {\n  keep;\n', '3:1: expected "}" to close the block, found end of script'],
    ['if true { keep; } }', '1:19: expected a command, found "}"'],
    ['keep;\n\n  "str";', '3:3: expected a command, found string'],
    ['if header :is "a" "b\n', '1:19: unterminated string: missing closing quote'],
    ['/* never closed\nkeep;', '1:1: unterminated comment: "/*" without "*/"'],
    ['require "fileinto";\nfileinto text:\nno end', '2:10: unterminated multi-line string: missing a line with a single "."'],
    ['require "fileinto"; fileinto text: x\n.\n;', '1:36: expected a line break after "text:"'],
    ['if header :is "a" ["b", ] { keep; }', '1:25: expected a string, found "]"'],
    ['if header :is "a" [] { keep; }', '1:20: expected a string (a string list cannot be empty), found "]"'],
    ['if anyof (true, ) { keep; }', '1:17: expected a test, found ")"'],
    ['if anyof (true false) { keep; }', '1:16: unexpected test "false" after true (missing ","?)'],
    ['keep; @', '1:7: unexpected character "@"'],
    ['if size :over 10X { keep; }', '1:17: unexpected "X" after a number (quantifiers are K, M and G)'],
    ['if size :over 99999999999999999999 { keep; }', '1:15: number is too large'],
    ['keep: ;', '1:5: expected a tag name after ":"'],
  ];
  for (const [script, err] of cases) it(err, () => expect(firstError(script)).toBe(err));
});

describe('validation errors carry line:col', () => {
  const cases: Array<[string, string]> = [
    ['require "x-unknown";', '1:9: unknown capability "x-unknown" in require'],
    ['require ["fileinto", "nope"];', '1:22: unknown capability "nope" in require'],
    ['keep;\nrequire "fileinto";', '2:1: require must come before every other command, at the top of the script'],
    ['fileinto "x";', '1:1: fileinto needs require "fileinto"'],
    ['frobnicate;', '1:1: unknown command "frobnicate"'],
    ['if frob { keep; }', '1:4: unknown test "frob"'],
    ['if keep { keep; }', '1:4: keep is a command, not a test'],
    ['true;', '1:1: true is a test, not a command'],
    ['elsif true { keep; }', '1:1: elsif without a preceding if'],
    ['if true keep;', '1:1: if needs a block: { … }'],
    ['if { keep; }', '1:1: if needs exactly one test before its block'],
    ['if true;', '1:1: if needs a block: { … }'],
    ['keep { stop; }', '1:1: keep takes no block; expected ";"'],
    ['if header "subject" { keep; }', '1:11: header: missing key list (a string list)'],
    ['if header :is :contains "s" "k" { keep; }', '1:15: :contains cannot be combined with :is'],
    ['if header :is :is "s" "k" { keep; }', '1:15: :is is given twice'],
    ['if header :frob "s" "k" { keep; }', '1:11: unknown tagged argument :frob for header'],
    ['if header :regex "s" "k" { keep; }', '1:11: :regex needs require "regex"'],
    ['if header :value "gt" "s" "k" { keep; }', '1:11: :value needs require "relational"'],
    ['require "relational"; if header :value "bigger" "s" "k" { keep; }', '1:40: unknown relational operator "bigger" (expected gt, ge, lt, le, eq or ne)'],
    ['if header :comparator "i;frob" "s" "k" { keep; }', '1:23: unknown comparator "i;frob"'],
    ['if header :comparator "i;ascii-numeric" "s" "k" { keep; }', '1:23: comparator "i;ascii-numeric" needs require "comparator-i;ascii-numeric"'],
    ['require "comparator-i;ascii-numeric"; if header :contains :comparator "i;ascii-numeric" "s" "k" { keep; }', '1:49: comparator "i;ascii-numeric" cannot be used with :contains'],
    ['if header :comparator 5 "s" "k" { keep; }', '1:23: :comparator must be followed by a string, found a number'],
    ['if size 10 { keep; }', '1:4: size needs :over or :under'],
    ['if size :over :under 10 { keep; }', '1:15: :under cannot be combined with :over'],
    ['if size :over "10" { keep; }', '1:15: size: limit must be a number, found a string'],
    ['redirect "x@y" "z@w";', '1:16: unexpected a string: redirect takes address'],
    ['redirect "not an address";', '1:10: redirect address "not an address" is invalid: expected local-part@domain'],
    ['require "fileinto"; fileinto "x" :copy;', '1:34: :copy: tagged arguments must come before the positional arguments of fileinto'],
    ['require ["fileinto", "copy"]; fileinto "x" :copy;', '1:44: :copy: tagged arguments must come before the positional arguments of fileinto'],
    ['if address :is "subject" "x" { keep; }', '1:16: header "subject" is not allowed for the address test: it holds no addresses'],
    ['require "envelope"; if envelope :is "frm" "x" { keep; }', '1:37: unknown envelope part "frm" (expected "from" or "to")'],
    ['if anyof true { keep; }', '1:4: anyof takes a test list: ( test, test, … )'],
    ['if not (true, false) { keep; }', '1:4: not takes exactly one test'],
    ['require "variables"; set "1" "x";', '1:26: cannot assign to match variable ${1}'],
    ['require "variables"; set "a-b" "x";', '1:26: "a-b" is not a valid variable name'],
    ['require "variables"; set :lower :upper "a" "x";', '1:33: :upper and :lower cannot be used together'],
    ['require "variables"; if string :is "${foo.bar}" "x" { keep; }', '1:36: unknown variable namespace "foo"'],
    ['require "regex"; if header :regex "s" "a(b" { keep; }', '1:39: invalid regular expression "a(b": missing ")" at offset 3'],
    ['require "regex"; if header :regex "s" "(a)\\\\1" { keep; }', '1:39: invalid regular expression "(a)\\1": backreferences are not supported at offset 4'],
    ['require "index"; if header :last :is "s" "x" { keep; }', '1:28: :last needs :index'],
    ['require "index"; if header :index 0 :is "s" "x" { keep; }', '1:35: :index counts from 1'],
    ['require "encoded-character"; if header :is "s" "${unicode:D800}" { keep; }', '1:48: invalid Unicode code point D800 in ${unicode:…}'],
    ['require "vacation"; vacation :days 1 :seconds 5 "x";', '1:38: :seconds needs require "vacation-seconds"'],
    ['require "vacation"; vacation :from "bad" "x";', '1:36: vacation :from "bad" is invalid: expected local-part@domain'],
    ['require "include"; include :personal :global "x";', '1:38: :global cannot be combined with :personal'],
    ['require "include"; include "a/b";', '1:28: invalid script name "a/b"'],
    ['require "include"; global "x";', '1:20: global needs require "variables" too'],
    ['require "foreverypart"; break;', '1:25: break outside foreverypart'],
    ['require "foreverypart"; foreverypart :name "a" { break :name "b"; }', '1:62: break :name "b": no enclosing foreverypart has that name'],
    ['require "mime"; if header :anychild "content-type" "x" { keep; }', '1:27: :anychild needs :mime'],
    ['require "enotify"; notify "xmpp:a@b";', '1:27: notify: unsupported notification method "xmpp"'],
    ['require "enotify"; notify :importance "4" "mailto:a@b";', '1:39: :importance must be "1", "2" or "3", not "4"'],
    ['require "editheader"; addheader "Bad Name" "x";', '1:33: addheader: "Bad Name" is not a valid header field name'],
    ['require "date"; if date :zone "+0100" :originalzone "date" "year" "2025" { keep; }', '1:39: :originalzone cannot be combined with :zone'],
    ['require "spamtest"; if spamtest :percent "5" { keep; }', '1:33: :percent needs require "spamtestplus"'],
  ];
  for (const [script, err] of cases) it(err, () => expect(firstError(script)).toBe(err));

  it('reports several errors at once', () => {
    const e = errors('frob;\nif nope { keep; }\nfileinto "x";');
    expect(e).toEqual(['1:1: unknown command "frob"', '2:4: unknown test "nope"', '3:1: fileinto needs require "fileinto"']);
  });
  it('columns count characters, not bytes', () => {
    expect(firstError('if header :is "ünï" "€" { keep; } @')).toBe('1:35: unexpected character "@"');
  });
  it('refuses a script that is not UTF-8, at the bad byte', () => {
    expect(firstError(Buffer.from('keep;\nif header :is "s" "caf\xe9" { keep; }', 'latin1'))).toBe('2:23: script is not valid UTF-8');
  });
  it('accepts a UTF-8 byte order mark', () => {
    expect(errors(Buffer.from('\ufeffkeep;', 'utf8'))).toEqual([]);
  });
  it('extension syntax exists only when required', () => {
    expect(firstError('keep :flags "x";')).toBe('1:6: :flags needs require "imap4flags"');
    expect(firstError('require "fileinto"; fileinto :create "x";')).toBe('1:30: :create needs require "mailbox"');
    expect(errors('require ["fileinto", "mailbox"]; fileinto :create "x";')).toEqual([]);
  });
  it('ihave makes a capability required only inside its block', () => {
    expect(errors('require "ihave"; if ihave "fileinto" { fileinto "x"; }')).toEqual([]);
    expect(firstError('require "ihave"; if ihave "fileinto" { keep; } fileinto "x";')).toBe('1:48: fileinto needs require "fileinto"');
    expect(errors('require "ihave"; if ihave "x-frob" { frob :wild 1 2 3; }')).toEqual([]);
  });
});
