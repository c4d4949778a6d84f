// The compiled active script of a mailbox, cached per process. A script is compiled once per
// version: the cache key is the active script's id and updated_at together with the versions of
// the mailbox's other scripts (any of them may be included, RFC 6609 :personal), so an edit to an
// included script is seen at the next delivery. `include :global` reads the administrator's
// folder (src/accounts/sieve-global.ts); its generation is in the key too.
import { globalScriptsIn } from '../accounts/sieve-global.js';
import { compile, type CompiledScript, type SieveDiagnostic } from '../sieve/index.js';
import type { Db } from '../store/db.js';

const MAX_ENTRIES = 2000;

export type LoadedScript =
  | { name: string; script: CompiledScript; errors?: undefined }
  | { name: string; script?: undefined; errors: SieveDiagnostic[] };

const cache = new Map<string, LoadedScript>();

/** The mailbox's active script compiled, or null when it has none. */
export async function activeCompiledScript(db: Db, mailboxId: number, globalDir: string): Promise<LoadedScript | null> {
  const versions = await db.selectFrom('sieve_scripts').select(['id', 'name', 'active', 'managed', 'updated_at']).where('mailbox_id', '=', mailboxId).orderBy('id').execute();
  const active = versions.find((v) => v.active);
  if (!active) return null;
  // A domain that forbids redirect in raw scripts (ManageSieve, API) forbids it at delivery too,
  // also in a script stored before the ban; the rule builder's own script may still redirect.
  const domain = await db
    .selectFrom('mailboxes')
    .innerJoin('domains', 'domains.id', 'mailboxes.domain_id')
    .select('domains.sieve_redirect')
    .where('mailboxes.id', '=', mailboxId)
    .executeTakeFirst();
  const forbidRedirect = domain?.sieve_redirect === 'forbid' && !active.managed;
  const globals = globalScriptsIn(globalDir).snapshot();
  const key = `${mailboxId}:${active.id}:${forbidRedirect ? 'noredirect' : ''}:${globals.generation}:${versions.map((v) => `${v.id}@${v.updated_at}`).join(',')}`;
  const hit = cache.get(key);
  if (hit) {
    // Most recently used last: the oldest entries go first when the cache is full.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const rows = await db.selectFrom('sieve_scripts').select(['name', 'content']).where('mailbox_id', '=', mailboxId).execute();
  const texts = new Map(rows.map((r) => [r.name, r.content]));
  const r = compile(texts.get(active.name) ?? '', {
    name: '',
    ...(forbidRedirect ? { forbidCommands: ['redirect'] } : {}),
    include: { load: (name, location) => (location === 'personal' ? texts.get(name) ?? null : globals.get(name)) },
  });
  const loaded: LoadedScript = r.script ? { name: active.name, script: r.script } : { name: active.name, errors: r.errors };
  cache.set(key, loaded);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return loaded;
}
