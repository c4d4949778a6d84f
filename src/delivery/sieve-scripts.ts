// A mailbox's active Sieve script, compiled. Compiled once per content: the cache key is a hash of
// everything the compilation reads (the active script's name, the text of every script of the
// mailbox, since any of them may be included (RFC 6609 :personal), whether redirect is forbidden,
// and the generation of the administrator's global scripts, src/accounts/sieve-global.ts), so an
// edit to an included script compiles again, and mailboxes with identical scripts (a domain's rule
// templates) share one compiled form. When to reload the texts is the settings cache's business
// (src/delivery/mailbox-settings.ts); a script that includes a global one says which generation
// it was compiled with, so that cache can tell it is stale.
import { globalScriptsIn } from '../accounts/sieve-global.js';
import { compile, type CompiledScript, type SieveDiagnostic } from '../sieve/index.js';
import type { Db } from '../store/db.js';
import { sha256Hex } from '../util/ids.js';

const MAX_ENTRIES = 2000;

export type LoadedScript = (
  | { name: string; script: CompiledScript; errors?: undefined }
  | { name: string; script?: undefined; errors: SieveDiagnostic[] }
) & {
  /** Set when the script includes a global one: the generation of the global folder it saw. */
  globalGeneration?: string;
};

const compiled = new Map<string, LoadedScript>();

/**
 * The mailbox's active script compiled, or null when it has none. `domainForbidsRedirect`: its
 * domain's sieve_redirect; `globalDir`: where `include :global` looks.
 */
export async function loadActiveScript(db: Db, mailboxId: number, domainForbidsRedirect: boolean, globalDir: string): Promise<LoadedScript | null> {
  const rows = await db.selectFrom('sieve_scripts').select(['name', 'content', 'active', 'managed']).where('mailbox_id', '=', mailboxId).orderBy('id').execute();
  const active = rows.find((r) => r.active);
  if (!active) return null;
  // A domain that forbids redirect in raw scripts (ManageSieve, API) forbids it at delivery too,
  // also in a script stored before the ban; the rule builder's own script may still redirect.
  const forbidRedirect = domainForbidsRedirect && !active.managed;
  const globals = globalScriptsIn(globalDir).snapshot();
  const key = sha256Hex(JSON.stringify([active.name, forbidRedirect, globals.generation, rows.map((r) => [r.name, r.content])]));
  const hit = compiled.get(key);
  if (hit) {
    // Most recently used last: the oldest entries go first when the cache is full.
    compiled.delete(key);
    compiled.set(key, hit);
    return hit;
  }
  const texts = new Map(rows.map((r) => [r.name, r.content]));
  let usesGlobal = false;
  const r = compile(texts.get(active.name) ?? '', {
    name: '',
    ...(forbidRedirect ? { forbidCommands: ['redirect'] } : {}),
    include: {
      load: (name, location) => {
        if (location === 'personal') return texts.get(name) ?? null;
        usesGlobal = true;
        return globals.get(name);
      },
    },
  });
  const base = usesGlobal ? { name: active.name, globalGeneration: globals.generation } : { name: active.name };
  const loaded: LoadedScript = r.script ? { ...base, script: r.script } : { ...base, errors: r.errors };
  compiled.set(key, loaded);
  if (compiled.size > MAX_ENTRIES) compiled.delete(compiled.keys().next().value!);
  return loaded;
}
