// FETCH data items (RFC 9051 6.4.5, 7.5.2) from what delivery stored: ENVELOPE and BODYSTRUCTURE
// from their JSON (never re-parsed), sections by the stored MIME offsets, reading only the byte
// range asked for from the blob. Each item comes back as its name and either formatted IMAP text
// or bytes to send as a literal.
import type { BlobStore } from '../blobs/blob-store.js';
import type { Row } from '../store/schema.js';
import type { FetchItem, Section } from './protocol/ast.js';
import { formatDateTime } from './protocol/datetime.js';
import {
  decodeTransferEncoding,
  formatBodyStructure,
  formatEnvelope,
  partByPath,
  sectionRange,
  type BodyStructure,
  type Envelope,
  type MimePart,
} from '../mime/index.js';
import { emailId, threadId } from './search.js';

/** Bytes [start, end) of a blob, sent as a literal by streaming from the blob store. */
export interface BlobSlice { hash: string; start: number; end: number }

export interface FetchAttr { name: string; value: string | Buffer | BlobSlice }

/** Byte ranges at least this long are streamed from the blob store instead of read into memory. */
export const STREAM_OVER = 64 * 1024;

/** The columns of a message row that FETCH reads: the JSON ones only when an item needs them. */
/** A message row with the columns the items asked for (commands/fetch.ts columnsFor): each item reads only its own. */
export type FetchRow = Pick<Row<'messages'>, 'uid'> &
  Partial<Pick<Row<'messages'>, 'id' | 'size' | 'blob_hash' | 'internal_date' | 'thread_id' | 'created_at' | 'envelope' | 'envelope_imap' | 'body_structure' | 'mime_tree'>>;

export interface FetchInput {
  row: FetchRow;
  flags: string[];
  modseq: number;
  blobs: BlobStore;
  /** Stream ranges of at least this many octets (default STREAM_OVER); Infinity never streams. */
  streamOver?: number;
}

/** A range to stream, or null when it is small enough to read (or must be transformed). */
function slice(input: FetchInput, start: number, end: number, partial: { offset: number; length: number } | null): BlobSlice | null {
  if (partial) {
    start = Math.min(start + partial.offset, end);
    end = Math.min(start + partial.length, end);
  }
  if (end - start < (input.streamOver ?? STREAM_OVER)) return null;
  return { hash: input.row.blob_hash!, start, end };
}

/** A whole section (no HEADER.FIELDS filter) as a BlobSlice when it is large. */
function sectionSlice(input: FetchInput, root: MimePart, section: Section, partial: { offset: number; length: number } | null): BlobSlice | null {
  if (section.text === 'HEADER.FIELDS' || section.text === 'HEADER.FIELDS.NOT') return null;
  const range = sectionRange(root, [section.part.join('.'), section.text ?? ''].filter(Boolean).join('.'));
  if (!range) return null;
  return slice(input, range.start, range.end, partial);
}

function formatFlags(flags: string[]): string {
  return `(${flags.join(' ')})`;
}

function sectionText(s: Section): string {
  const part = s.part.join('.');
  if (!s.text) return part;
  const fields = s.text.startsWith('HEADER.FIELDS') ? ` (${s.fields.map((f) => f.toUpperCase()).join(' ')})` : '';
  return `${part}${part ? '.' : ''}${s.text}${fields}`;
}

async function readRange(blobs: BlobStore, hash: string, start: number, end: number): Promise<Buffer> {
  if (end <= start) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const c of blobs.stream(hash, start, end)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Only (or all but) the named header fields, with the blank line that ends a header (RFC 9051 6.4.5). */
function filterHeader(block: Buffer, names: string[], not: boolean): Buffer {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  const lines = block.toString('latin1').split(/(?<=\r\n)/);
  const out: string[] = [];
  let keep = false;
  for (const line of lines) {
    if (line === '\r\n') break;
    if (!/^[ \t]/.test(line)) {
      const name = line.slice(0, Math.max(0, line.indexOf(':'))).trim().toLowerCase();
      keep = wanted.has(name) !== not;
    }
    if (keep) out.push(line);
  }
  return Buffer.from(out.join('') + '\r\n', 'latin1');
}

function applyPartial(data: Buffer, partial: { offset: number; length: number } | null): Buffer {
  if (!partial) return data;
  return data.subarray(Math.min(partial.offset, data.length), Math.min(partial.offset + partial.length, data.length));
}

async function bodySection(input: FetchInput, root: MimePart, section: Section): Promise<Buffer> {
  const { row, blobs } = input;
  const range = sectionRange(root, [section.part.join('.'), section.text ?? ''].filter(Boolean).join('.'));
  // A part that does not exist is answered empty (RFC 9051 6.4.5 leaves it to the server; Dovecot does the same).
  if (!range) return Buffer.alloc(0);
  const data = await readRange(blobs, row.blob_hash!, range.start, range.end);
  if (section.text === 'HEADER.FIELDS' || section.text === 'HEADER.FIELDS.NOT') return filterHeader(data, section.fields, section.text === 'HEADER.FIELDS.NOT');
  return data;
}

async function binaryPart(input: FetchInput, root: MimePart, partPath: number[]): Promise<Buffer | null> {
  if (partPath.length === 0) return readRange(input.blobs, input.row.blob_hash!, 0, input.row.size!);
  const part = partByPath(root, partPath.join('.'));
  if (!part) return null;
  const raw = await readRange(input.blobs, input.row.blob_hash!, part.bodyStart, part.bodyEnd);
  return decodeTransferEncoding(raw, part.encoding);
}

/** The attributes of one message, in the order asked. `setSeen` tells the caller to add \Seen. */
export async function fetchAttributes(input: FetchInput, items: FetchItem[]): Promise<{ attrs: FetchAttr[]; setSeen: boolean; unknownCte: boolean }> {
  const { row } = input;
  let root: MimePart | null = null;
  const tree = () => (root ??= JSON.parse(row.mime_tree!) as MimePart);
  const attrs: FetchAttr[] = [];
  let setSeen = false;
  let unknownCte = false;
  for (const item of items) {
    switch (item.type) {
      case 'UID':
        attrs.push({ name: 'UID', value: String(row.uid) });
        break;
      case 'FLAGS':
        attrs.push({ name: 'FLAGS', value: formatFlags(input.flags) });
        break;
      case 'INTERNALDATE':
        attrs.push({ name: 'INTERNALDATE', value: `"${formatDateTime(row.internal_date!)}"` });
        break;
      case 'RFC822.SIZE':
        attrs.push({ name: 'RFC822.SIZE', value: String(row.size!) });
        break;
      case 'ENVELOPE':
        attrs.push({ name: 'ENVELOPE', value: row.envelope_imap ?? formatEnvelope(JSON.parse(row.envelope!) as Envelope) });
        break;
      case 'BODY':
        attrs.push({ name: 'BODY', value: formatBodyStructure(JSON.parse(row.body_structure!) as BodyStructure, { extended: false }) });
        break;
      case 'BODYSTRUCTURE':
        attrs.push({ name: 'BODYSTRUCTURE', value: formatBodyStructure(JSON.parse(row.body_structure!) as BodyStructure, { extended: true }) });
        break;
      case 'MODSEQ':
        attrs.push({ name: 'MODSEQ', value: `(${input.modseq})` });
        break;
      case 'EMAILID':
        attrs.push({ name: 'EMAILID', value: `(${emailId(row.id!)})` });
        break;
      case 'THREADID':
        attrs.push({ name: 'THREADID', value: `(${threadId(row.thread_id!)})` });
        break;
      case 'SAVEDATE':
        attrs.push({ name: 'SAVEDATE', value: `"${formatDateTime(row.created_at!)}"` });
        break;
      case 'RFC822':
        setSeen = true;
        attrs.push({ name: 'RFC822', value: slice(input, 0, row.size!, null) ?? (await readRange(input.blobs, row.blob_hash!, 0, row.size!)) });
        break;
      case 'RFC822.HEADER':
        attrs.push({ name: 'RFC822.HEADER', value: await bodySection(input, tree(), { part: [], text: 'HEADER', fields: [] }) });
        break;
      case 'RFC822.TEXT':
      {
        setSeen = true;
        const text: Section = { part: [], text: 'TEXT', fields: [] };
        attrs.push({ name: 'RFC822.TEXT', value: sectionSlice(input, tree(), text, null) ?? (await bodySection(input, tree(), text)) });
        break;
      }
      case 'BODYSECTION': {
        if (!item.peek) setSeen = true;
        const data = sectionSlice(input, tree(), item.section, item.partial) ?? applyPartial(await bodySection(input, tree(), item.section), item.partial);
        // RFC 9051 7.5.2: the reply names the section as asked, with only the origin of a partial.
        attrs.push({ name: `BODY[${sectionText(item.section)}]${item.partial ? `<${item.partial.offset}>` : ''}`, value: data });
        break;
      }
      case 'BINARY': {
        if (!item.peek) setSeen = true;
        const data = await binaryPart(input, tree(), item.part).catch(() => null);
        if (data === null) {
          unknownCte = true;
          break;
        }
        attrs.push({ name: `BINARY[${item.part.join('.')}]${item.partial ? `<${item.partial.offset}>` : ''}`, value: applyPartial(data, item.partial) });
        break;
      }
      case 'BINARY.SIZE': {
        const data = await binaryPart(input, tree(), item.part).catch(() => null);
        if (data === null) {
          unknownCte = true;
          break;
        }
        attrs.push({ name: `BINARY.SIZE[${item.part.join('.')}]`, value: String(data.length) });
        break;
      }
    }
  }
  return { attrs, setSeen, unknownCte };
}

