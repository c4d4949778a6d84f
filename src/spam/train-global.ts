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
import { createTypeModel, learnType, serializeTypeModel, type TypeClass, type TypeModel } from './type-model.js';

const tokensOf = (raw: Buffer) => messageTokens({ raw, parsed: parseMessage(raw) });

export function trainGlobalModel(): GlobalModel {
  const examples: Array<{ hashes: Uint32Array; label: Label }> = loadCorpus('train').map((m) => ({ hashes: tokensOf(m.raw).hashes, label: m.label }));
  for (const s of loadSamples('train')) examples.push({ hashes: tokensOf(s.raw).hashes, label: s.kind === 'phishing' ? 'spam' : 'ham' });
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
  return m;
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
