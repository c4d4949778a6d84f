// Counters that database triggers bump on domain-wide changes (migration 016): 'domains' (a
// domain added, removed or changed, or a domain's block/allow list) and 'spam-global' (the stored
// global spam model). Caches of those read one small row set per delivery instead of the data.
import type { Db } from './db.js';

export interface ChangeCounters {
  domains: number;
  spamGlobal: number;
}

export async function readChangeCounters(db: Db): Promise<ChangeCounters> {
  const rows = await db.selectFrom('change_counters').select(['name', 'counter']).execute();
  const of = (name: string) => Number(rows.find((r) => r.name === name)?.counter ?? 0);
  return { domains: of('domains'), spamGlobal: of('spam-global') };
}
