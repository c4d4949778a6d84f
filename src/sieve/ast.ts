// The syntax tree of a Sieve script (RFC 5228 8.2 grammar), with the position of every node.
import type { Pos } from './errors.js';

export interface StringArg {
  type: 'string';
  value: string;
  pos: Pos;
  multiline: boolean;
}

export type Arg =
  | StringArg
  | { type: 'list'; items: StringArg[]; pos: Pos }
  | { type: 'number'; value: number; pos: Pos }
  | { type: 'tag'; name: string; pos: Pos };

/** A test: `identifier arguments` where the arguments may end in a test or a test list. */
export interface TestNode {
  name: string;
  pos: Pos;
  args: Arg[];
  /** Nested tests: one for `not`, several for anyof/allof. */
  tests: TestNode[];
  /** True when the tests were written as a parenthesised list. */
  testList: boolean;
}

export interface CommandNode extends TestNode {
  /** The commands of `{ … }`, or null for a command ended by ";". */
  block: CommandNode[] | null;
}

export interface Script {
  commands: CommandNode[];
}
