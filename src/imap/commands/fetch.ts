// FETCH and UID FETCH (RFC 9051 6.4.5) with CONDSTORE's CHANGEDSINCE and MODSEQ (RFC 7162 3.1.4).
// The attributes come from ../fetch.ts (stored ENVELOPE/BODYSTRUCTURE, byte ranges of the blob).
// Non-PEEK body fetches set \Seen through storeFlags (so other sessions hear of it) before the
// answer, which then reports the new FLAGS (RFC 9051 6.4.5).
import { storeFlags } from '../../mailbox/messages.js';
import type { FetchItem } from '../protocol/ast.js';
import { fetchAttributes } from '../fetch.js';
import { type Handler, bad, no, ok } from './types.js';

const BATCH = 200;

const setsSeen = (items: FetchItem[]) =>
  items.some((i) => i.type === 'RFC822' || i.type === 'RFC822.TEXT' || ((i.type === 'BODYSECTION' || i.type === 'BINARY') && !i.peek));

export const fetch: Handler<'FETCH'> = async (s, cmd) => {
  const sel = s.selected!;
  if (cmd.vanished) throw bad('VANISHED needs QRESYNC, which is not supported');
  const items = [...cmd.items];
  // RFC 9051 6.4.8: UID FETCH always answers UID.
  if (cmd.uid && !items.some((i) => i.type === 'UID')) items.unshift({ type: 'UID' });
  if (cmd.changedSince !== null) {
    s.condstore = true;
    if (!items.some((i) => i.type === 'MODSEQ')) items.push({ type: 'MODSEQ' });
  }
  if (items.some((i) => i.type === 'MODSEQ')) s.condstore = true;
  let uids = s.uidsOf(cmd.set, cmd.uid);
  if (cmd.changedSince !== null) {
    const since = Number(cmd.changedSince);
    uids = uids.filter((u) => sel.byUid(u)!.modseq > since);
  }
  let flagsAdded = new Set<number>();
  if (setsSeen(items) && !sel.readOnly) {
    const unseen = uids.filter((u) => !sel.byUid(u)!.flags.some((f) => f.toLowerCase() === '\\seen'));
    if (unseen.length) {
      const r = await storeFlags(s.deps.store, s.deps.events, sel.folder.id, unseen, 'add', ['\\Seen']);
      for (const c of r.changed) sel.setFlags(c.uid, c.flags, c.modseq);
      flagsAdded = new Set(r.changed.map((c) => c.uid));
    }
  }
  const hasFlags = items.some((i) => i.type === 'FLAGS');
  let unknownCte = false;
  for (let i = 0; i < uids.length; i += BATCH) {
    const batch = uids.slice(i, i + BATCH);
    const rows = await s.deps.store.db.selectFrom('messages').selectAll().where('folder_id', '=', sel.folder.id).where('uid', 'in', batch).execute();
    const byUid = new Map(rows.map((r) => [r.uid, r]));
    for (const uid of batch) {
      const row = byUid.get(uid);
      const state = sel.byUid(uid);
      // Expunged by another session, not reported yet: nothing to send (RFC 9051 7.5.1 allows either).
      if (!row || !state) continue;
      const wanted = flagsAdded.has(uid) && !hasFlags ? [...items, { type: 'FLAGS' } as FetchItem] : items;
      const r = await fetchAttributes({ row, flags: state.flags, modseq: state.modseq, blobs: s.deps.blobs }, wanted);
      if (r.unknownCte) unknownCte = true;
      const parts: Buffer[] = [Buffer.from(`* ${sel.seqOf(uid)} FETCH (`)];
      r.attrs.forEach((a, n) => {
        const sp = n ? ' ' : '';
        if (typeof a.value === 'string') parts.push(Buffer.from(`${sp}${a.name} ${a.value}`, 'utf8'));
        else {
          // RFC 3516 4.2: BINARY data holding NUL goes as literal8.
          const tilde = a.name.startsWith('BINARY[') && a.value.includes(0) ? '~' : '';
          parts.push(Buffer.from(`${sp}${a.name} ${tilde}{${a.value.length}}\r\n`, 'utf8'), a.value);
        }
      });
      parts.push(Buffer.from(')\r\n'));
      await s.writeAsync(Buffer.concat(parts));
    }
  }
  if (unknownCte) throw no('A part has an unknown Content-Transfer-Encoding', 'UNKNOWN-CTE');
  return ok('FETCH completed');
};
