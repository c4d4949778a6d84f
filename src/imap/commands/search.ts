// SEARCH and UID SEARCH (RFC 9051 6.4.4) with ESEARCH (RFC 4731), SEARCHRES (RFC 5182: SAVE and
// "$") and CONDSTORE's MODSEQ (RFC 7162 3.1.5). Evaluation is in ../search.ts.
import type { SearchKey } from '../protocol/ast.js';
import { response } from '../protocol/index.js';
import { searchMessages } from '../search.js';
import { type Handler, no, ok } from './types.js';

const CHARSETS = ['UTF-8', 'US-ASCII'];

function usesModseq(keys: SearchKey[]): boolean {
  return keys.some((k) => k.type === 'MODSEQ' || (k.type === 'NOT' && usesModseq([k.key])) || (k.type === 'OR' && usesModseq([k.left, k.right])) || (k.type === 'AND' && usesModseq(k.keys)));
}

export const search: Handler<'SEARCH'> = async (s, cmd) => {
  if (cmd.charset !== null && !CHARSETS.includes(cmd.charset.toUpperCase())) throw no(`Unsupported charset ${cmd.charset}`, { code: 'BADCHARSET', charsets: CHARSETS });
  const sel = s.selected!;
  const found = await searchMessages({ store: s.deps.store, blobs: s.deps.blobs, selected: sel, saved: s.saved, now: s.deps.now() }, cmd.criteria);
  const uids = found.uids;
  const numbers = cmd.uid ? uids : uids.map((u) => sel.seqOf(u));
  const withModseq = usesModseq(cmd.criteria);
  if (withModseq) s.condstore = true;
  // RFC 7162 3.1.5: the highest modseq of the messages found (a MODSEQ key made the search read them).
  const modseq = withModseq && uids.length ? found.maxModseq : null;
  // IMAP4rev2 answers SEARCH with ESEARCH (RFC 9051 6.4.4).
  const ret = cmd.return ?? (s.rev2 ? [] : null);
  if (ret === null) {
    s.write(response.search(numbers, modseq));
    return ok('SEARCH completed');
  }
  const opts = new Set(ret.length === 0 ? ['ALL'] : ret);
  if (opts.has('SAVE')) {
    // RFC 5182 2.4: with MIN and/or MAX only (no ALL, COUNT), only those are saved.
    if (!opts.has('ALL') && !opts.has('COUNT') && (opts.has('MIN') || opts.has('MAX'))) {
      const keep: number[] = [];
      if (uids.length && opts.has('MIN')) keep.push(uids[0]!);
      if (uids.length && opts.has('MAX')) keep.push(uids[uids.length - 1]!);
      s.saved = [...new Set(keep)];
    } else s.saved = uids;
    opts.delete('SAVE');
    // RFC 5182 2.4: SAVE alone gives no ESEARCH response.
    if (opts.size === 0) return ok('SEARCH completed, result saved');
  }
  s.write(
    response.esearch({
      tag: cmd.tag,
      uid: cmd.uid,
      min: opts.has('MIN') && numbers.length ? Math.min(...numbers) : null,
      max: opts.has('MAX') && numbers.length ? Math.max(...numbers) : null,
      all: opts.has('ALL') ? numbers : null,
      count: opts.has('COUNT') ? numbers.length : null,
      modseq,
    }),
  );
  return ok('SEARCH completed');
};
