// QUOTA (RFC 9208): one quota root "" per mailbox, STORAGE in units of 1024 octets, from the
// mailbox's quota (0 = unlimited: no resource is listed).
import { response } from '../protocol/index.js';
import type { QuotaResource } from '../protocol/response.js';
import type { Session } from '../session.js';
import { type Handler, no, ok } from './types.js';

async function resources(s: Session): Promise<QuotaResource[]> {
  const m = await s.deps.store.db.selectFrom('mailboxes').select(['quota_bytes', 'used_bytes']).where('id', '=', s.mailbox!.id).executeTakeFirstOrThrow();
  if (!m.quota_bytes) return [];
  return [{ name: 'STORAGE', usage: Math.ceil(Math.max(0, m.used_bytes) / 1024), limit: Math.floor(m.quota_bytes / 1024) }];
}

export const getquotaroot: Handler<'GETQUOTAROOT'> = async (s, cmd) => {
  const folder = await s.folder(cmd.mailbox);
  s.write(response.quotaRoot(folder.name, [''], { utf8: s.utf8 }) + response.quota('', await resources(s)));
  return ok('GETQUOTAROOT completed');
};

export const getquota: Handler<'GETQUOTA'> = async (s, cmd) => {
  if (cmd.root !== '') throw no(`No quota root ${cmd.root}`, 'NONEXISTENT');
  s.write(response.quota('', await resources(s)));
  return ok('GETQUOTA completed');
};
