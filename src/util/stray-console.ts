// While the node serves, stdout is the JSON log stream (pino, one object per line). Libraries
// that print with console.* would break it for log shippers: mailauth 4.13 prints
// "TOTAL … EXPECTING …" for every DKIM signature whose l= is longer than the body. Their lines
// become warnings in the log instead, text kept.
import { format } from 'node:util';
import type { Logger } from 'pino';

const METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/** Routes console.* to the logger; returns a function that puts the console back. */
export function routeStrayConsole(log: Logger): () => void {
  const saved = METHODS.map((m) => [m, console[m]] as const);
  for (const m of METHODS) {
    console[m] = (...args: unknown[]) => log.warn({ console: m, text: format(...args).slice(0, 2000) }, 'a library wrote to the console');
  }
  return () => {
    for (const [m, f] of saved) console[m] = f;
  };
}
