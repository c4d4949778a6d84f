// Each operator's Sieve, escaping, the schema's refusals, and what the generated tests mean when
// our engine runs them over messages.
import { describe, expect, it } from 'vitest';
import { compile, formatDiagnostic, run, sieveMessage, type SieveResult } from '../../../src/sieve/index.js';
import {
  actionCommand, buildRulesScript, classifyPattern, conditionTest, escapeWildcards, generateSieve, normalizeRule, parseRules,
  quote, ruleSchema, rulesSchema, sizeLiteral, EMAIL_TYPE_ITEM, type Condition, type Rule, type RuleInput,
} from '../../../src/sieve/rules/index.js';

const test = (c: unknown) => conditionTest(ruleSchema.parse({ name: 'x', conditions: [c], actions: [{ type: 'stop' }] }).conditions[0]!, new Set());

function rule(input: RuleInput, id = 'r1'): Rule {
  return normalizeRule({ ...ruleSchema.parse(input), id });
}

function runRules(rules: Rule[], head: string, body = 'hello\r\n', env = {}): string[] {
  const c = compile(generateSieve(rules).text);
  if (c.errors) throw new Error(c.errors.map(formatDiagnostic).join('\n'));
  const m = sieveMessage(Buffer.from(head.replace(/\n/g, '\r\n') + '\r\n' + body), { from: 'a@example.org', to: 'b@example.com' });
  return names(run(c.script, m, env));
}

function names(r: SieveResult): string[] {
  return r.actions.map((a) => (a.type === 'fileinto' ? `fileinto ${a.folder}${a.flags?.length ? ` ${a.flags.join(' ')}` : ''}` : a.type === 'keep' ? `keep${a.flags?.length ? ` ${a.flags.join(' ')}` : ''}` : a.type));
}

describe('escaping', () => {
  it('quotes only " and \\ ; non-ASCII and ${ are written as they are', () => {
    expect(quote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(quote('Ünïcödé 日本 😀')).toBe('"Ünïcödé 日本 😀"');
    expect(quote('${x} ${')).toBe('"${x} ${"');
  });
  it('wildcards of a literal are escaped for :matches', () => {
    expect(escapeWildcards('a*b?c\\d')).toBe('a\\*b\\?c\\\\d');
    expect(classifyPattern('a\\*b*')).toEqual({ op: 'startsWith', value: 'a*b' });
    expect(classifyPattern('*x\\?')).toEqual({ op: 'endsWith', value: 'x?' });
    expect(classifyPattern('*')).toBeNull();
    expect(classifyPattern('a*b*')).toBeNull();
    expect(classifyPattern('*a*')).toBeNull();
  });
  it('"${" stays literal in the running script (no variables required)', () => {
    const r = rule({ name: 'v', conditions: [{ field: 'subject', op: 'contains', value: '${foo}' }], actions: [{ type: 'move', folder: '${foo}' }] });
    expect(runRules([r], 'Subject: price ${foo} now\n')).toEqual(['fileinto ${foo}']);
    expect(runRules([r], 'Subject: price  now\n')).toEqual(['keep']);
  });
  it('quotes, backslashes and non-ASCII survive into matching', () => {
    const r = rule({ name: 'q', conditions: [{ field: 'subject', op: 'is', value: 'say "hi" \\ Ünï' }], actions: [{ type: 'flag' }] });
    expect(runRules([r], 'Subject: say "hi" \\ =?utf-8?q?=C3=9Cn=C3=AF?=\n')).toEqual(['keep \\Flagged']);
  });
});

describe("each operator's Sieve", () => {
  it('text operators', () => {
    expect(test({ field: 'subject', op: 'is', value: 'x' })).toBe('header :is "subject" "x"');
    expect(test({ field: 'subject', op: 'contains', value: 'x' })).toBe('header :contains "subject" "x"');
    expect(test({ field: 'subject', op: 'startsWith', value: 'a*?' })).toBe('header :matches "subject" "a\\\\*\\\\?*"');
    expect(test({ field: 'subject', op: 'endsWith', value: 'z' })).toBe('header :matches "subject" "*z"');
    expect(test({ field: 'subject', op: 'matches', value: 'a?c*' })).toBe('header :matches "subject" "a?c*"');
    expect(test({ field: 'subject', op: 'regex', value: '^a\\.b$' })).toBe('header :regex "subject" "^a\\\\.b$"');
    expect(test({ field: 'subject', op: 'contains', value: 'x', not: true })).toBe('not header :contains "subject" "x"');
  });
  it('address fields: contains on the whole field, others on the addresses', () => {
    expect(test({ field: 'from', op: 'contains', value: 'Bob' })).toBe('header :contains "from" "Bob"');
    expect(test({ field: 'replyTo', op: 'is', value: 'a@b.c' })).toBe('address :is "reply-to" "a@b.c"');
    expect(test({ field: 'cc', op: 'endsWith', value: '@b.c' })).toBe('address :matches "cc" "*@b.c"');
  });
  it('over and under: size, and a header read as a number', () => {
    expect(test({ field: 'size', op: 'over', value: 1048576 })).toBe('size :over 1M');
    expect(test({ field: 'size', op: 'under', value: 1500 })).toBe('size :under 1500');
    expect(test({ field: 'header', name: 'X-Spam-Score', op: 'over', value: '5' })).toBe('header :value "gt" :comparator "i;ascii-numeric" "X-Spam-Score" "5"');
    expect(test({ field: 'header', name: 'X-Priority', op: 'under', value: '3', not: true })).toBe('not header :value "lt" :comparator "i;ascii-numeric" "X-Priority" "3"');
    expect([0, 1024, 3 * 1024 ** 3, 1025].map(sizeLiteral)).toEqual(['0', '1K', '3G', '1025']);
  });
  it('body, attachment and email type', () => {
    expect(test({ field: 'body', op: 'contains', value: 'unsubscribe' })).toBe('body :text :contains "unsubscribe"');
    expect(test({ field: 'attachment' })).toBe('header :mime :anychild :type :is "content-disposition" "attachment"');
    expect(test({ field: 'type', value: 'promotion' })).toBe(`environment :is "${EMAIL_TYPE_ITEM}" "promotion"`);
  });
  it('actions', () => {
    const req = new Set<string>();
    const cmds = [
      { type: 'move', folder: 'A' }, { type: 'copy', folder: 'B' }, { type: 'markRead' }, { type: 'flag' }, { type: 'keyword', keyword: '$Work' },
      { type: 'redirect', address: 'x@y.z', copy: true }, { type: 'reject', message: 'no "thanks"' }, { type: 'delete' }, { type: 'stop' },
    ].map((a) => actionCommand(a as never, req));
    expect(cmds).toEqual(['fileinto "A";', 'fileinto :copy "B";', 'addflag "\\\\Seen";', 'addflag "\\\\Flagged";', 'addflag "$Work";', 'redirect :copy "x@y.z";', 'reject "no \\"thanks\\"";', 'discard;', 'stop;']);
    expect([...req].sort()).toEqual(['copy', 'fileinto', 'imap4flags', 'reject']);
  });
});

describe('what the generated script does', () => {
  const news = rule({ name: 'News', match: 'any', conditions: [{ field: 'subject', op: 'startsWith', value: '[news]' }, { field: 'from', op: 'endsWith', value: '@list.example' }], actions: [{ type: 'move', folder: 'News' }, { type: 'markRead' }] });
  it('any-of, starts with (brackets literal, not a class), ends with on the address, flags before filing', () => {
    expect(runRules([news], 'Subject: [news] today\nFrom: x@other.example\n')).toEqual(['fileinto News \\Seen']);
    expect(runRules([news], 'Subject: hi\nFrom: Some List <x@list.example>\n')).toEqual(['fileinto News \\Seen']);
    expect(runRules([news], 'Subject: n] today\nFrom: x@list.example.org\n')).toEqual(['keep']);
  });
  it('all-of, negation, a header as a number, size', () => {
    const r = rule({ name: 'N', conditions: [{ field: 'header', name: 'X-Score', op: 'over', value: '9' }, { field: 'subject', op: 'contains', value: 'ok', not: true }, { field: 'size', op: 'under', value: 10_000 }], actions: [{ type: 'delete' }] });
    expect(runRules([r], 'X-Score: 10\nSubject: buy\n')).toEqual(['discard']);
    expect(runRules([r], 'X-Score: 8\nSubject: buy\n')).toEqual(['keep']);
    expect(runRules([r], 'X-Score: 10\nSubject: OK then\n')).toEqual(['keep']);
    expect(runRules([r], 'X-Score: 10\nSubject: buy\n', 'x'.repeat(20_000))).toEqual(['keep']);
  });
  it('attachment and the email type from the environment', () => {
    const r = rule({ name: 'A', conditions: [{ field: 'attachment' }, { field: 'type', value: 'promotion' }], actions: [{ type: 'copy', folder: 'Promo files' }] });
    const mixed = 'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n';
    const body = '--b\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=a.pdf\r\n\r\nJVBE\r\n--b--\r\n';
    const promo = { environment: { [EMAIL_TYPE_ITEM]: 'promotion' } };
    expect(runRules([r], mixed, body, promo)).toEqual(['fileinto Promo files', 'keep']);
    expect(runRules([r], mixed, body, { environment: { [EMAIL_TYPE_ITEM]: 'normal' } })).toEqual(['keep']);
    expect(runRules([r], 'Subject: x\n', 'plain', promo)).toEqual(['keep']);
  });
  it('disabled rules do nothing; stop ends the list', () => {
    const off = { ...rule({ name: 'off', conditions: [], actions: [{ type: 'delete' }] }, 'a'), enabled: false };
    const stop = rule({ name: 'stop', conditions: [{ field: 'subject', op: 'is', value: 'x' }], actions: [{ type: 'stop' }] }, 'b');
    const all = rule({ name: 'all', conditions: [], actions: [{ type: 'flag' }] }, 'c');
    expect(runRules([off, stop, all], 'Subject: x\n')).toEqual(['keep']);
    expect(runRules([off, stop, all], 'Subject: y\n')).toEqual(['keep \\Flagged']);
  });
});

describe('the script and parsing it back', () => {
  it('readable: a header, one commented block per rule, the marker, a disabled rule as comments', () => {
    const rules = [rule({ name: 'Newsletters', conditions: [{ field: 'header', name: 'List-Id', op: 'contains', value: 'news' }], actions: [{ type: 'move', folder: 'Newsletters' }] }, 'r1'),
      { ...rule({ name: 'Old', conditions: [], actions: [{ type: 'delete' }] }, 'r2'), enabled: false }];
    expect(generateSieve(rules).text).toBe([
      "# Generated by Mailcove's rule builder from this mailbox's rules. Change the rules, not this",
      '# script: every save rewrites it. Disabled rules are kept as comments.',
      'require ["fileinto"];',
      '',
      '# rule: Newsletters',
      '# mailcove-rule: {"id":"r1","name":"Newsletters","enabled":true}',
      'if header :contains "List-Id" "news" {',
      '  fileinto "Newsletters";',
      '}',
      '',
      '# rule: Old (disabled)',
      '# mailcove-rule: {"id":"r2","name":"Old","enabled":false}',
      '# if true {',
      '#   discard;',
      '# }',
      '',
    ].join('\n'));
  });
  it('an empty list is a valid script that keeps everything', () => {
    const g = generateSieve([]);
    expect(compile(g.text).errors).toBeUndefined();
    expect(parseRules(g.text)).toEqual([]);
  });
  it('a hand-edited managed script is refused naming the rule, not misread', () => {
    const text = generateSieve([rule({ name: 'R', conditions: [], actions: [{ type: 'flag' }] })]).text;
    expect(() => parseRules(text.replace('addflag', 'vacation'))).toThrow(/rule "R": .*vacation/);
    expect(() => parseRules(text.replace('{"id"', '{"xid"'))).toThrow(/marker/);
  });
  it('compile errors name the rule they fall in', () => {
    // Past the schema (which refuses this address), the engine is the last check.
    const bad: Rule = { id: 'b', name: 'bad', enabled: true, match: 'all', conditions: [], actions: [{ type: 'redirect', address: 'a@@b', copy: false }] };
    const rules = [rule({ name: 'ok', conditions: [], actions: [{ type: 'flag' }] }, 'a'), bad];
    const { errors } = buildRulesScript(rules);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]!.rule).toBe(1);
  });
});

describe('schema', () => {
  const issues = (v: unknown) => {
    const r = rulesSchema.safeParse(v);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  it('names the field path of each mistake', () => {
    expect(issues([{ name: 'a', conditions: [{ field: 'subject', op: 'regex', value: '(' }], actions: [{ type: 'stop' }] }])[0]).toMatch(/^0\.conditions\.0\.value: not a usable regular expression/);
    expect(issues([{ name: 'a', conditions: [{ field: 'size', op: 'contains', value: 1 }], actions: [{ type: 'stop' }] }])[0]).toMatch(/^0\.conditions\.0\.op/);
    expect(issues([{ name: 'a', conditions: [{ field: 'header', name: 'X-A', op: 'over', value: 'ten' }], actions: [{ type: 'stop' }] }])).toEqual(['0.conditions.0.value: over needs a whole number']);
    expect(issues([{ name: 'a', conditions: [], actions: [{ type: 'reject', message: 'no' }, { type: 'move', folder: 'X' }] }])).toEqual(['0.actions.0: reject cannot be combined with move, copy, redirect or delete']);
    expect(issues([{ name: 'a\nb', conditions: [], actions: [{ type: 'flag' }] }])).toEqual(['0.name: must be one line without control characters']);
    expect(issues([{ name: 'a', conditions: [], actions: [] }])[0]).toMatch(/^0\.actions/);
    expect(issues([{ name: 'a', conditions: [], actions: [{ type: 'keyword', keyword: '\\Seen' }] }])[0]).toMatch(/^0\.actions\.0\.keyword/);
    expect(issues([{ id: 'x', name: 'a', conditions: [], actions: [{ type: 'flag' }] }, { id: 'x', name: 'b', conditions: [], actions: [{ type: 'flag' }] }])).toEqual(['1.id: "x" is also the id of rule 0']);
    expect(issues([{ name: 'a', conditions: [{ field: 'subject', op: 'matches', value: 'ab\\' }], actions: [{ type: 'flag' }] }])[0]).toMatch(/lone/);
  });
  it('normal form: a matches pattern that is a start or an end, Subject as a header, flags before filing, all with one condition', () => {
    const r = rule({ name: 'n', match: 'any', conditions: [{ field: 'header', name: 'SUBJECT', op: 'matches', value: 'abc*' }], actions: [{ type: 'stop' }, { type: 'move', folder: 'X' }, { type: 'flag' }] });
    expect(r.match).toBe('all');
    expect(r.conditions).toEqual([{ field: 'subject', op: 'startsWith', value: 'abc', not: false } satisfies Condition]);
    expect(r.actions.map((a) => a.type)).toEqual(['flag', 'move', 'stop']);
  });
});
