// The global model at rest: the logistic weights and the Bayes counts in one Buffer, and the
// files shipped in src/spam/data/ (built by train-global.ts from the corpus's training split).
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deserializeLinear, serializeLinear, type LinearModel } from './linear.js';
import { deserializeModel, modelBytes, serializeModel, type SpamModel } from './model.js';
import { deserializeTypeModel, type TypeModel } from './type-model.js';

export interface GlobalModel {
  linear: LinearModel;
  counts: SpamModel;
}

const MAGIC = 'MCSG';

/** "MCSG", then the linear and the counts sections, each a u32 LE length and its bytes. */
export function serializeGlobal(m: GlobalModel): Buffer {
  const a = serializeLinear(m.linear);
  const b = serializeModel(m.counts);
  const head = Buffer.alloc(12);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(a.length, 4);
  head.writeUInt32LE(b.length, 8);
  return Buffer.concat([head, a, b]);
}

export function deserializeGlobal(buf: Buffer): GlobalModel {
  if (buf.length < 12 || buf.toString('latin1', 0, 4) !== MAGIC) throw new Error('spam model: not a Mailcove global model');
  const la = buf.readUInt32LE(4);
  const lb = buf.readUInt32LE(8);
  if (12 + la + lb > buf.length) throw new Error('spam model: truncated global model');
  return { linear: deserializeLinear(buf.subarray(12, 12 + la)), counts: deserializeModel(buf.subarray(12 + la, 12 + la + lb), 'global') };
}

export function globalModelBytes(m: GlobalModel): number {
  return m.linear.weights.byteLength + modelBytes(m.counts);
}

export const GLOBAL_MODEL_FILE = 'global-model.bin';
export const TYPE_MODEL_FILE = 'type-model.bin';

/**
 * The data folder with the shipped model files: next to this module when run from source,
 * src/spam/data of the repository when run from the compiled dist/src/spam/.
 */
export function shippedDataDir(): string {
  const candidates = [new URL('./data/', import.meta.url), new URL('../../../src/spam/data/', import.meta.url)];
  for (const c of candidates) {
    const p = fileURLToPath(c);
    if (fs.existsSync(p + GLOBAL_MODEL_FILE)) return p;
  }
  return fileURLToPath(candidates[0]);
}

/** The shipped global spam model and type model; null for a file that is missing. */
export function loadShippedModels(dir = shippedDataDir()): { global: GlobalModel | null; types: TypeModel | null } {
  const read = (name: string) => {
    try {
      return fs.readFileSync(dir + name);
    } catch {
      return null;
    }
  };
  const g = read(GLOBAL_MODEL_FILE);
  const t = read(TYPE_MODEL_FILE);
  return { global: g ? deserializeGlobal(g) : null, types: t ? deserializeTypeModel(t) : null };
}
