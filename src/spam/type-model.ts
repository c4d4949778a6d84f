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

function find(keys: Uint32Array, key: number): number {
  let lo = 0;
  let hi = keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = keys[mid];
    if (v === key) return mid;
    if (v < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Posterior per class (uniform prior: the classes are not equally common per mailbox anyway). */
export function typePosterior(m: TypeModel, hashes: ArrayLike<number>): number[] | null {
  if (m.docs.some((d) => d < 5)) return null;
  const vocab = m.keys.length + 1;
  const alpha = 0.5;
  const logp = new Array<number>(K).fill(0);
  for (let i = 0; i < hashes.length; i++) {
    const j = find(m.keys, hashes[i]);
    if (j === -1) continue; // unseen everywhere: the same factor for every class
    for (let c = 0; c < K; c++) logp[c] += Math.log((m.counts[j * K + c] + alpha) / (m.totals[c] + alpha * vocab));
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
