// date and currentdate (RFC 5260 4, 5): a date part of a header's date or of the current time,
// in the zone of :zone, of the header itself (:originalzone) or the local one. :index/:last pick
// one occurrence of the header (RFC 5260 6, handled in headers.ts).
import { stripComments } from '../../mime/index.js';
import type { Runtime } from '../runtime.js';
import type { TestDef } from '../spec.js';
import { evalStr, type Str } from '../strings.js';
import { headerGetter } from './headers.js';

export interface ZonedDate {
  /** Milliseconds since the epoch. */
  ms: number;
  /** Zone of the written date, minutes east of UTC. */
  offset: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const ZONES: Record<string, number> = {
  ut: 0, utc: 0, gmt: 0, z: 0, edt: -240, est: -300, cdt: -300, cst: -360, mdt: -360, mst: -420, pdt: -420, pst: -480,
};

/** RFC 5322 3.3 date-time with its zone kept; null when it is not one. */
export function parseZonedDate(value: string): ZonedDate | null {
  const s = stripComments(value).replace(/\s+/g, ' ').trim();
  const m = /^(?:[A-Za-z]{3} ?, ?)?(\d{1,2}) ([A-Za-z]{3}) (\d{2,4}) (\d{1,2}):(\d{2})(?::(\d{2}))? ?([+-]\d{4}|[A-Za-z]{1,5})?$/.exec(s);
  if (!m) return null;
  const month = MONTHS.indexOf(m[2]!.toLowerCase());
  if (month < 0) return null;
  let year = Number(m[3]);
  if (m[3]!.length === 2) year += year < 50 ? 2000 : 1900;
  else if (m[3]!.length === 3) year += 1900;
  const day = Number(m[1]);
  const hh = Number(m[4]);
  const mi = Number(m[5]);
  const ss = m[6] ? Number(m[6]) : 0;
  if (day < 1 || day > 31 || hh > 23 || mi > 59 || ss > 60) return null;
  let offset = 0;
  const z = m[7];
  if (z && /^[+-]/.test(z)) {
    const hours = Number(z.slice(1, 3));
    const mins = Number(z.slice(3, 5));
    if (mins > 59) return null;
    offset = (z[0] === '-' ? -1 : 1) * (hours * 60 + mins);
  } else if (z) {
    const known = ZONES[z.toLowerCase()];
    if (known === undefined && z.length !== 1) return null;
    offset = known ?? 0;
  }
  const ms = Date.UTC(year, month, day, hh, mi, Math.min(ss, 59)) - offset * 60_000;
  // Reject days that do not exist (31 Feb): Date.UTC would roll them over.
  if (new Date(ms + offset * 60_000).getUTCDate() !== day) return null;
  return { ms, offset };
}

/** "+hhmm"/"-hhmm" to minutes, or null. */
export function parseZone(z: string): number | null {
  const m = /^([+-])(\d{2})(\d{2})$/.exec(z);
  if (!m || Number(m[3]) > 59 || Number(m[2]) > 23) return null;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

function zoneText(offset: number, colon: boolean): string {
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  return `${sign}${pad(Math.floor(a / 60))}${colon ? ':' : ''}${pad(a % 60)}`;
}

export const DATE_PARTS = new Set(['year', 'month', 'day', 'date', 'julian', 'hour', 'minute', 'second', 'time', 'iso8601', 'std11', 'zone', 'weekday']);

/** RFC 5260 4.2: one date part of an instant shown in a zone. */
export function datePart(ms: number, offset: number, part: string): string | null {
  const d = new Date(ms + offset * 60_000);
  const Y = pad(d.getUTCFullYear(), 4);
  const M = pad(d.getUTCMonth() + 1);
  const D = pad(d.getUTCDate());
  const h = pad(d.getUTCHours());
  const mi = pad(d.getUTCMinutes());
  const s = pad(d.getUTCSeconds());
  switch (part.toLowerCase()) {
    case 'year': return Y;
    case 'month': return M;
    case 'day': return D;
    case 'date': return `${Y}-${M}-${D}`;
    // Modified Julian Day: days since 1858-11-17 (the Unix epoch is MJD 40587).
    case 'julian': return String(Math.floor((ms + offset * 60_000) / 86_400_000) + 40587);
    case 'hour': return h;
    case 'minute': return mi;
    case 'second': return s;
    case 'time': return `${h}:${mi}:${s}`;
    case 'iso8601': return `${Y}-${M}-${D}T${h}:${mi}:${s}${offset === 0 ? 'Z' : zoneText(offset, true)}`;
    case 'std11': return `${DAYS[d.getUTCDay()]}, ${D} ${MONTHS[d.getUTCMonth()]!.replace(/^./, (c) => c.toUpperCase())} ${Y} ${h}:${mi}:${s} ${zoneText(offset, false)}`;
    case 'zone': return zoneText(offset, false);
    case 'weekday': return String(d.getUTCDay());
    default: return null;
  }
}

/** The zone of date tests without :zone: the environment's, else the machine's at that instant. */
export function localOffset(rt: Runtime, ms: number): number {
  return rt.env.zoneOffsetMinutes ?? -new Date(ms).getTimezoneOffset();
}

// An invalid :zone is ignored (the local zone is used), as Pigeonhole does after its warning.
function zoneOf(rt: Runtime, zone: Str | null, ms: number, original: number | null): number {
  if (original !== null) return original;
  if (zone === null) return localOffset(rt, ms);
  return parseZone(evalStr(rt, zone)) ?? localOffset(rt, ms);
}

/** The date of a header value; Received carries it after its last ";" (RFC 5321 4.4). */
function headerDate(name: string, value: string): ZonedDate | null {
  if (name.toLowerCase() === 'received') {
    const i = value.lastIndexOf(';');
    return i < 0 ? null : parseZonedDate(value.slice(i + 1));
  }
  return parseZonedDate(value);
}

export const dateTests: Record<string, TestDef> = {
  date: {
    kind: 'test', ext: 'date', sets: ['comparator', 'match', 'index'],
    tags: { zone: { value: 'string', group: 'zone' }, originalzone: { group: 'zone' } },
    args: [{ name: 'header name', type: 'string' }, { name: 'date part', type: 'string' }, { name: 'key list', type: 'strings' }],
    compile(ch, c) {
      const header = c.str(ch.args[0]);
      const part = c.str(ch.args[1]);
      if (typeof part === 'string' && !DATE_PARTS.has(part.toLowerCase())) c.warn(ch.args[1]!.pos, `unknown date part "${part}": the test is always false`);
      const zone = ch.tags.has('zone') ? c.str(ch.tags.get('zone')) : null;
      if (typeof zone === 'string' && parseZone(zone) === null) c.warn(ch.tags.get('zone')!.pos, `invalid time zone "${zone}" (expected +hhmm or -hhmm): the local zone is used`);
      const original = ch.tags.has('originalzone');
      const m = c.matcher(ch, ch.args[2]);
      const get = headerGetter(ch, c);
      return (rt) => {
        const p = evalStr(rt, part);
        const h = evalStr(rt, header);
        const vals: string[] = [];
        for (const v of get(rt, h)) {
          const d = headerDate(h, v);
          if (!d) continue;
          const out = datePart(d.ms, zoneOf(rt, zone, d.ms, original ? d.offset : null), p);
          if (out !== null) vals.push(out);
        }
        return m(rt, vals);
      };
    },
  },
  currentdate: {
    kind: 'test', ext: 'date', sets: ['comparator', 'match'],
    tags: { zone: { value: 'string' } },
    args: [{ name: 'date part', type: 'string' }, { name: 'key list', type: 'strings' }],
    compile(ch, c) {
      const part = c.str(ch.args[0]);
      if (typeof part === 'string' && !DATE_PARTS.has(part.toLowerCase())) c.warn(ch.args[0]!.pos, `unknown date part "${part}": the test is always false`);
      const zone = ch.tags.has('zone') ? c.str(ch.tags.get('zone')) : null;
      if (typeof zone === 'string' && parseZone(zone) === null) c.warn(ch.tags.get('zone')!.pos, `invalid time zone "${zone}" (expected +hhmm or -hhmm): the local zone is used`);
      const m = c.matcher(ch, ch.args[1]);
      return (rt) => {
        const ms = rt.now.getTime();
        const out = datePart(ms, zoneOf(rt, zone, ms, null), evalStr(rt, part));
        return m(rt, out === null ? [] : [out]);
      };
    },
  },
};
