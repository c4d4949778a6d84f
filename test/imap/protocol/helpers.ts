// Shared helpers of the IMAP protocol tests.
import { CommandReader, type ReaderEvent } from '../../../src/imap/protocol/reader.js';
import type { ImapLimits } from '../../../src/imap/protocol/limits.js';

/** A small seeded PRNG (mulberry32), so that fuzz failures reproduce. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An event in a comparable form: Buffers as latin1 strings. */
export type PlainEvent =
  | { type: 'command'; segments: string[]; literals: Array<{ data: string; binary: boolean; sync: boolean }>; size: number }
  | { type: 'continue'; size: number; binary: boolean }
  | { type: 'error'; message: string; tag: string | null; code: string | null; fatal: boolean }
  | { type: 'done' }
  | { type: 'line'; line: string };

export function plain(ev: ReaderEvent): PlainEvent {
  switch (ev.type) {
    case 'command':
      return {
        type: 'command',
        segments: ev.command.segments.map((s) => s.toString('latin1')),
        literals: ev.command.literals.map((l) => ({ data: l.data.toString('latin1'), binary: l.binary, sync: l.sync })),
        size: ev.command.size,
      };
    case 'error':
      return { type: 'error', message: ev.error.message, tag: ev.error.tag, code: ev.error.code, fatal: ev.error.fatal };
    case 'line':
      return { type: 'line', line: ev.line.toString('latin1') };
    default:
      return ev;
  }
}

/** Feed chunks as a session would (draining events after each push); all events in order. */
export function feed(chunks: Array<string | Buffer>, limits?: Partial<ImapLimits>, reader = new CommandReader(limits)): PlainEvent[] {
  const out: PlainEvent[] = [];
  for (const c of chunks) {
    reader.push(typeof c === 'string' ? Buffer.from(c, 'latin1') : c);
    for (let ev = reader.next(); ev; ev = reader.next()) out.push(plain(ev));
  }
  return out;
}

/** Split bytes at random points (1..maxChunk octets per piece). */
export function randomChunks(bytes: Buffer, rand: () => number, maxChunk: number): Buffer[] {
  const out: Buffer[] = [];
  let i = 0;
  while (i < bytes.length) {
    const n = 1 + Math.floor(rand() * maxChunk);
    out.push(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
}
