// SORT and UID SORT, THREAD and UID THREAD (RFC 5256; DISPLAYFROM/DISPLAYTO RFC 5957). The search
// part is SEARCH's (../search.ts); ordering and threading are pure functions (../sort.ts,
// ../thread.ts) over the stored rows: ENVELOPE, INTERNALDATE and size from the database, the
// References header read from the blob's header block only for THREAD=REFERENCES.
import type { SearchKey } from '../protocol/ast.js';
import { response } from '../protocol/index.js';
import { searchMessages } from '../search.js';
import { sortMessages, type SortMessage } from '../sort.js';
import { threadOrderedSubject, threadReferences, type ThreadMessage } from '../thread.js';
import type { Envelope } from '../../mime/envelope.js';
import { getLastHeader, parseHeaderFields } from '../../mime/headers.js';
import type { Session } from '../session.js';
import { type Handler, no, ok } from './types.js';

const CHARSETS = ['UTF-8', 'US-ASCII'];

function checkCharset(charset: string): void {
  if (!CHARSETS.includes(charset.toUpperCase())) throw no(`Unsupported charset ${charset}`, { code: 'BADCHARSET', charsets: CHARSETS });
}

function usesModseq(keys: SearchKey[]): boolean {
  return keys.some((k) => k.type === 'MODSEQ' || (k.type === 'NOT' && usesModseq([k.key])) || (k.type === 'OR' && usesModseq([k.left, k.right])) || (k.type === 'AND' && usesModseq(k.keys)));
}

interface Loaded extends SortMessage {
  envelope: Envelope;
  blobHash: string;
  headerEnd: number;
}

/** The matching messages' stored data, in mailbox order. */
async function load(s: Session, keys: SearchKey[]): Promise<{ messages: Loaded[]; maxModseq: number }> {
  const sel = s.selected!;
  const { uids, maxModseq } = await searchMessages({ store: s.deps.store, blobs: s.deps.blobs, selected: sel, saved: s.saved, now: s.deps.now() }, keys);
  if (uids.length === 0) return { messages: [], maxModseq };
  const wanted = new Set(uids);
  const rows = await s.deps.store.db
    .selectFrom('messages')
    .select(['uid', 'internal_date', 'size', 'envelope', 'blob_hash', 'mime_tree'])
    .where('folder_id', '=', sel.folder.id)
    .where('uid', '>=', uids[0]!)
    .where('uid', '<=', uids[uids.length - 1]!)
    .orderBy('uid')
    .execute();
  const out: Loaded[] = [];
  for (const r of rows) {
    if (!wanted.has(r.uid)) continue;
    const seq = sel.seqOf(r.uid);
    if (!seq) continue;
    const env = JSON.parse(r.envelope) as Envelope;
    out.push({
      seq,
      uid: r.uid,
      internalDate: r.internal_date,
      size: r.size,
      date: env.date,
      subject: env.subject,
      from: env.from,
      to: env.to,
      cc: env.cc,
      envelope: env,
      blobHash: r.blob_hash,
      headerEnd: (JSON.parse(r.mime_tree) as { headerEnd: number }).headerEnd,
    });
  }
  return { messages: out, maxModseq };
}

async function referencesHeader(s: Session, m: Loaded): Promise<string | null> {
  const chunks: Buffer[] = [];
  for await (const chunk of s.deps.blobs.stream(m.blobHash, 0, m.headerEnd)) chunks.push(chunk as Buffer);
  const block = Buffer.concat(chunks);
  return getLastHeader(parseHeaderFields(block, 0, block.length), 'references');
}

export const sort: Handler<'SORT'> = async (s, cmd) => {
  checkCharset(cmd.charset);
  const { messages, maxModseq } = await load(s, cmd.search);
  const sorted = sortMessages(messages, cmd.criteria);
  const withModseq = usesModseq(cmd.search);
  if (withModseq) s.condstore = true;
  const modseq = withModseq && sorted.length ? maxModseq : null;
  s.write(response.sort(sorted.map((m) => (cmd.uid ? m.uid : m.seq)), modseq));
  return ok(`${cmd.uid ? 'UID ' : ''}SORT completed`);
};

export const thread: Handler<'THREAD'> = async (s, cmd) => {
  checkCharset(cmd.charset);
  const { messages } = await load(s, cmd.search);
  const input: ThreadMessage[] = [];
  for (const m of messages) {
    input.push({
      seq: m.seq,
      id: cmd.uid ? m.uid : m.seq,
      internalDate: m.internalDate,
      date: m.date,
      subject: m.subject,
      messageId: m.envelope.messageId,
      inReplyTo: m.envelope.inReplyTo,
      references: cmd.algorithm === 'REFERENCES' ? await referencesHeader(s, m) : null,
    });
  }
  const roots = cmd.algorithm === 'REFERENCES' ? threadReferences(input) : threadOrderedSubject(input);
  s.write(response.thread(roots));
  return ok(`${cmd.uid ? 'UID ' : ''}THREAD completed`);
};
