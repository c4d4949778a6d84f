// A minimal ZIP reader (PKWARE APPNOTE 6.3): stored and deflated entries of a single-disk archive,
// read through the central directory, which is what DMARC reporters send (one XML file, deflated).
// Everything that could make it expensive is refused before inflating: too many entries, ZIP64,
// encryption, declared sizes over the limit or a declared compression ratio no report reaches;
// while inflating, the output is capped (a lying header cannot get past the cap), and the result
// must match the declared size and CRC-32. Pure code, no I/O.
import zlib from 'node:zlib';

export interface ZipLimits {
  maxEntries: number;
  /** Per entry and in total. */
  maxUncompressedBytes: number;
  /** Declared uncompressed / compressed size above this is a bomb (deflate tops out near 1030). */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 16, maxUncompressedBytes: 20 * 1024 * 1024, maxRatio: 250 };

export interface ZipEntry { name: string; data: Buffer }

export class ArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArchiveError';
  }
}

const EOCD_SIG = 0x06054b50;
const CDIR_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;

export function isZip(buf: Buffer): boolean {
  return buf.length >= 4 && buf.readUInt32LE(0) === LOCAL_SIG;
}

/** The end-of-central-directory record: the last one in the final 64 KiB + 22 bytes. */
function findEocd(buf: Buffer): number {
  const min = Math.max(0, buf.length - (0xffff + 22));
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG && i + 22 + buf.readUInt16LE(i + 20) === buf.length) return i;
  }
  throw new ArchiveError('not a ZIP archive: no end of central directory');
}

export function readZip(buf: Buffer, limits: Partial<ZipLimits> = {}): ZipEntry[] {
  const lim = { ...DEFAULT_ZIP_LIMITS, ...limits };
  if (buf.length < 22) throw new ArchiveError('ZIP archive truncated');
  const eocd = findEocd(buf);
  const disk = buf.readUInt16LE(eocd + 4);
  const cdDisk = buf.readUInt16LE(eocd + 6);
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) throw new ArchiveError('ZIP64 archives are not accepted');
  if (disk !== 0 || cdDisk !== 0 || buf.readUInt16LE(eocd + 8) !== count) throw new ArchiveError('multi-disk ZIP archives are not accepted');
  if (count > lim.maxEntries) throw new ArchiveError(`ZIP archive has ${count} entries, more than the ${lim.maxEntries} accepted`);
  if (cdOffset + cdSize > eocd) throw new ArchiveError('ZIP central directory lies outside the archive');

  const entries: ZipEntry[] = [];
  let total = 0;
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CDIR_SIG) throw new ArchiveError('ZIP central directory is corrupt');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const csize = buf.readUInt32LE(p + 20);
    const usize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString(flags & 0x800 ? 'utf8' : 'latin1');
    p += 46 + nameLen + extraLen + commentLen;
    if (p > eocd) throw new ArchiveError('ZIP central directory is corrupt');
    if (name.endsWith('/')) continue; // a directory
    if (flags & 0x1) throw new ArchiveError(`ZIP entry ${name} is encrypted`);
    if (csize === 0xffffffff || usize === 0xffffffff) throw new ArchiveError('ZIP64 archives are not accepted');
    if (method !== 0 && method !== 8) throw new ArchiveError(`ZIP entry ${name} uses compression method ${method}; only stored and deflate are accepted`);
    if (usize > lim.maxUncompressedBytes || total + usize > lim.maxUncompressedBytes) {
      throw new ArchiveError(`ZIP archive unpacks to more than ${lim.maxUncompressedBytes} bytes`);
    }
    if (usize > 1024 * 1024 && usize > csize * lim.maxRatio) {
      throw new ArchiveError(`ZIP entry ${name} claims a compression ratio of ${Math.round(usize / Math.max(csize, 1))}:1, refused as a zip bomb`);
    }

    if (localOffset + 30 > buf.length || buf.readUInt32LE(localOffset) !== LOCAL_SIG) throw new ArchiveError(`ZIP local header of ${name} is missing`);
    // The local header's own name and extra lengths place the data (the extra field may differ).
    const dataStart = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    if (dataStart + csize > buf.length) throw new ArchiveError(`ZIP entry ${name} is truncated`);
    const raw = buf.subarray(dataStart, dataStart + csize);

    let data: Buffer;
    if (method === 0) {
      if (csize !== usize) throw new ArchiveError(`stored ZIP entry ${name} has different sizes`);
      data = raw;
    } else {
      try {
        // The cap holds even when the declared size lies.
        data = zlib.inflateRawSync(raw, { maxOutputLength: Math.max(usize, 1) });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
          throw new ArchiveError(`ZIP entry ${name} inflates to more than its declared ${usize} bytes, refused as a zip bomb`);
        }
        throw new ArchiveError(`ZIP entry ${name} does not inflate: ${(err as Error).message}`);
      }
    }
    if (data.length !== usize) throw new ArchiveError(`ZIP entry ${name} has ${data.length} bytes, not the declared ${usize}`);
    if (crc32(data) !== crc) throw new ArchiveError(`ZIP entry ${name} fails its CRC-32 check`);
    total += data.length;
    entries.push({ name, data });
  }
  return entries;
}

// ---------------------------------------------------------------------------
// Writing (tests and nothing else need it, but it keeps the format in one place)

/** A ZIP archive of the given files, deflated (or stored with `store`). */
export function writeZip(files: Array<{ name: string; data: Buffer; store?: boolean }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name, 'utf8');
    const body = f.store ? f.data : zlib.deflateRawSync(f.data);
    const crc = crc32(f.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_SIG, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(f.store ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(f.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CDIR_SIG, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(f.store ? 0 : 8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(f.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(EOCD_SIG, 0);
  eocd.writeUInt16LE(files.length, 8);
  eocd.writeUInt16LE(files.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

// ---------------------------------------------------------------------------
// CRC-32 (IEEE 802.3, reflected, as ZIP and gzip use it); zlib.crc32 only exists from Node 20.15.

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
