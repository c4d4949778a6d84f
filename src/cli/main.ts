// The `mailcove` command line. Global flags: --data-dir DIR, --config FILE, --json.
// Exit codes: 0 done, 1 refused (the message names the field), 2 usage or configuration error;
// `dns check` exits 1 when any finding is an error (warnings alone exit 0).
import { loadConfig, ConfigError } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { AppError } from '../util/errors.js';
import { routeStrayConsole } from '../util/stray-console.js';
import { parseArgs, UsageError } from './args.js';
import { COMMANDS, initInstallation } from './commands.js';
import { keepHeapNearLiveSize } from '../util/heap.js';

const BOOLEAN_FLAGS = new Set(['json', 'help', 'admin', 'trace', 'activate', 'replace', 'hidden', 'auto-apply']);

function usage(): string {
  const lines = Object.values(COMMANDS).map((c) => `  mailcove ${c.usage.padEnd(72)} ${c.summary}`);
  return [
    'usage: mailcove <command> [--data-dir DIR] [--config FILE] [--json]',
    '',
    `  mailcove ${'serve'.padEnd(72)} start every service of this node`,
    ...lines,
  ].join('\n');
}

async function serve(config: Config): Promise<void> {
  keepHeapNearLiveSize();
  const created = await initInstallation(config);
  if (created) {
    console.log(`\n  Mailcove is set up in ${config.dataDir}\n  first admin: ${created.email}\n  one-time password: ${created.password}\n`);
  }
  // Loaded here only: admin commands need none of the listeners.
  const { startServer } = await import('../server.js');
  const server = await startServer(config);
  routeStrayConsole(server.deps.log);
  const stop = async (signal: string) => {
    server.deps.log.info({ signal }, 'signal received');
    const force = setTimeout(() => process.exit(1), 60_000);
    force.unref();
    await server.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

export async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv, BOOLEAN_FLAGS);
  } catch (err) {
    console.error(`mailcove: ${(err as Error).message}`);
    return 2;
  }
  const json = args.flags.get('json') === true;
  if (args.flags.get('help') || args.positionals.length === 0) {
    console.log(usage());
    return args.positionals.length === 0 && !args.flags.get('help') ? 2 : 0;
  }
  // The longest command name that matches: `domain dkim rotate` before `domain dkim`.
  const name = [3, 2, 1].map((n) => args.positionals.slice(0, n).join(' ')).find((n) => COMMANDS[n]) ?? args.positionals[0]!;
  const command = COMMANDS[name];
  if (name !== 'serve' && !command) {
    console.error(`mailcove: unknown command "${args.positionals.slice(0, 2).join(' ')}"\n\n${usage()}`);
    return 2;
  }
  let config: Config;
  try {
    const dataDir = args.flags.get('data-dir');
    const file = args.flags.get('config');
    config = loadConfig({ file: typeof file === 'string' ? file : undefined, overrides: { dataDir: typeof dataDir === 'string' ? dataDir : undefined } });
  } catch (err) {
    if (err instanceof ConfigError) {
      if (json) console.log(JSON.stringify({ ok: false, errors: err.problems }, null, 2));
      else console.error(`mailcove: ${err.message}`);
      return 2;
    }
    throw err;
  }
  if (name === 'serve') {
    await serve(config);
    return -1; // keeps running
  }
  const rest = { ...args, positionals: args.positionals.slice(name.split(' ').length) };
  try {
    const code = await command!.run({ config, args: rest, json });
    return typeof code === 'number' ? code : 0;
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`mailcove ${name}: ${err.message}\nusage: mailcove ${command!.usage}`);
      return 2;
    }
    if (err instanceof AppError) {
      if (json) console.log(JSON.stringify({ error: err.kind, field: err.field ?? null, message: err.message }, null, 2));
      else console.error(`mailcove ${name}: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err) => {
    console.error(`mailcove: ${(err as Error).stack ?? err}`);
    process.exit(1);
  },
);
