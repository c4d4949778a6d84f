import type { Command, CommandName } from '../protocol/index.js';
import type { Answer, Session } from '../session.js';

export type State = 'anonymous' | 'authenticated';

export interface CommandDef<N extends CommandName> {
  /** States the command is valid in (RFC 5804 2). */
  states: readonly State[];
  run(s: Session, cmd: Extract<Command, { name: N }>): Promise<Answer>;
}

export type CommandTable = { [N in CommandName]: CommandDef<N> };
