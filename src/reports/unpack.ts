// From an attachment's bytes to the documents inside: gzip and ZIP are recognised by their magic
// bytes (reporters label them inconsistently), nested at most `maxNesting` levels (a report zipped
// and then gzipped exists; anything deeper does not), with every size limit of zip.ts applied to
// gzip as well. A refusal says why, for the log.
import zlib from 'node:zlib';
import { ArchiveError, DEFAULT_ZIP_LIMITS, isZip, readZip, type ZipLimits } from './zip.js';

export interface UnpackLimits extends ZipLimits {
  /** Archives inside archives, counting the outermost as 1. */
  maxNesting: number;
}

export const DEFAULT_UNPACK_LIMITS: UnpackLimits = { ...DEFAULT_ZIP_LIMITS, maxNesting: 2 };

export interface UnpackedDocument {
  /** File name inside an archive (or the attachment's own, without .gz), for logs. */
  name: string;
  data: Buffer;
}

export { ArchiveError };

export function isGzip(buf: Buffer): boolean {
  return buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b;
}

function gunzip(buf: Buffer, lim: UnpackLimits, name: string): Buffer {
  let out: Buffer;
  try {
    out = zlib.gunzipSync(buf, { maxOutputLength: lim.maxUncompressedBytes });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ArchiveError(`${name} unpacks to more than ${lim.maxUncompressedBytes} bytes, refused`);
    }
    throw new ArchiveError(`${name} is not valid gzip: ${(err as Error).message}`);
  }
  if (out.length > 1024 * 1024 && out.length > buf.length * lim.maxRatio) {
    throw new ArchiveError(`${name} has a compression ratio of ${Math.round(out.length / buf.length)}:1, refused as a zip bomb`);
  }
  return out;
}

/** The documents inside `data` (itself when it is not an archive). Throws ArchiveError. */
export function unpack(data: Buffer, name: string, limits: Partial<UnpackLimits> = {}): UnpackedDocument[] {
  const lim = { ...DEFAULT_UNPACK_LIMITS, ...limits };
  let budget = lim.maxUncompressedBytes;
  const walk = (buf: Buffer, label: string, depth: number): UnpackedDocument[] => {
    const archive = isGzip(buf) || isZip(buf);
    if (!archive) return [{ name: label, data: buf }];
    if (depth >= lim.maxNesting) throw new ArchiveError(`${label}: archives nested more than ${lim.maxNesting} deep`);
    // What is left of the total budget bounds every level below.
    const inner = { ...lim, maxUncompressedBytes: budget };
    if (isGzip(buf)) {
      const out = gunzip(buf, inner, label);
      budget -= out.length;
      return walk(out, label.replace(/\.t?gz$/i, ''), depth + 1);
    }
    const entries = readZip(buf, inner);
    budget -= entries.reduce((s, e) => s + e.data.length, 0);
    return entries.flatMap((e) => walk(e.data, e.name, depth + 1));
  };
  return walk(data, name, 0);
}
