// COPY, MOVE and their UID forms (RFC 9051 6.4.7, RFC 6851 MOVE, RFC 4315 COPYUID). A missing
// target answers NO [TRYCREATE] (RFC 9051 6.4.7).
import { copyMessages, moveMessages } from '../../mailbox/messages.js';
import { response } from '../protocol/index.js';
import { type Handler, no, ok } from './types.js';

export const copy: Handler<'COPY' | 'MOVE'> = async (s, cmd) => {
  const sel = s.selected!;
  if (cmd.name === 'MOVE' && sel.readOnly) throw no('The folder is read-only (EXAMINE)', 'READ-ONLY');
  const uids = s.uidsOf(cmd.set, cmd.uid);
  const target = await s.folder(cmd.mailbox, 'TRYCREATE');
  if (uids.length === 0) return ok(`${cmd.name} completed, nothing to do`);
  const fn = cmd.name === 'MOVE' ? moveMessages : copyMessages;
  const r = await fn(s.deps.store, s.deps.events, sel.folder.id, uids, target.id);
  const code = { code: 'COPYUID' as const, uidValidity: r.uidvalidity, source: r.pairs.map((p) => p.from), dest: r.pairs.map((p) => p.to) };
  if (cmd.name === 'MOVE') {
    // RFC 6851 4.3: COPYUID in an untagged OK before the EXPUNGEs (the session flushes them next).
    if (r.pairs.length) s.write(response.untagged('OK', 'Moved', code));
    return ok('MOVE completed');
  }
  return ok('COPY completed', r.pairs.length ? code : null);
};
