// Differential test: every (script, message) pair of the corpus runs through our engine and through
// Pigeonhole's sieve-test; both results, in the canonical form of harness/canon.ts, must be equal,
// except for the pairs in KNOWN_DIFFERENCES (documented in DIFFERENCES.md), which must still differ.
// Without sieve-test the comparison is skipped with a reason, except under CI, where it fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatActions } from '../../src/sieve/format.js';
import { canonOurs, canonPigeonhole } from './harness/canon.js';
import { loadCorpus } from './harness/corpus.js';
import { runOurs } from './harness/ours.js';
import { Pigeonhole, SIEVE_TEST } from './harness/pigeonhole.js';
import { KNOWN_DIFFERENCES } from './known-differences.js';

const pairs = loadCorpus();

function ours(id: string): string[] {
  const p = pairs.find((x) => x.id === id)!;
  const r = runOurs(p);
  if (r.compileErrors) return ['compile-error'];
  // The CLI's formatter must handle whatever the engine returns.
  expect(formatActions(r.result!.actions).length).toBe(r.result!.actions.length);
  return canonOurs(r.result!);
}

describe('Sieve corpus', () => {
  it('has at least 300 pairs', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(300);
  });
  it('lists only known differences that exist in the corpus', () => {
    const ids = new Set(pairs.map((p) => p.id));
    expect(Object.keys(KNOWN_DIFFERENCES).filter((k) => !ids.has(k))).toEqual([]);
  });
});

describe.runIf(SIEVE_TEST)('differential against Pigeonhole sieve-test', () => {
  let ph: Pigeonhole;
  let outputs = new Map<string, string>();
  beforeAll(async () => {
    ph = new Pigeonhole();
    outputs = await ph.runAll(pairs);
  }, 900_000);
  afterAll(() => ph?.cleanup());

  for (const p of pairs) {
    it(p.id, () => {
      const raw = outputs.get(p.id)!;
      const theirs = canonPigeonhole(raw);
      const mine = ours(p.id);
      const known = KNOWN_DIFFERENCES[p.id];
      if (known) {
        expect(mine, `listed as a known difference (${known}) but both engines now agree: remove it from the list`).not.toEqual(theirs);
      } else {
        expect(mine, `sieve-test output:\n${raw}`).toEqual(theirs);
      }
    });
  }
});

describe.skipIf(SIEVE_TEST)('differential against Pigeonhole sieve-test', () => {
  it('needs sieve-test', () => {
    const reason = 'sieve-test not found (Debian package dovecot-sieve): the differential comparison is skipped';
    if (process.env.CI) throw new Error(`${reason}, which CI does not allow`);
    console.warn(reason);
  });
});
