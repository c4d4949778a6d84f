// Property tests over seeded random rule lists: the generated Sieve compiles with our engine,
// requires exactly what it uses, and parses back to the same (normalized) rules.
import { describe, expect, it } from 'vitest';
import { compile, formatDiagnostic } from '../../../src/sieve/index.js';
import { buildRulesScript, generateSieve, normalizeRules, parseRules, rulesSchema, type Rule } from '../../../src/sieve/rules/index.js';
import { prng, randomRules } from './random-rules.js';

function validRules(seed: number, count: number): Rule[] {
  const input = randomRules(prng(seed), count);
  const r = rulesSchema.safeParse(input);
  if (!r.success) throw new Error(`seed ${seed}: ${JSON.stringify(r.error.issues.slice(0, 3))}`);
  return normalizeRules(r.data.map((x, i) => ({ ...x, id: x.id ?? `gen${i}` })));
}

describe('rules round trip', () => {
  it('generate → compile → parse back gives the same rules (300 seeded rule lists)', () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 300; seed++) {
      const rules = validRules(seed, 1 + (seed % 12));
      for (const r of rules) {
        for (const c of r.conditions) seen.add(`${c.field}:${'op' in c ? c.op : '-'}:${c.not}`);
        for (const a of r.actions) seen.add(a.type);
      }
      const { generated, errors } = buildRulesScript(rules);
      expect(errors.map((e) => formatDiagnostic(e.diagnostic)), `seed ${seed}\n${generated.text}`).toEqual([]);
      expect(parseRules(generated.text), `seed ${seed}`).toEqual(rules);
    }
    // The generator reached every field, operator (and its negation) and action.
    for (const f of ['from', 'to', 'cc', 'replyTo', 'subject', 'body', 'header']) {
      for (const op of ['is', 'contains', 'startsWith', 'endsWith', 'matches', 'regex']) for (const not of [true, false]) expect(seen).toContain(`${f}:${op}:${not}`);
    }
    for (const k of ['header:over:true', 'header:under:false', 'size:over:false', 'size:under:true', 'attachment:-:true', 'type:-:false']) expect(seen).toContain(k);
    for (const a of ['move', 'copy', 'markRead', 'flag', 'keyword', 'redirect', 'reject', 'delete', 'stop']) expect(seen).toContain(a);
  });

  it('disabled rules compile too once enabled (a disabled rule is kept as valid Sieve)', () => {
    for (let seed = 1000; seed < 1100; seed++) {
      const rules = validRules(seed, 6).map((r) => ({ ...r, enabled: true }));
      const c = compile(generateSieve(rules).text);
      expect(c.errors?.map(formatDiagnostic) ?? [], `seed ${seed}`).toEqual([]);
    }
  });

  it('require names exactly the extensions the enabled rules use', () => {
    for (let seed = 2000; seed < 2200; seed++) {
      const rules = validRules(seed, 4);
      const g = generateSieve(rules);
      // Each extension is needed: the script fails to compile without it.
      for (const ext of g.requires) {
        const without = g.text.replace(/^require \[.*\];$/m, `require [${g.requires.filter((e) => e !== ext).map((e) => JSON.stringify(e)).join(', ')}];`).replace('require [];', '');
        expect(compile(without).errors?.length ?? 0, `seed ${seed}: ${ext} is not needed`).toBeGreaterThan(0);
      }
      const onlyDisabled = generateSieve(rules.filter((r) => !r.enabled));
      expect(onlyDisabled.requires).toEqual([]);
    }
  });

  it('normalizing twice changes nothing, and parsing is stable under regeneration', () => {
    for (let seed = 3000; seed < 3050; seed++) {
      const rules = validRules(seed, 8);
      expect(normalizeRules(rules)).toEqual(rules);
      const text = generateSieve(rules).text;
      expect(generateSieve(parseRules(text)).text).toBe(text);
    }
  });
});
