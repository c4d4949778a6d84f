/**
 * Delivery Status Notifications: multipart/report (RFC 6522) with a
 * message/delivery-status part (RFC 3464, RFC 3461), built as a pure
 * function of its input (no clock, no randomness, no I/O): the same input
 * gives the same bytes.
 *
 * Output rules:
 * - CRLF line endings only; every line at most 998 octets (RFC 5322 2.1.1),
 *   header fields and delivery-status fields folded at whitespace to about
 *   78 columns. A single word too long for a line (only possible in remote
 *   server text) is split across continuation lines, which inserts a space
 *   when unfolded.
 * - 7bit everywhere we can choose. UTF-8 handling (RFC 6531 senders and
 *   recipients, 8-bit garbage from remote servers):
 *   - delivery-status addresses that are not ASCII use the RFC 6533 "utf-8"
 *     address type in its 7-bit utf-8-addr-xtext form, e.g.
 *     `Final-Recipient: utf-8; j\x{F6}rg@example.org`; the part stays plain
 *     message/delivery-status rather than message/global-delivery-status, so
 *     every DSN parser can read it;
 *   - other delivery-status text (diagnostics, MTA names) loses non-ASCII
 *     characters to '?': the readable text part carries them intact;
 *   - the text part is us-ascii 7bit, or utf-8 quoted-printable when needed;
 *   - the returned headers are 7bit when they are plain ASCII with short
 *     lines, otherwise quoted-printable (text/rfc822-headers; charset=utf-8)
 *     so 8-bit or overlong original headers cannot make the DSN 8-bit;
 *   - the one exception is the To header when the original sender's address
 *     itself is UTF-8: an address cannot be encoded in a header, so it goes
 *     as is (RFC 6532). Such a DSN can only be delivered with SMTPUTF8
 *     anyway, since the envelope recipient is that same address.
 * - Data that comes from outside (addresses, remote replies, ENVID/ORCPT,
 *   original headers) never makes this throw: it is sanitised (control
 *   characters and line breaks removed) so it cannot inject fields. Only
 *   programming errors throw: no recipients, empty To, invalid dates, a
 *   malformed Message-ID.
 */
import { createHash } from 'node:crypto';
import { domainToASCII } from 'node:url';

export interface DsnRecipient {
  /** The envelope recipient (RCPT TO) the report is about. */
  address: string;
  /**
   * The ORCPT value, decoded from xtext, either as given with its type
   * (`rfc822;user@example.org`, as smtp-server stores it) or as a bare address.
   */
  originalRecipient?: string;
  action: 'failed' | 'delayed' | 'delivered' | 'relayed' | 'expanded';
  /** Enhanced status code (RFC 3463), e.g. '5.1.1'. */
  status: string;
  /** E.g. 'smtp; 550 5.1.1 No such user'; a bare reply gets the 'smtp; ' type. */
  diagnosticCode?: string;
  /** The remote MTA's host name (optionally already typed, 'dns; mx.example.org'). */
  remoteMta?: string;
  lastAttempt?: Date;
  willRetryUntil?: Date;
}

export interface DsnInput {
  /** Our host name. */
  reportingMta: string;
  /** E.g. MAILER-DAEMON@host. */
  from: string;
  /** The original envelope sender. */
  to: string;
  arrivalDate: Date;
  /** The ENVID parameter, decoded from xtext. */
  envelopeId?: string;
  recipients: DsnRecipient[];
  /** The original message (or just its header); only the header block is returned. */
  originalMessage: Buffer;
  kind: 'failure' | 'delay';
  /** With or without angle brackets. */
  messageId: string;
  date: Date;
}

const CRLF = '\r\n';
const SOFT_WIDTH = 78;
const HARD_WIDTH = 998;

// ---------------------------------------------------------------------------
// Small text helpers

/** Line breaks and tabs become spaces, other control characters (C0, DEL, C1) go, runs of spaces collapse. */
function oneLine(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[\x00-\x1f\x7f-\x9f]/g, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** {@link oneLine}, then printable ASCII only (non-ASCII becomes '?'). */
function asciiLine(text: string): string {
  return oneLine(text).replace(/[^\x20-\x7e]/gu, '?');
}

const isAscii = (text: string) => /^[\x00-\x7f]*$/.test(text);

function checkDate(date: Date, what: string): Date {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new RangeError(`${what} is not a valid date`);
  return date;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** RFC 5322 3.3 date-time in UTC, e.g. 'Tue, 26 Nov 2024 15:15:00 +0000'. */
function rfc5322Date(date: Date): string {
  return (
    `${DAYS[date.getUTCDay()]}, ${two(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`
  );
}

/** An address as given, without surrounding angle brackets, on one line, no spaces at the ends. */
function bareAddress(address: string): string {
  const line = oneLine(address);
  return line.startsWith('<') && line.endsWith('>') ? line.slice(1, -1).trim() : line;
}

/** The domain of an address in A-label form, when it converts; the local part is left alone. */
function asciiDomain(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 0 || isAscii(address.slice(at + 1))) return address;
  const ascii = domainToASCII(address.slice(at + 1));
  return ascii ? `${address.slice(0, at + 1)}${ascii}` : address;
}

function hostName(host: string): string {
  const line = oneLine(host);
  if (isAscii(line)) return line;
  return domainToASCII(line) || asciiLine(line);
}

/**
 * RFC 6533 utf-8-addr-xtext: QCHARs as they are, everything else (controls,
 * space, '\', '+', '=', non-ASCII) as \x{HEX}, uppercase, at least two digits.
 * An existing well-formed \x{...} escape is kept (an ORCPT may already be
 * in this form).
 */
function utf8AddrXtext(address: string): string {
  let out = '';
  const chars = [...address];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '\\') {
      const m = /^\\x\{[0-9A-Fa-f]{2,6}\}/.exec(chars.slice(i, i + 10).join(''));
      if (m) {
        out += m[0].toUpperCase().replace('\\X{', '\\x{');
        i += m[0].length - 1;
        continue;
      }
    }
    const cp = c.codePointAt(0)!;
    const qchar = cp >= 0x21 && cp <= 0x7e && c !== '\\' && c !== '+' && c !== '=';
    out += qchar ? c : `\\x{${cp.toString(16).toUpperCase().padStart(2, '0')}}`;
  }
  return out;
}

/** `address-type; generic-address` for Final-Recipient / Original-Recipient. */
function typedAddress(address: string, type = 'rfc822'): string {
  const addr = oneLine(address);
  const t = type.toLowerCase();
  if (t === 'utf-8' || (t === 'rfc822' && !isAscii(addr))) return `utf-8; ${utf8AddrXtext(addr)}`;
  return `${t}; ${asciiLine(addr)}`;
}

/**
 * `type; value` as the DSN fields write it, for the types we recognise (an
 * unknown first word followed by ';' is just text, e.g. 'Blocked; see ...').
 */
const ADDRESS_TYPED = /^(rfc822|utf-8|unknown|x400|x-[a-z0-9-]+)\s*;\s*(.*)$/i;
const DIAGNOSTIC_TYPED = /^(smtp|x-[a-z0-9-]+)\s*;\s*(.*)$/i;
const MTA_TYPED = /^(dns|x-[a-z0-9-]+)\s*;\s*(.*)$/i;

function originalRecipientField(value: string): string | undefined {
  const line = oneLine(value);
  const m = ADDRESS_TYPED.exec(line);
  const address = bareAddress(m ? m[2]! : line);
  return address ? typedAddress(address, m ? m[1]! : 'rfc822') : undefined;
}

/**
 * The DSN carries the ENVID decoded (RFC 3461 4.4 limits the decoded value to
 * printable US-ASCII for this reason). Anything outside that, which only a
 * non-conforming client can send, is written as xtext '+XX' rather than dropped.
 */
function envelopeIdField(envid: string): string {
  return [...Buffer.from(envid, 'utf8')]
    .map((b) => (b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : `+${b.toString(16).toUpperCase().padStart(2, '0')}`))
    .join('')
    .trim();
}

/** Text of an SMTP reply without its 'smtp;' type, for people. */
function diagnosticText(code: string): string {
  const line = oneLine(code);
  return DIAGNOSTIC_TYPED.exec(line)?.[2] ?? line;
}

function diagnosticField(code: string): string | undefined {
  const line = asciiLine(code);
  const m = DIAGNOSTIC_TYPED.exec(line);
  if (m) return m[2] ? `${m[1]!.toLowerCase()}; ${m[2]}` : undefined;
  return line ? `smtp; ${line}` : undefined;
}

function remoteMtaField(remote: string): { field: string; name: string } | undefined {
  const line = oneLine(remote);
  const m = MTA_TYPED.exec(line);
  const name = m ? m[2]! : line;
  if (!name) return undefined;
  return { field: `${m ? m[1]!.toLowerCase() : 'dns'}; ${asciiLine(hostName(name))}`, name };
}

function statusCode(status: string, action: DsnRecipient['action']): string {
  const s = oneLine(status);
  if (/^[245]\.\d{1,3}\.\d{1,3}$/.test(s)) return s;
  return action === 'failed' ? '5.0.0' : action === 'delayed' ? '4.0.0' : '2.0.0';
}

// ---------------------------------------------------------------------------
// Folding and encoding

/**
 * `Name: value` CRLF, folded at spaces to SOFT_WIDTH columns where possible
 * and never beyond HARD_WIDTH octets a line. `value` is one line already,
 * with single spaces, so unfolding gives it back unchanged (except for the
 * split of a word longer than a line, which gains a space).
 */
function field(name: string, value: string): string {
  const len = (t: string) => Buffer.byteLength(t);
  const lines: string[] = [];
  let line = `${name}:`;
  let hasWord = false;
  for (let word of value.split(' ').filter((w) => w !== '')) {
    if (hasWord && len(line) + 1 + len(word) > SOFT_WIDTH) {
      lines.push(line);
      line = '';
    }
    while (len(line) + 1 + len(word) > HARD_WIDTH) {
      const piece = sliceBytes(word, HARD_WIDTH - len(line) - 1);
      lines.push(`${line} ${piece}`);
      line = '';
      word = word.slice(piece.length);
    }
    line += ` ${word}`;
    hasWord = true;
  }
  lines.push(line);
  return lines.join(CRLF) + CRLF;
}

/** The longest prefix of `text` that fits in `bytes` UTF-8 octets (at least one character). */
function sliceBytes(text: string, bytes: number): string {
  let out = '';
  for (const c of text) {
    if (Buffer.byteLength(out + c) > bytes && out !== '') break;
    out += c;
  }
  return out;
}

/** Quoted-printable (RFC 2045 6.7) of CRLF-separated text, lines at most 76 characters. */
function quotedPrintable(data: Buffer): string {
  const out: string[] = [];
  const text = data.toString('latin1'); // one char per octet
  for (const rawLine of text.split(CRLF)) {
    const tokens: string[] = [];
    for (let i = 0; i < rawLine.length; i++) {
      const b = rawLine.charCodeAt(i);
      const last = i === rawLine.length - 1;
      const literal = (b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && !last);
      tokens.push(literal ? rawLine[i]! : `=${b.toString(16).toUpperCase().padStart(2, '0')}`);
    }
    let line = '';
    for (const t of tokens) {
      if (line.length + t.length > 75) {
        out.push(`${line}=`);
        line = '';
      }
      line += t;
    }
    out.push(line);
  }
  return out.join(CRLF);
}

/**
 * Plain text wrapped at `width` columns (72 leaves room for quoted-printable
 * escapes): the first line starts with `first`, the others with `indent`.
 * A word longer than a line is split well below the hard limit.
 */
function wrap(text: string, first = '', indent = first, width = 72): string[] {
  const lines: string[] = [];
  let line = first;
  let hasWord = false;
  for (const w of text.split(' ').filter((x) => x !== '')) {
    let word = [...w];
    if (hasWord && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent;
      hasWord = false;
    }
    while (line.length + (hasWord ? 1 : 0) + word.length > HARD_WIDTH / 4) {
      const room = Math.floor(HARD_WIDTH / 4) - line.length - (hasWord ? 1 : 0);
      lines.push(line + (hasWord ? ' ' : '') + word.slice(0, room).join(''));
      line = indent;
      hasWord = false;
      word = word.slice(room);
    }
    line += (hasWord ? ' ' : '') + word.join('');
    hasWord = true;
  }
  if (hasWord) lines.push(line);
  return lines;
}

// ---------------------------------------------------------------------------
// Original headers

/** The header block of `message` with CRLF line endings, ending in CRLF (empty if there is none). */
function headerBlock(message: Buffer): Buffer {
  let end = message.length;
  for (let i = 0; i < message.length; i++) {
    if (message[i] !== 0x0a) continue;
    // A line that is empty (LF or CRLF right after the previous LF, or at the start) ends the header.
    const next = message[i + 1];
    if (next === 0x0a || (next === 0x0d && message[i + 2] === 0x0a)) {
      end = i + 1;
      break;
    }
  }
  if (message[0] === 0x0a || (message[0] === 0x0d && message[1] === 0x0a)) end = 0;
  const text = message.subarray(0, end).toString('latin1').replace(/\r\n|\r|\n/g, CRLF);
  if (text === '') return Buffer.alloc(0);
  return Buffer.from(text.endsWith(CRLF) ? text : text + CRLF, 'latin1');
}

function headersAre7bitSafe(block: Buffer): boolean {
  const text = block.toString('latin1');
  if (/[^\x01-\x7f]/.test(text)) return false;
  return text.split(CRLF).every((l) => l.length <= HARD_WIDTH);
}

// ---------------------------------------------------------------------------
// Human-readable part

function describeRecipient(r: DsnRecipient, willRetryUntil: Date | undefined): string[] {
  const what: Record<DsnRecipient['action'], string> = {
    failed: 'delivery failed permanently',
    delayed: 'delivery is delayed',
    delivered: 'delivered',
    relayed: 'relayed to a system that does not send delivery notifications',
    expanded: 'delivered, and forwarded on to further recipients',
  };
  const lines = wrap(`<${bareAddress(r.address)}>: ${what[r.action]} (status ${statusCode(r.status, r.action)}).`, '', '    ');
  const remote = r.remoteMta ? remoteMtaField(r.remoteMta)?.name : undefined;
  const reply = r.diagnosticCode ? diagnosticText(r.diagnosticCode) : '';
  if (reply) {
    lines.push(...wrap(remote ? `The remote server ${remote} replied:` : 'The reply was:', '    ', '    '));
    lines.push(...wrap(reply, '        ', '        '));
  } else if (remote) {
    lines.push(...wrap(`Remote server: ${remote}`, '    ', '    '));
  }
  const until = r.willRetryUntil ?? willRetryUntil;
  if (r.action === 'delayed' && until) lines.push(`    We will keep trying until ${rfc5322Date(until)}.`);
  return lines;
}

function humanText(input: DsnInput, host: string): string {
  const delayed = input.recipients.filter((r) => r.action === 'delayed');
  const retryDates = delayed.flatMap((r) => (r.willRetryUntil ? [r.willRetryUntil.getTime()] : []));
  const retryUntil = retryDates.length ? new Date(Math.max(...retryDates)) : undefined;
  const para: string[] = [`This is the mail delivery system at ${host}.`];
  if (input.kind === 'failure') {
    para.push(
      'Your message could not be delivered to one or more of its recipients. ' +
        'This is a permanent error; the message will not be retried for them. ' +
        'The reasons are listed below, and the headers of your message are attached.',
    );
  } else {
    para.push(
      'Your message has not yet been delivered to one or more of its recipients. ' +
        (retryUntil
          ? `We will keep trying to deliver it until ${rfc5322Date(retryUntil)}. `
          : 'We will keep trying to deliver it for a while. ') +
        'You do not need to resend your message. ' +
        'If it still cannot be delivered by then, you will be told so in another message.',
    );
  }
  para.push(`If you need help, please contact the postmaster of ${host}.`);
  const lines: string[] = [];
  for (const p of para) lines.push(...wrap(p), '');
  for (const r of input.recipients) lines.push(...describeRecipient(r, retryUntil), '');
  return lines.join(CRLF);
}

// ---------------------------------------------------------------------------
// The report

function normaliseMessageId(id: string): string {
  const bare = id.trim().replace(/^<(.*)>$/, '$1');
  if (!/^[\x21-\x7e]+$/.test(bare) || /[<>]/.test(bare) || !bare.includes('@')) {
    throw new RangeError(`invalid Message-ID ${JSON.stringify(id)}`);
  }
  return `<${bare}>`;
}

export function buildDsn(input: DsnInput): Buffer {
  if (!input.recipients?.length) throw new RangeError('a DSN needs at least one recipient');
  const to = bareAddress(input.to ?? '');
  if (to === '') throw new RangeError('a DSN cannot be sent to the null sender');
  const messageId = normaliseMessageId(input.messageId);
  const date = checkDate(input.date, 'date');
  const arrival = checkDate(input.arrivalDate, 'arrivalDate');
  for (const r of input.recipients) {
    if (r.lastAttempt) checkDate(r.lastAttempt, 'lastAttempt');
    if (r.willRetryUntil) checkDate(r.willRetryUntil, 'willRetryUntil');
  }
  const host = asciiLine(hostName(input.reportingMta)) || 'localhost';
  const from = asciiLine(asciiDomain(bareAddress(input.from))) || `MAILER-DAEMON@${host}`;

  // Part 1: for people.
  const text = humanText(input, host);
  const textPart = isAscii(text)
    ? {
        headers: 'Content-Description: Notification' + CRLF + 'Content-Type: text/plain; charset=us-ascii' + CRLF + 'Content-Transfer-Encoding: 7bit' + CRLF,
        body: text,
      }
    : {
        headers:
          'Content-Description: Notification' + CRLF + 'Content-Type: text/plain; charset=utf-8' + CRLF + 'Content-Transfer-Encoding: quoted-printable' + CRLF,
        body: quotedPrintable(Buffer.from(text, 'utf8')),
      };

  // Part 2: for machines. Field order follows the RFC 3464 2.2 / 2.3 ABNF.
  let status = '';
  if (input.envelopeId !== undefined) {
    const envid = envelopeIdField(input.envelopeId);
    if (envid) status += field('Original-Envelope-Id', envid);
  }
  status += field('Reporting-MTA', `dns; ${host}`);
  status += field('Arrival-Date', rfc5322Date(arrival));
  for (const r of input.recipients) {
    status += CRLF;
    const orcpt = r.originalRecipient ? originalRecipientField(r.originalRecipient) : undefined;
    if (orcpt) status += field('Original-Recipient', orcpt);
    status += field('Final-Recipient', typedAddress(bareAddress(r.address)));
    status += field('Action', r.action);
    status += field('Status', statusCode(r.status, r.action));
    const remote = r.remoteMta ? remoteMtaField(r.remoteMta) : undefined;
    if (remote) status += field('Remote-MTA', remote.field);
    const diagnostic = r.diagnosticCode ? diagnosticField(r.diagnosticCode) : undefined;
    if (diagnostic) status += field('Diagnostic-Code', diagnostic);
    if (r.lastAttempt) status += field('Last-Attempt-Date', rfc5322Date(r.lastAttempt));
    if (r.willRetryUntil) status += field('Will-Retry-Until', rfc5322Date(r.willRetryUntil));
  }

  // Part 3: the original header block, never the body.
  const original = headerBlock(input.originalMessage);
  const originalPart = headersAre7bitSafe(original)
    ? {
        headers: 'Content-Description: Undelivered Message Headers' + CRLF + 'Content-Type: text/rfc822-headers' + CRLF + 'Content-Transfer-Encoding: 7bit' + CRLF,
        body: original.toString('latin1'),
      }
    : {
        headers:
          'Content-Description: Undelivered Message Headers' + CRLF +
          'Content-Type: text/rfc822-headers; charset=utf-8' + CRLF +
          'Content-Transfer-Encoding: quoted-printable' + CRLF,
        body: quotedPrintable(original),
      };

  const parts = [
    textPart,
    { headers: 'Content-Description: Delivery report' + CRLF + 'Content-Type: message/delivery-status' + CRLF + 'Content-Transfer-Encoding: 7bit' + CRLF, body: status },
    originalPart,
  ];

  // A boundary derived from the content, checked not to occur in it.
  const seed = createHash('sha256').update(messageId).update(text).update(status).update(original).digest('hex');
  let boundary = '';
  for (let n = 0; ; n++) {
    boundary = `=_mailcove_dsn_${seed.slice(0, 24)}${n ? `_${n}` : ''}`;
    if (!parts.some((p) => p.body.includes(`--${boundary}`))) break;
  }

  const subject = input.kind === 'failure' ? 'Undelivered Mail Returned to Sender' : 'Delayed Mail (still being retried)';
  let out = '';
  out += field('From', `Mail Delivery System <${from}>`);
  out += field('To', `<${asciiDomain(to)}>`);
  out += field('Subject', subject);
  out += field('Date', rfc5322Date(date));
  out += field('Message-ID', messageId);
  out += 'MIME-Version: 1.0' + CRLF;
  out += 'Auto-Submitted: auto-replied' + CRLF;
  out += field('Content-Type', `multipart/report; report-type=delivery-status; boundary="${boundary}"`);
  out += CRLF;
  out += 'This is a MIME-encapsulated message.' + CRLF;
  for (const p of parts) {
    out += CRLF + `--${boundary}` + CRLF + p.headers + CRLF + p.body;
    if (!p.body.endsWith(CRLF) && p.body !== '') out += CRLF;
  }
  out += CRLF + `--${boundary}--` + CRLF;
  // Everything is ASCII except, possibly, a UTF-8 To address (see the top).
  return Buffer.from(out, 'utf8');
}
