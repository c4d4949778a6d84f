// The messages Sieve actions make at delivery, built as pure functions of their input: a vacation
// response (RFC 5230 5), a mailto notification (RFC 5436 2.7), the refusal of a rejected copy as
// an MDN (RFC 5429 2.1.2 with RFC 8098), and a header block edited by editheader (RFC 5293).
import { isUtf8 } from 'node:buffer';
import { rfc5322Date } from '../util/dates.js';
import type { SieveHeaderField } from '../sieve/index.js';

const CRLF = '\r\n';
const isAscii = (s: string) => /^[\x00-\x7f]*$/.test(s);

/** One line: line breaks and other control characters out (they could inject header fields). */
function oneLine(s: string): string {
  return s.replace(/[\r\n\t]+/g, ' ').replace(/[\x00-\x1f\x7f]/g, '').trim();
}

/**
 * RFC 2047 B-encoded words for a value with non-ASCII text, each at most 75 characters and cut
 * between characters (a word never splits a UTF-8 sequence); ASCII values stay as they are.
 */
export function encodeHeaderValue(value: string): string {
  if (isAscii(value)) return value;
  const words: string[] = [];
  let chunk = '';
  for (const ch of value) {
    // 45 bytes of UTF-8 → 60 base64 characters: with "=?utf-8?B?" and "?=" a 72-character word.
    if (Buffer.byteLength(chunk + ch) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?utf-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join('\r\n ');
}

/** `Name: value` folded at spaces near 78 columns (never splitting words). */
function field(name: string, value: string): string {
  const out: string[] = [];
  let line = `${name}:`;
  for (const word of value.split(' ')) {
    if (line.length + 1 + word.length > 78 && line.length > name.length + 1) {
      out.push(line);
      line = '';
    }
    line += ` ${word}`;
  }
  out.push(line);
  return out.join(CRLF) + CRLF;
}

/**
 * The header block of a copy after editheader: untouched fields byte for byte as received,
 * added ones RFC 2047-encoded. A block that was not UTF-8 (legacy 8-bit) was read as latin1 and
 * is written back the same way.
 */
export function editedHeaderBlock(fields: SieveHeaderField[], original: Buffer): Buffer {
  const text = fields.map((f) => (f.raw !== undefined ? f.raw + CRLF : field(f.name, encodeHeaderValue(oneLine(f.value))))).join('');
  return Buffer.from(text, isUtf8(original) ? 'utf8' : 'latin1');
}

/** A text/plain body: 7bit when ASCII, else UTF-8 in base64 lines of 76. */
function textBody(text: string): { headers: string; body: string } {
  const normalized = text.replace(/\r?\n/g, CRLF);
  if (isAscii(normalized)) return { headers: `Content-Type: text/plain; charset=us-ascii${CRLF}Content-Transfer-Encoding: 7bit${CRLF}`, body: normalized.endsWith(CRLF) ? normalized : normalized + CRLF };
  const b64 = (Buffer.from(normalized, 'utf8').toString('base64').match(/.{1,76}/g) ?? []).join(CRLF);
  return { headers: `Content-Type: text/plain; charset=utf-8${CRLF}Content-Transfer-Encoding: base64${CRLF}`, body: b64 + CRLF };
}

/** An address as the header shows it: a bare one in angle brackets. */
function mailbox(address: string): string {
  const a = oneLine(address);
  return a.includes('<') ? a : `<${a}>`;
}

export interface VacationInput {
  from: string;
  to: string;
  subject: string;
  reason: string;
  /** The reason is a MIME entity (:mime): its own header fields, a blank line, its body. */
  mime: boolean;
  inReplyTo: string | null;
  references: string[];
  messageId: string;
  now: number;
}

/** RFC 5230 5: In-Reply-To and References name the message answered; Auto-Submitted: auto-replied. */
export function vacationMessage(v: VacationInput): Buffer {
  let head = '';
  head += field('From', mailbox(v.from));
  head += field('To', mailbox(v.to));
  head += field('Subject', encodeHeaderValue(oneLine(v.subject)));
  head += field('Date', rfc5322Date(new Date(v.now)));
  head += field('Message-ID', v.messageId);
  if (v.inReplyTo) {
    head += field('In-Reply-To', v.inReplyTo);
    head += field('References', [...v.references.filter((r) => r !== v.inReplyTo).slice(-20), v.inReplyTo].join(' '));
  }
  head += `Auto-Submitted: auto-replied${CRLF}MIME-Version: 1.0${CRLF}`;
  if (v.mime) {
    // The script wrote the entity (RFC 5230 4.3): its header fields follow ours as they are.
    const entity = v.reason.replace(/\r?\n/g, CRLF).replace(/^(\r\n)+/, '');
    return Buffer.from(head + (entity.includes(CRLF + CRLF) ? entity : entity + CRLF + CRLF), 'utf8');
  }
  const t = textBody(v.reason);
  return Buffer.from(head + t.headers + CRLF + t.body, 'utf8');
}

export interface NotifyInput {
  from: string;
  to: string[];
  subject: string;
  text: string;
  messageId: string;
  now: number;
}

/** RFC 5436 2.7: a notification says it was made automatically (Auto-Submitted: auto-notified). */
export function notificationMessage(n: NotifyInput): Buffer {
  let head = '';
  head += field('From', mailbox(n.from));
  head += field('To', n.to.map(mailbox).join(', '));
  head += field('Subject', encodeHeaderValue(oneLine(n.subject)));
  head += field('Date', rfc5322Date(new Date(n.now)));
  head += field('Message-ID', n.messageId);
  head += `Auto-Submitted: auto-notified${CRLF}MIME-Version: 1.0${CRLF}`;
  const t = textBody(n.text);
  return Buffer.from(head + t.headers + CRLF + t.body, 'utf8');
}

export interface RefusalInput {
  hostname: string;
  /** The envelope sender the refusal goes to. */
  to: string;
  /** The recipient whose script refused the message. */
  recipient: string;
  reason: string;
  originalSubject: string;
  originalMessageId: string | null;
  /** The refused message's header block (the body is not sent back). */
  originalHeaders: Buffer;
  messageId: string;
  now: number;
}

/**
 * RFC 5429 2.1.2: a refusal that cannot be an SMTP reply is an MDN (RFC 8098) with the
 * disposition "deleted", the script's reason as the readable part and the original header block
 * (not the body: a refusal must not carry the message back to a possibly forged sender).
 */
export function refusalMessage(r: RefusalInput): Buffer {
  const boundary = `=_mailcove_reject_${r.messageId.replace(/[^A-Za-z0-9]/g, '').slice(0, 24)}`;
  const text = textBody(`Your message to ${oneLine(r.recipient)} was refused by the recipient's filter:\n\n${r.reason}\n`);
  let report = '';
  report += field('Reporting-UA', `${oneLine(r.hostname)}; Mailcove`);
  report += field('Final-Recipient', `rfc822; ${oneLine(r.recipient)}`);
  if (r.originalMessageId) report += field('Original-Message-ID', oneLine(r.originalMessageId));
  report += `Disposition: automatic-action/MDN-sent-automatically; deleted${CRLF}`;
  const headers = r.originalHeaders.toString('latin1').replace(/\r?\n/g, CRLF);
  const headersPart = isUtf8(r.originalHeaders) && !/[^\x00-\x7f]/.test(headers) ? headers : headers.replace(/[^\x00-\x7f]/g, '?');
  let out = '';
  out += field('From', `Mail Delivery System <MAILER-DAEMON@${oneLine(r.hostname)}>`);
  out += field('To', mailbox(r.to));
  out += field('Subject', encodeHeaderValue(`Rejected: ${oneLine(r.originalSubject)}`));
  out += field('Date', rfc5322Date(new Date(r.now)));
  out += field('Message-ID', r.messageId);
  if (r.originalMessageId) out += field('In-Reply-To', oneLine(r.originalMessageId));
  out += `Auto-Submitted: auto-replied${CRLF}MIME-Version: 1.0${CRLF}`;
  out += field('Content-Type', `multipart/report; report-type=disposition-notification; boundary="${boundary}"`);
  out += CRLF + 'This is a MIME-encapsulated message.' + CRLF;
  out += `${CRLF}--${boundary}${CRLF}${text.headers}${CRLF}${text.body}`;
  out += `${CRLF}--${boundary}${CRLF}Content-Type: message/disposition-notification${CRLF}${CRLF}${report}`;
  out += `${CRLF}--${boundary}${CRLF}Content-Type: text/rfc822-headers${CRLF}${CRLF}${headersPart.endsWith(CRLF) ? headersPart : headersPart + CRLF}`;
  out += `${CRLF}--${boundary}--${CRLF}`;
  return Buffer.from(out, 'utf8');
}
