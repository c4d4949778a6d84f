import { it } from 'vitest';
import { canonOurs, canonPigeonhole } from './harness/canon.js';
import { loadCorpus } from './harness/corpus.js';
import { runOurs } from './harness/ours.js';
import { Pigeonhole } from './harness/pigeonhole.js';
it('debug', async () => {
  const want = (process.env.PAIRS ?? '').split(',').filter(Boolean);
  const pairs = loadCorpus().filter((p) => want.some((w) => p.id.includes(w)));
  const ph = new Pigeonhole();
  const outs = await ph.runAll(pairs);
  for (const p of pairs) {
    const raw = outs.get(p.id)!;
    const t = canonPigeonhole(raw);
    const r = runOurs(p);
    const o = r.compileErrors ? ['compile-error', ...r.compileErrors] : canonOurs(r.result!);
    const same = JSON.stringify(t) === JSON.stringify(r.compileErrors ? ['compile-error'] : o);
    if (same && !process.env.ALL) continue;
    console.log(`=== ${p.id} ${same ? 'SAME' : 'DIFF'}\n--- pigeonhole:\n${t.join('\n')}\n--- ours:\n${o.join('\n')}${process.env.RAW ? '\n--- raw:\n' + raw : ''}${r.result?.errors.length ? '\n--- our errors: ' + JSON.stringify(r.result.errors) : ''}`);
  }
  ph.cleanup();
}, 600000);
