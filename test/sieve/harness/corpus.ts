// The differential corpus: scripts in corpus/cases (handwritten) and corpus/generated (written by
// corpus/generate.mjs), each naming in its first comment lines the messages it runs against and
// the environment:
//
//   # messages: plain.eml list.eml        (files in corpus/messages)
//   # envelope-from: alice@example.org    (default: the message's Return-Path, else sender@example.com)
//   # envelope-to: bob@example.com        (default: bob@example.com)
//   # mailboxes: Work Lists               (folders that exist besides INBOX)
//
// Every (script, message) is one pair. Spam and virus scores come from the X-Spam-Score (0-10)
// and X-Virus-Score (0-5) headers, read the way Pigeonhole is configured to read them.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CORPUS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'corpus');

export interface Pair {
  /** "<script file without .sieve>/<message file>" — the key of the known-differences list. */
  id: string;
  scriptFile: string;
  script: Buffer;
  messageFile: string;
  message: Buffer;
  envelopeFrom: string;
  envelopeTo: string;
  mailboxes: string[];
}

function meta(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^#\s*([a-z-]+):\s*(.*?)\s*$/.exec(line);
    if (!m) break;
    out.set(m[1]!, m[2]!);
  }
  return out;
}

function returnPath(msg: Buffer): string | null {
  const m = /^Return-Path:[ \t]*<([^>]*)>/im.exec(msg.toString('latin1').split(/\r?\n\r?\n/)[0]!);
  return m ? m[1]! : null;
}

export function loadCorpus(): Pair[] {
  const pairs: Pair[] = [];
  for (const dir of ['cases', 'generated']) {
    const full = path.join(CORPUS, dir);
    if (!fs.existsSync(full)) continue;
    for (const f of fs.readdirSync(full).filter((x) => x.endsWith('.sieve')).sort()) {
      const scriptFile = path.join(full, f);
      const script = fs.readFileSync(scriptFile);
      const m = meta(script.toString('utf8'));
      const messages = (m.get('messages') ?? 'plain.eml').split(/\s+/).filter(Boolean);
      for (const mf of messages) {
        const messageFile = path.join(CORPUS, 'messages', mf);
        const message = fs.readFileSync(messageFile);
        pairs.push({
          id: `${dir}/${f.replace(/\.sieve$/, '')}/${mf}`,
          scriptFile,
          script,
          messageFile,
          message,
          envelopeFrom: m.get('envelope-from') ?? returnPath(message) ?? 'sender@example.com',
          envelopeTo: m.get('envelope-to') ?? 'bob@example.com',
          mailboxes: (m.get('mailboxes') ?? '').split(/\s+/).filter(Boolean),
        });
      }
    }
  }
  return pairs;
}

/** A score header as a ratio of its maximum, like Pigeonhole's "score" status type; null if absent or not a number. */
export function headerScore(msg: Buffer, name: string, max: number): number | null {
  const head = msg.toString('latin1').split(/\r?\n\r?\n/)[0]!;
  const m = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head);
  if (!m) return null;
  const v = m[1]!.trim();
  if (!/^-?\d+(\.\d+)?$/.test(v)) return null;
  return Math.min(Math.max(Number(v) / max, 0), 1);
}
