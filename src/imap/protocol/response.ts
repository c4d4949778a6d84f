// Server responses (RFC 9051 7, RFC 3501 7, and the extensions of issue 3), byte-exact with CRLF.
//
// Text responses are JS strings meant to be written as UTF-8: every literal's `{n}` counts UTF-8
// octets (imapString in mime/imap-form.ts). FETCH responses carry message bytes and are Buffers,
// or parts with slots where the session streams a blob (fetchResponseParts).
import type { BodyStructure } from '../../mime/bodystructure.js';
import type { Envelope } from '../../mime/envelope.js';
import { formatBodyStructure, formatEnvelope, imapNString, imapString } from '../../mime/imap-form.js';
import type { StatusItem } from './ast.js';
import { formatDateTime } from './datetime.js';
import type { ImapParseError } from './errors.js';
import { mailboxNameToClient } from './mutf7.js';
import { isAtomChar } from './reader.js';
import { formatNumbers, formatRanges, type NumRange } from './sequence.js';

const CRLF = '\r\n';

export type ResponseStatus = 'OK' | 'NO' | 'BAD';

/** Response codes without arguments (RFC 9051 7.1, RFC 5530, RFC 4315, RFC 7162, RFC 4978, RFC 4469, RFC 6154, RFC 5182). */
export type SimpleResponseCode =
  | 'ALERT'
  | 'ALREADYEXISTS'
  | 'AUTHENTICATIONFAILED'
  | 'AUTHORIZATIONFAILED'
  | 'CANNOT'
  | 'CLIENTBUG'
  | 'CLOSED'
  | 'COMPRESSIONACTIVE'
  | 'CONTACTADMIN'
  | 'CORRUPTION'
  | 'EXPIRED'
  | 'EXPUNGEISSUED'
  | 'HASCHILDREN'
  | 'INUSE'
  | 'LIMIT'
  | 'NOMODSEQ'
  | 'NONEXISTENT'
  | 'NOPERM'
  | 'NOTSAVED'
  | 'OVERQUOTA'
  | 'PARSE'
  | 'PRIVACYREQUIRED'
  | 'READ-ONLY'
  | 'READ-WRITE'
  | 'SERVERBUG'
  | 'TOOBIG'
  | 'TRYCREATE'
  | 'UIDNOTSTICKY'
  | 'UNAVAILABLE'
  | 'UNKNOWN-CTE'
  | 'USEATTR';

export type ResponseCode =
  | SimpleResponseCode
  | { code: 'CAPABILITY'; capabilities: readonly string[] }
  | { code: 'PERMANENTFLAGS'; flags: readonly string[] }
  | { code: 'UIDNEXT' | 'UIDVALIDITY' | 'UNSEEN'; value: number }
  | { code: 'HIGHESTMODSEQ'; value: number | bigint }
  /** RFC 4315 3: the UIDs given to the appended message(s). */
  | { code: 'APPENDUID'; uidValidity: number; uids: readonly number[] }
  /** RFC 4315 3: source and destination UIDs, in corresponding order. */
  | { code: 'COPYUID'; uidValidity: number; source: readonly number[]; dest: readonly number[] }
  /** RFC 7162 3.1.3: the messages STORE UNCHANGEDSINCE did not change. */
  | { code: 'MODIFIED'; set: readonly number[] | string }
  | { code: 'BADCHARSET'; charsets: readonly string[] }
  /** RFC 8474 4.1 */
  | { code: 'MAILBOXID'; id: string };

export function formatResponseCode(code: ResponseCode): string {
  if (typeof code === 'string') return code;
  switch (code.code) {
    case 'CAPABILITY':
      return 'CAPABILITY ' + code.capabilities.join(' ');
    case 'PERMANENTFLAGS':
      return `PERMANENTFLAGS (${code.flags.join(' ')})`;
    case 'UIDNEXT':
    case 'UIDVALIDITY':
    case 'UNSEEN':
    case 'HIGHESTMODSEQ':
      return `${code.code} ${code.value}`;
    case 'APPENDUID':
      return `APPENDUID ${code.uidValidity} ${formatNumbers(code.uids)}`;
    case 'COPYUID':
      return `COPYUID ${code.uidValidity} ${formatNumbers(code.source)} ${formatNumbers(code.dest)}`;
    case 'MODIFIED':
      return `MODIFIED ${typeof code.set === 'string' ? code.set : formatNumbers(code.set, { sort: true })}`;
    case 'BADCHARSET':
      return `BADCHARSET (${code.charsets.map(astring).join(' ')})`;
    case 'MAILBOXID':
      return `MAILBOXID (${code.id})`;
  }
}

/** resp-text: [code] and text on one line; CR, LF and NUL become spaces. */
function respText(text: string, code?: ResponseCode | null): string {
  const clean = text.replace(/[\r\n\0]/g, ' ') || 'Completed';
  return code ? `[${formatResponseCode(code)}] ${clean}` : clean;
}

/** `A1 OK [code] text` */
export function tagged(tag: string, status: ResponseStatus, text: string, code?: ResponseCode | null): string {
  return `${tag} ${status} ${respText(text, code)}${CRLF}`;
}

/** `* OK [code] text` (also NO, BAD, PREAUTH, BYE). */
export function untagged(status: ResponseStatus | 'PREAUTH' | 'BYE', text: string, code?: ResponseCode | null): string {
  return `* ${status} ${respText(text, code)}${CRLF}`;
}

/** `* BYE text`: the server closes the connection next. */
export function bye(text: string, code?: ResponseCode | null): string {
  return untagged('BYE', text, code);
}

/**
 * `+ text`: continuation request (RFC 9051 7.5). For a literal: `continuation('Ready')`; for a
 * SASL challenge pass the base64 text ('' for an empty challenge gives "+ ").
 */
export function continuation(text = 'Ready'): string {
  return `+ ${text.replace(/[\r\n\0]/g, ' ')}${CRLF}`;
}

/**
 * The answer to an ImapParseError: `* BYE` when fatal (then close), else `<tag> BAD [code] reason`,
 * or `* BAD` when no tag could be read.
 */
export function parseErrorResponse(error: ImapParseError): string {
  if (error.fatal) return bye(error.message, error.code);
  return error.tag === null ? untagged('BAD', error.message, error.code) : tagged(error.tag, 'BAD', error.message, error.code);
}

// ---- Mailbox size and message status

export function exists(count: number): string {
  return `* ${count} EXISTS${CRLF}`;
}

/** IMAP4rev1 only (RFC 3501 7.3.2). */
export function recent(count: number): string {
  return `* ${count} RECENT${CRLF}`;
}

export function expunge(seq: number): string {
  return `* ${seq} EXPUNGE${CRLF}`;
}

/**
 * RFC 7162 3.2.10: `* VANISHED [(EARLIER)] uid-set`. UIDs are sorted and compressed; a caller with
 * many UIDs should pass resolved ranges.
 */
export function vanished(uids: readonly number[] | readonly NumRange[], earlier = false): string {
  const set =
    uids.length && typeof uids[0] === 'object' ? formatRanges(uids as NumRange[]) : formatNumbers(uids as number[], { sort: true });
  return `* VANISHED ${earlier ? '(EARLIER) ' : ''}${set}${CRLF}`;
}

export function flags(list: readonly string[]): string {
  return `* FLAGS (${list.join(' ')})${CRLF}`;
}

export function capability(caps: readonly string[]): string {
  return `* CAPABILITY ${caps.join(' ')}${CRLF}`;
}

/** RFC 5161 4: `* ENABLED` with the capabilities actually enabled by this command. */
export function enabled(caps: readonly string[]): string {
  return `* ENABLED${caps.map((c) => ' ' + c).join('')}${CRLF}`;
}

// ---- Mailboxes

/** A mailbox name in a response: mUTF-7 or, once UTF8=ACCEPT is enabled, UTF-8 (RFC 6855 3). */
export function mailboxName(name: string, utf8: boolean): string {
  return imapString(name.toUpperCase() === 'INBOX' ? 'INBOX' : mailboxNameToClient(name, utf8));
}

export interface ListItem {
  /** Attributes such as \HasNoChildren, \Subscribed, \Drafts (RFC 9051 7.3.1, RFC 6154 2). */
  attributes: readonly string[];
  /** The hierarchy delimiter, null for a flat namespace. */
  delimiter: string | null;
  /** The name in Unicode (it is encoded here). */
  name: string;
  /** RFC 5258 4: CHILDINFO extended data, e.g. ['SUBSCRIBED']. */
  childInfo?: readonly string[];
  /** RFC 9051 7.3.1: OLDNAME extended data after a RENAME. */
  oldName?: string;
}

/** `* LIST (\HasNoChildren) "/" "INBOX/Sent" [extended items]` (or LSUB). */
export function list(item: ListItem, opts: { utf8: boolean; command?: 'LIST' | 'LSUB' }): string {
  const delim = item.delimiter === null ? 'NIL' : imapString(item.delimiter);
  let s = `* ${opts.command ?? 'LIST'} (${item.attributes.join(' ')}) ${delim} ${mailboxName(item.name, opts.utf8)}`;
  const ext: string[] = [];
  if (item.childInfo?.length) ext.push(`"CHILDINFO" (${item.childInfo.map((c) => imapString(c)).join(' ')})`);
  if (item.oldName !== undefined) ext.push(`"OLDNAME" (${mailboxName(item.oldName, opts.utf8)})`);
  if (ext.length) s += ` (${ext.join(' ')})`;
  return s + CRLF;
}

export type StatusValue = number | bigint | string;

/**
 * `* STATUS "name" (MESSAGES 231 UIDNEXT 44292)`. MAILBOXID is an objectid in parentheses
 * (RFC 8474 4.2), the rest numbers.
 */
export function status(name: string, values: ReadonlyArray<readonly [StatusItem, StatusValue]>, opts: { utf8: boolean }): string {
  const items = values.map(([k, v]) => (k === 'MAILBOXID' ? `MAILBOXID (${v})` : `${k} ${v}`));
  return `* STATUS ${mailboxName(name, opts.utf8)} (${items.join(' ')})${CRLF}`;
}

export interface NamespaceEntry {
  prefix: string;
  delimiter: string | null;
}

/** RFC 2342 5: `* NAMESPACE (("" "/")) NIL NIL` (personal, other users', shared). */
export function namespace(
  personal: readonly NamespaceEntry[] | null,
  other: readonly NamespaceEntry[] | null,
  shared: readonly NamespaceEntry[] | null,
  opts: { utf8: boolean },
): string {
  const one = (list: readonly NamespaceEntry[] | null) =>
    list && list.length
      ? '(' +
        list.map((n) => `(${imapString(mailboxNameToClient(n.prefix, opts.utf8))} ${n.delimiter === null ? 'NIL' : imapString(n.delimiter)})`).join('') +
        ')'
      : 'NIL';
  return `* NAMESPACE ${one(personal)} ${one(other)} ${one(shared)}${CRLF}`;
}

// ---- SEARCH, ESEARCH, SORT, THREAD

/** `* SEARCH 2 84 882` and, with CONDSTORE, `(MODSEQ 917162500)` (RFC 7162 3.1.5). */
export function search(numbers: readonly number[], modseq?: number | bigint | null): string {
  return `* SEARCH${numbers.map((n) => ' ' + n).join('')}${modseq != null && numbers.length ? ` (MODSEQ ${modseq})` : ''}${CRLF}`;
}

/** RFC 5256 4: `* SORT 2 3 6`, with MODSEQ as for SEARCH (RFC 7162 3.1.5). */
export function sort(numbers: readonly number[], modseq?: number | bigint | null): string {
  return `* SORT${numbers.map((n) => ' ' + n).join('')}${modseq != null && numbers.length ? ` (MODSEQ ${modseq})` : ''}${CRLF}`;
}

export interface EsearchResult {
  /** The tag of the command answered (RFC 4731 3: search-correlator). */
  tag: string;
  uid: boolean;
  min?: number | null;
  max?: number | null;
  /** Sorted numbers, or a set already in IMAP form. */
  all?: readonly number[] | string | null;
  count?: number | null;
  /** RFC 7162 3.1.5 */
  modseq?: number | bigint | null;
}

/**
 * RFC 4731 3.1: `* ESEARCH (TAG "A282") UID MIN 2 COUNT 3`. Absent or null fields are left out;
 * RFC 4731 3.1: MIN, MAX and ALL are left out when nothing matched, COUNT 0 is kept.
 */
export function esearch(r: EsearchResult): string {
  let s = `* ESEARCH (TAG ${imapString(r.tag)})`;
  if (r.uid) s += ' UID';
  if (r.min != null) s += ` MIN ${r.min}`;
  if (r.max != null) s += ` MAX ${r.max}`;
  if (r.all != null) {
    const set = typeof r.all === 'string' ? r.all : formatNumbers(r.all, { sort: true });
    if (set) s += ` ALL ${set}`;
  }
  if (r.count != null) s += ` COUNT ${r.count}`;
  if (r.modseq != null) s += ` MODSEQ ${r.modseq}`;
  return s + CRLF;
}

/** A thread: a message (null for a missing parent, RFC 5256 REFERENCES step 4) and its replies. */
export interface ThreadNode {
  id: number | null;
  children: ThreadNode[];
}

/**
 * RFC 5256 4: `* THREAD (2)(3 6 (4 23)(44 7 96))`. A chain of single replies is written flat;
 * several replies become nested thread-lists; a missing parent writes only its children.
 * Iterative: a hostile References chain can't exhaust the stack.
 */
export function thread(roots: readonly ThreadNode[]): string {
  let out = '* THREAD';
  if (roots.length) out += ' ';
  const stack: Array<ThreadNode | string> = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push(')', roots[i], '(');
  while (stack.length) {
    const item = stack.pop()!;
    if (typeof item === 'string') {
      out += item;
      continue;
    }
    let n = item;
    let written = false;
    for (;;) {
      if (n.id !== null) {
        out += (written ? ' ' : '') + n.id;
        written = true;
      }
      if (n.children.length === 1) {
        n = n.children[0];
        continue;
      }
      if (n.children.length > 1) {
        if (written) out += ' ';
        for (let i = n.children.length - 1; i >= 0; i--) stack.push(')', n.children[i], '(');
      }
      break;
    }
  }
  return out + CRLF;
}

// ---- QUOTA (RFC 9208 5), ID (RFC 2971 3.2)

export interface QuotaResource {
  /** STORAGE (in units of 1024 octets), MESSAGE, MAILBOX, ANNOTATION-STORAGE */
  name: string;
  usage: number | bigint;
  limit: number | bigint;
}

/** `* QUOTA "" (STORAGE 10 512)` */
export function quota(root: string, resources: readonly QuotaResource[]): string {
  return `* QUOTA ${imapString(root)} (${resources.map((r) => `${r.name} ${r.usage} ${r.limit}`).join(' ')})${CRLF}`;
}

/** `* QUOTAROOT INBOX ""` */
export function quotaRoot(mailbox: string, roots: readonly string[], opts: { utf8: boolean }): string {
  return `* QUOTAROOT ${mailboxName(mailbox, opts.utf8)}${roots.map((r) => ' ' + imapString(r)).join('')}${CRLF}`;
}

/** `* ID ("name" "Mailcove" "version" "0.1")` or `* ID NIL` */
export function id(params: ReadonlyArray<readonly [string, string | null]> | null): string {
  if (!params || params.length === 0) return `* ID NIL${CRLF}`;
  return `* ID (${params.map(([k, v]) => `${imapString(k)} ${imapNString(v)}`).join(' ')})${CRLF}`;
}

// ---- FETCH (RFC 9051 7.5.2)

export type FetchData =
  | { item: 'UID' | 'RFC822.SIZE'; value: number }
  /** RFC 7162 3.1.4.1: `MODSEQ (n)` */
  | { item: 'MODSEQ'; value: number | bigint }
  | { item: 'FLAGS'; flags: readonly string[] }
  /** INTERNALDATE, and SAVEDATE (RFC 8514, NIL when unknown). */
  | { item: 'INTERNALDATE' | 'SAVEDATE'; date: Date | number | null; offsetMinutes?: number }
  | { item: 'ENVELOPE'; envelope: Envelope }
  /** BODY is BODYSTRUCTURE without extension data (RFC 9051 7.5.2). */
  | { item: 'BODY' | 'BODYSTRUCTURE'; body: BodyStructure }
  /** RFC 8474 5.1: `EMAILID (id)`, `THREADID (id)` or `THREADID NIL`. */
  | { item: 'EMAILID' | 'THREADID'; id: string | null }
  /** `BINARY.SIZE[1] 42`; `name` from fetchItemName(). */
  | { item: 'BINARY.SIZE'; name: string; value: number }
  /**
   * Message bytes: BODY[...]<n>, BINARY[...]<n>, RFC822, RFC822.HEADER, RFC822.TEXT; `name` from
   * fetchItemName() (or the RFC822 name). Always a literal; literal8 `~{n}` when `binary` and the
   * data holds NUL (RFC 3516 4.2). null is NIL.
   */
  | { item: 'CONTENT'; name: string; data: Buffer | null; binary?: boolean }
  /** Like CONTENT, but the session streams `size` octets of `source` after the literal header. */
  | { item: 'STREAM'; name: string; size: number; binary?: boolean; source: unknown };

/** Where fetchResponseParts leaves a literal's bytes to the session. */
export interface StreamSlot {
  source: unknown;
  size: number;
}

function fetchText(d: Exclude<FetchData, { item: 'CONTENT' | 'STREAM' }>): string {
  switch (d.item) {
    case 'UID':
    case 'RFC822.SIZE':
      return `${d.item} ${d.value}`;
    case 'MODSEQ':
      return `MODSEQ (${d.value})`;
    case 'FLAGS':
      return `FLAGS (${d.flags.join(' ')})`;
    case 'INTERNALDATE':
    case 'SAVEDATE':
      return `${d.item} ${d.date === null ? 'NIL' : `"${formatDateTime(d.date, d.offsetMinutes ?? 0)}"`}`;
    case 'ENVELOPE':
      return `ENVELOPE ${formatEnvelope(d.envelope)}`;
    case 'BODY':
    case 'BODYSTRUCTURE':
      return `${d.item} ${formatBodyStructure(d.body, { extended: d.item === 'BODYSTRUCTURE' })}`;
    case 'EMAILID':
    case 'THREADID':
      return `${d.item} ${d.id === null ? 'NIL' : `(${d.id})`}`;
    case 'BINARY.SIZE':
      return `${d.name} ${d.value}`;
  }
}

/**
 * `* 12 FETCH (...)` as Buffers and stream slots, in order: write each Buffer, and for each slot
 * exactly `size` octets from its source. The Buffer before a slot ends with the literal header.
 */
export function fetchResponseParts(seq: number, items: readonly FetchData[]): Array<Buffer | StreamSlot> {
  const out: Array<Buffer | StreamSlot> = [];
  let text = `* ${seq} FETCH (`;
  items.forEach((d, i) => {
    if (i > 0) text += ' ';
    if (d.item === 'CONTENT') {
      if (d.data === null) {
        text += `${d.name} NIL`;
        return;
      }
      const tilde = d.binary && d.data.includes(0) ? '~' : '';
      text += `${d.name} ${tilde}{${d.data.length}}${CRLF}`;
      out.push(Buffer.from(text, 'utf8'), d.data);
      text = '';
    } else if (d.item === 'STREAM') {
      text += `${d.name} ${d.binary ? '~' : ''}{${d.size}}${CRLF}`;
      out.push(Buffer.from(text, 'utf8'), { source: d.source, size: d.size });
      text = '';
    } else {
      text += fetchText(d);
    }
  });
  out.push(Buffer.from(text + ')' + CRLF, 'utf8'));
  return out;
}

/** `* 12 FETCH (...)` in one Buffer. STREAM items are not allowed here. */
export function fetchResponse(seq: number, items: readonly FetchData[]): Buffer {
  const parts = fetchResponseParts(seq, items);
  const bufs = parts.map((p) => {
    if (!Buffer.isBuffer(p)) throw new TypeError('fetchResponse: STREAM items need fetchResponseParts');
    return p;
  });
  return Buffer.concat(bufs);
}

// ---- Helpers

/** astring out: an atom when it is one, else a string. */
function astring(s: string): string {
  if (s === '') return '""';
  for (let i = 0; i < s.length; i++) if (!isAtomChar(s.charCodeAt(i))) return imapString(s);
  return s;
}
