// Mailcove's Sieve engine (RFC 5228 and the extensions listed in capabilities.ts), written here,
// pure code: no I/O, no database. Everything the script may ask about the world comes in `env`.
//
// Interface for the delivery pipeline (the decide stage):
//
//   compile(text, { include, limits, extensions, forbidCommands }) → { script } | { errors }
//     Once per script version; cache the result (keyed by the text and script.includes). Errors
//     are {line, col, message, script} — refuse the upload and show `line:col: message`.
//     `include` is a synchronous loader (preload the user's scripts); `forbidCommands: ['redirect']`
//     refuses redirect where the domain forbids it in raw scripts.
//   sieveMessage(raw, { from, to, recipient, auth }, parsed) → message view
//     Once per message and mailbox. `parsed` is parseMessage(raw) from the parse stage; `to` is
//     the RCPT TO address (an alias stays an alias: envelope "to"), `recipient` the mailbox's own.
//   run(script, message, env) → { actions, errors, trace, headers, steps }
//   runAsync(script, message, env) → the same, when env hooks return promises
//     env: mailboxExists(name), duplicate.has(id), vacationResponded(handle, sender),
//     spamScore (0..1), virusLevel (1..5), userAddresses, environment items, now,
//     zoneOffsetMinutes, defaultMailbox, trace.
//
//   r.actions, in order (plain data, see types.ts): keep {flags} / fileinto {folder, copy, create,
//     flags} / redirect {address, copy} / reject {reason, extended} / discard / vacation {to, from,
//     replySubject, reason, mime, handle, seconds, inReplyTo, skip} / notify {method, recipients,
//     from, importance, message} / duplicate {id, seconds, last} (record once delivered) /
//     addheader and deleteheader (already applied in r.headers: store the message with those
//     fields, writing `raw` for untouched ones and RFC 2047-encoding non-ASCII values).
//   r.errors non-empty: the script failed at run time; r.actions is then exactly the implicit keep
//     — note the error in the message's trace. Mail is never lost.
//
// Rules kept by the engine, so the pipeline need not: implicit keep and what cancels it (RFC 5228
// 2.10.2), duplicate stores and redirects merged (2.10.3), reject incompatible with keep, fileinto,
// redirect and vacation (RFC 5429), one vacation per run (RFC 5230), at most `maxActions` actions
// and `maxRedirects` redirects, a step and time budget per run (a script can never hang delivery:
// the regex engine is linear-time), vacation's "should we answer at all" (RFC 5230 4.5-4.7).
//
// A compiled script holds no per-message state: one compiled object serves every message, and a
// MemoryDuplicateStore or any DuplicateStore implementation plugs into env.duplicate.
import { CompileSession, compileText, ScriptCompiler, type CompiledScript } from './compiler.js';
import { CAPABILITIES, IMPLEMENTED } from './capabilities.js';
import { SieveRuntimeError, type SieveDiagnostic } from './errors.js';
import { DEFAULT_LIMITS, type SieveLimits } from './limits.js';
import type { SieveMessage } from './message.js';
import { runBlock, Runtime, Suspend } from './runtime.js';
import type { CompileOptions, SieveAction, SieveEnv, SieveResult } from './types.js';

export { CAPABILITIES, NOTIFY_METHODS } from './capabilities.js';
export type { CompiledScript } from './compiler.js';
export { formatDiagnostic, type Pos, type SieveDiagnostic } from './errors.js';
export { DEFAULT_LIMITS, type SieveLimits } from './limits.js';
export { sieveMessage, type SieveEnvelope, type SieveHeaderField, type SieveMessage } from './message.js';
export { formatAction, formatActions } from './format.js';
export * from './types.js';

export type CompileResult =
  | { script: CompiledScript; errors?: undefined; warnings: SieveDiagnostic[] }
  | { script?: undefined; errors: SieveDiagnostic[]; warnings: SieveDiagnostic[] };

/** Validate and compile a script (text or UTF-8 bytes). Errors carry line:col. */
export function compile(text: string | Buffer, opts: CompileOptions = {}): CompileResult {
  const limits: SieveLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const available = new Set(
    (opts.extensions ?? CAPABILITIES).map((e) => e.toLowerCase()).filter((e) => IMPLEMENTED.has(e)),
  );
  // RFC 5228 2.7.3: these two comparators always exist.
  available.add('comparator-i;octet');
  available.add('comparator-i;ascii-casemap');
  const session = new CompileSession(available, limits, opts.include, new Set((opts.forbidCommands ?? []).map((c) => c.toLowerCase())));
  const main = new ScriptCompiler(session, opts.name ?? '');
  const body = compileText(main, text);
  if (session.errors.length) return { errors: session.errors, warnings: session.warnings };
  return {
    script: {
      name: opts.name ?? '',
      body,
      required: main.required,
      includes: session.includeList,
      limits,
      usesFlags: session.usesFlags,
      warnings: session.warnings,
    },
    warnings: session.warnings,
  };
}

const IMPLICIT_KEEP: SieveAction = { type: 'keep', implicit: true, flags: null };

function failed(rt: Runtime, d: SieveDiagnostic): SieveResult {
  const trace = rt.trace ?? [];
  trace.push(`error: ${d.line}:${d.col}: ${d.message}; falling back to implicit keep`);
  return { actions: [{ ...IMPLICIT_KEEP }], errors: [d], trace, headers: null, steps: rt.steps };
}

function attempt(script: CompiledScript, msg: SieveMessage, env: SieveEnv, answers: Map<string, unknown>): SieveResult | Suspend {
  const rt = new Runtime(msg, env, script.limits, answers);
  rt.script = script.name;
  try {
    runBlock(rt, script.body);
    const actions = rt.finish(script.usesFlags);
    return { actions, errors: [], trace: rt.trace ?? [], headers: rt.headersEdited, steps: rt.steps };
  } catch (e) {
    if (e instanceof Suspend) return e;
    if (e instanceof SieveRuntimeError) {
      return failed(rt, { line: e.pos?.line ?? 0, col: e.pos?.col ?? 0, message: e.message, script: e.script });
    }
    // A bug of ours must not lose mail either.
    return failed(rt, { line: rt.pos.line, col: rt.pos.col, message: `internal error: ${(e as Error)?.message ?? e}`, script: rt.script });
  }
}

/** Run a compiled script over one message. Env hooks must answer synchronously (see runAsync). */
export function run(script: CompiledScript, msg: SieveMessage, env: SieveEnv = {}): SieveResult {
  const r = attempt(script, msg, env, new Map());
  if (r instanceof Suspend) {
    r.promise.catch(() => undefined);
    throw new Error('an env hook returned a promise: use runAsync');
  }
  return r;
}

/**
 * Run with env hooks that may return promises. The interpreter is pure, so when a hook's answer is
 * not known yet the run stops, the answer is awaited, and the script runs again from the start
 * with every answer so far remembered (a script asks a handful of questions at most).
 */
export async function runAsync(script: CompiledScript, msg: SieveMessage, env: SieveEnv = {}): Promise<SieveResult> {
  const fixed: SieveEnv = { ...env, now: env.now ?? new Date() };
  const answers = new Map<string, unknown>();
  for (let round = 0; ; round++) {
    const r = attempt(script, msg, fixed, answers);
    if (!(r instanceof Suspend)) return r;
    try {
      if (round > 1000) throw new Error('too many environment lookups');
      await r.promise;
    } catch (e) {
      const rt = new Runtime(msg, fixed, script.limits);
      return failed(rt, { line: 0, col: 0, message: `environment lookup failed: ${(e as Error)?.message ?? e}`, script: script.name });
    }
  }
}
