// Loading order: defaults < config file (JSON) < MAILCOVE_* environment < command-line flags.
// Every error names the key, the value and what is allowed, and where the value came from.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { configSchema, LISTENER_NAMES, type Config } from './schema.js';

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

type Raw = Record<string, unknown>;

export interface LoadOptions {
  file?: string;
  env?: NodeJS.ProcessEnv;
  /** Highest precedence, e.g. from --data-dir. */
  overrides?: Raw;
}

/** Which environment variable set which key, so errors can point at it. */
type Origins = Map<string, string>;

export function loadConfig(opts: LoadOptions = {}): Config {
  const env = opts.env ?? process.env;
  const origins: Origins = new Map();
  const file = opts.file ?? env.MAILCOVE_CONFIG;
  let raw: Raw = {};
  if (file) raw = readConfigFile(file);
  applyEnv(raw, env, origins);
  for (const [key, value] of Object.entries(opts.overrides ?? {})) {
    if (value !== undefined) setPath(raw, key.split('.'), value);
  }
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    // Where a key came from: the environment variable that set it or one of its parents, or the file.
    const where = (parts: string[]) => {
      for (let i = parts.length; i > 0; i--) {
        const name = origins.get(parts.slice(0, i).join('.'));
        if (name) return ` (from ${name})`;
      }
      return file ? ` (in ${file})` : '';
    };
    throw new ConfigError(
      result.error.issues.flatMap((issue) => {
        const at = issue.path.map(String);
        if (issue.code === 'unrecognized_keys') {
          // Only the unknown key's own value is shown: its neighbours may hold secrets.
          const allowed = allowedKeys(at).join(', ');
          return issue.keys.map((k) => `${[...at, k].join('.')} = ${JSON.stringify(getPath(raw, [...at, k]))}${where([...at, k])}: unknown key; allowed: ${allowed}`);
        }
        const value = getPath(raw, at);
        const shown = value === undefined ? '' : ` = ${JSON.stringify(value)}`;
        return [`${at.join('.') || '(top level)'}${shown}${where(at)}: ${issue.message}`];
      }),
    );
  }
  return resolvePaths(result.data);
}

/** Paths made absolute, the ones left empty placed under the data folder. */
export function resolvePaths(config: Config): Config {
  config.dataDir = path.resolve(config.dataDir);
  config.sieveScripts.globalDir = path.resolve(config.dataDir, config.sieveScripts.globalDir || path.join('sieve', 'global'));
  return config;
}

/** The keys the schema allows at a path, for "unknown key" messages. */
function allowedKeys(keys: string[]): string[] {
  const unwrap = (s: z.ZodType | undefined): z.ZodType | undefined => {
    let cur = s;
    while (cur && !(cur instanceof z.ZodObject) && 'unwrap' in cur && typeof cur.unwrap === 'function') cur = cur.unwrap() as z.ZodType;
    return cur;
  };
  let schema = unwrap(configSchema);
  for (const key of keys) schema = schema instanceof z.ZodObject ? unwrap(schema.shape[key] as z.ZodType | undefined) : undefined;
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function readConfigFile(file: string): Raw {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError([`config file ${file}: ${(err as Error).message}`]);
  }
  try {
    const value = JSON.parse(text) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('the top level must be an object');
    return value as Raw;
  } catch (err) {
    throw new ConfigError([`config file ${file}: not valid JSON: ${(err as Error).message}`]);
  }
}

/**
 * Named variables for what scripts set most, and a generic form for everything else:
 * MAILCOVE_QUEUE__REMOTE_PORT=2526 sets queue.remotePort (sections split by "__", words by "_").
 */
function applyEnv(raw: Raw, env: NodeJS.ProcessEnv, origins: Origins): void {
  const set = (key: string, value: unknown, name: string) => {
    setPath(raw, key.split('.'), value);
    origins.set(key, name);
  };
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || !name.startsWith('MAILCOVE_')) continue;
    const rest = name.slice('MAILCOVE_'.length);
    if (rest === 'CONFIG' || rest.startsWith('TEST_')) continue;
    if (rest === 'HOSTNAME') set('hostname', value, name);
    else if (rest === 'DATA_DIR') set('dataDir', value, name);
    else if (rest === 'DATABASE_URL') set('database.url', value, name);
    else if (rest === 'LOG_LEVEL') set('log.level', value, name);
    else if (rest === 'DNS_SERVERS') set('dns.servers', value.split(',').map((s) => s.trim()).filter(Boolean), name);
    else if (rest.startsWith('LISTEN_')) {
      const listener = rest.slice('LISTEN_'.length).toLowerCase();
      if (!(LISTENER_NAMES as readonly string[]).includes(listener)) {
        throw new ConfigError([`${name}: unknown listener "${listener}"; allowed: ${LISTENER_NAMES.join(', ')}`]);
      }
      set(`listen.${listener}`, value, name);
    } else if (rest.includes('__')) {
      const key = rest.split('__').map(camel).join('.');
      set(key, parseEnvValue(value), name);
    }
  }
}

function camel(word: string): string {
  return word.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Numbers, booleans and JSON arrays are given as text in the environment. */
function parseEnvValue(value: string): unknown {
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (value === 'true' || value === 'false') return value === 'true';
  if (value.startsWith('[') || value.startsWith('{')) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

function setPath(obj: Raw, keys: string[], value: unknown): void {
  let cur = obj;
  for (const key of keys.slice(0, -1)) {
    if (!cur[key] || typeof cur[key] !== 'object') cur[key] = {};
    cur = cur[key] as Raw;
  }
  cur[keys[keys.length - 1]!] = value;
}

function getPath(obj: unknown, keys: string[]): unknown {
  let cur = obj;
  for (const key of keys) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Raw)[key];
  }
  return cur;
}

export function listenerAddress(value: string): { host: string; port: number } | null {
  if (value === 'off') return null;
  const idx = value.lastIndexOf(':');
  const host = value.slice(0, idx).replace(/^\[|\]$/g, '');
  return { host, port: Number(value.slice(idx + 1)) };
}
