// The public data of the engine: actions (what the pipeline performs), the environment a run is
// given (everything outside the message the script may ask about), and results.
import type { HeaderField } from '../mime/index.js';
import type { SieveDiagnostic } from './errors.js';
import type { SieveLimits } from './limits.js';

/** IMAP flags as the script left them: system flags capitalised (\Seen), keywords as written. */
export type Flags = string[];

export type SieveAction =
  /** Store in the default mailbox (INBOX, or an alias's target folder). `flags` null: imap4flags not used. */
  | { type: 'keep'; implicit: boolean; flags: Flags | null }
  | { type: 'fileinto'; folder: string; copy: boolean; create: boolean; flags: Flags | null; specialUse: string | null }
  | { type: 'redirect'; address: string; copy: boolean }
  /** reject (RFC 5429 2.2) or ereject (2.1, `extended`: refuse at SMTP time when possible). */
  | { type: 'reject'; reason: string; extended: boolean }
  | { type: 'discard' }
  | VacationAction
  | NotifyAction
  /** editheader (RFC 5293): the edits are also applied to `SieveResult.headers`. */
  | { type: 'addheader'; name: string; value: string; last: boolean }
  | { type: 'deleteheader'; name: string; removed: number }
  /** duplicate (RFC 7352): record `id` as seen for `seconds` once the message is delivered. */
  | { type: 'duplicate'; id: string; handle: string; seconds: number; last: boolean };

export interface VacationAction {
  type: 'vacation';
  /** Recipient of the response: the envelope sender. */
  to: string;
  /** :from, or null: the pipeline uses the mailbox's address. */
  from: string | null;
  /** :subject as given, or null. */
  subject: string | null;
  /** The subject to send: :subject, else "Auto: " + the message's subject (RFC 5230 4.4). */
  replySubject: string;
  reason: string;
  /** The reason is a MIME entity (:mime). */
  mime: boolean;
  /** :handle, else computed from the arguments (as Pigeonhole does). */
  handle: string;
  /** Period after which the same sender may get another response, clamped to the limits. */
  seconds: number;
  /** :addresses: further addresses of the user. */
  addresses: string[];
  /** Message-ID of the message answered (In-Reply-To/References of the response), or null. */
  inReplyTo: string | null;
  /** Null when a response is due; else why none should be sent (RFC 5230 4.5-4.7). */
  skip: string | null;
}

export interface NotifyAction {
  type: 'notify';
  /** The notification URI, e.g. "mailto:joe@example.org?subject=hi". */
  method: string;
  /** mailto: recipients parsed from the URI (RFC 5436). */
  recipients: string[];
  from: string | null;
  importance: 1 | 2 | 3;
  options: string[];
  message: string | null;
}

/** Where scripts named by `include` come from (RFC 6609). Loaded at compile time. */
export interface IncludeLoader {
  /** The text of a script, or null when it does not exist. */
  load(name: string, location: 'personal' | 'global'): string | Buffer | null;
}

/** Seen ids of the duplicate extension (RFC 7352). */
export interface DuplicateStore {
  /** Was `id` recorded and not yet expired? May be async (see runAsync). */
  has(id: string): boolean | Promise<boolean>;
}

/** An in-memory DuplicateStore for tests and the CLI; `record` is what the pipeline would do. */
export class MemoryDuplicateStore implements DuplicateStore {
  private seen = new Map<string, number>();
  constructor(private clock: () => number = Date.now) {}
  has(id: string): boolean {
    const exp = this.seen.get(id);
    if (exp === undefined) return false;
    if (exp <= this.clock()) {
      this.seen.delete(id);
      return false;
    }
    return true;
  }
  record(id: string, seconds: number): void {
    this.seen.set(id, this.clock() + seconds * 1000);
  }
}

export interface SieveEnv {
  /** Folder of keep, for merging `fileinto "INBOX"` with keep. Default "INBOX". */
  defaultMailbox?: string;
  /** mailboxexists (RFC 5490): does the folder exist? May be async. Missing: nothing exists but INBOX. */
  mailboxExists?(name: string): boolean | Promise<boolean>;
  duplicate?: DuplicateStore;
  /** spamtest (RFC 5235): the classifier's certainty in [0, 1]; null or absent: not tested. */
  spamScore?: number | null;
  /** virustest (RFC 5235) level: 1 clean … 5 infected; 0, null or absent: not tested. */
  virusLevel?: number | null;
  /** vacation: has this sender had a response with this handle within the period? May be async. */
  vacationResponded?(handle: string, sender: string): boolean | Promise<boolean>;
  /** vacation: the user's own addresses (the recipient is always included). */
  userAddresses?: string[];
  /** environment (RFC 5183) items; defaults are filled in for name, version, location, phase. */
  environment?: Record<string, string>;
  /** The current time (currentdate, vacation); default: now, read once per run. */
  now?: Date;
  /** Zone of date tests without :zone, in minutes east of UTC; default: the machine's. */
  zoneOffsetMinutes?: number;
  /** Collect a trace of what the script did. */
  trace?: boolean;
}

export interface SieveResult {
  /** What to do, in order. Always contains at least one action: without any, the implicit keep. */
  actions: SieveAction[];
  /** Runtime errors: when present, `actions` is just the implicit keep (RFC 5228 2.10.6). */
  errors: SieveDiagnostic[];
  /** Lines "line: what happened", when env.trace was set. */
  trace: string[];
  /** The top-level header fields after editheader, or null when the script changed none. */
  headers: HeaderField[] | null;
  /** Interpreter steps used (commands, tests, matching work). */
  steps: number;
}

export interface CompileOptions {
  /** Capabilities the script may require; default: every one the engine implements. */
  extensions?: string[];
  limits?: Partial<SieveLimits>;
  /** For include; without one, every include fails to compile (unless :optional). */
  include?: IncludeLoader;
  /** Name used in diagnostics of this script ('' for the main script). */
  name?: string;
  /** Commands refused in this script and its includes, e.g. ["redirect"] where a domain forbids it. */
  forbidCommands?: string[];
}
