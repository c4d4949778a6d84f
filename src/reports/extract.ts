// Finds the reports in a message: attachments that are (or unpack to) a DMARC aggregate report
// (XML) or a TLS-RPT report (JSON), as reporters send them: application/zip, application/gzip,
// text/xml, application/tlsrpt+gzip or +json, or application/octet-stream with a telling file
// name. Each document found is parsed; what could not be read is returned with the reason.
import { decodeTransferEncoding, parseMessage, partFilename, type MimePart } from '../mime/index.js';
import { parseDmarcReport, type DmarcAggregateReport } from './dmarc-report.js';
import { parseTlsReport, type TlsReport } from './tls-report.js';
import { unpack, type UnpackLimits } from './unpack.js';

export type FoundReport =
  | { kind: 'dmarc'; name: string; report: DmarcAggregateReport }
  | { kind: 'tls'; name: string; report: TlsReport }
  | { kind: 'error'; name: string; error: string };

/** More report attachments than this in one message are ignored (a report mail has one). */
const MAX_ATTACHMENTS = 5;

const REPORT_TYPES = new Set([
  'application/zip',
  'application/x-zip',
  'application/x-zip-compressed',
  'application/gzip',
  'application/x-gzip',
  'application/xml',
  'text/xml',
  'application/tlsrpt+gzip',
  'application/tlsrpt+json',
  'application/json',
]);
const REPORT_NAME = /\.(xml|zip|gz|json)$/i;

function leaves(part: MimePart, out: MimePart[] = []): MimePart[] {
  if (part.children.length) for (const c of part.children) leaves(c, out);
  else if (part.message) leaves(part.message.root, out);
  else out.push(part);
  return out;
}

function isCandidate(part: MimePart): boolean {
  const type = `${part.type}/${part.subtype}`;
  const name = partFilename(part) ?? '';
  return REPORT_TYPES.has(type) || REPORT_NAME.test(name);
}

export function extractReports(message: Buffer, limits: Partial<UnpackLimits> = {}): FoundReport[] {
  const parsed = parseMessage(message, { maxTextBytes: 0 });
  const found: FoundReport[] = [];
  for (const part of leaves(parsed.root).filter(isCandidate).slice(0, MAX_ATTACHMENTS)) {
    const name = partFilename(part) ?? `part ${part.path}`;
    const tlsType = part.subtype.startsWith('tlsrpt');
    let docs;
    try {
      docs = unpack(decodeTransferEncoding(message.subarray(part.bodyStart, part.bodyEnd), part.encoding), name, limits);
    } catch (err) {
      found.push({ kind: 'error', name, error: (err as Error).message });
      continue;
    }
    for (const doc of docs) {
      const head = doc.data.subarray(0, 64).toString('utf8').replace(/^\uFEFF/, '').trimStart();
      try {
        if (head.startsWith('{') || tlsType) found.push({ kind: 'tls', name: doc.name, report: parseTlsReport(doc.data) });
        else if (head.startsWith('<')) found.push({ kind: 'dmarc', name: doc.name, report: parseDmarcReport(doc.data, limits.maxUncompressedBytes ? { maxBytes: limits.maxUncompressedBytes } : {}) });
        else found.push({ kind: 'error', name: doc.name, error: 'neither XML nor JSON' });
      } catch (err) {
        found.push({ kind: 'error', name: doc.name, error: (err as Error).message });
      }
    }
  }
  return found;
}
