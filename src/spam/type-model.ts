// The learned half of the type classifier: multinomial naive Bayes over the same tokens, one
// class per legitimate email type. Small (trained on a few hundred messages) and only one voice
// among the header and wording signals in email-type.ts, which is why a plain, well-understood
// model is enough here.
//
// Trained in a Map (TypeModelBuilder), then frozen into sorted typed arrays (TypeModel): ~1 MB
// instead of ~16 MB of per-token arrays, looked up by binary search.
import { gunzipSync, gzipSync } from 'node:zlib';

export const TYPE_CLASSES = ['promotion', 'social', 'transactional', 'normal'] as const;
export type TypeClass = (typeof TYPE_CLASSES)[number];
const K = TYPE_CLASSES.length;

export interface TypeModelBuilder {
  docs: number[];
  counts: Map<number, number[]>;
}

export interface TypeModel {
  /** Messages learned per class. */
  docs: number[];
  /** Tokens learned per class (sum of counts). */
  totals: number[];
  /** Token hashes, ascending. */
  keys: Uint32Array;
  /** Counts, K per key, in TYPE_CLASSES order. */
  counts: Uint32Array;
}

export function createTypeModel(): TypeModelBuilder {
  return { docs: TYPE_CLASSES.map(() => 0), counts: new Map() };
}

export function learnType(b: TypeModelBuilder, hashes: ArrayLike<number>, cls: TypeClass): void {
  const c = TYPE_CLASSES.indexOf(cls);
  b.docs[c]++;
  for (let i = 0; i < hashes.length; i++) {
    let row = b.counts.get(hashes[i]);
    if (!row) b.counts.set(hashes[i], (row = new Array<number>(K).fill(0)));
    row[c]++;
  }
}

export function freezeTypeModel(b: TypeModelBuilder): TypeModel {
  const keys = Uint32Array.from(b.counts.keys()).sort();
  const counts = new Uint32Array(keys.length * K);
  const totals = new Array<number>(K).fill(0);
  keys.forEach((k, i) => {
    const row = b.counts.get(k)!;
    for (let c = 0; c < K; c++) {
      counts[i * K + c] = row[c];
      totals[c] += row[c];
    }
  });
  return { docs: b.docs.slice(), totals, keys, counts };
}

const ALPHA = 0.5;
/** Counts below this have their log-likelihood term computed once per model (most tokens are rare). */
const LOG_TABLE_COUNTS = 1024;

/**
 * What scoring needs of a frozen model besides its arrays, built on first use: an open-addressing
 * table of (key, index + 1) pairs, a probe or two in one cache line instead of a binary search
 * over 300,000 keys per token, and the per-class term log((count + α) / (total + α·vocabulary))
 * for small counts, computed by the same expression as for any other count, so the sums are the
 * same to the last bit.
 */
interface Scoring { table: Uint32Array; shift: number; mask: number; denominators: number[]; logs: Float64Array }
const scorings = new WeakMap<TypeModel, Scoring>();

function scoringOf(m: TypeModel): Scoring {
  const known = scorings.get(m);
  if (known) return known;
  let bits = 1;
  while (2 ** bits < m.keys.length * 1.5) bits++;
  const table = new Uint32Array(2 ** (bits + 1));
  const shift = 32 - bits;
  const mask = 2 ** bits - 1;
  for (let j = 0; j < m.keys.length; j++) {
    let s = slotOf(m.keys[j], shift);
    while (table[2 * s + 1] !== 0) s = (s + 1) & mask;
    table[2 * s] = m.keys[j];
    table[2 * s + 1] = j + 1;
  }
  const vocab = m.keys.length + 1;
  const denominators = m.totals.map((t) => t + ALPHA * vocab);
  const logs = new Float64Array(K * LOG_TABLE_COUNTS);
  for (let c = 0; c < K; c++) for (let n = 0; n < LOG_TABLE_COUNTS; n++) logs[c * LOG_TABLE_COUNTS + n] = Math.log((n + ALPHA) / denominators[c]);
  const scoring = { table, shift, mask, denominators, logs };
  scorings.set(m, scoring);
  return scoring;
}

/** Fibonacci hashing: the top `32 - shift` bits of the key times 2^32/φ. */
const slotOf = (key: number, shift: number) => Math.imul(key, 0x9e3779b1) >>> shift;

/** The key's index in m.keys, or -1. */
function find(sc: Scoring, key: number): number {
  for (let s = slotOf(key, sc.shift); ; s = (s + 1) & sc.mask) {
    const j = sc.table[2 * s + 1];
    if (j === 0) return -1;
    if (sc.table[2 * s] === key) return j - 1;
  }
}

/** Posterior per class (uniform prior: the classes are not equally common per mailbox anyway). */
export function typePosterior(m: TypeModel, hashes: ArrayLike<number>): number[] | null {
  if (m.docs.some((d) => d < 5)) return null;
  const sc = scoringOf(m);
  const logp = new Array<number>(K).fill(0);
  for (let i = 0; i < hashes.length; i++) {
    const j = find(sc, hashes[i]);
    if (j === -1) continue; // unseen everywhere: the same factor for every class
    for (let c = 0; c < K; c++) {
      const n = m.counts[j * K + c];
      logp[c] += n < LOG_TABLE_COUNTS ? sc.logs[c * LOG_TABLE_COUNTS + n] : Math.log((n + ALPHA) / sc.denominators[c]);
    }
  }
  // Naive Bayes is overconfident over hundreds of correlated tokens: temper the log-likelihoods.
  const scaled = logp.map((v) => v / Math.sqrt(Math.max(1, hashes.length)));
  const max = Math.max(...scaled);
  const exp = scaled.map((v) => Math.exp(v - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  return exp.map((v) => v / sum);
}

// Serialisation: "MCST", format 1, class count, key count (u32 LE), docs per class (u32 LE), then
// per key: key delta and K counts as LEB128 varints; the whole gzipped.
export function serializeTypeModel(m: TypeModel): Buffer {
  const head = Buffer.alloc(16 + 4 * K);
  head.write('MCST', 0, 'latin1');
  head.writeUInt32LE(1, 4);
  head.writeUInt32LE(K, 8);
  head.writeUInt32LE(m.keys.length, 12);
  m.docs.forEach((d, c) => head.writeUInt32LE(d, 16 + 4 * c));
  const body: number[] = [];
  const put = (v: number) => {
    while (v >= 0x80) {
      body.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    body.push(v);
  };
  let prev = 0;
  for (let i = 0; i < m.keys.length; i++) {
    put(m.keys[i] - prev);
    prev = m.keys[i];
    for (let c = 0; c < K; c++) put(m.counts[i * K + c]);
  }
  return gzipSync(Buffer.concat([head, Buffer.from(body)]));
}

export function deserializeTypeModel(data: Buffer): TypeModel {
  const buf = gunzipSync(data, { maxOutputLength: 64 * 1024 * 1024 });
  if (buf.length < 16 || buf.toString('latin1', 0, 4) !== 'MCST' || buf.readUInt32LE(4) !== 1 || buf.readUInt32LE(8) !== K) throw new Error('type model: unknown format');
  const n = buf.readUInt32LE(12);
  const docs = TYPE_CLASSES.map((_, c) => buf.readUInt32LE(16 + 4 * c));
  const keys = new Uint32Array(n);
  const counts = new Uint32Array(n * K);
  const totals = new Array<number>(K).fill(0);
  let pos = 16 + 4 * K;
  const get = () => {
    let v = 0;
    let mul = 1;
    for (;;) {
      if (pos >= buf.length) throw new Error('type model: truncated');
      const b = buf[pos++];
      v += (b & 0x7f) * mul;
      if (b < 0x80) return v;
      mul *= 128;
    }
  };
  let key = 0;
  for (let i = 0; i < n; i++) {
    key += get();
    keys[i] = key;
    for (let c = 0; c < K; c++) totals[c] += counts[i * K + c] = get();
  }
  return { docs, totals, keys, counts };
}
