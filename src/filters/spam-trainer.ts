// Reports made with any IMAP client: moving or copying a message into Spam, or setting $Junk,
// trains it as spam for that mailbox; moving it out of Spam (not to the Trash: deleting spam says
// nothing), or setting $NotJunk, trains it as ham. Runs on the event bus after each commit, so a
// client never waits for it; a failure is logged and the message stays where the user put it.
import type { EventBus, MailEvent } from '../events/bus.js';
import type { Label } from '../spam/index.js';
import { learnMessage, type TrainingDeps } from './spam-training.js';

export interface SpamTrainer {
  /** Resolves when every report received so far has been learned. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export function labelOfMove(e: Extract<MailEvent, { type: 'message.moved' }>): Label | null {
  if (e.toRole === 'junk' && e.fromRole !== 'junk') return 'spam';
  if (e.fromRole === 'junk' && e.toRole !== 'junk' && e.toRole !== 'trash') return 'ham';
  return null;
}

export function labelOfFlags(added: string[] | undefined): Label | null {
  const set = new Set((added ?? []).map((f) => f.toLowerCase()));
  if (set.has('$junk')) return 'spam';
  if (set.has('$notjunk')) return 'ham';
  return null;
}

export function startSpamTrainer(deps: TrainingDeps, events: EventBus): SpamTrainer {
  const pending = new Set<Promise<void>>();
  const learn = (folderId: number, uids: number[], label: Label) => {
    const job = (async () => {
      for (const uid of uids) {
        const row = await deps.store.db.selectFrom('messages').select(['mailbox_id', 'blob_hash']).where('folder_id', '=', folderId).where('uid', '=', uid).executeTakeFirst();
        if (row) await learnMessage(deps, Number(row.mailbox_id), row.blob_hash, label);
      }
    })().catch((err: unknown) => deps.log.error({ err, folderId, label }, 'learning a spam report failed'));
    pending.add(job);
    void job.finally(() => pending.delete(job));
  };
  const unsubscribe = [
    events.subscribe('message.moved', (e) => {
      const label = labelOfMove(e);
      if (label && e.uids?.length) learn(e.toFolderId, e.uids, label);
    }),
    events.subscribe('message.flags', (e) => {
      const label = labelOfFlags(e.added);
      if (label) learn(e.folderId, [e.uid], label);
    }),
  ];
  const idle = async () => {
    while (pending.size) await Promise.all([...pending]);
  };
  return {
    idle,
    async stop() {
      for (const u of unsubscribe) u();
      await idle();
    },
  };
}
