// The state of a selected folder in one IMAP session: the UIDs of its messages in order (sequence
// number = position + 1) and the changes other sessions made that this one has not been told yet.
// Implementation rules (RFC 9051 7.5.1, 5.5):
// - The view holds UIDs only, in one Uint32Array (4 bytes a message: 400 KB for 100,000, where
//   an object per message with its flags cost ~15 times that and most of SELECT's time). Flags
//   and modseqs are read from the database when a command needs them, so they are always what
//   is committed; other sessions' flag changes are still announced only when allowed, below.
// - Changes arrive as events at any time but are applied only when the session says it may
//   report them (not during FETCH, STORE, SEARCH, which must not see EXPUNGE): `pending*` hold them.
// - New messages are loaded from the database when applied, never taken from the event alone,
//   so the view is always what is committed.
// - Each EXPUNGE is numbered as of the moment it is sent: earlier ones in the same batch have
//   already shifted the numbers after them (RFC 9051 7.5.1).
import type { Store } from '../store/db.js';
import type { Row } from '../store/schema.js';
import { claimRecent, recentMark } from '../store/folders-repo.js';
import { flagRows, folderUids } from '../store/folder-view.js';
import { FlagParser } from './flags.js';

export type Update =
  | { kind: 'exists'; count: number; recent: number }
  | { kind: 'expunge'; seq: number; uid: number }
  | { kind: 'flags'; seq: number; uid: number; flags: string[]; modseq: number };

export class SelectedFolder {
  /** The view: uids[0 .. size) ascending; may have room to grow at the end. */
  private uids: Uint32Array = new Uint32Array(0);
  private size = 0;
  private pendingNew = false;
  /** UID → modseq of the latest flag change announced by an event and not told yet. */
  private readonly pendingFlags = new Map<number, number>();
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
    s.uids = await folderUids(store.db, store.dialect, folder.id);
    s.size = s.uids.length;
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
    let n = 0;
    for (const [lo, hi] of this.recent) n += this.lowerBound(hi + 1) - this.lowerBound(lo);
    return n;
  }

  get count(): number {
    return this.size;
  }

  get maxUid(): number {
    return this.size ? this.uids[this.size - 1]! : 0;
  }

  /** The view's UIDs in order (a window on the live array: read it, don't keep it across awaits). */
  get uidList(): Uint32Array {
    return this.uids.subarray(0, this.size);
  }

  /** The UID of a sequence number, or 0 when there is none. */
  uidAt(seq: number): number {
    return seq >= 1 && seq <= this.size ? this.uids[seq - 1]! : 0;
  }

  /** The index of the first UID ≥ uid (size when none). */
  private lowerBound(uid: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.uids[mid]! < uid) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Sequence number of a UID, or 0 when not in the view. */
  seqOf(uid: number): number {
    const i = this.lowerBound(uid);
    return i < this.size && this.uids[i] === uid ? i + 1 : 0;
  }

  /** The view's UIDs from `low` to `high`, ascending. */
  uidsBetween(low: number, high: number): Uint32Array {
    return this.uids.subarray(this.lowerBound(low), this.lowerBound(high + 1));
  }

  private append(added: Uint32Array): void {
    if (this.size + added.length > this.uids.length) {
      const grown = new Uint32Array(Math.max(this.size + added.length, this.uids.length * 2));
      grown.set(this.uids.subarray(0, this.size));
      this.uids = grown;
    }
    this.uids.set(added, this.size);
    this.size += added.length;
  }

  /**
   * The client was just told the flags of `uid` as of `modseq` (this session's STORE, or a FETCH
   * of FLAGS): an announced change no newer than that needs no second report.
   */
  told(uid: number, modseq: number): void {
    const pending = this.pendingFlags.get(uid);
    if (pending !== undefined && pending <= modseq) this.pendingFlags.delete(uid);
  }

  // Events from other sessions (or this one) -- recorded, applied later.
  noteNew(): void {
    this.pendingNew = true;
  }
  noteFlags(uid: number, modseq: number): void {
    this.pendingFlags.set(uid, Math.max(modseq, this.pendingFlags.get(uid) ?? 0));
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
      let kept = 0;
      for (let i = 0; i < this.size; i++) {
        const uid = this.uids[i]!;
        // Each EXPUNGE's number is as of when it is sent: earlier ones already shifted the rest.
        if (gone.has(uid)) updates.push({ kind: 'expunge', seq: kept + 1, uid });
        else this.uids[kept++] = uid;
      }
      this.size = kept;
      gone.clear();
    }
    if (this.pendingFlags.size) {
      const uids = [...this.pendingFlags.keys()].filter((u) => !this.pendingExpunge.has(u) && this.seqOf(u) > 0).sort((a, b) => a - b);
      this.pendingFlags.clear();
      const parser = new FlagParser();
      for (const r of await flagRows(this.store.db, this.folder.id, uids)) {
        const seq = this.seqOf(r.uid);
        if (seq) updates.push({ kind: 'flags', seq, uid: r.uid, flags: parser.parse(r.flags), modseq: r.modseq });
      }
    }
    if (this.pendingNew) {
      this.pendingNew = false;
      const added = await folderUids(this.store.db, this.store.dialect, this.folder.id, this.maxUid);
      if (added.length) {
        this.append(added);
        await this.takeRecent();
        updates.push({ kind: 'exists', count: this.size, recent: this.recentCount });
      }
    }
    return updates;
  }
}
