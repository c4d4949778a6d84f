// SORT ordering (RFC 5256 3, RFC 5957): pure, over stored ENVELOPE data.
import { describe, expect, it } from 'vitest';
import type { SortCriterion, SortKey } from '../../src/imap/protocol/ast.js';
import type { EnvelopeAddress } from '../../src/mime/envelope.js';
import { addrMailbox, asciiCasemap, displayAddress, sentDate, sortMessages, type SortMessage } from '../../src/imap/sort.js';

const addr = (mailbox: string, host = 'example.test', name: string | null = null): EnvelopeAddress => ({ name, adl: null, mailbox, host });

let nextSeq = 1;
function msg(m: Partial<SortMessage> & { seq?: number }): SortMessage {
  const seq = m.seq ?? nextSeq++;
  return { seq, uid: seq * 10, internalDate: 0, size: 100, date: null, subject: null, from: null, to: null, cc: null, ...m };
}

const crit = (...keys: string[]): SortCriterion[] =>
  keys.map((k) => (k.startsWith('-') ? { key: k.slice(1) as SortKey, reverse: true } : { key: k as SortKey, reverse: false }));
const order = (ms: SortMessage[], ...keys: string[]) => sortMessages(ms, crit(...keys)).map((m) => m.seq);

describe('SORT keys (RFC 5256 3)', () => {
  it('ARRIVAL and SIZE, REVERSE, ties in mailbox order even when reversed', () => {
    const ms = [msg({ seq: 1, internalDate: 300, size: 50 }), msg({ seq: 2, internalDate: 100, size: 50 }), msg({ seq: 3, internalDate: 200, size: 10 })];
    expect(order(ms, 'ARRIVAL')).toEqual([2, 3, 1]);
    expect(order(ms, '-ARRIVAL')).toEqual([1, 3, 2]);
    expect(order(ms, 'SIZE')).toEqual([3, 1, 2]);
    expect(order(ms, '-SIZE')).toEqual([1, 2, 3]);
    expect(order(ms, 'SIZE', '-ARRIVAL')).toEqual([3, 1, 2]);
  });

  it('DATE: the sent date in UTC, INTERNALDATE when Date is missing or invalid', () => {
    const ms = [
      msg({ seq: 1, date: 'Mon, 1 Jan 2024 10:00:00 +0200' }), // 08:00Z
      msg({ seq: 2, date: 'Mon, 1 Jan 2024 09:00:00 +0000' }), // 09:00Z
      msg({ seq: 3, date: null, internalDate: Date.UTC(2024, 0, 1, 8, 30) }),
      msg({ seq: 4, date: 'not a date at all', internalDate: Date.UTC(2023, 11, 31) }),
      msg({ seq: 5, date: 'Mon, 1 Jan 2024 04:00:00 -0400' }), // 08:00Z, same as 1
    ];
    expect(order(ms, 'DATE')).toEqual([4, 1, 5, 3, 2]);
    expect(order(ms, '-DATE')).toEqual([2, 3, 1, 5, 4]);
    expect(sentDate({ date: 'garbage', internalDate: 42 })).toBe(42);
  });

  it('SUBJECT: the base subject (Re:, Fwd:, [blob], (fwd), [fwd: ]) compared case-insensitively', () => {
    const ms = [
      msg({ seq: 1, subject: 'Re: hello' }),
      msg({ seq: 2, subject: 'apples' }),
      msg({ seq: 3, subject: '[list] Fwd: HELLO (fwd)' }),
      msg({ seq: 4, subject: '[fwd: Re: Hello]' }),
      msg({ seq: 5, subject: null }),
      msg({ seq: 6, subject: '=?utf-8?q?Re=3A_Bananas?=' }),
      msg({ seq: 7, subject: 'RE: re: Fw: apples' }),
    ];
    expect(order(ms, 'SUBJECT')).toEqual([5, 2, 7, 6, 1, 3, 4]);
    // (SUBJECT REVERSE DATE): within one base subject, newest first.
    const byDate = [
      msg({ seq: 1, subject: 'b', date: 'Tue, 2 Jan 2024 00:00:00 +0000' }),
      msg({ seq: 2, subject: 'Re: a', date: 'Mon, 1 Jan 2024 00:00:00 +0000' }),
      msg({ seq: 3, subject: 'a', date: 'Wed, 3 Jan 2024 00:00:00 +0000' }),
    ];
    expect(order(byDate, 'SUBJECT', '-DATE')).toEqual([3, 2, 1]);
  });

  it('FROM, TO, CC: the addr-mailbox of the first address, i;ascii-casemap; missing sorts first', () => {
    const ms = [
      msg({ seq: 1, from: [addr('Zed', 'a.test')], to: [addr('bob')], cc: [addr('x')] }),
      msg({ seq: 2, from: [addr('alice', 'z.test'), addr('aaa')], to: null, cc: [addr('X')] }),
      msg({ seq: 3, from: [addr('ALICE', 'b.test')], to: [{ name: null, adl: null, mailbox: 'team', host: null }, addr('carol'), { name: null, adl: null, mailbox: null, host: null }], cc: null }),
    ];
    expect(order(ms, 'FROM')).toEqual([2, 3, 1]); // alice = ALICE (mailbox order), host ignored
    expect(order(ms, 'TO')).toEqual([2, 1, 3]); // none, bob, carol (group marker skipped)
    expect(order(ms, 'CC')).toEqual([3, 1, 2]);
    expect(addrMailbox([{ name: null, adl: null, mailbox: 'group', host: null }])).toBe('');
  });

  it('i;ascii-casemap folds ASCII letters only and compares octets after upper-casing', () => {
    // "_" (0x5F) is above every upper-case letter: "AB" < "A_" under i;ascii-casemap.
    const ms = [msg({ seq: 1, from: [addr('a_')] }), msg({ seq: 2, from: [addr('ab')] })];
    expect(order(ms, 'FROM')).toEqual([2, 1]);
    expect(asciiCasemap('é').equals(asciiCasemap('É'))).toBe(false);
    expect(asciiCasemap('MiXeD').toString()).toBe('MIXED');
  });

  it('DISPLAYFROM, DISPLAYTO (RFC 5957): decoded display name, else the addr-spec', () => {
    const ms = [
      msg({ seq: 1, from: [addr('zz', 'example.test', '=?utf-8?q?Anna?=')], to: [addr('m', 'example.test', 'Mike')] }),
      msg({ seq: 2, from: [addr('bob', 'example.test')], to: [addr('abe', 'example.test')] }),
      msg({ seq: 3, from: [addr('aa', 'example.test', 'Carl')], to: null }),
    ];
    expect(order(ms, 'DISPLAYFROM')).toEqual([1, 2, 3]); // Anna, bob@example.test, Carl
    expect(order(ms, 'FROM')).toEqual([3, 2, 1]);
    expect(order(ms, 'DISPLAYTO')).toEqual([3, 2, 1]);
    expect(displayAddress([addr('bob', 'example.test')])).toBe('bob@example.test');
    expect(displayAddress(null)).toBe('');
  });

  it('keeps the input objects and handles an empty list', () => {
    expect(sortMessages([], crit('DATE'))).toEqual([]);
    const m = msg({ seq: 9 });
    expect(sortMessages([m], crit('SUBJECT'))[0]).toBe(m);
  });
});
