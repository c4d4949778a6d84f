// The shape every CLI command table shares (commands.ts and the per-capability tables).
import type { Config } from '../config/schema.js';
import { UsageError, type ParsedArgs } from './args.js';

export interface Io { config: Config; args: ParsedArgs; json: boolean }

export interface Command {
  usage: string;
  summary: string;
  /** A number is the exit code (`dns check` exits 1 when it finds an error); otherwise 0. */
  run(io: Io): Promise<void | number>;
}

/** The positional argument at `index`, or a usage error naming it. */
export function arg(io: Io, index: number, name: string): string {
  const v = io.args.positionals[index];
  if (v === undefined) throw new UsageError(`missing <${name}>`);
  return v;
}
