// Global Sieve scripts (RFC 6609 `include :global "name"`): files `<name>.sieve` in one folder the
// administrator writes (`sieve.globalDir`, default `<dataDir>/sieve/global`), as Dovecot's
// sieve_global. Users can include them and cannot change them. The folder is looked at again at
// most once a second, so an edit is seen by the next deliveries without a restart; each node has
// its own folder (copy it to every node, as with Dovecot).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** What a compilation can include: the texts, and a generation that changes with any of them. */
export interface GlobalScriptsSnapshot {
  generation: string;
  get(name: string): string | null;
}

export interface GlobalScripts {
  snapshot(): GlobalScriptsSnapshot;
}

const RECHECK_MS = 1000;
/** Larger scripts are left out (and logged by the caller's compile error): the engine's own limit. */
const MAX_SCRIPT_BYTES = 1024 * 1024;
const MAX_SCRIPTS = 1000;

const EMPTY: GlobalScriptsSnapshot = { generation: '', get: () => null };

export function openGlobalScripts(dir: string, now: () => number = Date.now): GlobalScripts {
  let checkedAt = -Infinity;
  let current = EMPTY;
  let signature = '';
  return {
    snapshot() {
      if (now() - checkedAt < RECHECK_MS) return current;
      checkedAt = now();
      let entries: Array<{ name: string; file: string; stat: fs.Stats }>;
      try {
        entries = fs
          .readdirSync(dir)
          .filter((f) => f.endsWith('.sieve') && !f.startsWith('.'))
          .slice(0, MAX_SCRIPTS)
          .map((f) => ({ name: f.slice(0, -'.sieve'.length), file: path.join(dir, f), stat: fs.statSync(path.join(dir, f)) }))
          .filter((e) => e.stat.isFile() && e.stat.size <= MAX_SCRIPT_BYTES);
      } catch {
        entries = []; // no folder: no global scripts
      }
      const sig = entries.map((e) => `${e.name}:${e.stat.size}:${e.stat.mtimeMs}`).sort().join('|');
      if (sig === signature) return current;
      const texts = new Map<string, string>();
      for (const e of entries) {
        try {
          texts.set(e.name, fs.readFileSync(e.file, 'utf8'));
        } catch {
          // removed between the listing and the read: as if absent
        }
      }
      signature = sig;
      current = sig ? { generation: createHash('sha256').update(sig).digest('hex').slice(0, 16), get: (name) => texts.get(name) ?? null } : EMPTY;
      return current;
    },
  };
}

const opened = new Map<string, GlobalScripts>();

/** The global scripts of a folder, shared by every caller in the process (one look per second). */
export function globalScriptsIn(dir: string): GlobalScripts {
  let g = opened.get(dir);
  if (!g) opened.set(dir, (g = openGlobalScripts(dir)));
  return g;
}
