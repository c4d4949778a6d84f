// CREATE (with CREATE-SPECIAL-USE, RFC 6154 3), DELETE, RENAME (children move with the parent),
// SUBSCRIBE, UNSUBSCRIBE (RFC 9051 6.3.4-6.3.8). The rules (special folders can't be deleted or
// renamed away, parents are created) live in mailbox/folders.ts; here names and answers.
import { createFolder, deleteFolder, renameFolder, setSubscribed } from '../../mailbox/folders.js';
import { ROLE_ATTRIBUTES } from './list.js';
import { mailboxObjectId } from './status.js';
import { type Handler, no, ok } from './types.js';

const USE_ROLES: Record<string, string> = Object.fromEntries(Object.entries(ROLE_ATTRIBUTES).map(([role, attr]) => [attr.toLowerCase(), role]));

export const create: Handler<'CREATE'> = async (s, cmd) => {
  // RFC 9051 6.3.4: a trailing delimiter only says the client means to create children.
  const raw = cmd.mailbox.endsWith('/') ? cmd.mailbox.slice(0, -1) : cmd.mailbox;
  const name = s.folderName(raw, 'new');
  if (name === 'INBOX') throw no('INBOX exists already', 'ALREADYEXISTS');
  if (cmd.specialUse.length > 1) throw no('One special use per folder', 'USEATTR');
  let role: string | null = null;
  if (cmd.specialUse.length === 1) {
    role = USE_ROLES[cmd.specialUse[0]!.toLowerCase()] ?? null;
    if (!role) throw no(`Unsupported special use ${cmd.specialUse[0]}`, 'USEATTR');
  }
  const folder = await createFolder(s.deps.store, s.deps.events, s.mailbox!.id, name, role);
  // RFC 8474 4.1: the new folder's MAILBOXID.
  return ok('CREATE completed', { code: 'MAILBOXID', id: mailboxObjectId(folder.id) });
};

export const del: Handler<'DELETE'> = async (s, cmd) => {
  const name = s.folderName(cmd.mailbox);
  if (name === 'INBOX') throw no('INBOX cannot be deleted', 'CANNOT');
  const folder = await s.folder(cmd.mailbox);
  await deleteFolder(s.deps.store, s.deps.events, s.mailbox!.id, name).catch((err: unknown) => {
    if (err instanceof Error && 'kind' in err && err.kind === 'conflict') throw no(err.message, 'HASCHILDREN');
    throw err;
  });
  // The selected folder is gone: back to the authenticated state.
  if (s.selected?.folder.id === folder.id) {
    s.selected = null;
    s.state = 'authenticated';
  }
  return ok('DELETE completed');
};

export const rename: Handler<'RENAME'> = async (s, cmd) => {
  const from = s.folderName(cmd.from);
  const to = s.folderName(cmd.to, 'new');
  await s.folder(cmd.from);
  await renameFolder(s.deps.store, s.deps.events, s.mailbox!.id, from, to);
  return ok('RENAME completed');
};

export const subscribe: Handler<'SUBSCRIBE' | 'UNSUBSCRIBE'> = async (s, cmd) => {
  const name = s.folderName(cmd.mailbox);
  await setSubscribed(s.deps.store, s.mailbox!.id, name, cmd.name === 'SUBSCRIBE');
  return ok(`${cmd.name} completed`);
};
