import { describe, expect, it } from 'vitest';
import { compareImapDates, formatDateTime, parseDateText, parseDateTime, toImapDate } from '../../../src/imap/protocol/datetime.js';

describe('date-time (RFC 9051 9)', () => {
  it('parses the APPEND form with its zone', () => {
    expect(parseDateTime('17-Jul-1996 02:44:25 -0700')).toEqual(new Date('1996-07-17T09:44:25Z'));
    expect(parseDateTime(' 7-Jul-1996 02:44:25 +0000')).toEqual(new Date('1996-07-07T02:44:25Z'));
    expect(parseDateTime('7-jul-1996 02:44:25 +0130')).toEqual(new Date('1996-07-07T01:14:25Z'));
    expect(parseDateTime('31-Dec-1999 23:59:60 +0000')).toEqual(new Date('1999-12-31T23:59:59Z'));
  });

  it.each(['', '17-Jul-96 02:44:25 -0700', '17-Jly-1996 02:44:25 -0700', '30-Feb-2000 00:00:00 +0000', '17-Jul-1996 24:00:00 +0000',
    '17-Jul-1996 02:60:00 +0000', '17-Jul-1996 02:44:25', '17-Jul-1996 02:44:25 +2400', '17-Jul-1996  02:44:25 +0000'])('refuses %j', (t) => {
    expect(parseDateTime(t)).toBeNull();
  });

  it('formats INTERNALDATE with a space-padded day (date-day-fixed)', () => {
    expect(formatDateTime(new Date('1996-07-17T09:44:25Z'), -420)).toBe('17-Jul-1996 02:44:25 -0700');
    expect(formatDateTime(new Date('1996-07-07T02:44:25Z'))).toBe(' 7-Jul-1996 02:44:25 +0000');
    expect(formatDateTime(Date.UTC(2024, 1, 29, 23, 30, 5), 90)).toBe(' 1-Mar-2024 01:00:05 +0130');
    for (const t of [0, 1e12, 1.7e12, Date.UTC(2000, 1, 29)]) expect(parseDateTime(formatDateTime(t, 330))!.getTime()).toBe(t);
  });

  it('SEARCH dates, disregarding time', () => {
    expect(parseDateText('1-Feb-1994')).toEqual({ year: 1994, month: 2, day: 1 });
    expect(parseDateText('29-feb-2024')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseDateText('29-Feb-2023')).toBeNull();
    expect(parseDateText('1-Feb-94')).toBeNull();
    expect(toImapDate(Date.UTC(2024, 0, 1, 23, 0), 120)).toEqual({ year: 2024, month: 1, day: 2 });
    expect(compareImapDates({ year: 2024, month: 1, day: 2 }, { year: 2024, month: 1, day: 10 })).toBeLessThan(0);
  });
});
