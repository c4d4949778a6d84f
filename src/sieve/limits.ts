// Limits of the Sieve engine. Every one has a safe default; the delivery pipeline may lower or raise
// them per domain. Exceeding a compile-time limit refuses the script; exceeding a runtime limit
// stops it with an error, which the caller turns into implicit keep (mail is never lost).

export interface SieveLimits {
  /** Largest script accepted, in bytes (Pigeonhole: sieve_max_script_size 1M). */
  maxScriptBytes: number;
  /** Deepest nesting of blocks and tests (anyof/allof/not) together. */
  maxNesting: number;
  /** Most commands in a script, items in a string list, tests in a test list. */
  maxListItems: number;
  /** Most distinct actions a run may collect (Pigeonhole: sieve_max_actions 32). */
  maxActions: number;
  /** Most distinct redirects per message (Pigeonhole: sieve_max_redirects 4). */
  maxRedirects: number;
  /** Deepest chain of include (RFC 6609; Pigeonhole: 10). */
  maxIncludeDepth: number;
  /** Most scripts included in total by one compiled script (Pigeonhole: 255). */
  maxIncludes: number;
  /** Interpreter steps per run: commands, tests and units of matching work (values, regex steps). */
  maxSteps: number;
  /** Wall-clock budget of one run in milliseconds (checked every few thousand steps); 0 = none. */
  maxRunMs: number;
  /** Largest value a variable holds, in characters (RFC 5229 asks for at least 4000; Pigeonhole 4096). */
  maxVariableSize: number;
  /** Most variables per script scope. */
  maxVariables: number;
  /** Largest compiled regex, in NFA instructions. */
  maxRegexSize: number;
  /** Largest header value addheader may add (Pigeonhole: 2048). */
  maxHeaderValueBytes: number;
  /** Bytes of a body searched by the body test and of one part by foreverypart/extracttext. */
  maxBodyBytes: number;
  /** Vacation period bounds in seconds, 0 = no maximum (Pigeonhole: 1 day, none; default 7 days). */
  vacationMinSeconds: number;
  vacationMaxSeconds: number;
  vacationDefaultSeconds: number;
  /** Duplicate tracking period bounds (RFC 7352; Pigeonhole: default 12 hours, max 2 days). */
  duplicateDefaultSeconds: number;
  duplicateMaxSeconds: number;
}

export const DEFAULT_LIMITS: SieveLimits = {
  maxScriptBytes: 1024 * 1024,
  maxNesting: 32,
  maxListItems: 10_000,
  maxActions: 32,
  maxRedirects: 4,
  maxIncludeDepth: 10,
  maxIncludes: 255,
  maxSteps: 10_000_000,
  maxRunMs: 2_000,
  maxVariableSize: 4096,
  maxVariables: 255,
  maxRegexSize: 20_000,
  maxHeaderValueBytes: 2048,
  maxBodyBytes: 1024 * 1024,
  vacationMinSeconds: 86_400,
  vacationMaxSeconds: 0,
  vacationDefaultSeconds: 7 * 86_400,
  duplicateDefaultSeconds: 12 * 3600,
  duplicateMaxSeconds: 2 * 86_400,
};
