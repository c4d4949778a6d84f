// Flag lists as the store keeps them (a JSON text per message) and the questions IMAP asks of them.

/** Flag names compare without regard to case (RFC 9051 2.3.2). */
export const hasFlag = (flags: readonly string[], flag: string): boolean => {
  const f = flag.toLowerCase();
  return flags.some((x) => x.toLowerCase() === f);
};

/**
 * Parses flag texts, each distinct text once: most messages share a few flag sets, so a FETCH or
 * SEARCH over 100,000 messages parses a handful of texts and shares their arrays (callers never
 * change a flag array in place). Bounded, for folders where every message has its own keywords.
 */
export class FlagParser {
  private readonly cache = new Map<string, string[]>();

  parse(text: string): string[] {
    let flags = this.cache.get(text);
    if (!flags) {
      flags = JSON.parse(text) as string[];
      if (this.cache.size < 1000) this.cache.set(text, flags);
    }
    return flags;
  }
}

/** The flag texts among `texts` whose set has (or, with `without`, lacks) `flag`. */
export function setsWith(texts: readonly string[], flag: string, without = false): string[] {
  return texts.filter((t) => hasFlag(JSON.parse(t) as string[], flag) !== without);
}
