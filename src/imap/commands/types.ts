// What a command handler gets and gives back. Handlers write untagged responses through the
// session and return (or throw) the tagged result; the session writes the tagged line after it has
// reported what other sessions changed (where RFC 9051 7.5.1 allows).
import type { CommandName, CommandOf } from '../protocol/ast.js';
import type { ResponseCode } from '../protocol/response.js';
import type { Session } from '../session.js';

export interface Done {
  status: 'OK' | 'NO' | 'BAD';
  text: string;
  code?: ResponseCode | null;
}

/** A tagged NO or BAD, thrown from anywhere inside a handler. */
export class CommandError extends Error {
  constructor(
    readonly status: 'NO' | 'BAD',
    message: string,
    readonly code: ResponseCode | null = null,
  ) {
    super(message);
  }
}

export const no = (text: string, code: ResponseCode | null = null) => new CommandError('NO', text, code);
export const bad = (text: string, code: ResponseCode | null = null) => new CommandError('BAD', text, code);
export const ok = (text: string, code: ResponseCode | null = null): Done => ({ status: 'OK', text, code });

/** null: the handler switched the session's mode (IDLE, AUTHENTICATE, STARTTLS) and answers later itself. */
export type Handler<N extends CommandName> = (s: Session, cmd: CommandOf<N>) => Promise<Done | null>;
