// Header lines the server adds (Received, Return-Path) and removes (Bcc), done on bytes so the
// rest of the message stays exactly as the client sent it.
import type { DeliveryContext } from './context.js';
import { rfc5322Date } from '../util/dates.js';

/** RFC 5321 4.4 trace header. `with` per RFC 3848 (ESMTP, ESMTPS, ESMTPSA). */
export function receivedHeader(ctx: DeliveryContext, hostname: string): string {
  const c = ctx.client;
  const protocol = `ESMTP${c.tls ? 'S' : ''}${c.mailbox ? 'A' : ''}`;
  const from = c.ip ? `from ${sanitize(c.helo ?? 'unknown')} (${c.reverseName ? `${sanitize(c.reverseName)} ` : ''}[${c.ip}])\r\n\t` : '';
  const forClause = ctx.rcptTo.length === 1 ? `\r\n\tfor <${sanitize(ctx.rcptTo[0]!)}>` : '';
  return `Received: ${from}by ${hostname} (Mailcove) with ${protocol} id ${ctx.id}${forClause};\r\n\t${rfc5322Date(new Date(ctx.receivedAt))}\r\n`;
}

export function returnPathHeader(mailFrom: string): string {
  return `Return-Path: <${sanitize(mailFrom)}>\r\n`;
}

/** HELO names and addresses come from the client: keep them from breaking the header. */
function sanitize(s: string): string {
  return s.replace(/[\r\n\t()<>;\\]/g, '').slice(0, 255);
}

/** The end of the header block (index of the first body byte), tolerating bare LF. */
export function headerBlockEnd(raw: Buffer): number {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  if (crlf === -1 && lf === -1) return raw.length;
  if (crlf === -1) return lf + 2;
  if (lf === -1) return crlf + 4;
  return Math.min(crlf + 4, lf + 2);
}

/** Removes every Bcc field (with its folded continuation lines) from the header block. */
export function stripHeader(raw: Buffer, name: string): Buffer {
  const end = headerBlockEnd(raw);
  const head = raw.subarray(0, end).toString('latin1');
  const lines = head.split(/(?<=\n)/);
  const out: string[] = [];
  let skipping = false;
  const prefix = `${name.toLowerCase()}:`;
  for (const line of lines) {
    if (/^[ \t]/.test(line) && skipping) continue;
    skipping = line.toLowerCase().startsWith(prefix);
    if (!skipping) out.push(line);
  }
  const newHead = out.join('');
  if (newHead.length === head.length) return raw;
  return Buffer.concat([Buffer.from(newHead, 'latin1'), raw.subarray(end)]);
}

/**
 * The Sent copy shows who got a blind copy. Most clients leave Bcc out of what they submit, so
 * when it is missing, envelope recipients not named in To or Cc are written back as Bcc.
 */
export function withBlindRecipients(raw: Buffer, rcptTo: string[], headers: Array<{ name: string; value: string }>): Buffer {
  if (headers.some((h) => h.name.toLowerCase() === 'bcc')) return raw;
  const visible = headers
    .filter((h) => ['to', 'cc'].includes(h.name.toLowerCase()))
    .map((h) => h.value.toLowerCase())
    .join(',');
  const hidden = rcptTo.filter((r) => !visible.includes(r.toLowerCase()));
  if (hidden.length === 0) return raw;
  return Buffer.concat([Buffer.from(`Bcc: ${hidden.map(sanitize).join(',\r\n ')}\r\n`), raw]);
}
