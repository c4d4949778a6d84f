// What the classifier reads of a message, extracted once with hard bounds: only the first
// SCAN_BYTES of the message are decoded, each part at most PART_BYTES, the MIME walk stops at
// MAX_PARTS parts and MAX_DEPTH levels. A 25 MB message or a MIME bomb costs what a large
// ordinary one does.
import {
  decodeCharset,
  decodeTransferEncoding,
  getParam,
  isAttachment,
  partFilename,
  type HeaderField,
  type MailAddress,
  type MimePart,
  type ParsedMessage,
} from '../mime/index.js';
import { scanHtml, type HtmlInfo } from './html.js';
import { addressDomain, parseLink, textUrls, type LinkUrl } from './urls.js';

export const SCAN_BYTES = 1024 * 1024;
export const PART_BYTES = 256 * 1024;
export const MAX_PARTS = 200;
export const MAX_DEPTH = 20;
export const MAX_URLS = 300;

/** The message as handed to classify(): our parse plus the raw bytes it was parsed from. */
export interface ClassifyMessage {
  raw: Buffer;
  parsed: ParsedMessage;
}

export interface AttachmentInfo {
  filename: string;
  type: string;
  size: number;
  /** Scan of an HTML attachment (login forms), when it is one. */
  html: HtmlInfo | null;
}

export interface MessageView {
  headers: HeaderField[];
  subject: string;
  from: MailAddress | null;
  fromDomain: string;
  /** Decoded text/plain parts (not attachments). */
  plain: string[];
  /** Scans of text/html parts (not attachments). */
  html: HtmlInfo[];
  /** Text to tokenize: plain parts, else the visible HTML text. */
  text: string;
  urls: LinkUrl[];
  attachments: AttachmentInfo[];
  /** MIME types of every leaf, "type/subtype". */
  partTypes: string[];
  /** The walk stopped at a bound (message larger than SCAN_BYTES, too many parts...). */
  truncated: string[];
  problems: string[];
  /** A multipart/report with delivery-status (RFC 3464), or a message/delivery-status part. */
  deliveryStatus: boolean;
}

function decodePart(raw: Buffer, part: MimePart): string {
  const end = Math.min(part.bodyEnd, part.bodyStart + PART_BYTES, raw.length, SCAN_BYTES);
  if (end <= part.bodyStart) return '';
  const bytes = decodeTransferEncoding(raw.subarray(part.bodyStart, end), part.encoding);
  return decodeCharset(bytes, getParam(part.params, 'charset'));
}

export function buildView(message: ClassifyMessage): MessageView {
  const { raw, parsed } = message;
  const view: MessageView = {
    headers: parsed.headers,
    subject: parsed.subject,
    from: parsed.from,
    fromDomain: addressDomain(parsed.from?.address),
    plain: [],
    html: [],
    text: '',
    urls: [],
    attachments: [],
    partTypes: [],
    truncated: [],
    problems: parsed.problems.slice(0, 20),
    deliveryStatus: false,
  };
  if (raw.length > SCAN_BYTES) view.truncated.push(`message of ${raw.length} bytes: first ${SCAN_BYTES} bytes read`);
  let parts = 0;
  const walk = (part: MimePart, depth: number, inAlternative: boolean): void => {
    if (parts >= MAX_PARTS) {
      if (parts++ === MAX_PARTS) view.truncated.push(`more than ${MAX_PARTS} parts`);
      return;
    }
    if (depth > MAX_DEPTH) {
      view.truncated.push(`nesting deeper than ${MAX_DEPTH}`);
      return;
    }
    if (part.bodyStart >= SCAN_BYTES) return;
    parts++;
    if (part.type === 'multipart') {
      if (part.subtype === 'report' && /delivery-status/i.test(getParam(part.params, 'report-type') ?? '')) view.deliveryStatus = true;
      for (const c of part.children) walk(c, depth + 1, part.subtype === 'alternative');
      return;
    }
    view.partTypes.push(`${part.type}/${part.subtype}`);
    if (part.type === 'message' && (part.subtype === 'delivery-status' || part.subtype === 'global-delivery-status')) view.deliveryStatus = true;
    if (part.message) {
      walk(part.message.root, depth + 1, false);
      return;
    }
    const name = partFilename(part);
    const attached = isAttachment(part);
    const htmlLike = part.subtype === 'html' || /\.x?html?$/i.test(name ?? '');
    if (attached) {
      const att: AttachmentInfo = { filename: name ?? '', type: `${part.type}/${part.subtype}`, size: part.size, html: null };
      if (htmlLike && view.attachments.filter((a) => a.html).length < 5) att.html = scanHtml(decodePart(raw, part));
      if (view.attachments.length < 50) view.attachments.push(att);
      return;
    }
    if (part.type !== 'text') return;
    if (part.subtype === 'html') view.html.push(scanHtml(decodePart(raw, part)));
    else if (part.subtype === 'plain' || part.subtype === 'enriched' || !inAlternative) view.plain.push(decodePart(raw, part));
  };
  walk(parsed.root, 0, false);

  // Both alternatives are read: spam often puts harmless plain text beside the HTML that is shown.
  view.text = [...view.plain, ...view.html.map((h) => h.visibleText)].join('\n');
  const seen = new Set<string>();
  const addUrl = (u: LinkUrl | null) => {
    if (!u || view.urls.length >= MAX_URLS || seen.has(u.raw)) return;
    seen.add(u.raw);
    view.urls.push(u);
  };
  for (const h of view.html) for (const l of h.links) addUrl(parseLink(l.href));
  for (const p of view.plain) for (const u of textUrls(p.slice(0, PART_BYTES), MAX_URLS)) addUrl(u);
  return view;
}

/**
 * The header fields by lower-case name, values in order, built once per header list: the rules
 * ask for a dozen names each, and scanning (and lower-casing) every field per question was a
 * visible part of a classification.
 */
const byName = new WeakMap<HeaderField[], { length: number; index: Map<string, string[]> }>();
function headerIndex(headers: HeaderField[]): Map<string, string[]> {
  const known = byName.get(headers);
  if (known && known.length === headers.length) return known.index;
  const index = new Map<string, string[]>();
  for (const h of headers) {
    const n = h.name.toLowerCase();
    const values = index.get(n);
    if (values) values.push(h.value);
    else index.set(n, [h.value]);
  }
  byName.set(headers, { length: headers.length, index });
  return index;
}

/** The last value of a header field, null when there is none. */
export function header(view: MessageView, name: string): string | null {
  const values = headerIndex(view.headers).get(name.toLowerCase());
  return values ? values[values.length - 1] : null;
}

/** Every value of a header field, in order. */
export function headersNamed(view: MessageView, name: string): string[] {
  return (headerIndex(view.headers).get(name.toLowerCase()) ?? []).slice();
}

/** Lower-case names of the first `n` header fields, in order. */
export function headerNames(view: MessageView, n: number): string[] {
  return view.headers.slice(0, n).map((h) => h.name.toLowerCase());
}
