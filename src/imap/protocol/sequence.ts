// Sequence sets (RFC 9051 9: sequence-set, seq-range, seq-number; RFC 5182 "$").
//
// A set is kept as written (ranges with "*" unresolved), because "*" means different things for
// sequence numbers and UIDs and changes as the mailbox changes. `resolve` turns it into sorted,
// merged numeric ranges for one mailbox state; nothing here ever expands a range into an array,
// so `1:4294967295` costs what `1:2` costs.
import { ImapParseError } from './errors.js';
import { DEFAULT_LIMITS } from './limits.js';

/** A number or "*" (the largest number in use). */
export type SeqNumber = number | '*';

/** One element of a set, as written: `from` may be larger than `to` ("5:1" is "1:5"). */
export interface SeqRange {
  from: SeqNumber;
  to: SeqNumber;
}

export type SequenceSet =
  | { kind: 'ranges'; ranges: SeqRange[] }
  /** "$": the result saved by the last SEARCH RETURN (SAVE) (RFC 5182). */
  | { kind: 'saved' };

/** A resolved, inclusive range of numbers. */
export interface NumRange {
  start: number;
  end: number;
}

/** RFC 9051 9: nz-number, 32-bit. */
const MAX_SEQ = 0xffff_ffff;

/**
 * Parse a sequence set. "$" is accepted only as the whole set, as Dovecot does (RFC 5182 3 makes
 * `seq-last-command` an alternative to the whole sequence-set).
 */
export function parseSequenceSet(text: string, opts: { maxRanges?: number; tag?: string | null } = {}): SequenceSet {
  const maxRanges = opts.maxRanges ?? DEFAULT_LIMITS.maxSequenceRanges;
  const fail = (why: string): never => {
    const shown = text.length > 40 ? text.slice(0, 40) + '...' : text;
    throw new ImapParseError(`Invalid sequence set "${shown}": ${why}`, opts.tag ?? null);
  };
  if (text === '') fail('empty');
  if (text === '$') return { kind: 'saved' };
  const ranges: SeqRange[] = [];
  let i = 0;
  const num = (): SeqNumber => {
    if (text[i] === '*') {
      i++;
      return '*';
    }
    const start = i;
    while (i < text.length && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
    if (start === i) fail(text[i] === '$' ? '"$" must stand alone' : `expected a number at offset ${start}`);
    if (text[start] === '0') fail('numbers start at 1');
    if (i - start > 10 || Number(text.slice(start, i)) > MAX_SEQ) fail(`${text.slice(start, i)} is over 4294967295`);
    return Number(text.slice(start, i));
  };
  for (;;) {
    if (ranges.length >= maxRanges) fail(`more than ${maxRanges} ranges`);
    const from = num();
    let to = from;
    if (text[i] === ':') {
      i++;
      to = num();
    }
    ranges.push({ from, to });
    if (i === text.length) break;
    if (text[i] !== ',') fail(`unexpected "${text[i]}" at offset ${i}`);
    i++;
  }
  return { kind: 'ranges', ranges };
}

/** Back to IMAP syntax, as written. */
export function formatSequenceSet(set: SequenceSet): string {
  if (set.kind === 'saved') return '$';
  return set.ranges.map((r) => (r.from === r.to ? String(r.from) : `${r.from}:${r.to}`)).join(',');
}

/** Whether the set uses "*". */
export function hasStar(set: SequenceSet): boolean {
  return set.kind === 'ranges' && set.ranges.some((r) => r.from === '*' || r.to === '*');
}

/**
 * Sorted, merged numeric ranges with "*" replaced by `star`: for sequence numbers the message count,
 * for UIDs the largest UID in use (RFC 9051 9 seq-number; "UID 559:*" includes the last message's
 * UID even when it is below 559, RFC 9051 6.4.9). With `star` 0 (empty mailbox) "*" matches nothing.
 */
export function resolve(set: SequenceSet, star: number): NumRange[] {
  if (set.kind === 'saved') throw new Error('resolve("$"): substitute the saved search result first');
  const ranges: NumRange[] = [];
  for (const r of set.ranges) {
    if (star < 1 && (r.from === '*' || r.to === '*')) continue;
    const a = r.from === '*' ? star : r.from;
    const b = r.to === '*' ? star : r.to;
    let start = Math.min(a, b);
    const end = Math.max(a, b);
    if (end < 1) continue;
    if (start < 1) start = 1;
    ranges.push({ start, end });
  }
  return mergeRanges(ranges);
}

/** Sort and merge overlapping or adjacent ranges (in place on a copy). */
export function mergeRanges(input: NumRange[]): NumRange[] {
  const sorted = input.map((r) => ({ start: r.start, end: r.end })).sort((x, y) => x.start - y.start);
  const out: NumRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end + 1) {
      if (r.end > last.end) last.end = r.end;
    } else {
      out.push(r);
    }
  }
  return out;
}

/** Ranges cut to 1..max (e.g. to the message count). */
export function clampRanges(ranges: NumRange[], max: number): NumRange[] {
  const out: NumRange[] = [];
  for (const r of ranges) {
    if (r.start > max) break;
    out.push({ start: r.start, end: Math.min(r.end, max) });
  }
  return out;
}

/** Whether n lies in the sorted, merged ranges (binary search). */
export function contains(ranges: NumRange[], n: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid];
    if (n < r.start) hi = mid - 1;
    else if (n > r.end) lo = mid + 1;
    else return true;
  }
  return false;
}

/** How many numbers of 1..max the ranges cover. */
export function countInRanges(ranges: NumRange[], max: number = Infinity): number {
  let n = 0;
  for (const r of clampRanges(ranges, max)) n += r.end - r.start + 1;
  return n;
}

/** The numbers of the set within 1..max, ascending, one at a time. */
export function* iterate(set: SequenceSet, star: number, max: number): Generator<number> {
  for (const r of clampRanges(resolve(set, star), max)) {
    for (let n = r.start; n <= r.end; n++) yield n;
  }
}

/**
 * For message sequence numbers: why the set is invalid for a mailbox of `count` messages, or null.
 * RFC 3501 9 (seq-number), kept by RFC 9051: the server should answer BAD to a sequence number
 * above the message count, and to "*" in an empty mailbox. (UID sets have no such rule.)
 */
export function checkSequenceNumbers(set: SequenceSet, count: number): string | null {
  if (set.kind === 'saved') return null;
  if (count === 0 && hasStar(set)) return 'No messages: "*" does not exist in an empty mailbox';
  for (const r of set.ranges) {
    for (const n of [r.from, r.to]) {
      if (n !== '*' && n > count) {
        return `Invalid message sequence number ${n} (${count} message${count === 1 ? '' : 's'})`;
      }
    }
  }
  return null;
}

/**
 * A list of numbers in compact IMAP form, in the given order: consecutive ascending runs become
 * "a:b" ("304,319:320"). Keeps order, as COPYUID's two sets must correspond (RFC 4315 3).
 * With `sort`, sorted and deduplicated first (VANISHED, ESEARCH ALL).
 */
export function formatNumbers(numbers: Iterable<number>, opts: { sort?: boolean } = {}): string {
  let list = Array.from(numbers);
  if (opts.sort) list = Array.from(new Set(list)).sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < list.length; ) {
    let j = i;
    while (j + 1 < list.length && list[j + 1] === list[j] + 1) j++;
    parts.push(j === i ? String(list[i]) : `${list[i]}:${list[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** Resolved ranges in IMAP form ("1:5,7"). */
export function formatRanges(ranges: NumRange[]): string {
  return ranges.map((r) => (r.start === r.end ? String(r.start) : `${r.start}:${r.end}`)).join(',');
}
