// SORT (RFC 5256 3) and DISPLAYFROM/DISPLAYTO (RFC 5957): pure functions over what delivery stored
// (ENVELOPE fields, INTERNALDATE, size). No I/O here: the command (commands/sort.ts) loads the rows.
//
// - Strings compare with i;ascii-casemap (RFC 4790 9.2): ASCII letters folded to upper case, then
//   the UTF-8 octets compared. A missing value is the empty string (sorts first).
// - Addresses: the addr-mailbox (local part) of the first address of the field, group markers
//   skipped (RFC 5256 3). DISPLAYFROM/DISPLAYTO: the decoded display name of the first address,
//   or its addr-spec when it has none (RFC 5957 3).
// - DATE is the sent date in UTC, or INTERNALDATE when the Date header is missing or unparseable.
// - SUBJECT is the base subject (RFC 5256 2.1).
// - Equal messages keep their mailbox order (sequence number ascending), REVERSE or not.
import type { SortCriterion, SortKey } from './protocol/ast.js';
import type { EnvelopeAddress } from '../mime/envelope.js';
import { decodeWords } from '../mime/headers.js';
import { parseDate } from '../mime/date.js';
import { baseSubject } from '../mime/text.js';

/** What SORT needs of one message. */
export interface SortMessage {
  seq: number;
  uid: number;
  /** INTERNALDATE, ms since the epoch. */
  internalDate: number;
  size: number;
  /** The raw Date header (ENVELOPE date), or null. */
  date: string | null;
  /** The raw Subject (ENVELOPE subject, encoded words allowed), or null. */
  subject: string | null;
  from: EnvelopeAddress[] | null;
  to: EnvelopeAddress[] | null;
  cc: EnvelopeAddress[] | null;
}

/** RFC 4790 9.2 i;ascii-casemap: a key whose octets compare as the collation orders. */
export function asciiCasemap(s: string): Buffer {
  return Buffer.from(s.replace(/[a-z]+/g, (m) => m.toUpperCase()), 'utf8');
}

/** The sent date (ms, UTC) or, when the Date header can't be used, the INTERNALDATE (RFC 5256 3 DATE). */
export function sentDate(m: { date: string | null; internalDate: number }): number {
  const d = parseDate(m.date);
  const t = d ? d.getTime() : NaN;
  return Number.isFinite(t) ? t : m.internalDate;
}

/** The first real address of a list (group start/end markers have a NIL host). */
function firstAddress(list: EnvelopeAddress[] | null): EnvelopeAddress | null {
  for (const a of list ?? []) if (a.host !== null) return a;
  return null;
}

/** RFC 5256 3: the addr-mailbox of the first address. */
export function addrMailbox(list: EnvelopeAddress[] | null): string {
  return firstAddress(list)?.mailbox ?? '';
}

/** RFC 5957 3: the display name of the first address (decoded), or its addr-spec. */
export function displayAddress(list: EnvelopeAddress[] | null): string {
  const a = firstAddress(list);
  if (!a) return '';
  const name = a.name ? decodeWords(a.name).replace(/\s+/g, ' ').trim() : '';
  if (name) return name;
  return a.mailbox ? `${a.mailbox}@${a.host}` : '';
}

type Key = number | Buffer;

function keyOf(m: SortMessage, key: SortKey): Key {
  switch (key) {
    case 'ARRIVAL':
      return m.internalDate;
    case 'DATE':
      return sentDate(m);
    case 'SIZE':
      return m.size;
    case 'SUBJECT':
      return asciiCasemap(m.subject === null ? '' : baseSubject(m.subject));
    case 'FROM':
      return asciiCasemap(addrMailbox(m.from));
    case 'TO':
      return asciiCasemap(addrMailbox(m.to));
    case 'CC':
      return asciiCasemap(addrMailbox(m.cc));
    case 'DISPLAYFROM':
      return asciiCasemap(displayAddress(m.from));
    case 'DISPLAYTO':
      return asciiCasemap(displayAddress(m.to));
  }
}

function compareKeys(a: Key, b: Key): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  return Buffer.compare(a as Buffer, b as Buffer);
}

/** The messages in SORT order (RFC 5256 3). Keys are computed once per message. */
export function sortMessages<M extends SortMessage>(messages: readonly M[], criteria: readonly SortCriterion[]): M[] {
  const rows = messages.map((m) => ({ m, keys: criteria.map((c) => keyOf(m, c.key)) }));
  rows.sort((a, b) => {
    for (let i = 0; i < criteria.length; i++) {
      const c = compareKeys(a.keys[i]!, b.keys[i]!);
      if (c !== 0) return criteria[i]!.reverse ? -c : c;
    }
    return a.m.seq - b.m.seq;
  });
  return rows.map((r) => r.m);
}
