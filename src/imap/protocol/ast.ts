// The typed form of every client command (RFC 3501 / RFC 9051 6, and the extensions of issue 3).
// What the parser gives the session: names upper-cased, numbers checked, strings decoded as UTF-8,
// system flags in canonical case, mod-sequences as bigint (63-bit, RFC 7162 7). Mailbox names are as sent (modified UTF-7 or UTF-8): the session
// decodes them, since that depends on UTF8=ACCEPT (see mutf7.ts).
import type { ImapDate } from './datetime.js';
import type { SequenceSet } from './sequence.js';

export type { ImapDate } from './datetime.js';
export type { SequenceSet } from './sequence.js';

// ---- STATUS (RFC 9051 6.3.11; SIZE RFC 8438; HIGHESTMODSEQ RFC 7162; APPENDLIMIT RFC 7889; MAILBOXID RFC 8474)

export const STATUS_ITEMS = [
  'MESSAGES',
  'UIDNEXT',
  'UIDVALIDITY',
  'UNSEEN',
  'DELETED',
  'SIZE',
  'RECENT', // IMAP4rev1 only
  'HIGHESTMODSEQ',
  'APPENDLIMIT',
  'MAILBOXID',
] as const;
export type StatusItem = (typeof STATUS_ITEMS)[number];

// ---- SEARCH (RFC 9051 6.4.4, RFC 3501 6.4.4, and extensions)

/** Keys without an argument. NEW, OLD, RECENT are IMAP4rev1 only. */
export const SEARCH_FLAG_KEYS = [
  'ALL',
  'ANSWERED',
  'DELETED',
  'DRAFT',
  'FLAGGED',
  'NEW',
  'OLD',
  'RECENT',
  'SEEN',
  'UNANSWERED',
  'UNDELETED',
  'UNDRAFT',
  'UNFLAGGED',
  'UNSEEN',
  'SAVEDATESUPPORTED', // RFC 8514
] as const;
export const SEARCH_STRING_KEYS = ['BCC', 'BODY', 'CC', 'FROM', 'SUBJECT', 'TEXT', 'TO'] as const;
/** BEFORE/ON/SINCE compare the internal date; SENT* the Date header; SAVED* the save date (RFC 8514). */
export const SEARCH_DATE_KEYS = ['BEFORE', 'ON', 'SINCE', 'SENTBEFORE', 'SENTON', 'SENTSINCE', 'SAVEDBEFORE', 'SAVEDON', 'SAVEDSINCE'] as const;

export type SearchKey =
  | { type: (typeof SEARCH_FLAG_KEYS)[number] }
  | { type: 'KEYWORD' | 'UNKEYWORD'; flag: string }
  | { type: (typeof SEARCH_STRING_KEYS)[number]; value: string }
  | { type: 'HEADER'; field: string; value: string }
  | { type: (typeof SEARCH_DATE_KEYS)[number]; date: ImapDate }
  | { type: 'LARGER' | 'SMALLER'; size: number }
  /** `UID set` */
  | { type: 'UID'; set: SequenceSet }
  /** A bare sequence set: message sequence numbers. */
  | { type: 'SEQUENCE'; set: SequenceSet }
  | { type: 'NOT'; key: SearchKey }
  | { type: 'OR'; left: SearchKey; right: SearchKey }
  /** A parenthesised group: all keys must match. */
  | { type: 'AND'; keys: SearchKey[] }
  /** RFC 7162 3.1.5: `MODSEQ ["/flags/\\Seen" all] 620162338`. */
  | { type: 'MODSEQ'; modseq: bigint; entry: { flag: string; kind: 'priv' | 'shared' | 'all' } | null }
  /** RFC 5032 WITHIN: internal date older/younger than this many seconds. */
  | { type: 'OLDER' | 'YOUNGER'; seconds: number }
  /** RFC 8474 OBJECTID. */
  | { type: 'EMAILID' | 'THREADID'; id: string };

/** RFC 4731 ESEARCH return options, RFC 5182 SAVE. */
export type SearchReturnOption = 'MIN' | 'MAX' | 'ALL' | 'COUNT' | 'SAVE';

// ---- FETCH (RFC 9051 6.4.5; BINARY RFC 3516; MODSEQ RFC 7162; EMAILID/THREADID RFC 8474; SAVEDATE RFC 8514)

export const FETCH_SIMPLE_ITEMS = [
  'ENVELOPE',
  'FLAGS',
  'INTERNALDATE',
  'RFC822', // = BODY[] (sets \Seen), answered as RFC822
  'RFC822.HEADER', // = BODY.PEEK[HEADER], answered as RFC822.HEADER
  'RFC822.SIZE',
  'RFC822.TEXT', // = BODY[TEXT] (sets \Seen), answered as RFC822.TEXT
  'BODY', // the non-extensible BODYSTRUCTURE
  'BODYSTRUCTURE',
  'UID',
  'MODSEQ',
  'EMAILID',
  'THREADID',
  'SAVEDATE',
] as const;
export type FetchSimpleItem = (typeof FETCH_SIMPLE_ITEMS)[number];

/** RFC 9051 9: section-spec. `part` is [] for the whole message; `text` null for the whole part. */
export interface Section {
  part: number[];
  text: null | 'HEADER' | 'HEADER.FIELDS' | 'HEADER.FIELDS.NOT' | 'TEXT' | 'MIME';
  /** Header field names of HEADER.FIELDS (.NOT), as sent. */
  fields: string[];
}

/** `<offset.length>` */
export interface FetchPartial {
  offset: number;
  length: number;
}

export type FetchItem =
  | { type: FetchSimpleItem }
  /** BODY[section]<partial> and BODY.PEEK[...] (peek: doesn't set \Seen). */
  | { type: 'BODYSECTION'; peek: boolean; section: Section; partial: FetchPartial | null }
  /** RFC 3516: BINARY[part]<partial> and BINARY.PEEK[...]: the part with its transfer encoding removed. */
  | { type: 'BINARY'; peek: boolean; part: number[]; partial: FetchPartial | null }
  /** RFC 3516: BINARY.SIZE[part] */
  | { type: 'BINARY.SIZE'; part: number[] };

export type FetchMacro = 'ALL' | 'FAST' | 'FULL';

// ---- STORE (RFC 9051 6.4.6, UNCHANGEDSINCE RFC 7162 3.1.3)

export type StoreOperation = 'set' | 'add' | 'remove';

// ---- LIST (RFC 9051 6.3.9, LIST-EXTENDED RFC 5258, SPECIAL-USE RFC 6154, LIST-STATUS RFC 5819)

export interface ListSelection {
  subscribed: boolean;
  remote: boolean;
  recursiveMatch: boolean;
  specialUse: boolean;
}

export interface ListReturn {
  subscribed: boolean;
  children: boolean;
  specialUse: boolean;
  /** LIST-STATUS: STATUS items to answer for each listed mailbox, null when not asked. */
  status: StatusItem[] | null;
}

// ---- SORT / THREAD (RFC 5256; DISPLAYFROM/DISPLAYTO RFC 5957)

export const SORT_KEYS = ['ARRIVAL', 'CC', 'DATE', 'FROM', 'SIZE', 'SUBJECT', 'TO', 'DISPLAYFROM', 'DISPLAYTO'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface SortCriterion {
  key: SortKey;
  reverse: boolean;
}

export const THREAD_ALGORITHMS = ['ORDEREDSUBJECT', 'REFERENCES'] as const;
export type ThreadAlgorithm = (typeof THREAD_ALGORITHMS)[number];

// ---- Commands

interface Base {
  tag: string;
}

export type Command = Base &
  (
    | { name: 'CAPABILITY' | 'NOOP' | 'LOGOUT' | 'STARTTLS' | 'NAMESPACE' | 'IDLE' | 'CHECK' | 'CLOSE' | 'UNSELECT' }
    /** RFC 9051 6.2.2, SASL-IR (RFC 4959): the initial response decoded, Buffer(0) for "=". */
    | { name: 'AUTHENTICATE'; mechanism: string; initialResponse: Buffer | null }
    | { name: 'LOGIN'; username: string; password: string }
    /** RFC 5161 */
    | { name: 'ENABLE'; capabilities: string[] }
    /** CONDSTORE / QRESYNC select parameters (RFC 7162 3.1.8, 3.2.5). */
    | {
        name: 'SELECT' | 'EXAMINE';
        mailbox: string;
        condstore: boolean;
        qresync: QresyncParams | null;
      }
    /** CREATE-SPECIAL-USE (RFC 6154 3): `CREATE name (USE (\Drafts))`. */
    | { name: 'CREATE'; mailbox: string; specialUse: string[] }
    | { name: 'DELETE' | 'SUBSCRIBE' | 'UNSUBSCRIBE' | 'GETQUOTAROOT'; mailbox: string }
    | { name: 'RENAME'; from: string; to: string }
    | {
        name: 'LIST';
        reference: string;
        patterns: string[];
        selection: ListSelection;
        return: ListReturn;
        /** Whether LIST-EXTENDED syntax was used (selection or return options, or a pattern list). */
        extended: boolean;
      }
    | { name: 'LSUB'; reference: string; pattern: string }
    | { name: 'STATUS'; mailbox: string; items: StatusItem[] }
    | {
        name: 'APPEND';
        mailbox: string;
        flags: string[];
        /** The internal date requested, or null (the server uses now). */
        date: Date | null;
        message: Buffer;
        /** Sent as literal8 (RFC 3516 4.4): may contain NUL and raw binary. */
        binary: boolean;
        /** Sent as `UTF8 (~{n}...)` (RFC 6855 4): headers may be UTF-8. */
        utf8: boolean;
      }
    | { name: 'EXPUNGE'; uid: false }
    /** UIDPLUS (RFC 4315 2.1) */
    | { name: 'EXPUNGE'; uid: true; set: SequenceSet }
    | {
        name: 'SEARCH';
        uid: boolean;
        /** null without CHARSET. */
        charset: string | null;
        /** null without RETURN (answer SEARCH); a list (maybe empty, meaning ALL) for ESEARCH (RFC 4731). */
        return: SearchReturnOption[] | null;
        /** All must match. */
        criteria: SearchKey[];
      }
    | {
        name: 'FETCH';
        uid: boolean;
        set: SequenceSet;
        /** Macros are expanded into `items`; `macro` says which was used. */
        items: FetchItem[];
        macro: FetchMacro | null;
        /** RFC 7162 3.1.4.1 CHANGEDSINCE */
        changedSince: bigint | null;
        /** RFC 7162 3.2.6 VANISHED (UID FETCH with CHANGEDSINCE only). */
        vanished: boolean;
      }
    | {
        name: 'STORE';
        uid: boolean;
        set: SequenceSet;
        operation: StoreOperation;
        silent: boolean;
        flags: string[];
        /** RFC 7162 3.1.3 UNCHANGEDSINCE */
        unchangedSince: bigint | null;
      }
    | { name: 'COPY' | 'MOVE'; uid: boolean; set: SequenceSet; mailbox: string }
    | { name: 'SORT'; uid: boolean; criteria: SortCriterion[]; charset: string; search: SearchKey[] }
    | { name: 'THREAD'; uid: boolean; algorithm: ThreadAlgorithm; charset: string; search: SearchKey[] }
    /** RFC 9208 */
    | { name: 'GETQUOTA'; root: string }
    | { name: 'SETQUOTA'; root: string; limits: Array<{ resource: string; limit: number }> }
    /** RFC 4978 */
    | { name: 'COMPRESS'; mechanism: string }
    /** RFC 2971: field/value pairs, null for `ID NIL`. */
    | { name: 'ID'; params: Array<[string, string | null]> | null }
  );

export type CommandName = Command['name'];

/** RFC 7162 3.2.5: QRESYNC (uidvalidity modseq [known-uids] [(known-seqs known-uids)]). */
export interface QresyncParams {
  uidValidity: number;
  modseq: bigint;
  knownUids: SequenceSet | null;
  seqMatch: { seqs: SequenceSet; uids: SequenceSet } | null;
}

/** The command of a given name, e.g. `CommandOf<'FETCH'>` (`CommandOf<'SELECT'>` also covers EXAMINE). */
export type CommandOf<N extends CommandName> = Command extends infer C ? (C extends { name: infer M } ? (N extends M ? C : never) : never) : never;

export type SessionState = 'not-authenticated' | 'authenticated' | 'selected';

/**
 * The states each command is valid in (RFC 9051 6.1-6.4 and the extensions' own sections). A
 * session answers BAD outside them ("Command not valid in this state").
 */
export const COMMAND_STATES: Record<CommandName, readonly SessionState[]> = {
  CAPABILITY: ['not-authenticated', 'authenticated', 'selected'],
  NOOP: ['not-authenticated', 'authenticated', 'selected'],
  LOGOUT: ['not-authenticated', 'authenticated', 'selected'],
  ID: ['not-authenticated', 'authenticated', 'selected'], // RFC 2971 3.1: any state
  COMPRESS: ['authenticated', 'selected'], // RFC 4978 allows it before login too; we offer it after (capabilities.ts)
  STARTTLS: ['not-authenticated'],
  AUTHENTICATE: ['not-authenticated'],
  LOGIN: ['not-authenticated'],
  ENABLE: ['authenticated'], // RFC 5161 3.1: authenticated state only (RFC 9051 6.3.1 too)
  SELECT: ['authenticated', 'selected'],
  EXAMINE: ['authenticated', 'selected'],
  CREATE: ['authenticated', 'selected'],
  DELETE: ['authenticated', 'selected'],
  RENAME: ['authenticated', 'selected'],
  SUBSCRIBE: ['authenticated', 'selected'],
  UNSUBSCRIBE: ['authenticated', 'selected'],
  LIST: ['authenticated', 'selected'],
  LSUB: ['authenticated', 'selected'],
  NAMESPACE: ['authenticated', 'selected'],
  STATUS: ['authenticated', 'selected'],
  APPEND: ['authenticated', 'selected'],
  IDLE: ['authenticated', 'selected'],
  GETQUOTA: ['authenticated', 'selected'],
  GETQUOTAROOT: ['authenticated', 'selected'],
  SETQUOTA: ['authenticated', 'selected'],
  CHECK: ['selected'],
  CLOSE: ['selected'],
  UNSELECT: ['selected'],
  EXPUNGE: ['selected'],
  SEARCH: ['selected'],
  FETCH: ['selected'],
  STORE: ['selected'],
  COPY: ['selected'],
  MOVE: ['selected'],
  SORT: ['selected'],
  THREAD: ['selected'],
};
