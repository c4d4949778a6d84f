// Builds the models shipped in src/spam/data/ from the training data only:
//   global-model.bin  logistic weights + Bayes counts, from the SpamAssassin corpus's training split
//                     and the training part of test/spam/samples (phishing as spam, the rest as ham:
//                     the 2002 corpus has no modern newsletter or notification, nor non-English mail)
//   type-model.bin    the email-type model, from the training part of test/spam/samples plus an
//                     eighth of the corpus's training ham (as "normal")
// Deterministic: the same data gives byte-identical files. Run after a build:
//   node dist/src/spam/train-global.js [--out DIR]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { parseMessage } from '../mime/index.js';
import { loadCorpus, loadSamples } from './corpus.js';
import { messageTokens } from './index.js';
import { trainLinear } from './linear.js';
import { createModel, learnHashes, type Label } from './model.js';
import { GLOBAL_MODEL_FILE, serializeGlobal, shippedDataDir, TYPE_MODEL_FILE, type GlobalModel } from './model-files.js';
import { createTypeModel, freezeTypeModel, learnType, serializeTypeModel, type TypeClass, type TypeModel } from './type-model.js';

const tokensOf = (raw: Buffer) => messageTokens({ raw, parsed: parseMessage(raw) });

/**
 * Weight of a training message for the logistic model. Commercial mail people asked for (the
 * corpus's "hard ham" group, and our own newsletter, notification and receipt samples) is what a
 * filter most often loses, and what users mind losing most: it counts COMMERCIAL_HAM_WEIGHT times.
 * Chosen by cross-validation on the training split (bench/spam-tune.mjs): recall at zero false
 * positives 0.89 → 0.95.
 */
export const COMMERCIAL_HAM_WEIGHT = 12;
export function exampleWeight(source: string, label: Label): number {
  return label === 'ham' && (source === 'hard-ham-1' || source === 'sample') ? COMMERCIAL_HAM_WEIGHT : 1;
}

export function trainGlobalModel(): GlobalModel {
  const examples: Array<{ hashes: Uint32Array; label: Label; weight: number }> = loadCorpus('train').map((m) => ({ hashes: tokensOf(m.raw).hashes, label: m.label, weight: exampleWeight(m.group, m.label) }));
  for (const s of loadSamples('train')) {
    const label: Label = s.kind === 'phishing' ? 'spam' : 'ham';
    examples.push({ hashes: tokensOf(s.raw).hashes, label, weight: exampleWeight('sample', label) });
  }
  const counts = createModel('global');
  for (const e of examples) learnHashes(counts, e.hashes, e.label, 1);
  return { linear: trainLinear(examples), counts };
}

/** Corpus ham used as "normal" for the type model: one in eight training messages, by name hash. */
export function isTypeNormalExample(name: string): boolean {
  return createHash('sha256').update('type-normal:' + name).digest()[0] < 32;
}

export function trainTypeModel(): TypeModel {
  const m = createTypeModel();
  for (const s of loadSamples('train')) {
    if (s.kind === 'phishing' || s.kind === 'bounce') continue;
    learnType(m, tokensOf(s.raw).hashes, s.kind as TypeClass);
  }
  for (const c of loadCorpus('train')) {
    if (c.group.startsWith('easy-ham') && isTypeNormalExample(c.name)) learnType(m, tokensOf(c.raw).hashes, 'normal');
  }
  return freezeTypeModel(m);
}

function main(): void {
  const i = process.argv.indexOf('--out');
  const out = i === -1 ? shippedDataDir() : path.resolve(process.argv[i + 1]);
  fs.mkdirSync(out, { recursive: true });
  const t0 = Date.now();
  const g = serializeGlobal(trainGlobalModel());
  fs.writeFileSync(path.join(out, GLOBAL_MODEL_FILE), g);
  const t = serializeTypeModel(trainTypeModel());
  fs.writeFileSync(path.join(out, TYPE_MODEL_FILE), t);
  console.log(`wrote ${GLOBAL_MODEL_FILE} (${(g.length / 1024).toFixed(0)} KiB) and ${TYPE_MODEL_FILE} (${(t.length / 1024).toFixed(0)} KiB) to ${out} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
