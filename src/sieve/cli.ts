// `mailcove sieve test` and `mailcove sieve check`: the engine on files, for users debugging a
// script and for the differential tests against Pigeonhole's sieve-test.
import fs from 'node:fs';
import path from 'node:path';
import { getHeader, parseAddressList, parseMessage, flattenAddresses } from '../mime/index.js';
import { AppError } from '../util/errors.js';
import { formatDiagnostic, type SieveDiagnostic } from './errors.js';
import { formatActions } from './format.js';
import { compile, MemoryDuplicateStore, run, sieveMessage, type IncludeLoader, type SieveEnv, type SieveResult } from './index.js';

export interface SieveCliOptions {
  envelopeFrom?: string;
  envelopeTo?: string;
  /** Final recipient (vacation's "my address"); default: envelopeTo. */
  recipient?: string;
  trace?: boolean;
  /** Folders that exist besides INBOX (comma-separated on the command line). */
  mailboxes?: string[];
  /** Where `include :personal "x"` finds x.sieve (default: the script's folder) … */
  personalDir?: string;
  /** … and `include :global "x"`. */
  globalDir?: string;
  spamScore?: number;
  virusLevel?: number;
  now?: Date;
}

function readFile(file: string, what: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new AppError('not_found', `cannot read ${what} ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, what);
  }
}

/** Scripts from two folders, as `name` or `name.sieve`. */
export function directoryLoader(personalDir: string, globalDir: string | undefined): IncludeLoader {
  return {
    load(name, location) {
      const dir = location === 'global' ? globalDir : personalDir;
      if (!dir) return null;
      for (const f of [name + '.sieve', name]) {
        const p = path.join(dir, f);
        if (fs.existsSync(p) && fs.statSync(p).isFile()) return fs.readFileSync(p);
      }
      return null;
    },
  };
}

function firstAddress(v: string | null): string | null {
  if (!v) return null;
  return flattenAddresses(parseAddressList(v))[0]?.address ?? null;
}

function compileFile(scriptFile: string, opts: SieveCliOptions) {
  const text = readFile(scriptFile, 'script');
  const loader = directoryLoader(opts.personalDir ?? path.dirname(scriptFile), opts.globalDir);
  return compile(text, { include: loader });
}

function refuse(file: string, errors: SieveDiagnostic[]): never {
  throw new AppError('invalid', `${file}: ${errors.length} error${errors.length === 1 ? '' : 's'}\n${errors.map(formatDiagnostic).join('\n')}`, 'script');
}

/** `sieve check`: the diagnostics, or a refusal listing them (exit 1). */
export function sieveCheck(scriptFile: string, opts: SieveCliOptions = {}): { ok: true; warnings: string[]; requires: string[] } {
  const c = compileFile(scriptFile, opts);
  if (c.errors) refuse(scriptFile, c.errors);
  return { ok: true, warnings: c.warnings.map(formatDiagnostic), requires: [...c.script.required] };
}

/** `sieve test`: run a script over a message file. */
export function sieveTest(scriptFile: string, messageFile: string, opts: SieveCliOptions = {}): { result: SieveResult; lines: string[]; warnings: string[] } {
  const c = compileFile(scriptFile, opts);
  if (c.errors) refuse(scriptFile, c.errors);
  const raw = readFile(messageFile, 'message');
  const parsed = parseMessage(raw);
  // Like sieve-test: the envelope falls back to the message's own headers.
  const from = opts.envelopeFrom ?? firstAddress(getHeader(parsed.headers, 'return-path')) ?? firstAddress(getHeader(parsed.headers, 'sender')) ?? parsed.fromAddresses[0] ?? '';
  const to = opts.envelopeTo ?? firstAddress(getHeader(parsed.headers, 'envelope-to')) ?? firstAddress(getHeader(parsed.headers, 'to')) ?? 'recipient@example.com';
  const msg = sieveMessage(raw, { from: from.replace(/^<|>$/g, ''), to, recipient: opts.recipient ?? to }, parsed);
  const folders = new Set(opts.mailboxes ?? []);
  const env: SieveEnv = {
    mailboxExists: (name) => folders.has(name),
    duplicate: new MemoryDuplicateStore(),
    spamScore: opts.spamScore ?? null,
    virusLevel: opts.virusLevel ?? null,
    trace: opts.trace,
    now: opts.now,
  };
  const result = run(c.script, msg, env);
  const lines: string[] = [];
  if (opts.trace) for (const t of result.trace) lines.push(`# ${t}`);
  for (const e of result.errors) lines.push(`error: ${formatDiagnostic(e)}`);
  lines.push(...formatActions(result.actions));
  return { result, lines, warnings: c.warnings.map(formatDiagnostic) };
}
