// What the delivery pipeline relies on and sieve-test cannot show: the interface (compile once,
// run many, async env hooks), vacation's decision, duplicate tracking, editheader's result, the
// null sender, runtime errors, and the regex engine against JavaScript's on fixed patterns.
import { describe, expect, it } from 'vitest';
import { compile, formatDiagnostic, MemoryDuplicateStore, run, runAsync, sieveMessage, type SieveEnv, type SieveResult } from '../../src/sieve/index.js';
import { formatActions } from '../../src/sieve/format.js';
import { compileRegex } from '../../src/sieve/regex.js';

function script(text: string) {
  const c = compile(text);
  if (c.errors) throw new Error(c.errors.map(formatDiagnostic).join('\n'));
  return c.script;
}

function msg(head: string, body = 'body\r\n', envelope = { from: 'alice@example.org', to: 'bob@example.com' }) {
  return sieveMessage(Buffer.from(head.replace(/\n/g, '\r\n') + '\r\n' + body), envelope);
}

const MAIL = 'From: Alice <alice@example.org>\nTo: Bob <bob@example.com>\nSubject: lunch?\nMessage-ID: <m1@example.org>\n';

function folders(r: SieveResult): string[] {
  return r.actions.map((a) => (a.type === 'fileinto' ? a.folder : a.type === 'keep' ? (a.implicit ? 'implicit-keep' : 'keep') : a.type));
}

describe('interface', () => {
  it('one compiled script serves many messages', () => {
    const s = script('require "fileinto"; if header :contains "subject" "invoice" { fileinto "Invoices"; }');
    expect(folders(run(s, msg('Subject: your invoice\n')))).toEqual(['Invoices']);
    expect(folders(run(s, msg('Subject: hello\n')))).toEqual(['implicit-keep']);
    expect(folders(run(s, msg('Subject: INVOICE 42\n')))).toEqual(['Invoices']);
  });
  it('runAsync awaits async hooks and reruns with the answers', async () => {
    const s = script('require ["mailbox", "fileinto", "duplicate"]; if mailboxexists "Work" { fileinto "Work"; } if duplicate { discard; }');
    const asked: string[] = [];
    const env: SieveEnv = {
      mailboxExists: async (n) => (asked.push(n), n === 'Work'),
      duplicate: { has: async (id) => (asked.push('dup'), id.length > 0) },
    };
    const r = await runAsync(s, msg(MAIL), env);
    // Seen before: no new tracking (only :last refreshes it).
    expect(folders(r)).toEqual(['Work', 'discard']);
    expect(asked).toEqual(['Work', 'dup']);
    expect(() => run(s, msg(MAIL), env)).toThrow(/use runAsync/);
  });
  it('a failing async hook means implicit keep', async () => {
    const s = script('require ["mailbox", "fileinto"]; if mailboxexists "Work" { fileinto "Work"; }');
    const r = await runAsync(s, msg(MAIL), { mailboxExists: async () => Promise.reject(new Error('db down')) });
    expect(r.actions).toEqual([{ type: 'keep', implicit: true, flags: null }]);
    expect(r.errors[0]!.message).toBe('environment lookup failed: db down');
  });
  it('a runtime error drops every action but the implicit keep', () => {
    const r = run(script('require ["fileinto", "reject"]; fileinto "A"; redirect "x@example.net"; reject "no";'), msg(MAIL));
    expect(r.actions).toEqual([{ type: 'keep', implicit: true, flags: null }]);
    expect(formatDiagnostic(r.errors[0]!)).toBe('1:73: reject/ereject action conflicts with a store action, which delivers the message');
  });
  it('the trace says what happened', () => {
    const r = run(script('require "fileinto"; if header :is "subject" "lunch?" { fileinto "Food"; stop; }'), msg(MAIL), { trace: true });
    expect(r.trace).toEqual(['1: header test: true', '1: fileinto: store message in "Food"', '1: stop']);
  });
  it('keep into another default mailbox (an alias with its own folder)', () => {
    const r = run(script('require "fileinto"; fileinto "Shop"; keep;'), msg(MAIL), { defaultMailbox: 'Shop' });
    expect(r.actions).toEqual([{ type: 'fileinto', folder: 'Shop', copy: false, create: false, flags: null, specialUse: null }]);
  });
  it('the CLI format has one line per action', () => {
    const r = run(
      script('require ["fileinto", "imap4flags", "copy", "vacation", "enotify", "editheader"]; addheader "X-A" "1; 2"; fileinto :copy :flags "\\\\Seen x" "Work"; redirect :copy "c@example.net"; vacation :subject "away" "back\nsoon"; notify :message "m" "mailto:n@example.net";'),
      msg(MAIL),
    );
    expect(formatActions(r.actions)).toEqual([
      'add header: X-A: 1\\; 2',
      'store message in folder: Work; copy; flags: \\Seen x',
      'redirect message to: c@example.net; copy',
      'send vacation response to: alice@example.org; subject: away; seconds: 604800; handle: back\\nsoonaway<default-from><NO-MIME>; reason: back\\nsoon',
      'send notification: mailto:n@example.net; importance: 2; message: m',
      // :flags on fileinto leaves the internal variable (and so the implicit keep) alone.
      'store message in folder: INBOX; implicit keep',
    ]);
  });
});

describe('envelope', () => {
  it('the null sender compares as ""', () => {
    const s = script('require ["envelope", "fileinto"]; if envelope :is "from" "" { fileinto "bounces"; } if envelope :domain :is "from" "" { fileinto "nodomain"; }');
    expect(folders(run(s, msg(MAIL, 'x', { from: '', to: 'bob@example.com' })))).toEqual(['bounces', 'nodomain']);
  });
  it('envelope to is the address the message came in through (an alias)', () => {
    const s = script('require ["envelope", "subaddress", "fileinto", "variables"]; if envelope :detail :matches "to" "*" { fileinto "alias-${1}"; }');
    expect(folders(run(s, msg(MAIL, 'x', { from: 'a@b.c', to: 'bob+shop@example.com' })))).toEqual(['alias-shop']);
  });
});

describe('vacation decides whether to answer', () => {
  const s = script('require "vacation"; vacation :days 2 "I am away.";');
  const skip = (head: string, envelope = { from: 'alice@example.org', to: 'bob@example.com' }, env: SieveEnv = {}) => {
    const a = run(s, msg(head, 'x', envelope), env).actions.find((x) => x.type === 'vacation');
    return a && a.type === 'vacation' ? a.skip : 'no action';
  };
  it('answers ordinary mail addressed to the user', () => expect(skip(MAIL)).toBeNull());
  it('not the null sender', () => expect(skip(MAIL, { from: '', to: 'bob@example.com' })).toBe('the envelope sender is null'));
  it('not lists', () => expect(skip(MAIL + 'List-Id: <x.example.org>\n')).toBe('the message comes from a mailing list (list-id)'));
  it('not bulk', () => expect(skip(MAIL + 'Precedence: bulk\n')).toBe('the message has Precedence: bulk'));
  it('not automatic mail', () => expect(skip(MAIL + 'Auto-Submitted: auto-replied\n')).toBe('the message is Auto-Submitted: auto-replied'));
  it('answers Auto-Submitted: no', () => expect(skip(MAIL + 'Auto-Submitted: no\n')).toBeNull());
  it('not system senders', () => expect(skip(MAIL, { from: 'MAILER-DAEMON@example.org', to: 'bob@example.com' })).toMatch(/list or system address/));
  it('not mail that does not name the user', () => expect(skip('From: a@example.org\nTo: team@example.com\n')).toBe("none of the user's addresses is in To, Cc or Bcc"));
  it('the user\'s other addresses count', () =>
    expect(skip('From: a@example.org\nTo: team@example.com\n', undefined, { userAddresses: ['team@example.com'] })).toBeNull());
  it('not twice within the period', () => {
    const seen: string[] = [];
    const env: SieveEnv = { vacationResponded: (h, sender) => (seen.push(`${h}|${sender}`), true) };
    expect(skip(MAIL, undefined, env)).toBe('alice@example.org already had a response within 172800 seconds');
    expect(seen).toEqual(['I am away.<default-subject><default-from><NO-MIME>|alice@example.org']);
  });
  it('computes the reply subject and In-Reply-To', () => {
    const a = run(s, msg(MAIL)).actions[0]!;
    expect(a).toMatchObject({ type: 'vacation', to: 'alice@example.org', replySubject: 'Auto: lunch?', inReplyTo: '<m1@example.org>', seconds: 172800 });
  });
});

describe('duplicate', () => {
  it('is false, then true once the pipeline recorded the id', () => {
    const s = script('require ["duplicate", "fileinto"]; if duplicate { fileinto "Dups"; }');
    const store = new MemoryDuplicateStore();
    const first = run(s, msg(MAIL), { duplicate: store });
    expect(folders(first)).toEqual(['duplicate', 'implicit-keep']);
    const track = first.actions[0]!;
    if (track.type !== 'duplicate') throw new Error('no duplicate action');
    expect(track.seconds).toBe(43200);
    store.record(track.id, track.seconds);
    expect(folders(run(s, msg(MAIL), { duplicate: store }))).toEqual(['Dups']);
    expect(folders(run(s, msg(MAIL.replace('<m1@', '<m2@')), { duplicate: store }))).toEqual(['duplicate', 'implicit-keep']);
  });
  it('ids expire', () => {
    let now = 0;
    const store = new MemoryDuplicateStore(() => now);
    store.record('x', 10);
    expect(store.has('x')).toBe(true);
    now = 10_001;
    expect(store.has('x')).toBe(false);
  });
  it('without a Message-ID there is nothing to compare', () => {
    const s = script('require ["duplicate", "fileinto"]; if duplicate { fileinto "Dups"; }');
    expect(folders(run(s, msg('From: a@b.c\n'), { duplicate: new MemoryDuplicateStore() }))).toEqual(['implicit-keep']);
  });
});

describe('editheader', () => {
  it('returns the edited header, keeping untouched fields as they were written', () => {
    const s = script('require "editheader"; addheader "X-Sorted" "yes"; deleteheader "subject"; addheader :last "X-Last" "z";');
    const r = run(s, msg('From: a@example.org\nSubject: folded\n\tsubject\nTo: b@example.com\n'));
    expect(r.headers!.map((h) => [h.name, h.value])).toEqual([['X-Sorted', 'yes'], ['From', 'a@example.org'], ['To', 'b@example.com'], ['X-Last', 'z']]);
    expect(r.headers![1]).toMatchObject({ raw: 'From: a@example.org' });
    expect(run(script('keep;'), msg(MAIL)).headers).toBeNull();
  });
  it('Received and Auto-Submitted cannot be deleted', () => {
    const s = script('require "editheader"; deleteheader "received"; deleteheader "Auto-Submitted";');
    expect(run(s, msg('Received: from x\nAuto-Submitted: auto-replied\n')).headers).toBeNull();
  });
});

describe('regex engine agrees with JavaScript on whether a pattern matches', () => {
  const patterns = ['abc', '^abc$', 'a.c', 'a*b', 'a+b+', 'a?b', '(ab)+', 'a|b|c', '[a-c]+x', '[^a-c]', '^$', 'x{2,3}', 'x{2}', 'x{2,}', '(a|b)*c$', '[[:digit:]]+', '[[:alpha:]][[:alnum:]]*', '\\.', '[.]', 'é+', '(^a|b$)', '[]a]', '[a-]', 'a{0}b', '(a*)+$'];
  const js = (p: string) => new RegExp(p.replace(/\[\[:digit:\]\]/g, '[0-9]').replace(/\[\[:alpha:\]\]/g, '[A-Za-z]').replace(/\[\[:alnum:\]\]/g, '[A-Za-z0-9]').replace(/\[\]a\]/g, '[\\]a]'), 'u');
  const inputs = ['', 'abc', 'xabcx', 'aaab', 'b', 'ac', 'a.c', 'xx', 'xxx', 'xxxx', 'ababc', '123', 'a1b2', 'ééé', 'z', ']', '-', 'a\nb', 'AbC'];
  for (const p of patterns) {
    it(p, () => {
      const ours = compileRegex(p, { icase: false, maxSize: 10_000 });
      for (const s of inputs) expect(ours.exec(s) !== null, `${p} on ${JSON.stringify(s)}`).toBe(js(p).test(s));
    });
  }
  it('is leftmost-longest for the whole match (POSIX)', () => {
    expect(compileRegex('a|ab', { icase: false, maxSize: 100 }).exec('xabc')![0]).toBe('ab');
    expect(compileRegex('(a|ab)(c|bcd)', { icase: false, maxSize: 100 }).exec('abcd')![0]).toBe('abcd');
  });
  it('folds ASCII case only with icase', () => {
    const re = compileRegex('^straße [a-c]$', { icase: true, maxSize: 100 });
    expect(re.exec('STRAßE B')).not.toBeNull();
    expect(re.exec('STRASSE B')).toBeNull();
  });
  it('unmatched groups are ""', () => {
    expect(compileRegex('(a)|(b)', { icase: false, maxSize: 100 }).exec('b')).toEqual(['b', '', 'b']);
  });
});

describe('policy', () => {
  it('a domain can forbid redirect in raw scripts', () => {
    const c = compile('if true { redirect "x@example.net"; }', { forbidCommands: ['redirect'] });
    expect(c.errors?.map(formatDiagnostic)).toEqual(['1:11: redirect is not allowed here']);
  });
  it('extensions can be switched off', () => {
    const c = compile('require "vacation"; keep;', { extensions: ['fileinto'] });
    expect(c.errors?.map(formatDiagnostic)).toEqual(['1:9: capability "vacation" is not enabled here']);
  });
});
