// spamtest, spamtestplus and virustest (RFC 5235). The environment gives the classifier's
// certainty (0..1) and the virus level (1..5); the values are mapped the way Pigeonhole maps a
// score header, so both engines agree: spamtest 1 + ⌊9·score⌋, :percent round(100·score),
// "0" when the message was not tested.
import type { Runtime } from '../runtime.js';
import type { TestDef } from '../spec.js';

function spamValue(rt: Runtime, percent: boolean): string {
  const s = rt.env.spamScore;
  if (s === null || s === undefined || Number.isNaN(s)) return '0';
  const r = Math.min(Math.max(s, 0), 1);
  return percent ? String(Math.round(r * 100)) : String(1 + Math.floor(9 * r));
}

function virusValue(rt: Runtime): string {
  const v = rt.env.virusLevel;
  if (!v || Number.isNaN(v)) return '0';
  return String(Math.min(Math.max(Math.round(v), 1), 5));
}

export const spamTests: Record<string, TestDef> = {
  spamtest: {
    kind: 'test', ext: ['spamtest', 'spamtestplus'], sets: ['comparator', 'match'],
    tags: { percent: { ext: 'spamtestplus' } },
    args: [{ name: 'value', type: 'string' }],
    compile(ch, c) {
      const percent = ch.tags.has('percent');
      const m = c.matcher(ch, ch.args[0]);
      return (rt) => m(rt, [spamValue(rt, percent)]);
    },
  },
  virustest: {
    kind: 'test', ext: 'virustest', sets: ['comparator', 'match'],
    args: [{ name: 'value', type: 'string' }],
    compile(ch, c) {
      const m = c.matcher(ch, ch.args[0]);
      return (rt) => m(rt, [virusValue(rt)]);
    },
  },
};
