// The responder as Sieve: the generated text compiles with our engine, and the engine alone
// decides (schedule in the mailbox's zone, exclusions, To/Cc, spam and catch-all items, RFC 5230).
import { describe, expect, it } from 'vitest';
import { compile, run, sieveMessage, type SieveEnv, type VacationAction } from '../../src/sieve/index.js';
import { responderScript, responderHandle, quote, SPAM_ITEM, CATCH_ALL_ITEM } from '../../src/responder/sieve.js';
import { parseSettings, zoneOffsetMinutes, checkTimeZone, parseLocalDateTime, parseExclusion, type ResponderInput } from '../../src/responder/settings.js';

const ME = 'alice@example.test';
const ALIAS = 'al@example.test';

function script(input: ResponderInput, from: string | null = null) {
  return responderScript({ id: 12, name: 'Holidays', generation: 0, settings: parseSettings(input), mailbox: ME, addresses: [ME, ALIAS], from, timeZone: 'Europe/Zurich' });
}

function msg(headers: string, sender = 'bob@sender.test') {
  const raw = Buffer.from(`From: Bob <${sender}>\r\nTo: ${ME}\r\nSubject: hello\r\nMessage-ID: <m1@sender.test>\r\n${headers}\r\nhi\r\n`.replace(/\r\n\r\n\r\n/, '\r\n\r\n'));
  return sieveMessage(raw, { from: sender, to: ME, recipient: ME });
}

function answer(text: string, m = msg(''), env: SieveEnv = {}): VacationAction | null {
  const c = compile(text);
  if (!c.script) throw new Error(c.errors.map((e) => `${e.line}:${e.col} ${e.message}`).join('; ') + '\n' + text);
  const r = run(c.script, m, { userAddresses: [ME, ALIAS], environment: { [SPAM_ITEM]: 'no', [CATCH_ALL_ITEM]: 'no' }, zoneOffsetMinutes: 120, now: new Date('2026-07-04T10:00:00Z'), ...env });
  expect(r.errors).toEqual([]);
  const v = r.actions.find((a) => a.type === 'vacation');
  return v && v.type === 'vacation' && !v.skip ? v : null;
}

describe('responder Sieve generation', () => {
  it('is readable and compiles with the engine', () => {
    const text = script({ text: 'Away.', start: '2026-07-01T09:00', end: '2026-07-15', weekdays: ['sat', 'sun'], exclude: ['boss@corp.test', '@spam.xyz'], subject: 'Out of office' }, 'me@other.test');
    expect(text).toContain('require ["vacation", "envelope", "environment", "date", "relational"];');
    expect(text).toContain('currentdate :value "ge" "iso8601" "2026-07-01T09:00:00"');
    expect(text).toContain('currentdate :value "lt" "iso8601" "2026-07-15T00:00:00"');
    expect(text).toContain('currentdate :is "weekday" ["0", "6"]');
    expect(text).toContain('not anyof (envelope :domain :is "from" "spam.xyz", address :domain :is "from" "spam.xyz")');
    expect(text).toContain(`vacation :days 7 :handle "${responderHandle(12, 0)}" :from "me@other.test" :subject "Out of office" :addresses ["${ME}", "${ALIAS}"]`);
    expect(compile(text).errors).toBeUndefined();
  });

  it('answers a new sender with "Auto: <subject>" by default, once per handle', () => {
    const text = script({ text: 'Away "now" \\ later.' });
    const v = answer(text)!;
    expect(v.replySubject).toBe('Auto: hello');
    expect(v.reason).toBe('Away "now" \\ later.');
    expect(v.handle).toBe('responder-12-0');
    expect(v.seconds).toBe(7 * 86400);
    expect(answer(text, msg(''), { vacationResponded: (h) => h === 'responder-12-0' })).toBeNull();
  });

  it('respects the schedule in the zone of the run', () => {
    const text = script({ text: 'x', start: '2026-07-04T12:00', end: '2026-07-04T13:00' });
    // 10:00Z is 12:00 in +02:00 (inside), 11:00Z is 13:00 (the end, outside), 09:59Z is before.
    expect(answer(text, msg(''), { now: new Date('2026-07-04T10:00:00Z') })).not.toBeNull();
    expect(answer(text, msg(''), { now: new Date('2026-07-04T11:00:00Z') })).toBeNull();
    expect(answer(text, msg(''), { now: new Date('2026-07-04T09:59:59Z') })).toBeNull();
    expect(answer(text, msg(''), { now: new Date('2026-07-04T10:00:00Z'), zoneOffsetMinutes: 0 })).toBeNull();
    // 2026-07-04 is a Saturday.
    const weekend = script({ text: 'x', weekdays: ['saturday', 'sun'] });
    expect(answer(weekend)).not.toBeNull();
    expect(answer(weekend, msg(''), { now: new Date('2026-07-06T10:00:00Z') })).toBeNull();
  });

  it('never answers excluded senders, Bcc-only mail, spam, the catch-all, lists and robots', () => {
    const text = script({ text: 'x', exclude: ['boss@corp.test', '@spam.xyz'] });
    expect(answer(text, msg('', 'boss@corp.test'))).toBeNull();
    expect(answer(text, msg('', 'x@spam.xyz'))).toBeNull();
    expect(answer(text, msg('', 'x@sub.spam.xyz'))).not.toBeNull();
    const bcc = sieveMessage(Buffer.from(`From: b@sender.test\r\nTo: other@example.test\r\nBcc: ${ME}\r\nSubject: s\r\n\r\nx\r\n`), { from: 'b@sender.test', to: ME, recipient: ME });
    expect(answer(text, bcc)).toBeNull();
    const cc = sieveMessage(Buffer.from(`From: b@sender.test\r\nTo: other@example.test\r\nCc: Al <${ALIAS}>\r\nSubject: s\r\n\r\nx\r\n`), { from: 'b@sender.test', to: ALIAS, recipient: ME });
    expect(answer(text, cc)).not.toBeNull();
    expect(answer(text, msg(''), { environment: { [SPAM_ITEM]: 'yes', [CATCH_ALL_ITEM]: 'no' } })).toBeNull();
    expect(answer(text, msg(''), { environment: { [SPAM_ITEM]: 'no', [CATCH_ALL_ITEM]: 'yes' } })).toBeNull();
    for (const h of ['Precedence: bulk', 'Precedence: list', 'Precedence: junk', 'List-Id: <l.sender.test>', 'List-Unsubscribe: <mailto:u@sender.test>', 'Auto-Submitted: auto-replied']) {
      expect(answer(text, msg(`${h}\r\n`)), h).toBeNull();
    }
    expect(answer(text, msg('Auto-Submitted: no\r\n'))).not.toBeNull();
    for (const s of ['MAILER-DAEMON@sender.test', 'noreply@sender.test', 'no-reply@sender.test', 'owner-list@sender.test', 'list-request@sender.test', 'postmaster@sender.test']) {
      expect(answer(text, msg('', s)), s).toBeNull();
    }
    expect(answer(text, sieveMessage(msg('').raw, { from: '', to: ME, recipient: ME }))).toBeNull();
  });

  it('sends the HTML as a multipart/alternative :mime entity', () => {
    const v = answer(script({ text: 'Away, café.', html: '<p>Away</p>' }))!;
    expect(v.mime).toBe(true);
    expect(v.reason).toMatch(/^Content-Type: multipart\/alternative; boundary="=_mailcove_responder_12_0"/);
    expect(v.reason).toContain('Content-Type: text/html; charset=us-ascii');
    expect(v.reason).toContain(Buffer.from('Away, café.').toString('base64'));
  });

  it('quotes strings as RFC 5228 wants', () => {
    expect(quote('a"b\\c\r\nd')).toBe('"a\\"b\\\\c\nd"');
  });
});

describe('responder settings', () => {
  it('refuses bad input naming the field', () => {
    const field = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as { field?: string }).field;
      }
      return null;
    };
    expect(field(() => parseSettings({ text: '  ' }))).toBe('text');
    expect(field(() => parseSettings({}))).toBe('text');
    expect(field(() => parseSettings({ text: 'x', start: '2026-07-10', end: '2026-07-01' }))).toBe('end');
    expect(field(() => parseSettings({ text: 'x', start: '2026-02-30' }))).toBe('start');
    expect(field(() => parseSettings({ text: 'x', exclude: ['ok@x.test', 'not an address'] }))).toBe('exclude[1]');
    expect(field(() => parseSettings({ text: 'x', exclude: ['@'] }))).toBe('exclude[0]');
    expect(field(() => parseSettings({ text: 'x', weekdays: ['funday'] }))).toBe('weekdays[0]');
    expect(field(() => parseSettings({ text: 'x', days: 0 }))).toBe('days');
    expect(field(() => parseSettings({ text: 'x', from: 'nope' }))).toBe('from');
    expect(field(() => checkTimeZone('timeZone', 'Mars/Olympus'))).toBe('timeZone');
    expect(checkTimeZone('timeZone', 'Europe/Zurich')).toBe('Europe/Zurich');
    expect(parseExclusion('e', '@Spam.XYZ')).toBe('@spam.xyz');
    expect(parseLocalDateTime('s', '2026-07-01 09:30')).toBe('2026-07-01T09:30:00');
  });

  it('reads zone offsets with summer time', () => {
    expect(zoneOffsetMinutes('Europe/Zurich', Date.parse('2026-07-04T10:00:00Z'))).toBe(120);
    expect(zoneOffsetMinutes('Europe/Zurich', Date.parse('2026-01-04T10:00:00Z'))).toBe(60);
    expect(zoneOffsetMinutes('America/New_York', Date.parse('2026-01-04T10:00:00Z'))).toBe(-300);
    expect(zoneOffsetMinutes('UTC', Date.parse('2026-01-04T10:00:00.500Z'))).toBe(0);
  });
});
