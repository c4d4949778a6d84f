// SELECT and EXAMINE (RFC 9051 6.3.2, 6.3.3; CONDSTORE RFC 7162 3.1.8, QRESYNC 3.2.5), CLOSE and UNSELECT
// (RFC 3691), EXPUNGE and UID EXPUNGE (UIDPLUS, RFC 4315 2.1).
import { expungeMessages } from '../../mailbox/messages.js';
import { contains, resolve, response, type SequenceSet } from '../protocol/index.js';
import type { QresyncParams } from '../protocol/ast.js';
import { SelectedFolder } from '../selected.js';
import { FlagParser, setsWith } from '../flags.js';
import { chunks, firstUidWithFlagSets, UID_CALL_BATCH, flagRowsChangedSince, folderFlagSets, uidsWithFlagSets } from '../../store/folder-view.js';
import type { Session } from '../session.js';
import { mailboxObjectId } from './status.js';
import { type Handler, bad, no, ok } from './types.js';

const SYSTEM_FLAGS = ['\\Answered', '\\Flagged', '\\Deleted', '\\Seen', '\\Draft'];

export const select: Handler<'SELECT' | 'EXAMINE'> = async (s, cmd) => {
  // RFC 7162 3.2.5: the QRESYNC parameter without ENABLE QRESYNC first is BAD.
  if (cmd.qresync && !s.qresync) throw bad('ENABLE QRESYNC first');
  const hadSelected = s.selected !== null;
  // RFC 9051 6.3.2: a failed SELECT leaves no folder selected.
  s.selected = null;
  s.state = 'authenticated';
  // RFC 7162 3.2.11 / RFC 9051 7.1: the old folder is closed before the new one's data.
  if (hadSelected) s.write(response.untagged('OK', 'Previous mailbox closed', 'CLOSED'));
  const folder = await s.folder(cmd.mailbox);
  if (cmd.condstore) s.condstore = true;
  const readOnly = cmd.name === 'EXAMINE';
  const sel = await SelectedFolder.open(s.deps.store, folder, readOnly);
  const db = s.deps.store.db;
  // The folder's few distinct flag sets, not its messages: their keywords, and where the
  // unseen ones start.
  const flagSets = await folderFlagSets(db, s.deps.store.dialect, folder.id);
  const keywords = new Set<string>();
  for (const text of flagSets) for (const f of JSON.parse(text) as string[]) if (!f.startsWith('\\')) keywords.add(f);
  const flags = [...SYSTEM_FLAGS, ...keywords];
  let out = response.flags(flags);
  out += response.exists(sel.count);
  if (!s.rev2) {
    out += response.recent(sel.recentCount);
    // RFC 3501 6.3.1: the first unseen message (IMAP4rev2 dropped it, RFC 9051 7.1).
    const firstUnseen = sel.seqOf(await firstUidWithFlagSets(db, folder.id, setsWith(flagSets, '\\Seen', true), sel.maxUid));
    if (firstUnseen) out += response.untagged('OK', 'First unseen', { code: 'UNSEEN', value: firstUnseen });
  }
  out += response.untagged('OK', 'UIDs valid', { code: 'UIDVALIDITY', value: folder.uidvalidity });
  // A message stored after the folder was read is in the view: UIDNEXT stays above it.
  out += response.untagged('OK', 'Predicted next UID', { code: 'UIDNEXT', value: Math.max(folder.uidnext, sel.maxUid + 1) });
  out += response.untagged('OK', readOnly ? 'No permanent flags' : 'Flags allowed', { code: 'PERMANENTFLAGS', flags: readOnly ? [] : [...flags, '\\*'] });
  out += response.untagged('OK', 'Highest', { code: 'HIGHESTMODSEQ', value: folder.highest_modseq });
  out += response.untagged('OK', 'Ok', { code: 'MAILBOXID', id: mailboxObjectId(folder.id) });
  if (cmd.qresync && cmd.qresync.uidValidity === folder.uidvalidity) out += await resync(s, sel, cmd.qresync);
  s.write(out);
  s.selected = sel;
  s.state = 'selected';
  s.saved = [];
  return ok(`${cmd.name} completed`, readOnly ? 'READ-ONLY' : 'READ-WRITE');
};

/**
 * The UIDs expunged from the folder after `since` (from the `expunged` table), within `set` when
 * given (RFC 7162 3.2.5 known-uids, 3.2.6 the UID FETCH set), ascending.
 */
export async function vanishedSince(s: Session, folderId: number, since: bigint, set: SequenceSet | null, viewMaxUid: number): Promise<number[]> {
  const rows = await s.deps.store.db
    .selectFrom('expunged')
    .select(['uid'])
    .where('folder_id', '=', folderId)
    .where('modseq', '>', Number(since))
    .orderBy('uid')
    .execute();
  let uids = rows.map((r) => r.uid);
  if (set && uids.length) {
    if (set.kind === 'saved') {
      const saved = new Set(s.saved);
      uids = uids.filter((u) => saved.has(u));
    } else {
      // `*` is the largest UID known here: in the view, or expunged.
      const ranges = resolve(set, Math.max(viewMaxUid, uids[uids.length - 1]!));
      uids = uids.filter((u) => contains(ranges, u));
    }
  }
  return uids;
}

/**
 * RFC 7162 3.2.5: after the SELECT data, `* VANISHED (EARLIER)` for what was expunged since the
 * client's modseq (limited to its known UIDs), then a FETCH (UID FLAGS MODSEQ) for each message
 * changed since. The sequence match data only helps servers that forget expunges; this one keeps
 * them all (`expunged`), so it is not needed.
 */
async function resync(s: Session, sel: SelectedFolder, q: QresyncParams): Promise<string> {
  let out = '';
  const gone = await vanishedSince(s, sel.folder.id, q.modseq, q.knownUids, sel.maxUid);
  if (gone.length) out += response.vanished(gone, true);
  const parser = new FlagParser();
  for (const r of await flagRowsChangedSince(s.deps.store.db, sel.folder.id, Number(q.modseq))) {
    const seq = sel.seqOf(r.uid);
    if (seq) out += `* ${seq} FETCH (UID ${r.uid} FLAGS (${s.shownFlags(r.uid, parser.parse(r.flags), sel).join(' ')}) MODSEQ (${r.modseq}))\r\n`;
  }
  return out;
}

/** The UIDs with \Deleted as committed (other sessions' flag changes included), within `only`. */
async function deletedUids(s: Session, only: Set<number> | null): Promise<number[]> {
  const sel = s.selected!;
  const db = s.deps.store.db;
  const sets = setsWith(await folderFlagSets(db, s.deps.store.dialect, sel.folder.id), '\\Deleted');
  if (sets.length === 0) return [];
  return (await uidsWithFlagSets(db, sel.folder.id, sets)).filter((u) => (only ? only.has(u) : true) && sel.seqOf(u) > 0).sort((a, b) => a - b);
}

/** expungeMessages for any number of UIDs, a batch per call (each message's expunge stands alone). */
async function expungeInBatches(s: Session, uids: number[]): Promise<void> {
  for (const part of chunks(uids, UID_CALL_BATCH)) await expungeMessages(s.deps.store, s.deps.events, s.selected!.folder.id, part);
}

export const close: Handler<'CLOSE' | 'UNSELECT'> = async (s, cmd) => {
  const sel = s.selected!;
  // RFC 9051 6.4.1: CLOSE expunges silently (no EXPUNGE responses); not when read-only.
  if (cmd.name === 'CLOSE' && !sel.readOnly) {
    const uids = await deletedUids(s, null);
    await expungeInBatches(s, uids);
  }
  s.selected = null;
  s.state = 'authenticated';
  return ok(`${cmd.name} completed`);
};

export const expunge: Handler<'EXPUNGE'> = async (s, cmd) => {
  const sel = s.selected!;
  if (sel.readOnly) throw no('The folder is read-only (EXAMINE)', 'READ-ONLY');
  const only = cmd.uid ? new Set(s.uidsOf(cmd.set, true)) : null;
  const uids = await deletedUids(s, only);
  // The EXPUNGE responses come from the events, as for other sessions' expunges (session flushes).
  await expungeInBatches(s, uids);
  return ok('EXPUNGE completed');
};
