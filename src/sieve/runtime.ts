// The state of one run of a compiled script over one message: variables, match variables, the
// imap4flags internal variable, the (possibly edited) header, and the actions collected so far
// with RFC 5228 4 / 5429 / 5230 rules (cancelling implicit keep, merging duplicates,
// incompatible actions as errors). Compiled code is closures over this object.
import type { HeaderField, MimePart } from '../mime/index.js';
import { SieveRuntimeError, type Pos } from './errors.js';
import type { SieveLimits } from './limits.js';
import { decodeHeaderValue, type SieveMessage } from './message.js';
import type { Flags, SieveAction, SieveEnv } from './types.js';

/** Control signals returned by compiled commands. */
export const CONTINUE = 0;
export const STOP = 1;
export const RETURN = 2;
export const BREAK = 3;

const MAX_HEADER_EDITS = 1000;

export type Exec = (rt: Runtime) => number;
export type TestFn = (rt: Runtime) => boolean;

/** Thrown by an env hook that returned a promise: runAsync awaits it and runs the script again. */
export class Suspend {
  constructor(readonly promise: Promise<unknown>) {}
}

const SYSTEM_FLAGS: Record<string, string> = {
  '\\seen': '\\Seen', '\\answered': '\\Answered', '\\flagged': '\\Flagged',
  '\\deleted': '\\Deleted', '\\draft': '\\Draft', '\\recent': '\\Recent',
};

/** RFC 5232 3: a flag list is space-separated; system flags are case-insensitive. */
export function normaliseFlags(parts: string[]): Flags {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const p of parts) {
    for (const f of p.split(' ')) {
      if (!f) continue;
      const lower = f.toLowerCase();
      if (seen.has(lower)) continue;
      seen.add(lower);
      out.push(SYSTEM_FLAGS[lower] ?? f);
    }
  }
  return out;
}

export class Runtime {
  steps = 0;
  private deadline: number;
  private nextClock: number;
  /** Local variables of the script being run (each included script has its own). */
  vars = new Map<string, string>();
  /** Variables declared `global` (RFC 6609 3.4), shared by every script of the run. */
  readonly globals = new Map<string, string>();
  matchVars: string[] = [];
  /** imap4flags internal variable. */
  flags: Flags = [];
  implicitKeep = true;
  readonly actions: SieveAction[] = [];
  private redirects = 0;
  /** Where we are, for runtime errors and the trace. */
  pos: Pos = { line: 0, col: 0 };
  script = '';
  readonly trace: string[] | null;
  /** Current part inside foreverypart (RFC 5703), null outside. */
  part: MimePart | null = null;
  /** Name of the foreverypart loop a `break :name` leaves. */
  breakName: string | null = null;
  /** Scripts already included with :once. */
  readonly includedOnce = new Set<string>();
  readonly now: Date;
  private editedHeaders: HeaderField[] | null = null;
  private headerMemo: Map<string, string[]> | null = null;
  /** Answers of async env hooks, by question, for runAsync's re-runs. */
  answers: Map<string, unknown>;
  readonly defaultMailbox: string;

  constructor(
    readonly msg: SieveMessage,
    readonly env: SieveEnv,
    readonly limits: SieveLimits,
    answers?: Map<string, unknown>,
  ) {
    this.trace = env.trace ? [] : null;
    this.now = env.now ?? new Date();
    const start = Date.now();
    this.deadline = limits.maxRunMs > 0 ? start + limits.maxRunMs : Infinity;
    this.nextClock = 4096;
    this.answers = answers ?? new Map();
    this.defaultMailbox = env.defaultMailbox ?? 'INBOX';
  }

  fail(message: string): never {
    throw new SieveRuntimeError(this.pos, message, this.script);
  }

  /** Count work; a run past its step or time budget ends with an error (implicit keep). */
  tick(n = 1): void {
    this.steps += n;
    if (this.steps > this.limits.maxSteps) this.fail(`script used more than ${this.limits.maxSteps} steps`);
    if (this.steps >= this.nextClock) {
      this.nextClock = this.steps + 4096;
      if (Date.now() > this.deadline) this.fail(`script ran longer than ${this.limits.maxRunMs} ms`);
    }
  }

  log(text: string): void {
    this.trace?.push(`${this.script ? this.script + ':' : ''}${this.pos.line}: ${text}`);
  }

  /** Ask an env hook that may be async: a promise suspends the run (see runAsync). */
  ask<T>(key: string, fn: () => T | Promise<T>): T {
    if (this.answers.has(key)) return this.answers.get(key) as T;
    const v = fn();
    if (v instanceof Promise) {
      throw new Suspend(v.then((x) => this.answers.set(key, x)));
    }
    this.answers.set(key, v);
    return v;
  }

  // ---- header access ---------------------------------------------------------------------

  get headers(): HeaderField[] {
    return this.editedHeaders ?? this.msg.headers;
  }

  get headersEdited(): HeaderField[] | null {
    return this.editedHeaders;
  }

  /** Raw values of a top-level header (case-insensitive name), in order. */
  rawHeaderValues(name: string): string[] {
    const n = name.toLowerCase();
    const out: string[] = [];
    for (const h of this.headers) if (h.name.length === n.length && h.name.toLowerCase() === n) out.push(h.value);
    return out;
  }

  /** Decoded values of a top-level header, memoised per message (or per run once edited). */
  headerValues(name: string): string[] {
    const n = name.toLowerCase();
    const memo = this.headerMemo ?? (this.msg.memo as Map<string, unknown>);
    const key = 'h:' + n;
    const hit = memo.get(key) as string[] | undefined;
    if (hit) return hit;
    const vals = this.rawHeaderValues(n).map(decodeHeaderValue);
    memo.set(key, vals);
    return vals;
  }

  /** Replace the header (editheader); later tests see the new one. */
  setHeaders(h: HeaderField[]): void {
    this.editedHeaders = h;
    this.headerMemo = new Map();
  }

  // ---- actions ------------------------------------------------------------------------------

  private counted = 0;
  private edits = 0;

  private push(a: SieveAction): void {
    // Header edits are not actions in RFC 5228's sense; they have their own, larger bound.
    if (a.type === 'addheader' || a.type === 'deleteheader') {
      if (++this.edits > MAX_HEADER_EDITS) this.fail(`too many header edits (more than ${MAX_HEADER_EDITS})`);
    } else if (++this.counted > this.limits.maxActions) this.fail(`too many actions (more than ${this.limits.maxActions})`);
    this.actions.push(a);
  }

  private find<T extends SieveAction['type']>(type: T): Extract<SieveAction, { type: T }> | undefined {
    return this.actions.find((a) => a.type === type) as Extract<SieveAction, { type: T }> | undefined;
  }

  private sameMailbox(a: string, b: string): boolean {
    // INBOX is case-insensitive (RFC 3501 5.1); other names are exact.
    return a === b || (a.toUpperCase() === 'INBOX' && b.toUpperCase() === 'INBOX');
  }

  private storeFor(folder: string): Extract<SieveAction, { type: 'keep' | 'fileinto' }> | undefined {
    const isDefault = this.sameMailbox(folder, this.defaultMailbox);
    for (const a of this.actions) {
      if (a.type === 'keep' && isDefault) return a;
      if (a.type === 'fileinto' && this.sameMailbox(a.folder, folder)) return a;
    }
    return undefined;
  }

  private noReject(what: string): void {
    // RFC 5429 2.1/2.2: reject cannot be combined with delivering the message.
    if (this.find('reject')) this.fail(`reject/ereject action conflicts with ${what}, which delivers the message`);
  }

  keep(flags: Flags | null, implicit = false): void {
    if (!implicit) {
      this.noReject('keep');
      this.implicitKeep = false;
    }
    const prev = this.storeFor(this.defaultMailbox);
    if (prev) {
      prev.flags = flags;
      return;
    }
    this.push({ type: 'keep', implicit, flags });
  }

  fileinto(folder: string, copy: boolean, create: boolean, flags: Flags | null, specialUse: string | null = null): void {
    this.noReject('fileinto');
    if (!copy) this.implicitKeep = false;
    const prev = this.storeFor(folder);
    if (prev) {
      prev.flags = flags;
      if (prev.type === 'fileinto') prev.create ||= create;
      return;
    }
    this.push({ type: 'fileinto', folder, copy, create, flags, specialUse });
  }

  redirect(address: string, copy: boolean): void {
    this.noReject('redirect');
    if (!copy) this.implicitKeep = false;
    const key = redirectKey(address);
    if (this.actions.some((a) => a.type === 'redirect' && redirectKey(a.address) === key)) return;
    if (++this.redirects > this.limits.maxRedirects) this.fail(`too many redirects (more than ${this.limits.maxRedirects})`);
    this.push({ type: 'redirect', address, copy });
  }

  reject(reason: string, extended: boolean): void {
    if (this.find('reject')) this.fail('only one reject/ereject action is allowed');
    for (const a of this.actions) {
      if (a.type === 'fileinto' || (a.type === 'keep' && !a.implicit)) this.fail('reject/ereject action conflicts with a store action, which delivers the message');
      if (a.type === 'redirect') this.fail('reject/ereject action conflicts with redirect, which delivers the message');
      if (a.type === 'vacation') this.fail('reject/ereject action conflicts with vacation: both send a response to the sender');
    }
    this.implicitKeep = false;
    this.push({ type: 'reject', reason, extended });
  }

  discard(): void {
    this.implicitKeep = false;
    if (!this.find('discard')) this.push({ type: 'discard' });
  }

  vacation(a: Extract<SieveAction, { type: 'vacation' }>): void {
    if (this.find('vacation')) this.fail('only one vacation action is allowed');
    if (this.find('reject')) this.fail('vacation action conflicts with reject/ereject: both send a response to the sender');
    this.push(a);
  }

  /** Actions with no interplay rules (notify, editheader records, duplicate tracking). */
  other(a: SieveAction): void {
    this.push(a);
  }

  /** The final list: the implicit keep added when still due (RFC 5228 2.10.2). */
  finish(useFlags: boolean): SieveAction[] {
    if (this.implicitKeep && !this.storeFor(this.defaultMailbox)) {
      this.actions.push({ type: 'keep', implicit: true, flags: useFlags ? [...this.flags] : null });
    }
    return this.actions;
  }
}

/** Redirects to the same address are one (local part exact, domain case-insensitive). */
export function redirectKey(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? address : address.slice(0, at) + '@' + address.slice(at + 1).toLowerCase();
}

/** Run a block; a non-CONTINUE signal (stop, return, break) ends it early. */
export function runBlock(rt: Runtime, body: Exec[]): number {
  for (let i = 0; i < body.length; i++) {
    const r = body[i]!(rt);
    if (r !== CONTINUE) return r;
  }
  return CONTINUE;
}
