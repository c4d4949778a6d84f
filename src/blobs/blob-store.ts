// Content-addressed message bytes: data/blobs/ab/cd/<sha256>. A blob is written once, however
// many mailboxes hold it; the database counts references (see store/blobs-repo.ts).
// Writes go to tmp/ first, are fsynced, then renamed into place and the directory fsynced,
// so a blob that a committed row names is always complete on disk.
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Readable } from 'node:stream';

export interface BlobRef { hash: string; size: number }

/** A received message: in memory when small, else in a spool file (exactly one of the two). */
export interface Spooled { size: number; tooLarge: boolean; path: string | null; buffer: Buffer | null }

export class SpoolTooLargeError extends Error {
  constructor(public readonly limit: number) {
    super(`message exceeds the size limit of ${limit} bytes`);
  }
}

export class BlobStore {
  readonly tmpDir: string;
  /** Which of the 65,536 blob folders (ab/cd) this process knows exist: one bit each. */
  private readonly folders = new Uint8Array(65536 / 8);

  constructor(readonly dir: string) {
    this.tmpDir = path.join(dir, 'tmp');
    fs.mkdirSync(this.tmpDir, { recursive: true });
  }

  pathOf(hash: string): string {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error(`bad blob hash ${hash}`);
    return path.join(this.dir, hash.slice(0, 2), hash.slice(2, 4), hash);
  }

  tmpPath(): string {
    return path.join(this.tmpDir, `${Date.now()}-${crypto.randomBytes(8).toString('hex')}`);
  }

  /**
   * Streams an incoming message in, counting bytes as they arrive: past `maxSize` the rest is read
   * and dropped (the SMTP client must still be answered). Up to `spillAt` bytes stay in memory
   * (most mail is a few kilobytes: no file to write and read back); a larger message goes on
   * streaming into a temporary spool file, so memory per connection stays bounded.
   */
  async spool(input: Readable, maxSize: number, spillAt = 256 * 1024): Promise<Spooled> {
    let chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    let file: string | null = null;
    let handle: fsp.FileHandle | null = null;
    try {
      for await (const chunk of input as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > maxSize) tooLarge = true;
        if (tooLarge) {
          chunks = [];
          continue;
        }
        if (handle) {
          await handle.write(chunk);
          continue;
        }
        chunks.push(chunk);
        if (size > spillAt) {
          file = this.tmpPath();
          handle = await fsp.open(file, 'wx', 0o600);
          await handle.writev(chunks);
          chunks = [];
        }
      }
    } catch (err) {
      await handle?.close().catch(() => undefined);
      if (file) await fsp.rm(file, { force: true });
      throw err;
    }
    await handle?.close();
    if (tooLarge) {
      if (file) await fsp.rm(file, { force: true });
      return { size, tooLarge, path: null, buffer: null };
    }
    return file ? { size, tooLarge, path: file, buffer: null } : { size, tooLarge, path: null, buffer: Buffer.concat(chunks, size) };
  }

  /**
   * Writes the concatenation of `parts` as one durable blob; returns its address. The file is
   * written and made durable under tmp/, renamed into place, and the folder fsynced.
   *
   * Every delivery comes here, so the event loop's share is kept small: plain fd calls (about half
   * the cost of FileHandle's promise API), the data written with O_DSYNC (durable when the write
   * returns, as write + fdatasync, one call fewer), no look for an existing file first (a message
   * as stored never repeats: our Received field is in it; the same bytes again are simply replaced),
   * and the two-level folder made once per process (a bitmap remembers which exist; one removed
   * behind our back is made again when the rename misses it).
   */
  async put(parts: Buffer[]): Promise<BlobRef> {
    const hasher = crypto.createHash('sha256');
    let size = 0;
    for (const p of parts) {
      hasher.update(p);
      size += p.length;
    }
    const hash = hasher.digest('hex');
    const final = this.pathOf(hash);
    const tmp = this.tmpPath();
    const fd = await fdOp.open(tmp, WRITE_DURABLE, 0o600);
    try {
      await fdOp.writev(fd, parts);
      if (!fs.constants.O_DSYNC) await fdOp.fsync(fd);
    } catch (err) {
      await fdOp.close(fd).catch(() => undefined);
      await fsp.rm(tmp, { force: true });
      throw err;
    }
    await fdOp.close(fd);
    const dir = path.dirname(final);
    const slot = parseInt(hash.slice(0, 4), 16);
    const made = (this.folders[slot >> 3] & (1 << (slot & 7))) !== 0;
    if (!made) await fsp.mkdir(dir, { recursive: true });
    try {
      await fdOp.rename(tmp, final);
    } catch (err) {
      if (!made || (err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      await fsp.mkdir(dir, { recursive: true });
      await fdOp.rename(tmp, final);
    }
    this.folders[slot >> 3] |= 1 << (slot & 7);
    await syncDir(dir);
    return { hash, size };
  }

  async read(hash: string): Promise<Buffer> {
    return fsp.readFile(this.pathOf(hash));
  }

  /** A stream of bytes [start, end) of the blob, for serving parts without loading the whole. */
  stream(hash: string, start = 0, end?: number): Readable {
    if (end !== undefined && end <= start) return fs.createReadStream('/dev/null');
    return fs.createReadStream(this.pathOf(hash), { start, end: end === undefined ? undefined : end - 1 });
  }

  async remove(hash: string): Promise<void> {
    await fsp.rm(this.pathOf(hash), { force: true });
  }

  async exists(hash: string): Promise<boolean> {
    return exists(this.pathOf(hash));
  }

  /** Spool files left by a crash are never referenced: drop them at start. */
  async cleanTmp(olderThanMs = 0): Promise<number> {
    let removed = 0;
    for (const name of await fsp.readdir(this.tmpDir)) {
      const file = path.join(this.tmpDir, name);
      const st = await fsp.stat(file).catch(() => null);
      if (st && Date.now() - st.mtimeMs >= olderThanMs) {
        await fsp.rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }
}

/** A new file whose writes are durable when they return (O_DSYNC where the system has it). */
const WRITE_DURABLE = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_DSYNC ?? 0);

/** The callback fs calls as promises (no FileHandle objects). */
const fdOp = {
  open: promisify(fs.open),
  writev: promisify(fs.writev),
  fsync: promisify(fs.fsync),
  close: promisify(fs.close),
  rename: promisify(fs.rename),
  access: promisify(fs.access),
};

async function exists(file: string): Promise<boolean> {
  try {
    await fdOp.access(file);
    return true;
  } catch {
    return false;
  }
}

async function syncDir(dir: string): Promise<void> {
  const fd = await fdOp.open(dir, 'r');
  try {
    await fdOp.fsync(fd);
  } finally {
    await fdOp.close(fd);
  }
}
