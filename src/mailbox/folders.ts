// Creating, renaming, deleting and subscribing folders of a mailbox (IMAP and the web app).
// Special-use folders (Inbox, Sent, Drafts, Trash, Spam, Archive, Promotions, Social networks)
// cannot be deleted or renamed away: delivery and the filters rely on them.
import type { Store } from '../store/db.js';
import type { EventBus } from '../events/bus.js';
import { createFolder as insertFolder, folderByName, listFolders } from '../store/folders-repo.js';
import type { Row } from '../store/schema.js';
import { AppError, conflict, notFound } from '../util/errors.js';
import { DELIMITER, isInside, normalizeFolderName, parentNames } from './folder-names.js';
import { expungeRows, moveMessages } from './messages.js';

export type Folder = Row<'folders'>;

export async function getFolders(store: Store, mailboxId: number): Promise<Folder[]> {
  return listFolders(store.db, mailboxId);
}

export async function findFolder(store: Store, mailboxId: number, name: string): Promise<Folder | undefined> {
  return folderByName(store.db, mailboxId, normalizeFolderName(name));
}

/** Creates a folder and any missing parents (RFC 3501 6.3.3). `role` for CREATE-SPECIAL-USE. */
export async function createFolder(store: Store, events: EventBus, mailboxId: number, input: string, role: string | null = null): Promise<Folder> {
  const name = normalizeFolderName(input);
  const created = await store.tx(async (trx) => {
    if (await folderByName(trx, mailboxId, name)) throw conflict(`folder ${name} already exists`, 'name');
    if (role) {
      const taken = await trx.selectFrom('folders').select('name').where('mailbox_id', '=', mailboxId).where('special_use', '=', role).executeTakeFirst();
      if (taken) throw conflict(`${taken.name} already has the special use ${role}`, 'use');
    }
    for (const parent of parentNames(name)) {
      if (!(await folderByName(trx, mailboxId, parent))) await insertFolder(trx, mailboxId, parent, null);
    }
    return insertFolder(trx, mailboxId, name, role);
  });
  events.publish({ type: 'folder.change', mailboxId, folderId: created.id });
  return created;
}

/** Renames a folder with everything below it. Renaming INBOX moves its messages (RFC 3501 6.3.5). */
export async function renameFolder(store: Store, events: EventBus, mailboxId: number, fromInput: string, toInput: string): Promise<void> {
  const from = normalizeFolderName(fromInput, 'from');
  const to = normalizeFolderName(toInput, 'to');
  if (to === 'INBOX') throw conflict('INBOX already exists', 'to');
  if (isInside(to, from)) throw new AppError('invalid', `cannot move ${from} inside itself`, 'to');
  const changed = await store.tx(async (trx) => {
    const folder = await folderByName(trx, mailboxId, from);
    if (!folder) throw notFound(`folder ${from}`, 'from');
    if (folder.special_use && from !== 'INBOX') throw new AppError('forbidden', `${from} is a special folder (${folder.special_use}) and cannot be renamed`, 'from');
    if (await folderByName(trx, mailboxId, to)) throw conflict(`folder ${to} already exists`, 'to');
    for (const parent of parentNames(to)) {
      if (!(await folderByName(trx, mailboxId, parent))) await insertFolder(trx, mailboxId, parent, null);
    }
    if (from === 'INBOX') {
      // INBOX stays; its messages go to the new folder (which gets a fresh UIDVALIDITY).
      const target = await insertFolder(trx, mailboxId, to, null);
      return [folder.id, target.id];
    }
    const all = await listFolders(trx, mailboxId);
    const ids: number[] = [];
    for (const f of all) {
      if (f.id !== folder.id && !isInside(f.name, from)) continue;
      const newName = to + f.name.slice(from.length);
      await trx.updateTable('folders').set({ name: newName }).where('id', '=', f.id).execute();
      ids.push(f.id);
    }
    return ids;
  });
  if (from === 'INBOX') {
    const [inboxId, targetId] = changed as [number, number];
    const uids = (await store.db.selectFrom('messages').select('uid').where('folder_id', '=', inboxId).execute()).map((r) => r.uid);
    if (uids.length) await moveMessages(store, events, inboxId, uids, targetId);
  }
  for (const id of changed) events.publish({ type: 'folder.change', mailboxId, folderId: id });
}

/** Deletes a folder and its messages. Refused for special folders and folders with children. */
export async function deleteFolder(store: Store, events: EventBus, mailboxId: number, input: string): Promise<void> {
  const name = normalizeFolderName(input);
  const folder = await folderByName(store.db, mailboxId, name);
  if (!folder) throw notFound(`folder ${name}`, 'name');
  if (name === 'INBOX' || folder.special_use) throw new AppError('forbidden', `${name} is a special folder and cannot be deleted`, 'name');
  const children = (await listFolders(store.db, mailboxId)).filter((f) => isInside(f.name, name));
  if (children.length) throw new AppError('conflict', `${name} has subfolders (${children[0]!.name}${children.length > 1 ? ', …' : ''}): delete them first`, 'name');
  const uids = (await store.db.selectFrom('messages').select('uid').where('folder_id', '=', folder.id).execute()).map((r) => r.uid);
  await store.tx(async (trx) => {
    await expungeRows(store, trx, folder.id, uids);
    await trx.deleteFrom('expunged').where('folder_id', '=', folder.id).execute();
    await trx.deleteFrom('folders').where('id', '=', folder.id).execute();
  });
  events.publish({ type: 'folder.change', mailboxId, folderId: folder.id });
}

export async function setSubscribed(store: Store, mailboxId: number, input: string, subscribed: boolean): Promise<void> {
  const name = normalizeFolderName(input);
  const r = await store.db.updateTable('folders').set({ subscribed: subscribed ? 1 : 0 }).where('mailbox_id', '=', mailboxId).where('name', '=', name).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw notFound(`folder ${name}`, 'name');
}

export { DELIMITER };
