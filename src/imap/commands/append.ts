// APPEND (RFC 9051 6.3.12) with UIDPLUS's APPENDUID (RFC 4315), OVERQUOTA (RFC 9208 5) and
// TOOBIG (the reader refuses literals over APPENDLIMIT before reading them). The message goes
// through parse and storage like delivery (appendMessage), without filters.
import { appendMessage, OverQuotaError } from '../../mailbox/messages.js';
import { type Handler, no, ok } from './types.js';

export const append: Handler<'APPEND'> = async (s, cmd) => {
  const target = await s.folder(cmd.mailbox, 'TRYCREATE');
  if (cmd.message.length > s.appendLimit) throw no(`Message too large (over ${s.appendLimit} octets)`, 'TOOBIG');
  const flags = cmd.flags.filter((f) => f.toLowerCase() !== '\\recent');
  try {
    const r = await appendMessage(s.deps.store, s.deps.blobs, s.deps.events, target.id, cmd.message, flags, (cmd.date ?? new Date(s.deps.now())).getTime());
    return ok('APPEND completed', { code: 'APPENDUID', uidValidity: r.uidvalidity, uids: [r.uid] });
  } catch (err) {
    if (err instanceof OverQuotaError) throw no(err.message, 'OVERQUOTA');
    throw err;
  }
};
