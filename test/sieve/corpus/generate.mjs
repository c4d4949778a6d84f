#!/usr/bin/env node
// Writes the generated half of the differential corpus into corpus/generated/: scripts built
// from templates that sweep the combinations a handwritten case would not (match types ×
// comparators × headers × keys, address parts, envelope parts, date parts × zones, modifiers,
// regex patterns, body transforms, every pair of actions, flag operations). Most scripts test
// many conditions and file the message into folders named after the results ("hdr-3-0110…"),
// so one pair checks dozens of decisions. Run it again after changing it; commit the output.
//
//   node test/sieve/corpus/generate.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'generated');
fs.rmSync(OUT, { recursive: true, force: true });
fs.mkdirSync(OUT);

const q = (s) => '"' + s.replace(/[\\"]/g, '\\$&') + '"';
const list = (xs) => '[' + xs.map(q).join(', ') + ']';
let written = 0;

function write(name, meta, body) {
  const head = Object.entries(meta).map(([k, v]) => `# ${k}: ${v}`).join('\n');
  fs.writeFileSync(path.join(OUT, name + '.sieve'), `${head}\n${body.trim()}\n`);
  written++;
}

/** A script testing each condition and filing into "<prefix>-<chunk>-<bits>" every 40 tests. */
function bitsScript(requires, prefix, tests) {
  const reqs = [...new Set(['fileinto', 'variables', ...requires])];
  const lines = [`require ${list(reqs)};`, 'set "r" "";'];
  tests.forEach((t, i) => {
    lines.push(`if ${t} { set "r" "\${r}1"; } else { set "r" "\${r}0"; }`);
    if ((i + 1) % 40 === 0 || i === tests.length - 1) {
      lines.push(`fileinto "${prefix}-${Math.floor(i / 40)}-\${r}";`, 'set "r" "";');
    }
  });
  return lines.join('\n');
}

/** A script capturing values with :matches "*" and filing them, a few per folder. */
function captureScript(requires, prefix, tests, perFolder = 3) {
  const reqs = [...new Set(['fileinto', 'variables', ...requires])];
  const lines = [`require ${list(reqs)};`, 'set "r" "";'];
  tests.forEach((t, i) => {
    lines.push(`if ${t} { set "r" "\${r}[\${1}]"; } else { set "r" "\${r}-"; }`);
    if ((i + 1) % perFolder === 0 || i === tests.length - 1) {
      lines.push(`fileinto "${prefix}${Math.floor(i / perFolder)}:\${r}";`, 'set "r" "";');
    }
  });
  return lines.join('\n');
}

// ---- 1. header test: match type × comparator over headers and keys ------------------------------

const HEADERS = ['subject', 'from', 'to', 'x-priority', 'x-count', 'x-num', 'x-tag', 'x-case', 'x-folded', 'x-empty', 'x-note'];
const PLAIN_KEYS = ['report', 'REPORT', 'Quarterly', 'e', '', 'x', 'padded subject', 'alice', 'Alice Example <alice@example.org>', 'café', 'CAFÉ', '3', '0042', '42', '17', 'abc', 'second', 'mixed case value', 'three lines'];
const GLOB_KEYS = ['*report*', '*REPORT*', 'Quart*', 'Q?arterly*', '*', '', '*@example.org>', '* *', '*\\**', 'x', '???', '*e*e*', 'padded*', '*lines', '[*'];
const REGEX_KEYS = ['report', '^Q', 'w$', '^[0-9]+$', '^$', 'e.e', '(alpha|second)', '[[:digit:]]{2}', 'caf.', 'a+b?', '^.*$', 'MiXeD', '\\.'];
const MESSAGES_HDR = 'plain.eml headers.eml encoded.eml numeric.eml';

const combos = [
  ['is', 'i;ascii-casemap', PLAIN_KEYS], ['is', 'i;octet', PLAIN_KEYS],
  ['contains', 'i;ascii-casemap', PLAIN_KEYS], ['contains', 'i;octet', PLAIN_KEYS],
  ['matches', 'i;ascii-casemap', GLOB_KEYS], ['matches', 'i;octet', GLOB_KEYS],
  ['regex', 'i;ascii-casemap', REGEX_KEYS], ['regex', 'i;octet', REGEX_KEYS],
  ['is', 'i;ascii-numeric', ['3', '42', '0042', '17', 'abc', 'x1']],
];
for (const [mt, cmp, keys] of combos) {
  const tests = [];
  // x-empty under i;ascii-numeric is difference D8, kept to its own handwritten case.
  const headers = cmp === 'i;ascii-numeric' ? HEADERS.filter((h) => h !== 'x-empty') : HEADERS;
  for (const h of headers) for (const k of keys) tests.push(`header :${mt} :comparator ${q(cmp)} ${q(h)} ${q(k)}`);
  const reqs = [mt === 'regex' ? 'regex' : null, cmp === 'i;ascii-numeric' ? 'comparator-i;ascii-numeric' : null].filter(Boolean);
  write(`hdr-${mt}-${cmp.replace(/[^a-z]/g, '')}`, { messages: MESSAGES_HDR }, bitsScript(reqs, `h${mt}`, tests));
}

// :value and :count with every relation and comparator
for (const cmp of ['i;ascii-casemap', 'i;octet', 'i;ascii-numeric']) {
  const tests = [];
  for (const rel of ['gt', 'ge', 'lt', 'le', 'eq', 'ne']) {
    for (const h of ['subject', 'x-priority', 'x-count', 'x-num', 'x-tag', 'x-big', 'x-score']) {
      for (const k of ['3', '42', 'q', 'Quarterly', '100', '']) tests.push(`header :value ${q(rel)} :comparator ${q(cmp)} ${q(h)} ${q(k)}`);
    }
  }
  const reqs = ['relational', ...(cmp === 'i;ascii-numeric' ? ['comparator-i;ascii-numeric'] : [])];
  write(`hdr-value-${cmp.replace(/[^a-z]/g, '')}`, { messages: 'plain.eml numeric.eml headers.eml' }, bitsScript(reqs, 'v', tests));
  const counts = [];
  for (const rel of ['gt', 'ge', 'lt', 'le', 'eq', 'ne']) {
    for (const h of [['x-tag'], ['x-num'], ['received'], ['to', 'cc'], ['x-none'], ['subject', 'x-tag', 'x-num']]) {
      for (const k of ['0', '1', '2', '3', '10']) counts.push(`header :count ${q(rel)} :comparator ${q(cmp)} ${list(h)} ${q(k)}`);
    }
  }
  write(`hdr-count-${cmp.replace(/[^a-z]/g, '')}`, { messages: 'plain.eml numeric.eml headers.eml dates.eml' }, bitsScript(reqs, 'c', counts));
}

// ---- 2. address test: address part × match type -------------------------------------------------

const ADDR_HEADERS = ['from', 'to', 'cc', 'bcc', 'reply-to', 'sender', 'resent-from', 'resent-to'];
const ADDR_KEYS = ['alice@example.org', 'bob@example.com', 'example.org', 'EXAMPLE.ORG', 'example.com', 'bob', 'alice', 'lists', 'newsletter', 'dave', 'work',
  'quoted local', 'sybil@example.org', 'trent@Example.ORG', 'example.net', '', 'bob+lists', 'lists+extra', 'peggy', 'rupert@example.org'];
const ADDR_GLOBS = ['*@example.org', '*example*', 'b*', '*+*', '?????', '*', '', '*.net', 'bob+*@*'];
for (const part of ['all', 'localpart', 'domain', 'user', 'detail']) {
  for (const [mt, keys] of [['is', ADDR_KEYS], ['matches', ADDR_GLOBS], ['contains', ['example', 'ORG', 'b', '+', '', 'x']]]) {
    const tests = [];
    for (const h of ADDR_HEADERS) for (const k of keys) tests.push(`address :${part} :${mt} ${q(h)} ${q(k)}`);
    write(`addr-${part}-${mt}`, { messages: 'addresses.eml subaddress.eml plain.eml list.eml' }, bitsScript(['subaddress'], `a${part[0]}${mt[0]}`, tests));
  }
}
{
  const tests = [];
  for (const part of ['all', 'localpart', 'domain', 'user', 'detail']) {
    for (const h of ['from', 'to', 'cc', ['to', 'cc'], 'bcc']) tests.push(`address :${part} :matches ${Array.isArray(h) ? list(h) : q(h)} "*"`);
  }
  write('addr-capture', { messages: 'addresses.eml subaddress.eml plain.eml encoded.eml' }, captureScript(['subaddress'], 'ac', tests, 4));
  const counts = [];
  for (const h of ADDR_HEADERS) for (const k of ['0', '1', '2', '3', '4']) counts.push(`address :count "eq" :comparator "i;ascii-numeric" ${q(h)} ${q(k)}`);
  write('addr-count', { messages: 'addresses.eml subaddress.eml plain.eml' }, bitsScript(['relational', 'comparator-i;ascii-numeric'], 'ak', counts));
}

// ---- 3. envelope --------------------------------------------------------------------------------

const ENVELOPES = [
  ['alice@example.org', 'bob@example.com'],
  ['Alice.Smith@Example.ORG', 'bob+lists@example.com'],
  ['dev-bounces+bob=example.com@lists.example.org', 'bob+a+b@example.com'],
  ['x@y.z', 'BOB@EXAMPLE.COM'],
  ['sender+tag@example.net', 'plain@example.com'],
];
ENVELOPES.forEach(([from, to], i) => {
  const tests = [];
  for (const part of ['all', 'localpart', 'domain', 'user', 'detail']) {
    for (const ep of ['from', 'to']) tests.push(`envelope :${part} :matches ${q(ep)} "*"`);
  }
  write(`env-capture-${i}`, { messages: 'plain.eml', 'envelope-from': from, 'envelope-to': to }, captureScript(['envelope', 'subaddress'], 'e', tests, 4));
  const bits = [];
  for (const part of ['all', 'localpart', 'domain', 'user', 'detail']) {
    for (const ep of ['from', 'to', ['from', 'to']]) {
      for (const k of ['bob', 'example.com', 'lists', 'alice@example.org', '', 'a+b', 'EXAMPLE.ORG']) bits.push(`envelope :${part} :is ${Array.isArray(ep) ? list(ep) : q(ep)} ${q(k)}`);
    }
  }
  write(`env-bits-${i}`, { messages: 'plain.eml', 'envelope-from': from, 'envelope-to': to }, bitsScript(['envelope', 'subaddress'], 'eb', bits));
});

// ---- 4. date parts × zones ----------------------------------------------------------------------

const PARTS = ['year', 'month', 'day', 'date', 'julian', 'hour', 'minute', 'second', 'time', 'iso8601', 'std11', 'zone', 'weekday'];
for (const [zname, ztag] of [['local', ''], ['utc', ':zone "+0000"'], ['minus', ':zone "-0830"'], ['plus', ':zone "+1345"'], ['orig', ':originalzone']]) {
  const tests = PARTS.map((p) => `date ${ztag} :matches "date" ${q(p)} "*"`);
  write(`date-${zname}`, { messages: 'dates.eml plain.eml encoded.eml numeric.eml' }, captureScript(['date'], `d${zname[0]}`, tests, 3));
}
{
  const tests = [];
  for (const p of ['year', 'month', 'day', 'hour', 'weekday', 'julian']) {
    for (const rel of ['gt', 'lt', 'eq']) tests.push(`date :value ${q(rel)} :comparator "i;ascii-numeric" "date" ${q(p)} "10"`);
  }
  for (const h of ['date', 'resent-date', 'received', 'x-none', 'subject']) tests.push(`date :is ${q(h)} "year" "2025"`);
  write('date-relational', { messages: 'dates.eml plain.eml encoded.eml' }, bitsScript(['date', 'relational', 'comparator-i;ascii-numeric'], 'dr', tests));
}

// ---- 5. set modifiers ---------------------------------------------------------------------------

const MOD_SETS = [[], ['lower'], ['upper'], ['lowerfirst'], ['upperfirst'], ['quotewildcard'], ['length'], ['upper', 'lowerfirst'], ['lower', 'upperfirst'],
  ['length', 'quotewildcard'], ['upperfirst', 'quotewildcard'], ['lower', 'length']];
const MOD_VALUES = ['Hello World', 'ünïcödé Straße', '', 'a*b?c\\d', 'x'];
MOD_VALUES.forEach((v, i) => {
  const lines = ['require ["variables", "fileinto"];'];
  MOD_SETS.forEach((mods, k) => {
    lines.push(`set ${mods.map((m) => ':' + m).join(' ')} "v${k}" ${q(v)};`);
  });
  for (let k = 0; k < MOD_SETS.length; k += 4) {
    lines.push(`fileinto "m${k}:${MOD_SETS.slice(k, k + 4).map((_, j) => `[\${v${k + j}}]`).join('')}";`);
  }
  write(`modifiers-${i}`, { messages: 'plain.eml' }, lines.join('\n'));
});

// ---- 6. regex captures --------------------------------------------------------------------------

const REGEXES = [
  ['subject', '^([^ ]+) (.*)$'], ['subject', '(e|o)+'], ['subject', '[aeiou]{2,}'], ['subject', '([[:alpha:]]+)[[:space:]]+([[:alpha:]]+)$'],
  ['from', '<([^@]+)@([^>]+)>'], ['from', '^(.*) <'], ['subject', '(r)(e)?(v)?'], ['subject', 'x*'], ['subject', '(a|ab)(c|bcd)'],
  ['subject', '^(Re: )?\\[?([a-z]+)'], ['message-id', '^<([^-]+)-([0-9]+)@'], ['date', '([0-9]{2}):([0-9]{2}):([0-9]{2})'],
];
{
  const tests = REGEXES.map(([h, re]) => `header :regex ${q(h)} ${q(re)}`);
  const lines = ['require ["regex", "variables", "fileinto"];', 'set "r" "";'];
  tests.forEach((t, i) => {
    lines.push(`if ${t} { set "r" "\${r}[\${0}|\${1}|\${2}]"; } else { set "r" "\${r}-"; }`);
    if ((i + 1) % 2 === 0) lines.push(`fileinto "rx${i >> 1}:\${r}";`, 'set "r" "";');
  });
  write('regex-captures', { messages: 'plain.eml list.eml multipart.eml encoded.eml dates.eml' }, lines.join('\n'));
}

// ---- 7. body transforms -------------------------------------------------------------------------

{
  const tests = [];
  const transforms = [':text', ':raw', ':content "text"', ':content "text/plain"', ':content "text/html"', ':content ""', ':content "multipart"', ':content "message"', ':content ["application", "image"]'];
  for (const t of transforms) {
    for (const k of ['invoice', 'Friday', 'Café', 'Caf=C3=A9', '<b>', '&amp;', 'kiwifruit', 'secretword', 'preamble', 'epilogue', 'Content-Type', 'quarterly', 'Grüße', 'offers', 'Save 50', 'delivery-status', 'needle']) {
      tests.push(`body ${t} :contains ${q(k)}`);
    }
  }
  write('body-matrix', { messages: 'multipart.eml html.eml plain.eml encoded.eml bounce.eml big.eml' }, bitsScript(['body'], 'b', tests));
  const counts = transforms.map((t) => `body ${t} :matches "*"`);
  write('body-any', { messages: 'multipart.eml minimal.eml html.eml' }, bitsScript(['body'], 'ba', counts));
}

// ---- 8. every pair of actions -------------------------------------------------------------------

const ACTIONS = {
  keep: 'keep;',
  discard: 'discard;',
  fileA: 'fileinto "A";',
  copyB: 'fileinto :copy "B";',
  inbox: 'fileinto "INBOX";',
  redir: 'redirect "x@example.net";',
  redcopy: 'redirect :copy "y@example.net";',
  reject: 'reject "refused";',
  vacation: 'vacation "away";',
  stop: 'stop;',
  flag: 'addflag "\\\\Flagged";',
};
const names = Object.keys(ACTIONS);
for (const a of names) {
  for (const b of names) {
    const body = `require ["fileinto", "copy", "reject", "vacation", "imap4flags"];\n${ACTIONS[a]}\n${ACTIONS[b]}`;
    write(`act-${a}-${b}`, { messages: 'plain.eml' }, body);
  }
}

// ---- 9. spamtest, spamtestplus and virustest over scored messages ---------------------------------

{
  const tests = [];
  for (const rel of ['eq', 'ge', 'lt']) {
    for (const v of ['0', '1', '2', '3', '5', '9', '10']) tests.push(`spamtest :value ${q(rel)} :comparator "i;ascii-numeric" ${q(v)}`);
    for (const v of ['0', '1', '3', '4', '5']) tests.push(`virustest :value ${q(rel)} :comparator "i;ascii-numeric" ${q(v)}`);
    for (const v of ['0', '25', '49', '50', '100']) tests.push(`spamtest :percent :value ${q(rel)} :comparator "i;ascii-numeric" ${q(v)}`);
  }
  tests.push('spamtest :is "0"', 'virustest :matches "?"', 'spamtest :percent :matches "*0"', 'spamtest :count "eq" :comparator "i;ascii-numeric" "1"');
  const messages = 'score-0.eml score-25.eml score-49.eml score-10.eml score-abc.eml score-1.eml spam.eml plain.eml';
  write('spamtest-matrix', { messages }, bitsScript(['spamtestplus', 'virustest', 'relational', 'comparator-i;ascii-numeric'], 'sp', tests));
}

// ---- 10. flag operations -------------------------------------------------------------------------

const FLAG_OPS = [
  ['setflag "\\\\Seen";', 'addflag "\\\\seen";'],
  ['addflag ["A", "B", "a"];', 'removeflag "b";'],
  ['setflag "X Y Z";', 'removeflag ["y", "Q"];', 'addflag "z W";'],
  ['addflag "\\\\Deleted";', 'setflag "";'],
  ['addflag "$label1";', 'keep;', 'addflag "$label2";'],
  ['addflag "one";', 'fileinto "F";', 'removeflag "one";', 'fileinto "G";'],
  ['setflag "\\\\Answered \\\\Flagged";', 'fileinto :flags "own" "H";'],
  ['addflag "  spaced   words ";'],
];
FLAG_OPS.forEach((ops, i) => {
  const body = `require ["fileinto", "imap4flags", "variables"];\n${ops.join('\n')}\nif hasflag :matches "*" { set "h" "yes"; } else { set "h" "no"; }\nfileinto "flags-\${h}";`;
  write(`flags-${i}`, { messages: 'plain.eml' }, body);
});

console.log(`wrote ${written} scripts to ${OUT}`);
