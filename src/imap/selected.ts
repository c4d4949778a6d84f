// The state of a selected folder in one IMAP session: its messages in UID order (sequence number
// = position + 1), their flags and modseqs, and the changes other sessions made that this one has
// not been told yet.
// Implementation rules (RFC 9051 7.5.1, 5.5):
// - Changes arrive as events at any time but are applied only when the session says it may
//   report them (not during FETCH, STORE, SEARCH, which must not see EXPUNGE): `pending` holds them.
// - New messages are loaded from the database when applied, never taken from the event alone,
//   so the view is always what is committed.
// - Each EXPUNGE is numbered as of the moment it is sent: earlier ones in the same batch have
//   already shifted the numbers after them (RFC 9051 7.5.1).
import type { Store } from '../store/db.js';
import type { Row } from '../store/schema.js';
import { claimRecent, recentMark } from '../store/folders-repo.js';

export interface MessageState { uid: number; flags: string[]; modseq: number }

export type Update =
  | { kind: 'exists'; count: number; recent: number }
  | { kind: 'expunge'; seq: number; uid: number }
  | { kind: 'flags'; seq: number; uid: number; flags: string[]; modseq: number };

export class SelectedFolder {
  private messages: MessageState[] = [];
  private pendingNew = false;
  private readonly pendingFlags = new Set<number>();
  private readonly pendingExpunge = new Set<number>();
  /** UID ranges [low, high] this session reports as \Recent (RFC 3501 2.3.2), and how far it looked. */
  private readonly recent: Array<[number, number]> = [];
  private recentChecked = 0;

  private constructor(
    private readonly store: Store,
    readonly folder: Row<'folders'>,
    readonly readOnly: boolean,
  ) {}

  static async open(store: Store, folder: Row<'folders'>, readOnly: boolean): Promise<SelectedFolder> {
    const s = new SelectedFolder(store, folder, readOnly);
    s.messages = await s.load();
    await s.takeRecent();
    return s;
  }

  /**
   * The new UIDs up to maxUid that no session was told of before are recent to this one. A
   * read-only session (EXAMINE) sees them as recent without taking them from the others.
   */
  private async takeRecent(): Promise<void> {
    const upto = this.maxUid;
    if (upto <= this.recentChecked) return;
    const before = this.readOnly ? await recentMark(this.store.db, this.folder.id) : await claimRecent(this.store, this.folder.id, upto);
    const low = Math.max(before, this.recentChecked) + 1;
    if (low <= upto) this.recent.push([low, upto]);
    this.recentChecked = upto;
  }

  isRecent(uid: number): boolean {
    for (const [lo, hi] of this.recent) if (uid >= lo && uid <= hi) return true;
    return false;
  }

  get recentCount(): number {
    if (!this.recent.length) return 0;
    let n = 0;
    for (const m of this.messages) if (this.isRecent(m.uid)) n++;
    return n;
  }

  private async load(afterUid = 0): Promise<MessageState[]> {
    const rows = await this.store.db
      .selectFrom('messages')
      .select(['uid', 'flags', 'modseq'])
      .where('folder_id', '=', this.folder.id)
      .where('uid', '>', afterUid)
      .orderBy('uid')
      .execute();
    // Most messages share a few flag sets ([], [\Seen], ...): each distinct JSON text is parsed
    // once and its array shared (flag arrays are replaced, never changed in place).
    const parsed = new Map<string, string[]>();
    return rows.map((r) => {
      let flags = parsed.get(r.flags);
      if (!flags) parsed.set(r.flags, (flags = JSON.parse(r.flags) as string[]));
      return { uid: r.uid, flags, modseq: r.modseq };
    });
  }

  get count(): number {
    return this.messages.length;
  }

  get all(): readonly MessageState[] {
    return this.messages;
  }

  get maxUid(): number {
    return this.messages.length ? this.messages[this.messages.length - 1]!.uid : 0;
  }

  /** Sequence number of a UID (binary search), or 0 when not in the view. */
  seqOf(uid: number): number {
    let lo = 0;
    let hi = this.messages.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const u = this.messages[mid]!.uid;
      if (u === uid) return mid + 1;
      if (u < uid) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  bySeq(seq: number): MessageState | undefined {
    return this.messages[seq - 1];
  }

  byUid(uid: number): MessageState | undefined {
    const seq = this.seqOf(uid);
    return seq ? this.messages[seq - 1] : undefined;
  }

  /** This session changed flags itself: its own view follows at once (the FETCH reply reports it). */
  setFlags(uid: number, flags: string[], modseq: number): void {
    const m = this.byUid(uid);
    if (m) {
      m.flags = flags;
      m.modseq = modseq;
    }
    this.pendingFlags.delete(uid);
  }

  // Events from other sessions (or this one) -- recorded, applied later.
  noteNew(): void {
    this.pendingNew = true;
  }
  noteFlags(uid: number): void {
    this.pendingFlags.add(uid);
  }
  noteExpunge(uid: number): void {
    this.pendingExpunge.add(uid);
  }

  get hasPending(): boolean {
    return this.pendingNew || this.pendingFlags.size > 0 || this.pendingExpunge.size > 0;
  }

  /**
   * Applies what is pending and returns what to tell the client, in order: EXPUNGEs (when
   * `allowExpunge`), flag changes, then EXISTS.
   */
  async sync(allowExpunge: boolean): Promise<Update[]> {
    const updates: Update[] = [];
    if (allowExpunge && this.pendingExpunge.size) {
      const gone = this.pendingExpunge;
      const keep: MessageState[] = [];
      let removedBefore = 0;
      for (let i = 0; i < this.messages.length; i++) {
        const m = this.messages[i]!;
        if (gone.has(m.uid)) {
          // Each EXPUNGE's number is as of when it is sent: earlier ones already shifted the rest.
          updates.push({ kind: 'expunge', seq: i + 1 - removedBefore, uid: m.uid });
          removedBefore++;
        } else keep.push(m);
      }
      this.messages = keep;
      gone.clear();
    }
    if (this.pendingFlags.size) {
      const uids = [...this.pendingFlags].filter((u) => !this.pendingExpunge.has(u));
      this.pendingFlags.clear();
      if (uids.length) {
        const rows = await this.store.db.selectFrom('messages').select(['uid', 'flags', 'modseq']).where('folder_id', '=', this.folder.id).where('uid', 'in', uids).execute();
        for (const r of rows.sort((a, b) => a.uid - b.uid)) {
          const seq = this.seqOf(r.uid);
          if (!seq) continue;
          const m = this.messages[seq - 1]!;
          const flags = JSON.parse(r.flags) as string[];
          if (r.modseq === m.modseq) continue;
          m.flags = flags;
          m.modseq = r.modseq;
          updates.push({ kind: 'flags', seq, uid: r.uid, flags, modseq: r.modseq });
        }
      }
    }
    if (this.pendingNew) {
      this.pendingNew = false;
      const added = await this.load(this.maxUid);
      if (added.length) {
        this.messages.push(...added);
        await this.takeRecent();
        updates.push({ kind: 'exists', count: this.messages.length, recent: this.recentCount });
      }
    }
    return updates;
  }
}
