// The learned half of the type classifier: multinomial naive Bayes over the same tokens, one
// class per legitimate email type. Small (trained on a few hundred messages) and only one voice
// among the header and wording signals in email-type.ts, which is why a plain, well-understood
// model is enough here.
import { gunzipSync, gzipSync } from 'node:zlib';

export const TYPE_CLASSES = ['promotion', 'social', 'transactional', 'normal'] as const;
export type TypeClass = (typeof TYPE_CLASSES)[number];

export interface TypeModel {
  /** Messages learned per class. */
  docs: number[];
  /** Tokens learned per class (sum of counts). */
  totals: number[];
  /** Token hash → count per class (TYPE_CLASSES order). */
  counts: Map<number, number[]>;
}

export function createTypeModel(): TypeModel {
  return { docs: TYPE_CLASSES.map(() => 0), totals: TYPE_CLASSES.map(() => 0), counts: new Map() };
}

export function learnType(m: TypeModel, hashes: ArrayLike<number>, cls: TypeClass, sign: 1 | -1 = 1): void {
  const c = TYPE_CLASSES.indexOf(cls);
  m.docs[c] = Math.max(0, m.docs[c] + sign);
  for (let i = 0; i < hashes.length; i++) {
    let row = m.counts.get(hashes[i]);
    if (!row) {
      if (sign < 0) continue;
      row = TYPE_CLASSES.map(() => 0);
      m.counts.set(hashes[i], row);
    }
    if (sign < 0 && row[c] === 0) continue;
    row[c] += sign;
    m.totals[c] += sign;
  }
}

/** Posterior per class (uniform prior: the classes are not equally common per mailbox anyway). */
export function typePosterior(m: TypeModel, hashes: ArrayLike<number>): number[] | null {
  const k = TYPE_CLASSES.length;
  if (m.docs.some((d) => d < 5)) return null;
  const vocab = m.counts.size + 1;
  const alpha = 0.5;
  const logp = new Array<number>(k).fill(0);
  for (let i = 0; i < hashes.length; i++) {
    const row = m.counts.get(hashes[i]);
    if (!row) continue; // unseen everywhere: the same factor for every class
    for (let c = 0; c < k; c++) logp[c] += Math.log((row[c] + alpha) / (m.totals[c] + alpha * vocab));
  }
  // Naive Bayes is overconfident over hundreds of correlated tokens: temper the log-likelihoods.
  const scaled = logp.map((v) => v / Math.sqrt(Math.max(1, hashes.length)));
  const max = Math.max(...scaled);
  const exp = scaled.map((v) => Math.exp(v - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  return exp.map((v) => v / sum);
}

// Serialisation: gzipped JSON of [docs, totals, [[hash, ...counts], ...]] — small (< 1 MB).
export function serializeTypeModel(m: TypeModel): Buffer {
  const rows = [...m.counts.entries()].filter(([, r]) => r.some((v) => v > 0)).sort((a, b) => a[0] - b[0]).map(([h, r]) => [h, ...r]);
  return gzipSync(Buffer.from(JSON.stringify({ format: 'mailcove-type-model/1', classes: TYPE_CLASSES, docs: m.docs, totals: m.totals, rows })));
}

export function deserializeTypeModel(data: Buffer): TypeModel {
  const json = JSON.parse(gunzipSync(data, { maxOutputLength: 64 * 1024 * 1024 }).toString('utf8')) as {
    format: string; classes: string[]; docs: number[]; totals: number[]; rows: number[][];
  };
  if (json.format !== 'mailcove-type-model/1' || json.classes.join() !== TYPE_CLASSES.join()) throw new Error('type model: unknown format');
  const m = createTypeModel();
  m.docs = json.docs.slice(0, TYPE_CLASSES.length);
  m.totals = json.totals.slice(0, TYPE_CLASSES.length);
  for (const [h, ...r] of json.rows) m.counts.set(h, r);
  return m;
}
