// Logistic regression over hashed token features: the global model shipped with the product.
// Each unique token of a message is a binary feature, scaled by 1/sqrt(token count) so long and
// short messages weigh alike; its hash picks one of 2^bits weights ("hashing trick": a fixed
// table however many distinct tokens the world sends). Trained offline with AdaGrad (trainLinear),
// nudged online by reports (learnLinear).
//
// On the SpamAssassin corpus this beats Robinson/Fisher Bayes where it matters to us, at a very
// low false-positive rate (cross-validated on the training part: see src/spam/README.md).
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Label } from './model.js';

export interface LinearModel {
  bits: number;
  bias: number;
  weights: Float32Array;
  /** Messages learned online since the offline training (reports). */
  updates: number;
}

export const LINEAR_BITS = 20;

export function createLinear(bits = LINEAR_BITS): LinearModel {
  return { bits, bias: 0, weights: new Float32Array(1 << bits), updates: 0 };
}

/** The model's log-odds that a message with these unique token hashes is spam. */
export function linearScore(m: LinearModel, hashes: ArrayLike<number>): number {
  if (hashes.length === 0) return m.bias;
  const mask = (1 << m.bits) - 1;
  const x = 1 / Math.sqrt(hashes.length);
  let z = 0;
  for (let i = 0; i < hashes.length; i++) z += m.weights[hashes[i] & mask];
  return m.bias + z * x;
}

/** Per-token contributions (weight × scale), for explaining a verdict. */
export function linearContributions(m: LinearModel, hashes: ArrayLike<number>): Float64Array {
  const mask = (1 << m.bits) - 1;
  const x = 1 / Math.sqrt(Math.max(1, hashes.length));
  const out = new Float64Array(hashes.length);
  for (let i = 0; i < hashes.length; i++) out[i] = m.weights[hashes[i] & mask] * x;
  return out;
}

export interface LinearTraining {
  epochs: number;
  /** AdaGrad base step. */
  rate: number;
  l2: number;
  /**
   * Models trained on differently shuffled passes and averaged into one: SGD's result depends on
   * the order it sees examples in, and the average of a few orders ranks the borderline messages
   * more steadily (cross-validated, see src/spam/README.md). Scoring cost is that of one model.
   */
  orders: number;
}

export const DEFAULT_LINEAR_TRAINING: LinearTraining = { epochs: 5, rate: 0.5, l2: 1e-6, orders: 5 };

/**
 * Offline training over labelled token-hash sets; deterministic (fixed visiting orders).
 * `weight` (default 1) multiplies an example's gradient: cost-sensitive learning for the ham that
 * matters most (see train-global.ts).
 */
export function trainLinear(examples: LinearExample[], o: LinearTraining = DEFAULT_LINEAR_TRAINING, bits = LINEAR_BITS): LinearModel {
  const out = createLinear(bits);
  const n = Math.max(1, o.orders);
  for (let order = 0; order < n; order++) {
    const m = trainOneOrder(examples, o, bits, order);
    out.bias += m.bias / n;
    for (let i = 0; i < m.weights.length; i++) if (m.weights[i] !== 0) out.weights[i] += m.weights[i] / n;
  }
  return out;
}

export interface LinearExample {
  hashes: ArrayLike<number>;
  label: Label;
  weight?: number;
}

function trainOneOrder(examples: LinearExample[], o: LinearTraining, bits: number, seed: number): LinearModel {
  const m = createLinear(bits);
  const mask = (1 << bits) - 1;
  const g2 = new Float32Array(1 << bits);
  let gBias = 0;
  const order = examples.map((_, i) => i);
  for (let e = 0; e < o.epochs; e++) {
    // A fixed pseudo-random order per epoch: SGD needs shuffling, a rerun must give the same model.
    const key = (i: number) => (Math.imul(i + 1 + seed * 7919, 2654435761) ^ Math.imul(e + 1, 40503)) >>> 0;
    order.sort((a, b) => key(a) - key(b));
    for (const i of order) {
      const { hashes, label, weight = 1 } = examples[i];
      const x = 1 / Math.sqrt(Math.max(1, hashes.length));
      const z = linearScore(m, hashes);
      const g = (1 / (1 + Math.exp(-z)) - (label === 'spam' ? 1 : 0)) * weight;
      for (let j = 0; j < hashes.length; j++) {
        const k = hashes[j] & mask;
        const gr = g * x + o.l2 * m.weights[k];
        g2[k] += gr * gr;
        m.weights[k] -= (o.rate * gr) / (Math.sqrt(g2[k]) + 1e-8);
      }
      gBias += g * g;
      m.bias -= (o.rate * g) / (Math.sqrt(gBias) + 1e-8);
    }
  }
  return m;
}

/** Margin a report pushes its own message to (log-odds). */
export const ONLINE_MARGIN = 3;
const ONLINE_RATE = 0.5;
const ONLINE_STEPS = 20;

/**
 * Online learning from a report: gradient steps on this one message until the model puts it at
 * least ONLINE_MARGIN on the reported side ("train until no error", as Rspamd and CRM114 do).
 * `sign` -1 (untrain) steps back toward neutral instead: logistic regression cannot forget one
 * example exactly, so this is the honest approximation.
 */
export function learnLinear(m: LinearModel, hashes: ArrayLike<number>, label: Label, sign: 1 | -1): void {
  if (hashes.length === 0) return;
  const mask = (1 << m.bits) - 1;
  const x = 1 / Math.sqrt(hashes.length);
  const dir = (label === 'spam' ? 1 : -1) * sign;
  for (let step = 0; step < ONLINE_STEPS; step++) {
    const z = linearScore(m, hashes) * dir;
    if (sign === 1 ? z >= ONLINE_MARGIN : z >= 0) break;
    const g = sign === 1 ? 1 / (1 + Math.exp(z)) : 0.5; // push harder the more wrong it is
    for (let j = 0; j < hashes.length; j++) m.weights[hashes[j] & mask] += ONLINE_RATE * g * x * dir;
  }
  m.updates += sign;
}

// ---------------------------------------------------------------------------
// Serialisation: "MCSL", format, bits, non-zero count (u32 LE), bias (f64), scale (f64), then
// per non-zero weight: index delta (varint) and the weight quantised to int16 (zigzag varint).
// Quantising to 1/32767 of the largest weight changes scores by far less than any threshold.

const MAGIC = 'MCSL';

export function serializeLinear(m: LinearModel): Buffer {
  let max = 0;
  let nz = 0;
  for (const w of m.weights) {
    if (w !== 0) nz++;
    if (Math.abs(w) > max) max = Math.abs(w);
  }
  const scale = max > 0 ? max / 32767 : 1;
  const head = Buffer.alloc(32);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(1, 4);
  head.writeUInt32LE(m.bits, 8);
  head.writeUInt32LE(nz, 12);
  head.writeDoubleLE(m.bias, 16);
  head.writeDoubleLE(scale, 24);
  const body: number[] = [];
  const put = (v: number) => {
    while (v >= 0x80) {
      body.push((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    body.push(v);
  };
  let prev = 0;
  for (let i = 0; i < m.weights.length; i++) {
    if (m.weights[i] === 0) continue;
    const q = Math.round(m.weights[i] / scale);
    put(i - prev);
    put(q >= 0 ? q * 2 : -q * 2 - 1);
    prev = i;
  }
  const updates = Buffer.alloc(4);
  updates.writeUInt32LE(Math.max(0, m.updates));
  return gzipSync(Buffer.concat([head, updates, Buffer.from(body)]));
}

export function deserializeLinear(data: Buffer): LinearModel {
  const buf = data[0] === 0x1f && data[1] === 0x8b ? gunzipSync(data, { maxOutputLength: 64 * 1024 * 1024 }) : data;
  if (buf.length < 36 || buf.toString('latin1', 0, 4) !== MAGIC || buf.readUInt32LE(4) !== 1) throw new Error('spam model: not a Mailcove linear model');
  const bits = buf.readUInt32LE(8);
  if (bits < 8 || bits > 24) throw new Error(`spam model: bad table size 2^${bits}`);
  const nz = buf.readUInt32LE(12);
  const m = createLinear(bits);
  m.bias = buf.readDoubleLE(16);
  const scale = buf.readDoubleLE(24);
  m.updates = buf.readUInt32LE(32);
  let pos = 36;
  const get = () => {
    let v = 0;
    let shift = 0;
    for (;;) {
      if (pos >= buf.length || shift > 28) throw new Error('spam model: truncated linear model');
      const b = buf[pos++];
      v |= (b & 0x7f) << shift;
      if (b < 0x80) return v >>> 0;
      shift += 7;
    }
  };
  let idx = 0;
  for (let n = 0; n < nz; n++) {
    idx += get();
    const z = get();
    if (idx >= m.weights.length) throw new Error('spam model: bad weight index');
    m.weights[idx] = (z & 1 ? -(z + 1) / 2 : z / 2) * scale;
  }
  return m;
}
