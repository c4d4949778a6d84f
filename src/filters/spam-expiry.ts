// Spam and Trash keep messages for config.spam.expiryDays (30) by internal date, or what the
// mailbox set (0: forever). Removed through expungeMessages like an IMAP EXPUNGE, so open
// sessions see EXPUNGE / VANISHED and usage and blob references drop with the rows. In batches,
// so one huge folder does not hold the write lock for long.
import type { EventBus } from '../events/bus.js';
import { expungeMessages } from '../mailbox/messages.js';
import type { Store } from '../store/db.js';
import { expiredUids, expiringFolders } from '../store/spam-repo.js';

const BATCH = 500;
const DAY = 86_400_000;

/** Expunges what is due; returns how many messages went. */
export async function expireJunkAndTrash(store: Store, events: EventBus, defaultDays: number, now: number): Promise<number> {
  let removed = 0;
  for (const f of await expiringFolders(store.db)) {
    const days = f.expiry_days ?? defaultDays;
    if (days <= 0) continue;
    const before = now - days * DAY;
    for (;;) {
      const uids = await expiredUids(store.db, Number(f.id), before, BATCH);
      if (uids.length === 0) break;
      removed += (await expungeMessages(store, events, Number(f.id), uids)).length;
      if (uids.length < BATCH) break;
    }
  }
  return removed;
}
