// RFC 5322 3.3 date-time parsing, tolerant of the obsolete forms of 4.3.
import { stripComments } from './headers.js';

const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
};

// Obsolete zone names (RFC 5322 4.3), in minutes east of UTC. Military
// single letters are defined there as meaning "-0000" (unknown), i.e. UTC.
const ZONES: Record<string, number> = {
  ut: 0, utc: 0, gmt: 0, z: 0,
  edt: -4 * 60, est: -5 * 60, cdt: -5 * 60, cst: -6 * 60,
  mdt: -6 * 60, mst: -7 * 60, pdt: -7 * 60, pst: -8 * 60,
};

/** Parse a Date header value; null when it cannot be understood. */
export function parseDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const s = stripComments(value).replace(/\s+/g, ' ').trim();
  const m =
    /^(?:[A-Za-z]+\s*,?\s*)?(\d{1,2})[\s-]+([A-Za-z]{3,})[\s-]+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([+-]\d{4}|[+-]\d{2}:?\d{2}|[A-Za-z]+)?/.exec(
      s,
    );
  if (m) {
    const day = Number(m[1]);
    const month = MONTHS[m[2].slice(0, 3).toLowerCase()];
    let year = Number(m[3]);
    // RFC 5322 4.3: two-digit years are 19xx from 50, 20xx below; three-digit add 1900.
    if (m[3].length === 2) year += year < 50 ? 2000 : 1900;
    else if (m[3].length === 3) year += 1900;
    const hh = Number(m[4]);
    const mi = Number(m[5]);
    const ss = m[6] ? Number(m[6]) : 0;
    let offset = 0;
    const z = m[7];
    if (z && /^[+-]/.test(z)) {
      const digits = z.replace(':', '');
      const sign = digits[0] === '-' ? -1 : 1;
      offset = sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
    } else if (z) {
      offset = ZONES[z.toLowerCase()] ?? 0;
    }
    if (month !== undefined && day >= 1 && day <= 31 && hh <= 23 && mi <= 59 && ss <= 60) {
      const t = Date.UTC(year, month, day, hh, mi, Math.min(ss, 59)) - offset * 60_000;
      if (!Number.isNaN(t)) return new Date(t);
    }
  }
  // Last resort: ISO 8601 and other shapes V8 understands.
  if (/^\d{4}-\d{2}-\d{2}/.test(s)) {
    const t = Date.parse(s);
    if (!Number.isNaN(t)) return new Date(t);
  }
  return null;
}
