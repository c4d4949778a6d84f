// bench/spam-tune: 5-fold cross-validation INSIDE the training split of the SpamAssassin corpus,
// the only place the classifier's settings (score scale, threshold, rule weights, training
// settings) were chosen. The held-out split is never read here. The cross-validation is repeated
// with several fold assignments (--seeds), because at a near-zero false-positive rate a single
// assignment moves with one or two odd ham messages. Prints, averaged over the assignments, false
// positives and recall at a range of thresholds, and how often each rule fires on ham and on spam.
//   npx tsc -p . --outDir /tmp/mc-spam && node bench/spam-tune.mjs --dist /tmp/mc-spam
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? def : process.argv[i + 1];
};
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.resolve(root, arg('dist', 'dist'));
const load = (p) => import(path.join(dist, p));
const { loadCorpus } = await load('src/spam/corpus.js');
const { parseMessage } = await load('src/mime/index.js');
const spam = await load('src/spam/index.js');
const { trainLinear } = await load('src/spam/linear.js');
const { createModel, learnHashes } = await load('src/spam/model.js');
const { exampleWeight } = await load('src/spam/train-global.js');

const folds = Number(arg('folds', 5));
const options = {};
if (arg('learned-scale', null)) options.learnedScale = Number(arg('learned-scale'));
if (arg('learned-offset', null)) options.learnedOffset = Number(arg('learned-offset'));
const train = loadCorpus('train');
const seeds = arg('seeds', ',a,b,c').split(',');
const foldOf = (seed, m) => createHash('sha256').update(seed + 'fold:' + m.name).digest()[0] % folds;
const items = train.map((m) => {
  const parsed = parseMessage(m.raw);
  const message = { raw: m.raw, parsed };
  return { m, message, tokens: spam.messageTokens(message), receivedAt: m.receivedAt ?? parsed.date?.getTime() ?? undefined };
});
const results = [];
for (const seed of seeds) {
  const fold = (m) => foldOf(seed, m);
  for (let k = 0; k < folds; k++) {
    const tr = items.filter((x) => fold(x.m) !== k);
    const linear = trainLinear(tr.map((x) => ({ hashes: x.tokens.hashes, label: x.m.label, weight: exampleWeight(x.m.group, x.m.label) })));
    const counts = createModel('global');
    for (const x of tr) learnHashes(counts, x.tokens.hashes, x.m.label, 1);
    for (const x of items.filter((y) => fold(y.m) === k)) {
      const c = spam.classify(x.message, { source: 'mx', receivedAt: x.receivedAt }, { global: { linear, counts } }, options);
      results.push({ seed, name: x.m.name, label: x.m.label, score: c.spam.score, rules: c.spam.reasons.filter((r) => r.rule !== 'LEARNED').map((r) => r.rule), learned: c.spam.reasons.find((r) => r.rule === 'LEARNED')?.weight ?? 0 });
    }
  }
}
const ham = results.filter((r) => r.label === 'ham');
const sp = results.filter((r) => r.label === 'spam');
const n = seeds.length;
console.log(`training split: ${ham.length / n} ham, ${sp.length / n} spam, ${folds} folds, ${n} fold assignments (means per assignment)`);
for (const th of (arg('thresholds', '3,3.5,4,4.5,5,5.5,6')).split(',').map(Number)) {
  const fp = ham.filter((r) => r.score >= th).length / n;
  const tp = sp.filter((r) => r.score >= th).length / n;
  const spamN = sp.length / n;
  const f1 = (2 * tp) / (2 * tp + fp + spamN - tp);
  console.log(`threshold ${th}: FP ${fp.toFixed(2)} (${((fp / (ham.length / n)) * 100).toFixed(3)} %), recall ${(tp / spamN).toFixed(4)}, F1 ${f1.toFixed(4)}`);
}
const rules = new Map();
for (const r of results.filter((x) => x.seed === seeds[0])) for (const name of r.rules) {
  const e = rules.get(name) ?? { ham: 0, spam: 0 };
  e[r.label]++;
  rules.set(name, e);
}
console.log('\nrule              ham hits  spam hits');
for (const [name, e] of [...rules].sort((a, b) => b[1].spam + b[1].ham - a[1].spam - a[1].ham)) console.log(`${name.padEnd(26)} ${String(e.ham).padStart(5)} ${String(e.spam).padStart(9)}`);
console.log(`\nhighest-scoring ham (fold assignment "${seeds[0]}"):`);
for (const r of ham.filter((x) => x.seed === seeds[0]).sort((a, b) => b.score - a.score).slice(0, 10)) console.log(`  ${r.score.toFixed(2).padStart(6)} learned ${r.learned.toFixed(2).padStart(6)} ${r.name}  ${r.rules.join(' ')}`);
console.log('\nlowest-scoring spam:');
for (const r of sp.filter((x) => x.seed === seeds[0]).sort((a, b) => a.score - b.score).slice(0, 10)) console.log(`  ${r.score.toFixed(2).padStart(6)} learned ${r.learned.toFixed(2).padStart(6)} ${r.name}  ${r.rules.join(' ')}`);
