// Full-text search over the message index (SQLite FTS5 / PostgreSQL tsvector), per folder.
// The index holds words, so a search string matches when its words appear in order, the last
// one possibly as the start of a longer word, case- and (SQLite) accent-insensitively: "market"
// finds "Marketing", "user@example.com" finds that address. A string with no word characters at
// all ("@", "$$") cannot use the index and is matched as a substring by reading the folder's text.
import { sql } from 'kysely';
import type { Store } from './db.js';
import { searchOwner } from './messages-repo.js';

/** Which indexed text a search looks at: headers and body (TEXT) or the body only (BODY). */
export type TextScope = 'all' | 'body';

const WORD = /[\p{L}\p{N}]+/gu;

/** UIDs of messages in the folder whose indexed text matches `text`. */
export async function searchFolderText(store: Store, mailboxId: number, folderId: number, scope: TextScope, text: string): Promise<Set<number>> {
  const words = text.match(WORD);
  if (!words) return scanFolderText(store, folderId, scope, text);
  if (store.dialect === 'sqlite') {
    const columns = scope === 'all' ? '{headers body}' : '{body}';
    const query = `owner : "${searchOwner(mailboxId)}" AND ${columns} : "${words.join(' ')}" *`;
    const rows = await sql<{ uid: number }>`SELECT m.uid AS uid FROM message_text t JOIN messages m ON m.id = t.rowid
      WHERE message_text MATCH ${query} AND m.folder_id = ${folderId}`.execute(store.db);
    return new Set(rows.rows.map((r) => r.uid));
  }
  // PostgreSQL's parser keeps addresses and host names as one lexeme, so the string's own
  // phrase is tried alongside the word-prefix phrase built from our split.
  const prefix = words.map((w, i) => `'${w.toLowerCase()}'${i === words.length - 1 ? ':*' : ''}`).join(' <-> ');
  const q = sql`(phraseto_tsquery('simple', ${text}) || to_tsquery('simple', ${prefix}))`;
  const match = scope === 'all' ? sql`(t.tsv @@ ${q} OR t.tsv_headers @@ ${q})` : sql`t.tsv @@ ${q}`;
  const rows = await sql<{ uid: string | number }>`SELECT m.uid AS uid FROM message_text t JOIN messages m ON m.id = t.message_id
    WHERE m.folder_id = ${folderId} AND ${match}`.execute(store.db);
  return new Set(rows.rows.map((r) => Number(r.uid)));
}

/** Substring match over the stored text of every message of the folder (no index usable). */
async function scanFolderText(store: Store, folderId: number, scope: TextScope, text: string): Promise<Set<number>> {
  const needle = text.toLowerCase();
  const out = new Set<number>();
  for (const r of await folderTexts(store, folderId)) {
    if (r.body.toLowerCase().includes(needle) || (scope === 'all' && r.headers.toLowerCase().includes(needle))) out.add(r.uid);
  }
  return out;
}

/** uid, header text and (when asked) body text of every message of a folder. */
async function folderTexts(store: Store, folderId: number, withBody = true): Promise<Array<{ uid: number; headers: string; body: string }>> {
  const join = store.dialect === 'sqlite' ? sql`t.rowid = m.id` : sql`t.message_id = m.id`;
  const body = withBody ? sql`t.body` : sql`''`;
  const rows = await sql<{ uid: number; headers: string; body: string }>`SELECT m.uid AS uid, t.headers AS headers, ${body} AS body
    FROM messages m JOIN message_text t ON ${join} WHERE m.folder_id = ${folderId}`.execute(store.db);
  return rows.rows.map((r) => ({ uid: Number(r.uid), headers: r.headers ?? '', body: r.body ?? '' }));
}

/** The indexed header text of every message of a folder, by UID ('' for rows indexed before 004). */
export async function folderHeaderTexts(store: Store, folderId: number): Promise<Map<number, string>> {
  return new Map((await folderTexts(store, folderId, false)).map((r) => [r.uid, r.headers]));
}
