// Change events, published after a transaction commits (never before: a listener must find in
// the database what the event announces). In-process for one node; the same interface can be
// carried over PostgreSQL LISTEN/NOTIFY when several nodes share a database.
import { EventEmitter } from 'node:events';

export type MailEvent =
  | { type: 'message.new'; mailboxId: number; folderId: number; uid: number; modseq: number }
  /** `added`: the flags this change set (a client setting $Junk or $NotJunk teaches the spam filter). */
  | { type: 'message.flags'; mailboxId: number; folderId: number; uid: number; modseq: number; added?: string[] }
  | { type: 'message.expunge'; mailboxId: number; folderId: number; uid: number; modseq: number }
  | { type: 'folder.change'; mailboxId: number; folderId: number }
  /** Copied or moved between folders by a client: moves into or out of Spam teach the spam filter. */
  | { type: 'message.moved'; mailboxId: number; fromFolderId: number; toFolderId: number; fromRole: string | null; toRole: string | null; count: number; how: 'copy' | 'move'; uids?: number[] }
  | { type: 'queue.new'; queueId: string };

export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(event: MailEvent): void {
    this.emitter.emit(event.type, event);
    this.emitter.emit('*', event);
  }

  subscribe<T extends MailEvent['type'] | '*'>(type: T, fn: (e: T extends '*' ? MailEvent : Extract<MailEvent, { type: T }>) => void): () => void {
    const handler = fn as (e: MailEvent) => void;
    this.emitter.on(type, handler);
    return () => this.emitter.off(type, handler);
  }
}
