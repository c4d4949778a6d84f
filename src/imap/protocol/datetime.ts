// IMAP dates: date-time of APPEND and INTERNALDATE, date of SEARCH (RFC 9051 9).
import { ImapParseError } from './errors.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_INDEX = new Map(MONTHS.map((m, i) => [m.toUpperCase(), i]));

/** A calendar date as SEARCH uses it ("disregarding time and timezone", RFC 9051 6.4.4). */
export interface ImapDate {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** date-text = date-day "-" date-month "-" date-year, e.g. "1-Feb-1994"; null when invalid. */
export function parseDateText(text: string): ImapDate | null {
  const m = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/.exec(text);
  if (!m) return null;
  const month = MONTH_INDEX.get(m[2].toUpperCase());
  const year = Number(m[3]);
  const day = Number(m[1]);
  if (month === undefined || day < 1 || day > daysInMonth(year, month + 1)) return null;
  return { year, month: month + 1, day };
}

/**
 * date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE, given
 * without the quotes, e.g. " 7-Jul-1996 02:44:25 -0700". A one-digit day without its space is
 * accepted too.
 */
export function parseDateTime(text: string): Date | null {
  const m = /^ ?(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const month = MONTH_INDEX.get(m[2].toUpperCase());
  const [day, year, hh, mi, ss, zh, zm] = [m[1], m[3], m[4], m[5], m[6], m[8], m[9]].map(Number);
  if (month === undefined || day < 1 || day > daysInMonth(year, month + 1)) return null;
  if (hh > 23 || mi > 59 || ss > 60 || zh > 23 || zm > 59) return null;
  const offset = (m[7] === '-' ? -1 : 1) * (zh * 60 + zm);
  // A leap second (:60) is read as :59.
  return new Date(Date.UTC(year, month, day, hh, mi, Math.min(ss, 59)) - offset * 60_000);
}

/** parseDateTime that throws ImapParseError naming the bad value. */
export function parseDateTimeOrFail(text: string, tag: string | null = null): Date {
  const d = parseDateTime(text);
  if (!d) throw new ImapParseError(`Invalid date-time "${text.slice(0, 40)}" (expected "dd-Mon-yyyy hh:mm:ss +zzzz")`, tag);
  return d;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * date-time for INTERNALDATE, without the quotes: "17-Jul-1996 02:44:25 -0700". The day is
 * date-day-fixed (space-padded, " 7-Jul-1996"). `offsetMinutes` east of UTC, 0 by default.
 */
export function formatDateTime(date: Date | number, offsetMinutes = 0): string {
  const t = typeof date === 'number' ? date : date.getTime();
  const d = new Date(t + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return (
    `${String(d.getUTCDate()).padStart(2, ' ')}-${MONTHS[d.getUTCMonth()]}-${String(d.getUTCFullYear()).padStart(4, '0')} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} ${sign}${pad2(Math.floor(abs / 60))}${pad2(abs % 60)}`
  );
}

/** The ImapDate of an instant, in the zone `offsetMinutes` east of UTC. */
export function toImapDate(date: Date | number, offsetMinutes = 0): ImapDate {
  const t = typeof date === 'number' ? date : date.getTime();
  const d = new Date(t + offsetMinutes * 60_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Compare two ImapDates: negative, 0 or positive. */
export function compareImapDates(a: ImapDate, b: ImapDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}
