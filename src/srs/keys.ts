// The node's SRS secret and the Srs instance built from config. Like the TLS certificate, a node
// without a configured secret makes one on first start and keeps it in the data folder: a
// secret that changed on restart would turn every bounce on its way back into a "forged" one.
// Nodes that share domains must share the secret (set srs.secret, or share the file).
import crypto from 'node:crypto';
import fs from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config/schema.js';
import { publishExclusive, syncDir } from '../tls/self-signed.js';
import { createSrs, type Srs } from './srs.js';

export const SECRET_FILE = 'srs.secret';

const loaded = new Map<string, string>();

const secretPath = (config: Config) => path.join(config.dataDir, SECRET_FILE);

/** Makes `<dataDir>/srs.secret` (0600) unless srs.secret is configured; safe against concurrent starts. */
export async function ensureSrsSecret(config: Config): Promise<void> {
  if (config.srs.secret) return;
  const file = secretPath(config);
  await mkdir(config.dataDir, { recursive: true, mode: 0o750 });
  if (!fs.existsSync(file)) {
    // A losing concurrent creator keeps the winner's file: publishExclusive never replaces one.
    await publishExclusive(file, `${crypto.randomBytes(32).toString('base64url')}\n`, 0o600);
    await syncDir(config.dataDir);
  }
  loaded.set(file, readSecretFile(file));
}

function readSecretFile(file: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').trim();
  } catch (err) {
    throw new Error(`SRS secret ${file} cannot be read (${(err as Error).message}); set srs.secret or start the server once to make it`, { cause: err });
  }
  if (text.length < 16) throw new Error(`SRS secret ${file} is shorter than 16 characters`);
  return text;
}

/** Signing secret first, then older ones still accepted. */
export function srsSecrets(config: Config): string[] {
  if (config.srs.secret) return [config.srs.secret, ...config.srs.previousSecrets];
  const file = secretPath(config);
  let secret = loaded.get(file);
  if (secret === undefined) {
    secret = readSecretFile(file);
    loaded.set(file, secret);
  }
  return [secret, ...config.srs.previousSecrets];
}

export function srsFor(config: Config, now: () => number): Srs {
  return createSrs({ secrets: srsSecrets(config), maxAgeDays: config.srs.maxAgeDays, hashLength: config.srs.hashLength, now });
}
