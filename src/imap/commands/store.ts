// STORE and UID STORE (RFC 9051 6.4.6) with CONDSTORE's UNCHANGEDSINCE (RFC 7162 3.1.3).
import { type FlagMode, storeFlags } from '../../mailbox/messages.js';
import type { Store } from '../../store/db.js';
import type { EventBus } from '../../events/bus.js';
import { chunks, UID_CALL_BATCH } from '../../store/folder-view.js';
import { formatNumbers } from '../protocol/index.js';
import { type Handler, no, ok } from './types.js';

/** storeFlags for any number of UIDs: one call per batch (each message's change stands alone, RFC 9051 6.4.6). */
export async function storeFlagsInBatches(store: Store, events: EventBus, folderId: number, uids: number[], mode: FlagMode, flags: string[], unchangedSince?: number) {
  const out: Awaited<ReturnType<typeof storeFlags>> = { changed: [], unchanged: [], modified: [] };
  for (const part of chunks(uids, UID_CALL_BATCH)) {
    const r = await storeFlags(store, events, folderId, part, mode, flags, unchangedSince);
    out.changed.push(...r.changed);
    out.unchanged.push(...r.unchanged);
    out.modified.push(...r.modified);
  }
  return out;
}

export const store: Handler<'STORE'> = async (s, cmd) => {
  const sel = s.selected!;
  if (sel.readOnly) throw no('The folder is read-only (EXAMINE)', 'READ-ONLY');
  const uids = s.uidsOf(cmd.set, cmd.uid);
  // \Recent can't be set by clients (RFC 3501 2.3.2).
  const flags = cmd.flags.filter((f) => f.toLowerCase() !== '\\recent');
  if (cmd.unchangedSince !== null) s.condstore = true;
  const unchangedSince = cmd.unchangedSince === null ? undefined : Number(cmd.unchangedSince);
  const result = await storeFlagsInBatches(s.deps.store, s.deps.events, sel.folder.id, uids, cmd.operation, flags, unchangedSince);
  for (const c of result.changed) sel.told(c.uid, c.modseq);
  const report = [...result.changed, ...(cmd.silent ? [] : result.unchanged)].sort((a, b) => a.uid - b.uid);
  let out = '';
  for (const c of report) {
    const seq = sel.seqOf(c.uid);
    if (!seq) continue;
    // RFC 7162 3.1.3: with CONDSTORE the MODSEQ is reported even for .SILENT.
    if (cmd.silent && !s.condstore) continue;
    const parts: string[] = [];
    // RFC 7162 3.2.4: under QRESYNC every FETCH response carries the UID.
    if (cmd.uid || s.qresync) parts.push(`UID ${c.uid}`);
    if (!cmd.silent) parts.push(`FLAGS (${s.shownFlags(c.uid, c.flags).join(' ')})`);
    if (s.condstore) parts.push(`MODSEQ (${c.modseq})`);
    out += `* ${seq} FETCH (${parts.join(' ')})\r\n`;
  }
  s.write(out);
  if (result.modified.length) {
    const set = cmd.uid ? result.modified : result.modified.map((u) => sel.seqOf(u)).filter((n) => n > 0);
    return ok('Conditional STORE failed for some messages', { code: 'MODIFIED', set: formatNumbers(set, { sort: true }) });
  }
  return ok('STORE completed');
};
