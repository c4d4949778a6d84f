// Hard limits of the IMAP protocol layer, all checked before anything is buffered or allocated
// (ARCHITECTURE.md "Errors and limits"). Sessions take them from config; these are the defaults.

export interface ImapLimits {
  /**
   * Longest command text, literal data excluded: the sum of the lines of one command (RFC 9051 sets
   * no limit; RFC 7162 4 asks servers to accept at least 8192 octets). Over it the reader
   * can't resynchronise, so the error is fatal (BYE).
   */
  maxLineLength: number;
  /**
   * Largest literal (and literal8), also the APPENDLIMIT we advertise (RFC 7889). Checked from the
   * literal's header alone: `{4000000000}` is refused before any byte of it is read.
   */
  maxLiteralSize: number;
  /**
   * Largest literal in any command but APPEND (a LOGIN password, a SEARCH string, a header field
   * name): those are kept in memory and may come before login, so they get a small limit.
   */
  maxArgumentLiteral: number;
  /**
   * Largest non-synchronising literal `{n+}`: maxLiteralSize under LITERAL+, 4096 under LITERAL-
   * (RFC 7888 4). Set by `literalMode`.
   */
  literalMode: 'LITERAL+' | 'LITERAL-';
  /** Deepest nesting of parenthesised lists and search keys (OR/NOT/groups count as a level). */
  maxNestingDepth: number;
  /** Most comma-separated elements in one sequence set. */
  maxSequenceRanges: number;
  /** Largest whole command, lines and literals together. */
  maxCommandSize: number;
}

/** RFC 7888 4: under LITERAL- non-synchronising literals are at most 4096 octets. */
export const LITERAL_MINUS_MAX = 4096;

export const DEFAULT_LIMITS: Readonly<ImapLimits> = Object.freeze({
  maxLineLength: 64 * 1024,
  maxLiteralSize: 50 * 1024 * 1024,
  maxArgumentLiteral: 64 * 1024,
  literalMode: 'LITERAL+',
  maxNestingDepth: 64,
  maxSequenceRanges: 16_384,
  maxCommandSize: 50 * 1024 * 1024 + 64 * 1024,
});

/** Defaults completed with the given values; every value must be a positive integer. */
export function resolveLimits(partial: Partial<ImapLimits> = {}): ImapLimits {
  const limits: ImapLimits = { ...DEFAULT_LIMITS, ...partial };
  for (const key of ['maxLineLength', 'maxLiteralSize', 'maxArgumentLiteral', 'maxNestingDepth', 'maxSequenceRanges', 'maxCommandSize'] as const) {
    const v = limits[key];
    if (!Number.isSafeInteger(v) || v <= 0) throw new RangeError(`IMAP limit ${key} must be a positive integer, got ${v}`);
  }
  if (partial.maxCommandSize === undefined && limits.maxCommandSize < limits.maxLiteralSize + limits.maxLineLength) {
    limits.maxCommandSize = limits.maxLiteralSize + limits.maxLineLength;
  }
  return limits;
}

/** The largest non-synchronising literal these limits accept. */
export function maxNonSyncLiteral(limits: ImapLimits): number {
  return limits.literalMode === 'LITERAL-' ? Math.min(LITERAL_MINUS_MAX, limits.maxLiteralSize) : limits.maxLiteralSize;
}
