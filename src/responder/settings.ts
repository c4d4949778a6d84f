// What a responder (or a template) says and when: validated once here, for the API and the CLI
// alike, so both refuse the same input naming the same field. Pure: whether a From address is
// the mailbox's or verified is the service's question (src/responder/service.ts).
import { normalizeDomain, parseAddress } from '../util/address.js';
import { invalid } from '../util/errors.js';

export const DEFAULT_DAYS = 7;
export const MAX_DAYS = 365;
const MAX_TEXT = 64 * 1024;
const MAX_EXCLUSIONS = 1000;

/** Stored as JSON in responders.settings and responder_templates.settings. */
export interface ResponderSettings {
  /** null: the engine's "Auto: <original subject>". */
  subject: string | null;
  text: string;
  html: string | null;
  /** Local date-times in the mailbox's zone, "YYYY-MM-DDTHH:MM:SS"; null: open. */
  start: string | null;
  end: string | null;
  /** Days of the week it answers on, 0 = Sunday (Sieve's "weekday"); null: every day. */
  weekdays: number[] | null;
  /** Alternative From (a template never has one). */
  from: string | null;
  /** "user@domain" or "@domain", lower case. */
  exclusions: string[];
  /** Once per sender per this many days. */
  days: number;
}

/** The input of add (API body, CLI flags): loose types, checked here. */
export interface ResponderInput {
  subject?: string | null;
  text?: string;
  html?: string | null;
  start?: string | null;
  end?: string | null;
  weekdays?: Array<string | number> | null;
  from?: string | null;
  exclude?: string[];
  days?: number;
}

/** "2026-07-01", "2026-07-01T09:00" or "2026-07-01T09:00:00" (a space for the T too) → "YYYY-MM-DDTHH:MM:SS". */
export function parseLocalDateTime(field: string, value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(String(value).trim());
  const bad = () => invalid(field, `${field}: "${value}" is not a date-time (2026-07-01T09:00, in the mailbox's time zone)`);
  if (!m) throw bad();
  const [y, mo, d, h = '00', mi = '00', s = '00'] = m.slice(1) as string[];
  const t = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  // Date.UTC rolls 2026-02-30 over into March: a date that does not exist is refused instead.
  if (t.getUTCFullYear() !== Number(y) || t.getUTCMonth() !== Number(mo) - 1 || t.getUTCDate() !== Number(d)) throw bad();
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) throw bad();
  return `${y}-${mo}-${d}T${h}:${mi}:${s}`;
}

const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** "mon", "Monday", "1" or 1 → 1 (0 = Sunday, as Sieve's weekday date part). */
export function parseWeekday(field: string, v: string | number): number {
  const s = String(v).trim().toLowerCase();
  if (/^[0-6]$/.test(s)) return Number(s);
  const i = s.length >= 3 ? DAY_NAMES.findIndex((d) => d.startsWith(s)) : -1;
  if (i >= 0) return i;
  throw invalid(field, `${field}: "${v}" is not a day of the week (mon … sun, or 0 = Sunday … 6)`);
}

/** "user@domain" or "@domain" (the whole domain), normalised; anything else is refused. */
export function parseExclusion(field: string, entry: string): string {
  const e = String(entry ?? '').trim();
  if (e.startsWith('@')) {
    const d = normalizeDomain(e.slice(1));
    if (d) return `@${d}`;
  } else {
    const a = parseAddress(e);
    if (a) return a.address;
  }
  throw invalid(field, `${field}: "${entry}" is neither an address (user@domain.xyz) nor a whole domain (@domain.xyz)`);
}

function text(field: string, v: unknown, required: boolean): string | null {
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '' && !required)) {
    if (required) throw invalid(field, `${field}: must not be empty`);
    return null;
  }
  if (typeof v !== 'string') throw invalid(field, `${field}: must be text`);
  if (required && v.trim() === '') throw invalid(field, `${field}: must not be empty`);
  if (v.length > MAX_TEXT) throw invalid(field, `${field}: at most ${MAX_TEXT} characters`);
  return v;
}

/** Checks and normalises everything but the From address's ownership. Throws naming the field. */
export function parseSettings(input: ResponderInput, opts: { allowFrom: boolean } = { allowFrom: true }): ResponderSettings {
  const subject = text('subject', input.subject, false);
  if (subject !== null && /[\r\n]/.test(subject)) throw invalid('subject', 'subject: must be one line');
  const body = text('text', input.text, true)!;
  const html = text('html', input.html, false);
  const start = input.start ? parseLocalDateTime('start', input.start) : null;
  const end = input.end ? parseLocalDateTime('end', input.end) : null;
  if (start && end && end <= start) throw invalid('end', `end: ${end} is not after start ${start}`);
  let weekdays: number[] | null = null;
  if (input.weekdays && input.weekdays.length) {
    weekdays = [...new Set(input.weekdays.map((d, i) => parseWeekday(`weekdays[${i}]`, d)))].sort();
  }
  let from: string | null = null;
  if (input.from) {
    if (!opts.allowFrom) throw invalid('from', 'from: a template cannot set a From address (each mailbox verifies its own)');
    const a = parseAddress(input.from);
    if (!a) throw invalid('from', `from: "${input.from}" is not a valid email address`);
    from = a.address;
  }
  const raw = input.exclude ?? [];
  if (raw.length > MAX_EXCLUSIONS) throw invalid('exclude', `exclude: at most ${MAX_EXCLUSIONS} entries`);
  const exclusions = [...new Set(raw.map((e, i) => parseExclusion(`exclude[${i}]`, e)))];
  const days = input.days ?? DEFAULT_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) throw invalid('days', `days: a whole number from 1 to ${MAX_DAYS}`);
  return { subject, text: body, html, start, end, weekdays, from, exclusions, days };
}

/** Settings as stored (JSON written by this module), with defaults for keys added later. */
export function parseStoredSettings(json: string): ResponderSettings {
  const v = JSON.parse(json) as Partial<ResponderSettings>;
  return {
    subject: v.subject ?? null,
    text: v.text ?? '',
    html: v.html ?? null,
    start: v.start ?? null,
    end: v.end ?? null,
    weekdays: v.weekdays ?? null,
    from: v.from ?? null,
    exclusions: v.exclusions ?? [],
    days: v.days ?? DEFAULT_DAYS,
  };
}

/** An IANA zone name that this Node knows (Intl refuses the others); its canonical spelling. */
export function checkTimeZone(field: string, zone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: String(zone ?? '') || 'invalid/zone' }).resolvedOptions().timeZone;
  } catch {
    throw invalid(field, `${field}: "${zone}" is not a known time zone (an IANA name such as Europe/Zurich)`);
  }
}

/** Minutes east of UTC of `zone` at instant `ms` (summer time included). */
export function zoneOffsetMinutes(zone: string, ms: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((local - Math.floor(ms / 1000) * 1000) / 60_000);
}
