// The learned spam model: per-token spam/ham message counts plus how many messages of each kind
// were learned. Plain data (typed arrays and numbers); serialised to a compact Buffer the caller
// stores where it likes (the shipped global model is a file, per-mailbox models go in the database).
import { gunzipSync, gzipSync } from 'node:zlib';
import { addCounts, createTable, entries, findSlot, tableBytes, type TokenTable } from './table.js';

/** Bump when the tokenizer changes what a message turns into: older models no longer match. */
export const TOKENIZER_VERSION = 2;

export type Label = 'spam' | 'ham';

export interface SpamModel {
  tokenizerVersion: number;
  nSpam: number;
  nHam: number;
  table: TokenTable;
}

/** Slot caps: the global model up to 2 M slots (~24 MB, ~1.4 M tokens), a mailbox's 256 K (~3 MB). */
export const GLOBAL_MAX_SLOTS = 1 << 21;
export const MAILBOX_MAX_SLOTS = 1 << 18;

export function createModel(kind: 'global' | 'mailbox' = 'mailbox'): SpamModel {
  const max = kind === 'global' ? GLOBAL_MAX_SLOTS : MAILBOX_MAX_SLOTS;
  return { tokenizerVersion: TOKENIZER_VERSION, nSpam: 0, nHam: 0, table: createTable(1024, max) };
}

/** Learn (sign 1) or unlearn (sign -1) one message given as its unique token hashes. */
export function learnHashes(model: SpamModel, hashes: Iterable<number>, label: Label, sign: 1 | -1): void {
  const ds = label === 'spam' ? sign : 0;
  const dh = label === 'ham' ? sign : 0;
  for (const h of hashes) addCounts(model.table, h, ds, dh);
  if (label === 'spam') model.nSpam = Math.max(0, model.nSpam + sign);
  else model.nHam = Math.max(0, model.nHam + sign);
}

/** Counts of one token: [spam, ham]. */
export function tokenCounts(model: SpamModel, hash: number): [number, number] {
  const i = findSlot(model.table, hash);
  return i === -1 ? [0, 0] : [model.table.spam[i], model.table.ham[i]];
}

export function modelBytes(model: SpamModel): number {
  return tableBytes(model.table);
}

export function tokenCount(model: SpamModel): number {
  return model.table.size;
}

// ---------------------------------------------------------------------------
// Serialisation: "MCSB", format 1, tokenizer version, nSpam, nHam, entry count (u32 LE each),
// then per entry, keys ascending: key delta, spam, ham as LEB128 varints; the whole gzipped.

const MAGIC = 'MCSB';
const FORMAT = 1;

function writeVarint(out: number[], v: number): void {
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

export function serializeModel(model: SpamModel): Buffer {
  const list = entries(model.table);
  const head = Buffer.alloc(24);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(FORMAT, 4);
  head.writeUInt32LE(model.tokenizerVersion, 8);
  head.writeUInt32LE(model.nSpam, 12);
  head.writeUInt32LE(model.nHam, 16);
  head.writeUInt32LE(list.length, 20);
  const body: number[] = [];
  let prev = 0;
  for (const [k, s, h] of list) {
    writeVarint(body, k - prev);
    writeVarint(body, s);
    writeVarint(body, h);
    prev = k;
  }
  return gzipSync(Buffer.concat([head, Buffer.from(body)]));
}

export class ModelFormatError extends Error {}

/** Inverse of serializeModel. Throws ModelFormatError on anything that is not such a model. */
export function deserializeModel(data: Buffer, kind: 'global' | 'mailbox' = 'mailbox'): SpamModel {
  let buf: Buffer;
  try {
    buf = data[0] === 0x1f && data[1] === 0x8b ? gunzipSync(data, { maxOutputLength: 64 * 1024 * 1024 }) : data;
  } catch (err) {
    throw new ModelFormatError(`spam model: cannot decompress (${(err as Error).message})`);
  }
  if (buf.length < 24 || buf.toString('latin1', 0, 4) !== MAGIC) throw new ModelFormatError('spam model: not a Mailcove spam model');
  if (buf.readUInt32LE(4) !== FORMAT) throw new ModelFormatError(`spam model: unknown format ${buf.readUInt32LE(4)}`);
  const n = buf.readUInt32LE(20);
  const model = createModel(kind);
  model.tokenizerVersion = buf.readUInt32LE(8);
  model.nSpam = buf.readUInt32LE(12);
  model.nHam = buf.readUInt32LE(16);
  model.table = createTable(Math.ceil(n / 0.7) + 1, Math.max(model.table.maxSlots, 1 << Math.ceil(Math.log2(n / 0.7 + 1))));
  let pos = 24;
  const read = (): number => {
    let v = 0;
    let mul = 1;
    for (;;) {
      if (pos >= buf.length) throw new ModelFormatError('spam model: truncated');
      const b = buf[pos++];
      v += (b & 0x7f) * mul;
      if (b < 0x80) return v;
      mul *= 128;
      if (mul > 2 ** 35) throw new ModelFormatError('spam model: bad varint');
    }
  };
  let key = 0;
  for (let i = 0; i < n; i++) {
    key += read();
    const s = read();
    const h = read();
    if (key > 0xffffffff || key === 0) throw new ModelFormatError('spam model: bad key');
    addCounts(model.table, key, s, h);
  }
  return model;
}
