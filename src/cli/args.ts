// A small argument parser: positionals, `--flag value`, `--flag=value` and boolean flags.
export interface ParsedArgs { positionals: string[]; flags: Map<string, string | true> }

export class UsageError extends Error {}

export function parseArgs(argv: string[], booleanFlags: ReadonlySet<string>): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
      if (eq !== -1) flags.set(name, a.slice(eq + 1));
      else if (booleanFlags.has(name)) flags.set(name, true);
      else {
        const value = argv[i + 1];
        if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
        flags.set(name, value);
        i++;
      }
    } else positionals.push(a);
  }
  return { positionals, flags };
}

/** "10G", "500M", "64k" or plain bytes. */
export function parseSize(field: string, value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]i?b?|b)?$/i.exec(value.trim());
  if (!m) throw new UsageError(`${field}: "${value}" is not a size (e.g. 500M, 10G or a number of bytes)`);
  const unit = (m[2] ?? 'b').toLowerCase()[0]!;
  const mult = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }[unit as 'b'] ?? 1;
  return Math.round(Number(m[1]) * mult);
}

export function parseIntArg(field: string, value: string | undefined): number {
  if (value === undefined || !/^\d+$/.test(value)) throw new UsageError(`${field}: "${value ?? ''}" is not a whole number`);
  return Number(value);
}
