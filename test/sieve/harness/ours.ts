// Our engine on a corpus pair, with the environment sieve-test gives the same pair.
import os from 'node:os';
import path from 'node:path';
import { directoryLoader } from '../../../src/sieve/cli.js';
import { compile, MemoryDuplicateStore, run, sieveMessage, type SieveResult } from '../../../src/sieve/index.js';
import { CORPUS, headerScore, type Pair } from './corpus.js';

export interface OurRun {
  compileErrors: string[] | null;
  result: SieveResult | null;
}

/** What Pigeonhole's sieve-test reports for RFC 5183 items (host and domain: the machine's name). */
export const PIGEONHOLE_ENVIRONMENT = {
  name: 'Pigeonhole Sieve',
  version: '0.5.19',
  location: 'MS',
  phase: 'post',
  host: os.hostname(),
  domain: os.hostname(),
};

const loader = directoryLoader(path.join(CORPUS, 'include', 'personal'), path.join(CORPUS, 'include', 'global'));

export function runOurs(p: Pair): OurRun {
  const c = compile(p.script, { include: loader });
  if (c.errors) return { compileErrors: c.errors.map((e) => `${e.line}:${e.col}: ${e.message}`), result: null };
  const msg = sieveMessage(p.message, { from: p.envelopeFrom, to: p.envelopeTo });
  const folders = new Set(p.mailboxes);
  const result = run(c.script, msg, {
    mailboxExists: (n) => folders.has(n),
    duplicate: new MemoryDuplicateStore(),
    spamScore: headerScore(p.message, 'X-Spam-Score', 10),
    virusLevel: ((r) => (r === null ? null : 1 + Math.floor(4 * r)))(headerScore(p.message, 'X-Virus-Score', 5)),
    environment: PIGEONHOLE_ENVIRONMENT,
  });
  return { compileErrors: null, result };
}
