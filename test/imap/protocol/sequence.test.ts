import { describe, expect, it } from 'vitest';
import { ImapParseError } from '../../../src/imap/protocol/errors.js';
import {
  checkSequenceNumbers,
  clampRanges,
  contains,
  countInRanges,
  formatNumbers,
  formatRanges,
  formatSequenceSet,
  iterate,
  parseSequenceSet,
  resolve,
} from '../../../src/imap/protocol/sequence.js';

const s = (text: string) => parseSequenceSet(text);

describe('parseSequenceSet (RFC 9051 9)', () => {
  it('reads numbers, ranges, "*" and "$", keeping them as written', () => {
    expect(s('1:5,7,9:*')).toEqual({
      kind: 'ranges',
      ranges: [
        { from: 1, to: 5 },
        { from: 7, to: 7 },
        { from: 9, to: '*' },
      ],
    });
    expect(s('*:4')).toEqual({ kind: 'ranges', ranges: [{ from: '*', to: 4 }] });
    expect(s('$')).toEqual({ kind: 'saved' });
    expect(s('4294967295')).toEqual({ kind: 'ranges', ranges: [{ from: 4294967295, to: 4294967295 }] });
    for (const text of ['1:5,7,9:*', '*', '2,4:7,9,12:*', '$', '5:1']) expect(formatSequenceSet(s(text))).toBe(text);
  });

  it.each([
    ['', /empty/],
    ['0', /numbers start at 1/],
    ['01', /numbers start at 1/],
    ['1:0', /numbers start at 1/],
    ['4294967296', /over 4294967295/],
    ['99999999999999999999', /over 4294967295/],
    ['1,', /expected a number at offset 2/],
    [',1', /expected a number at offset 0/],
    ['1::2', /expected a number/],
    ['1:2:3', /unexpected ":"/],
    ['**', /unexpected "\*"/],
    ['1,$', /"\$" must stand alone/],
    ['$:1', /must stand alone/],
    ['-1', /expected a number/],
  ])('refuses %j', (text, why) => {
    expect(() => s(text)).toThrow(ImapParseError);
    expect(() => s(text)).toThrow(why);
  });

  it('refuses more ranges than the limit', () => {
    expect(() => parseSequenceSet('1,2,3,4', { maxRanges: 3 })).toThrow(/more than 3 ranges/);
    expect(parseSequenceSet('1,2,3', { maxRanges: 3 }).kind).toBe('ranges');
  });
});

describe('resolving against a mailbox', () => {
  it('replaces "*", orders, sorts and merges', () => {
    expect(resolve(s('9:*,1:3,2:5,7'), 20)).toEqual([
      { start: 1, end: 5 },
      { start: 7, end: 7 },
      { start: 9, end: 20 },
    ]);
    expect(resolve(s('5:1'), 10)).toEqual([{ start: 1, end: 5 }]);
    expect(resolve(s('3,1,2'), 10)).toEqual([{ start: 1, end: 3 }]);
    expect(formatRanges(resolve(s('9:*,1:3,2:5,7'), 20))).toBe('1:5,7,9:20');
  });

  it('"559:*" includes the last UID even when it is below 559 (RFC 9051 6.4.9)', () => {
    expect(resolve(s('559:*'), 500)).toEqual([{ start: 500, end: 559 }]);
    expect(contains(resolve(s('559:*'), 500), 500)).toBe(true);
  });

  it('"*" on an empty mailbox matches nothing; plain numbers stay', () => {
    expect(resolve(s('1:*'), 0)).toEqual([]);
    expect(resolve(s('*'), 0)).toEqual([]);
    expect(resolve(s('1,*'), 0)).toEqual([{ start: 1, end: 1 }]);
    expect([...iterate(s('1:*'), 0, 0)]).toEqual([]);
    expect(countInRanges(resolve(s('1:*'), 0), 0)).toBe(0);
  });

  it('for sequence numbers, refuses numbers past the count and "*" when empty (RFC 3501 9)', () => {
    expect(checkSequenceNumbers(s('1:*'), 0)).toBe('No messages: "*" does not exist in an empty mailbox');
    expect(checkSequenceNumbers(s('1'), 0)).toBe('Invalid message sequence number 1 (0 messages)');
    expect(checkSequenceNumbers(s('1:3'), 2)).toBe('Invalid message sequence number 3 (2 messages)');
    expect(checkSequenceNumbers(s('1:*'), 2)).toBeNull();
    expect(checkSequenceNumbers(s('2,1'), 2)).toBeNull();
    expect(checkSequenceNumbers(s('$'), 0)).toBeNull();
  });

  it('never expands a huge range: iteration and counts are bounded by the mailbox', () => {
    const huge = s('1:4294967295');
    const started = Date.now();
    expect([...iterate(huge, 3, 3)]).toEqual([1, 2, 3]);
    expect(countInRanges(resolve(huge, 3), 3)).toBe(3);
    expect(countInRanges(resolve(huge, 3))).toBe(4294967295);
    expect(contains(resolve(huge, 3), 4294967295)).toBe(true);
    expect(clampRanges(resolve(s('2:4294967295,1'), 5), 5)).toEqual([{ start: 1, end: 5 }]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('membership by binary search', () => {
    const r = resolve(s('1:3,10,20:30,100:*'), 200);
    for (const [n, want] of [
      [0, false],
      [1, true],
      [4, false],
      [10, true],
      [11, false],
      [25, true],
      [99, false],
      [200, true],
      [201, false],
    ] as const) {
      expect(contains(r, n)).toBe(want);
    }
  });

  it('"$" must be replaced by the saved result first', () => {
    expect(() => resolve(s('$'), 1)).toThrow(/saved search result/);
  });
});

describe('formatNumbers', () => {
  it('compresses ascending runs and keeps the order (COPYUID, RFC 4315 3)', () => {
    expect(formatNumbers([304, 319, 320])).toBe('304,319:320');
    expect(formatNumbers([3956, 3957, 3958])).toBe('3956:3958');
    expect(formatNumbers([5, 4, 3])).toBe('5,4,3');
    expect(formatNumbers([])).toBe('');
  });
  it('sorts and deduplicates on request (VANISHED, ESEARCH ALL)', () => {
    expect(formatNumbers([11, 2, 10, 2], { sort: true })).toBe('2,10:11');
  });
});
