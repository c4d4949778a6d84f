import { it } from 'vitest';
import fs from 'node:fs';
import { compile, run, sieveMessage } from '../../src/sieve/index.js';
it('scratch', () => {
  const src = process.env.SCRIPT ?? '';
  const c = compile(src);
  if (c.errors) { console.log(c.errors); return; }
  const msg = sieveMessage(fs.readFileSync(process.env.MSG ?? 'test/sieve/corpus/messages/plain.eml'), { from: 'a@b.c', to: 'bob@example.com' });
  const r = run(c.script, msg, { trace: !!process.env.TRACE });
  console.log(JSON.stringify(r.actions), r.errors, r.trace.join('\n'));
});
