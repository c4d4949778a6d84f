// STATUS (RFC 9051 6.3.11) with SIZE (RFC 8438), HIGHESTMODSEQ (RFC 7162), APPENDLIMIT (RFC 7889)
// and MAILBOXID (RFC 8474). Also used by LIST-STATUS (RFC 5819).
import type { Row } from '../../store/schema.js';
import type { StatusItem } from '../protocol/ast.js';
import { response } from '../protocol/index.js';
import type { Session } from '../session.js';
import { type Handler, ok } from './types.js';
import { setsWith } from '../flags.js';
import { countWithFlagSets, folderFlagSets, folderSize } from '../../store/folder-view.js';
import { countMessages } from '../../store/messages-repo.js';

export const mailboxObjectId = (folderId: number) => `F${folderId.toString(36)}`;

export async function statusValues(s: Session, folder: Row<'folders'>, items: StatusItem[]): Promise<Array<[StatusItem, number | string]>> {
  // Counts by SQL over the folder's few flag sets (store/folder-view.ts), never a row per message.
  const db = s.deps.store.db;
  const sets = items.some((i) => i === 'UNSEEN' || i === 'DELETED') ? await folderFlagSets(db, s.deps.store.dialect, folder.id) : [];
  const messages = () => countMessages(db, folder.id);
  const out: Array<[StatusItem, number | string]> = [];
  for (const item of items) {
    switch (item) {
      case 'MESSAGES':
        out.push([item, await messages()]);
        break;
      case 'UIDNEXT':
        out.push([item, folder.uidnext]);
        break;
      case 'UIDVALIDITY':
        out.push([item, folder.uidvalidity]);
        break;
      case 'UNSEEN':
        out.push([item, await countWithFlagSets(db, folder.id, setsWith(sets, '\\Seen', true))]);
        break;
      case 'DELETED':
        out.push([item, await countWithFlagSets(db, folder.id, setsWith(sets, '\\Deleted'))]);
        break;
      case 'SIZE':
        out.push([item, await folderSize(db, folder.id)]);
        break;
      case 'RECENT':
        // Not yet told to any session: what the next SELECT will see as \Recent.
        out.push([item, Number((await s.deps.store.db.selectFrom('messages').select((eb) => eb.fn.countAll().as('n')).where('folder_id', '=', folder.id).where('uid', '>', folder.recent_uid).executeTakeFirstOrThrow()).n)]);
        break;
      case 'HIGHESTMODSEQ':
        out.push([item, folder.highest_modseq]);
        break;
      case 'APPENDLIMIT':
        out.push([item, s.appendLimit]);
        break;
      case 'MAILBOXID':
        out.push([item, mailboxObjectId(folder.id)]);
        break;
    }
  }
  return out;
}

export const status: Handler<'STATUS'> = async (s, cmd) => {
  const folder = await s.folder(cmd.mailbox);
  s.write(response.status(folder.name, await statusValues(s, folder, cmd.items), { utf8: s.utf8 }));
  return ok('STATUS completed');
};
