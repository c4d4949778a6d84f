// Test helpers for MIME tests.

/** Build a message buffer from template text, with CRLF line endings (or LF if asked). */
export function crlf(text: string, eol: '\r\n' | '\n' = '\r\n'): Buffer {
  return Buffer.from(text.replace(/\r?\n/g, eol), 'utf8');
}

/** Strip the common leading indentation of a template literal and the first newline. */
export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length);
  const n = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(n)).join('\n');
}
