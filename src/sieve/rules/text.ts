// Strings in generated Sieve. RFC 5228 2.4.2: in a quoted string only `"` and `\` need a
// backslash; any other character, non-ASCII included, is written as is (scripts are UTF-8).
// "${" needs nothing: the generated scripts never require variables or encoded-character, the
// only extensions that give it a meaning (RFC 5229 3, RFC 5228 2.4.2.4).

export function quote(s: string): string {
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** A literal for :matches (RFC 5228 2.7.1): "*", "?" and "\" are escaped with "\". */
export function escapeWildcards(s: string): string {
  return s.replace(/[\\*?]/g, (c) => `\\${c}`);
}

type Piece = { lit: string } | { wild: '*' | '?' };

/** A :matches pattern as literal runs and wildcards; null when a lone "\" ends it. */
function pieces(p: string): Piece[] | null {
  const out: Piece[] = [];
  let lit = '';
  const flush = () => {
    if (lit !== '') out.push({ lit });
    lit = '';
  };
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\') {
      if (i + 1 >= p.length) return null;
      lit += p[++i];
    } else if (c === '*' || c === '?') {
      flush();
      out.push({ wild: c });
    } else lit += c;
  }
  flush();
  return out;
}

/**
 * A :matches pattern that is a literal followed (or preceded) by one "*" is what "starts with"
 * ("ends with") generates; the parser and normalize() read it back as that, so the round trip
 * is exact. Null: any other pattern.
 */
export function classifyPattern(pattern: string): { op: 'startsWith' | 'endsWith'; value: string } | null {
  const p = pieces(pattern);
  if (!p || p.length !== 2) return null;
  const [a, b] = p as [Piece, Piece];
  if ('wild' in a && a.wild === '*' && 'lit' in b) return { op: 'endsWith', value: b.lit };
  if ('lit' in a && 'wild' in b && b.wild === '*') return { op: 'startsWith', value: a.lit };
  return null;
}
