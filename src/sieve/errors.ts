// Errors of the Sieve engine. Compile errors carry a source position so every front end (the CLI,
// ManageSieve, the web app) can print `line:col: message`; runtime errors carry the position of
// the command that failed and always mean "implicit keep" to the caller.

export interface Pos {
  /** 1-based line. */
  line: number;
  /** 1-based column, in characters (code points) from the start of the line. */
  col: number;
}

export interface SieveDiagnostic extends Pos {
  message: string;
  /** The script the position refers to: '' for the main script, else the include's name. */
  script: string;
}

/** One compile error: thrown by the lexer/parser, collected by the validator. */
export class SieveSyntaxError extends Error {
  constructor(
    readonly pos: Pos,
    message: string,
  ) {
    super(message);
  }
}

/** A runtime failure: the interpreter stops, drops every action and falls back to implicit keep. */
export class SieveRuntimeError extends Error {
  constructor(
    readonly pos: Pos | null,
    message: string,
    readonly script = '',
  ) {
    super(message);
  }
}

export function formatDiagnostic(d: SieveDiagnostic): string {
  return `${d.script ? d.script + ':' : ''}${d.line}:${d.col}: ${d.message}`;
}
