// IMAP command parser: one complete command (a RawCommand from the reader) to a typed Command
// (ast.ts). RFC 9051 9 / RFC 3501 9 formal syntax and the extensions of issue 3.
//
// Implementation notes:
// - Pure: no state between commands. Whether a command is allowed now (state, capabilities
//   enabled) is the session's business; COMMAND_STATES in ast.ts lists the states.
// - It throws ImapParseError and nothing else; the message says what was expected, and carries
//   the tag once it has been read, so the session can answer `<tag> BAD <message>`.
// - Strict about syntax (single SPs, no trailing garbage), lenient only about case.
import {
  type Command,
  type CommandOf,
  type ListReturn,
  type ListSelection,
  type QresyncParams,
  SORT_KEYS,
  STATUS_ITEMS,
  type SortCriterion,
  type SortKey,
  type StatusItem,
  THREAD_ALGORITHMS,
  type ThreadAlgorithm,
} from './ast.js';
import { parseDateTimeOrFail } from './datetime.js';
import { ImapParseError } from './errors.js';
import { parseFetchAtts } from './fetch-items.js';
import { DQUOTE, Lexer, LPAREN, RPAREN, SP } from './lexer.js';
import { type ImapLimits, resolveLimits } from './limits.js';
import { CommandReader, isTagChar, type RawCommand } from './reader.js';
import { parseCharset, parseSearchKeys, parseSearchReturn, setSearchCharset } from './search.js';
import { hasStar, parseSequenceSet, type SequenceSet } from './sequence.js';

export interface ParseOptions {
  limits?: Partial<ImapLimits>;
}

const STATUS_SET = new Set<string>(STATUS_ITEMS);
const SORT_SET = new Set<string>(SORT_KEYS);
const THREAD_SET = new Set<string>(THREAD_ALGORITHMS);
const UID_COMMANDS = new Set(['COPY', 'MOVE', 'FETCH', 'SEARCH', 'STORE', 'EXPUNGE', 'SORT', 'THREAD']);

/** Parse one command as read by CommandReader. Throws ImapParseError only. */
export function parseCommand(raw: RawCommand, opts: ParseOptions = {}): Command {
  const limits = resolveLimits(opts.limits);
  const lx = new Lexer(raw, limits);
  try {
    return parse(lx);
  } catch (e) {
    if (e instanceof ImapParseError) throw e.withTag(lx.tag);
    // A bug of ours, not the client's: still only our error type leaves the parser.
    throw new ImapParseError(`Internal parser error: ${e instanceof Error ? e.message : String(e)}`, lx.tag, 'SERVERBUG');
  }
}

/**
 * Parse a command given as one piece of text, literals inline (`A1 LOGIN {3}\r\nfoo bar`); a final
 * CRLF is optional. For tests, fuzzing and tools: it runs the same reader a session does.
 */
export function parseCommandText(text: string | Buffer, opts: ParseOptions = {}): Command {
  const reader = new CommandReader(opts.limits);
  let command: RawCommand | null = null;
  const drain = () => {
    for (let ev = reader.next(); ev; ev = reader.next()) {
      if (ev.type === 'error') throw ev.error;
      if (ev.type === 'command') {
        if (command) throw new ImapParseError('More than one command in the text');
        command = ev.command;
      }
    }
  };
  reader.push(typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
  drain();
  // Without its final CRLF the command is still open: end it.
  if (!command) {
    reader.push(Buffer.from('\r\n'));
    drain();
  }
  if (!command) throw new ImapParseError('Incomplete command');
  if (!reader.atCommandBoundary) throw new ImapParseError('More than one command in the text');
  return parseCommand(command, opts);
}

/**
 * A client response line during AUTHENTICATE (RFC 9051 6.2.2): base64 data, or "*" to cancel.
 * An empty line is an empty response.
 */
export function parseAuthenticateResponse(line: Buffer): { cancel: true } | { cancel: false; data: Buffer } {
  const text = line.toString('latin1');
  if (text === '*') return { cancel: true };
  return { cancel: false, data: decodeBase64Strict(text, 'AUTHENTICATE response') };
}

/** base64 = *(4base64-char) [base64-terminal] (RFC 9051 9); strict: no whitespace, right padding. */
function decodeBase64Strict(text: string, what: string, tag: string | null = null): Buffer {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) {
    throw new ImapParseError(`Invalid base64 in ${what}`, tag);
  }
  return Buffer.from(text, 'base64');
}

function parse(lx: Lexer): Command {
  const tagText = lx.readAtomChars(isTagChar);
  if (!tagText) lx.fail(lx.atEnd() ? 'Empty command' : `Missing or invalid tag: ${lx.excerpt()}`);
  if (!lx.atEnd() && lx.peek() !== SP) lx.fail(`Invalid character in tag: ${lx.excerpt()}`);
  lx.tag = tagText;
  const tag = tagText;
  lx.sp('tag');
  let name = lx.readAtomChars().toUpperCase();
  if (!name) lx.fail(`Expected a command name, got ${lx.excerpt()}`);
  let uid = false;
  if (name === 'UID') {
    lx.sp('UID');
    name = lx.readAtomChars().toUpperCase();
    if (!UID_COMMANDS.has(name)) lx.fail(name ? `Unknown UID command ${name}` : `Expected a command after UID, got ${lx.excerpt()}`);
    uid = true;
  }
  switch (name) {
    case 'CAPABILITY':
    case 'NOOP':
    case 'LOGOUT':
    case 'STARTTLS':
    case 'NAMESPACE':
    case 'IDLE':
    case 'CHECK':
    case 'CLOSE':
    case 'UNSELECT':
      lx.end(name);
      return { tag, name };
    case 'AUTHENTICATE':
      return authenticate(lx, tag);
    case 'LOGIN': {
      lx.sp(name);
      const username = lx.astring('user name');
      lx.sp('user name');
      const password = lx.astring('password');
      lx.end('LOGIN');
      return { tag, name, username, password };
    }
    case 'ENABLE': {
      // enable = "ENABLE" 1*(SP capability)
      const capabilities: string[] = [];
      do {
        lx.sp(capabilities.length ? 'capability' : 'ENABLE');
        capabilities.push(lx.keyword('capability'));
      } while (!lx.atEnd());
      return { tag, name, capabilities };
    }
    case 'SELECT':
    case 'EXAMINE':
      return select(lx, tag, name);
    case 'CREATE': {
      lx.sp(name);
      const mailbox = lx.mailbox();
      const specialUse = lx.atEnd() ? [] : createParams(lx);
      lx.end('CREATE');
      return { tag, name, mailbox, specialUse };
    }
    case 'DELETE':
    case 'SUBSCRIBE':
    case 'UNSUBSCRIBE':
    case 'GETQUOTAROOT': {
      lx.sp(name);
      const mailbox = lx.mailbox();
      lx.end(name);
      return { tag, name, mailbox };
    }
    case 'RENAME': {
      lx.sp(name);
      const from = lx.mailbox('existing mailbox name');
      lx.sp('existing mailbox name');
      const to = lx.mailbox('new mailbox name');
      lx.end('RENAME');
      return { tag, name, from, to };
    }
    case 'LIST':
      return list(lx, tag);
    case 'LSUB': {
      lx.sp(name);
      const reference = lx.astring('reference name');
      lx.sp('reference name');
      const pattern = lx.listMailbox('mailbox pattern');
      lx.end('LSUB');
      return { tag, name, reference, pattern };
    }
    case 'STATUS': {
      lx.sp(name);
      const mailbox = lx.mailbox();
      lx.sp('mailbox name');
      const items = statusItems(lx);
      lx.end('STATUS');
      return { tag, name, mailbox, items };
    }
    case 'APPEND':
      return append(lx, tag);
    case 'EXPUNGE':
      if (!uid) {
        lx.end(name);
        return { tag, name, uid: false };
      } else {
        lx.sp('UID EXPUNGE');
        const set = sequenceSet(lx);
        lx.end('UID EXPUNGE');
        return { tag, name, uid: true, set };
      }
    case 'SEARCH': {
      lx.sp(name);
      const ret = parseSearchReturn(lx);
      let charset: string | null = null;
      if (lx.eatWord('CHARSET')) {
        lx.sp('CHARSET');
        charset = parseCharset(lx);
        lx.sp('charset');
      }
      setSearchCharset(lx, charset);
      const criteria = parseSearchKeys(lx);
      return { tag, name, uid, charset, return: ret, criteria };
    }
    case 'FETCH':
      return fetch(lx, tag, uid);
    case 'STORE':
      return store(lx, tag, uid);
    case 'COPY':
    case 'MOVE': {
      lx.sp(name);
      const set = sequenceSet(lx);
      lx.sp('sequence set');
      const mailbox = lx.mailbox();
      lx.end(name);
      return { tag, name, uid, set, mailbox };
    }
    case 'SORT':
      return sort(lx, tag, uid);
    case 'THREAD': {
      // thread = ["UID" SP] "THREAD" SP thread-alg SP search-criteria (RFC 5256 5)
      lx.sp(name);
      const alg = lx.keyword('THREAD algorithm');
      if (!THREAD_SET.has(alg)) lx.fail(`Unknown THREAD algorithm ${alg}`);
      lx.sp('THREAD algorithm');
      const charset = parseCharset(lx);
      lx.sp('charset');
      setSearchCharset(lx, charset);
      const search = parseSearchKeys(lx);
      return { tag, name, uid, algorithm: alg as ThreadAlgorithm, charset, search };
    }
    case 'GETQUOTA': {
      lx.sp(name);
      const root = lx.astring('quota root');
      lx.end(name);
      return { tag, name, root };
    }
    case 'SETQUOTA':
      return setquota(lx, tag);
    case 'COMPRESS': {
      lx.sp(name);
      const mechanism = lx.keyword('compression mechanism');
      lx.end(name);
      return { tag, name, mechanism };
    }
    case 'ID':
      return id(lx, tag);
  }
  return lx.fail(`Unknown command ${name.length > 32 ? name.slice(0, 32) + '...' : name}`);
}

function sequenceSet(lx: Lexer): SequenceSet {
  const text = lx.sequenceText();
  if (!text) lx.fail(`Expected a sequence set, got ${lx.excerpt()}`);
  const c = lx.peek();
  if (c !== SP && c >= 0 && c !== RPAREN) {
    // e.g. "1:5a": make the whole token part of the message
    const rest = lx.readAtomChars();
    lx.fail(`Invalid sequence set "${(text + rest).slice(0, 40)}"`);
  }
  return parseSequenceSet(text, { maxRanges: lx.limits.maxSequenceRanges, tag: lx.tag });
}

/** authenticate = "AUTHENTICATE" SP auth-type [SP initial-resp]; initial-resp = (base64 / "=") (RFC 4959) */
function authenticate(lx: Lexer, tag: string): CommandOf<'AUTHENTICATE'> {
  lx.sp('AUTHENTICATE');
  const mechanism = lx.keyword('SASL mechanism');
  let initialResponse: Buffer | null = null;
  if (!lx.atEnd()) {
    lx.sp('SASL mechanism');
    const text = lx.readAtomChars((c) => c > 0x20 && c < 0x7f);
    if (!text) lx.fail(`Expected an initial response, got ${lx.excerpt()}`);
    initialResponse = text === '=' ? Buffer.alloc(0) : decodeBase64Strict(text, 'initial response', tag);
  }
  lx.end('AUTHENTICATE');
  return { tag, name: 'AUTHENTICATE', mechanism, initialResponse };
}

/**
 * select = "SELECT" SP mailbox [select-params]; select-params = SP "(" select-param *(SP select-param) ")"
 * select-param = "CONDSTORE" / "QRESYNC" SP "(" uidvalidity SP mod-sequence-value [SP known-uids]
 *                [SP seq-match-data] ")"   (RFC 7162 7)
 */
function select(lx: Lexer, tag: string, name: 'SELECT' | 'EXAMINE'): CommandOf<'SELECT'> {
  lx.sp(name);
  const mailbox = lx.mailbox();
  const params: { condstore: boolean; qresync: QresyncParams | null } = { condstore: false, qresync: null };
  if (!lx.atEnd()) {
    lx.sp('mailbox name');
    lx.list(`${name} parameters`, () => {
      const p = lx.keyword(`${name} parameter`);
      if (p === 'CONDSTORE') {
        params.condstore = true;
      } else if (p === 'QRESYNC') {
        if (params.qresync) lx.fail('QRESYNC given twice');
        lx.sp('QRESYNC');
        params.qresync = qresyncParams(lx);
      } else {
        lx.fail(`Unknown ${name} parameter ${p}`);
      }
    }, false);
  }
  lx.end(name);
  return { tag, name, mailbox, ...params };
}

function qresyncParams(lx: Lexer): QresyncParams {
  lx.expect(LPAREN, 'Expected "(" after QRESYNC');
  lx.enter();
  const uidValidity = lx.nzNumber('QRESYNC UIDVALIDITY');
  lx.sp('QRESYNC UIDVALIDITY');
  const modseq = lx.modseq('QRESYNC mod-sequence', false);
  let knownUids: SequenceSet | null = null;
  let seqMatch: QresyncParams['seqMatch'] = null;
  const noStar = (set: SequenceSet, what: string) => {
    // RFC 7162 7: known-uids and seq-match-data don't allow "*" (nor "$").
    if (set.kind === 'saved' || hasStar(set)) lx.fail(`QRESYNC ${what} must not use "*" or "$"`);
    return set;
  };
  if (lx.eat(SP)) {
    if (lx.peek() !== LPAREN) {
      knownUids = noStar(sequenceSet(lx), 'known UIDs');
      if (lx.eat(SP) && lx.peek() !== LPAREN) lx.fail(`Expected "(" for QRESYNC sequence match data, got ${lx.excerpt()}`);
    }
    if (lx.peek() === LPAREN) {
      lx.expect(LPAREN, '');
      lx.enter();
      const seqs = noStar(sequenceSet(lx), 'known sequence set');
      lx.sp('known sequence set');
      const uids = noStar(sequenceSet(lx), 'known UID set');
      lx.expect(RPAREN, `Expected ")" after QRESYNC sequence match data, got ${lx.excerpt()}`);
      lx.leave();
      seqMatch = { seqs, uids };
    }
  }
  lx.expect(RPAREN, `Expected ")" to close QRESYNC parameters, got ${lx.excerpt()}`);
  lx.leave();
  return { uidValidity, modseq, knownUids, seqMatch };
}

/** create-param = "USE" SP "(" [use-attr *(SP use-attr)] ")" (RFC 6154 6) */
function createParams(lx: Lexer): string[] {
  lx.sp('mailbox name');
  const params: { use: string[] | null } = { use: null };
  lx.list('CREATE parameters', () => {
    const p = lx.keyword('CREATE parameter');
    if (p !== 'USE') lx.fail(`Unknown CREATE parameter ${p}`);
    if (params.use) lx.fail('USE given twice');
    lx.sp('USE');
    params.use = lx.list('USE attributes', () => {
      const f = lx.flag('special-use attribute');
      if (!f.startsWith('\\')) lx.fail(`Invalid special-use attribute ${f}`);
      return f;
    });
  }, false);
  return params.use ?? [];
}

/**
 * list = "LIST" [SP list-select-opts] SP mailbox SP mbox-or-pat [SP list-return-opts] (RFC 5258 6)
 */
function list(lx: Lexer, tag: string): CommandOf<'LIST'> {
  lx.sp('LIST');
  const selection: ListSelection = { subscribed: false, remote: false, recursiveMatch: false, specialUse: false };
  const ret: ListReturn = { subscribed: false, children: false, specialUse: false, status: null };
  let extended = false;
  if (lx.peek() === LPAREN) {
    extended = true;
    lx.list('LIST selection options', () => {
      const opt = lx.keyword('LIST selection option');
      switch (opt) {
        case 'SUBSCRIBED':
          selection.subscribed = true;
          break;
        case 'REMOTE':
          selection.remote = true;
          break;
        case 'RECURSIVEMATCH':
          selection.recursiveMatch = true;
          break;
        case 'SPECIAL-USE': // RFC 6154 5.3
          selection.specialUse = true;
          break;
        default:
          // RFC 5258 3: unknown options are an error (BAD)
          lx.fail(`Unknown LIST selection option ${opt}`);
      }
    });
    // RFC 5258 3.1: RECURSIVEMATCH alone (or with REMOTE only) is an error.
    if (selection.recursiveMatch && !selection.subscribed && !selection.specialUse) {
      lx.fail('RECURSIVEMATCH needs another selection option (e.g. SUBSCRIBED)');
    }
    lx.sp('LIST selection options');
  }
  const reference = lx.astring('reference name');
  lx.sp('reference name');
  let patterns: string[];
  if (lx.peek() === LPAREN) {
    extended = true;
    patterns = lx.list('LIST patterns', () => lx.listMailbox('mailbox pattern'), false);
  } else {
    patterns = [lx.listMailbox('mailbox pattern')];
  }
  if (!lx.atEnd()) {
    lx.sp('mailbox pattern');
    if (!lx.eatWord('RETURN')) lx.fail(`Expected RETURN, got ${lx.excerpt()}`);
    extended = true;
    lx.sp('RETURN');
    lx.list('LIST return options', () => {
      const opt = lx.keyword('LIST return option');
      switch (opt) {
        case 'SUBSCRIBED':
          ret.subscribed = true;
          break;
        case 'CHILDREN':
          ret.children = true;
          break;
        case 'SPECIAL-USE': // RFC 6154 5.2
          ret.specialUse = true;
          break;
        case 'STATUS': // RFC 5819 / RFC 9051 6.3.9
          if (ret.status) lx.fail('STATUS given twice');
          lx.sp('STATUS');
          ret.status = statusItems(lx);
          break;
        default:
          lx.fail(`Unknown LIST return option ${opt}`);
      }
    });
  }
  lx.end('LIST');
  return { tag, name: 'LIST', reference, patterns, selection, return: ret, extended };
}

/** "(" status-att *(SP status-att) ")" */
function statusItems(lx: Lexer): StatusItem[] {
  const items = lx.list('STATUS items', () => {
    const item = lx.keyword('STATUS item');
    if (!STATUS_SET.has(item)) lx.fail(`Unknown STATUS item ${item}`);
    return item as StatusItem;
  }, false);
  return Array.from(new Set(items));
}

/**
 * append = "APPEND" SP mailbox [SP flag-list] [SP date-time] SP literal
 * RFC 3516: literal8 allowed; RFC 6855 4: append-data =/ "UTF8" SP "(" literal8 ")".
 * One message (no MULTIAPPEND, RFC 3502).
 */
function append(lx: Lexer, tag: string): CommandOf<'APPEND'> {
  lx.sp('APPEND');
  const mailbox = lx.mailbox();
  lx.sp('mailbox name');
  let flags: string[] = [];
  if (lx.peek() === LPAREN) {
    flags = lx.list('flag list', () => {
      const f = lx.flag();
      return f;
    });
    lx.sp('flag list');
  }
  let date: Date | null = null;
  if (lx.peek() === DQUOTE) {
    date = parseDateTimeOrFail(lx.string('date-time'), tag);
    lx.sp('date-time');
  }
  let utf8 = false;
  if (lx.eatWord('UTF8')) {
    utf8 = true;
    lx.sp('UTF8');
    lx.expect(LPAREN, `Expected "(" after UTF8, got ${lx.excerpt()}`);
  }
  const lit = lx.literal();
  if (!lit) lx.fail(`Expected the message as a literal, got ${lx.excerpt()}`);
  if (utf8) {
    // RFC 6855 4: utf8-literal = "UTF8" SP "(" literal8 ")"
    if (!lit.binary) lx.fail('UTF8 APPEND data must be a literal8 (~{n})');
    lx.expect(RPAREN, `Expected ")" after UTF8 literal, got ${lx.excerpt()}`);
  }
  if (!lx.atEnd()) {
    if (lx.peek() === SP) lx.fail('Only one message per APPEND (MULTIAPPEND is not supported)');
    lx.end('APPEND');
  }
  return { tag, name: 'APPEND', mailbox, flags: Array.from(new Set(flags)), date, message: lit.data, binary: lit.binary, utf8 };
}

/**
 * fetch = "FETCH" SP sequence-set SP ("ALL" / "FULL" / "FAST" / fetch-att / "(" fetch-att *(SP fetch-att) ")")
 *         [fetch-modifiers]
 * fetch-modifiers = SP "(" fetch-modifier *(SP fetch-modifier) ")"   (RFC 4466 2.4)
 * fetch-modifier = chgsince-fetch-mod / "VANISHED"                   (RFC 7162 7)
 */
function fetch(lx: Lexer, tag: string, uid: boolean): CommandOf<'FETCH'> {
  lx.sp('FETCH');
  const set = sequenceSet(lx);
  lx.sp('sequence set');
  const { items, macro } = parseFetchAtts(lx);
  const mods: { changedSince: bigint | null; vanished: boolean } = { changedSince: null, vanished: false };
  if (!lx.atEnd()) {
    if (lx.peek() !== SP) lx.end('FETCH');
    lx.sp('FETCH attributes');
    lx.list('FETCH modifiers', () => {
      const m = lx.keyword('FETCH modifier');
      if (m === 'CHANGEDSINCE') {
        lx.sp(m);
        mods.changedSince = lx.modseq('CHANGEDSINCE', false);
      } else if (m === 'VANISHED') {
        mods.vanished = true;
      } else {
        lx.fail(`Unknown FETCH modifier ${m}`);
      }
    }, false);
  }
  lx.end('FETCH');
  // RFC 7162 3.2.6: VANISHED only in UID FETCH, and only with CHANGEDSINCE.
  if (mods.vanished && !uid) lx.fail('VANISHED is only allowed in UID FETCH');
  if (mods.vanished && mods.changedSince === null) lx.fail('VANISHED requires CHANGEDSINCE');
  return { tag, name: 'FETCH', uid, set, items, macro, ...mods };
}

/**
 * store = "STORE" SP sequence-set [store-modifiers] SP store-att-flags
 * store-modifiers = SP "(" store-modifier *(SP store-modifier) ")"; "UNCHANGEDSINCE" SP mod-sequence-valzer
 * store-att-flags = (["+" / "-"] "FLAGS" [".SILENT"]) SP (flag-list / (flag *(SP flag)))
 */
function store(lx: Lexer, tag: string, uid: boolean): CommandOf<'STORE'> {
  lx.sp('STORE');
  const set = sequenceSet(lx);
  lx.sp('sequence set');
  const mods: { unchangedSince: bigint | null } = { unchangedSince: null };
  if (lx.peek() === LPAREN) {
    lx.list('STORE modifiers', () => {
      const m = lx.keyword('STORE modifier');
      if (m !== 'UNCHANGEDSINCE') lx.fail(`Unknown STORE modifier ${m}`);
      lx.sp(m);
      mods.unchangedSince = lx.modseq('UNCHANGEDSINCE', true);
    }, false);
    lx.sp('STORE modifiers');
  }
  const att = lx.keyword('STORE data item');
  const m = /^([+-]?)FLAGS(\.SILENT)?$/.exec(att);
  if (!m) lx.fail(`Unknown STORE data item ${att} (expected FLAGS, +FLAGS or -FLAGS)`);
  lx.sp(att);
  let flags: string[];
  if (lx.peek() === LPAREN) {
    flags = lx.list('flag list', () => lx.flag());
  } else {
    flags = [lx.flag()];
    while (!lx.atEnd()) {
      lx.sp('flag');
      flags.push(lx.flag());
    }
  }
  lx.end('STORE');
  return {
    tag,
    name: 'STORE',
    uid,
    set,
    operation: m[1] === '+' ? 'add' : m[1] === '-' ? 'remove' : 'set',
    silent: !!m[2],
    flags: Array.from(new Set(flags)),
    unchangedSince: mods.unchangedSince,
  };
}

/**
 * sort = ["UID" SP] "SORT" SP sort-criteria SP search-criteria (RFC 5256 5)
 * sort-criteria = "(" sort-criterion *(SP sort-criterion) ")"; sort-criterion = ["REVERSE" SP] sort-key
 * search-criteria = charset 1*(SP search-key)  -- the charset is mandatory in SORT and THREAD
 */
function sort(lx: Lexer, tag: string, uid: boolean): CommandOf<'SORT'> {
  lx.sp('SORT');
  const criteria = lx.list('SORT criteria', (): SortCriterion => {
    let key = lx.keyword('sort key');
    let reverse = false;
    if (key === 'REVERSE') {
      reverse = true;
      lx.sp('REVERSE');
      key = lx.keyword('sort key');
    }
    if (!SORT_SET.has(key)) lx.fail(`Unknown sort key ${key}`);
    return { key: key as SortKey, reverse };
  }, false);
  lx.sp('SORT criteria');
  const charset = parseCharset(lx);
  lx.sp('charset');
  setSearchCharset(lx, charset);
  const search = parseSearchKeys(lx);
  return { tag, name: 'SORT', uid, criteria, charset, search };
}

/** setquota = "SETQUOTA" SP quota-root-name SP setquota-list (RFC 9208 4) */
function setquota(lx: Lexer, tag: string): CommandOf<'SETQUOTA'> {
  lx.sp('SETQUOTA');
  const root = lx.astring('quota root');
  lx.sp('quota root');
  const limits = lx.list('SETQUOTA resource list', () => {
    const resource = lx.keyword('quota resource');
    lx.sp(resource);
    return { resource, limit: lx.number(`${resource} limit`, Number.MAX_SAFE_INTEGER) };
  });
  lx.end('SETQUOTA');
  return { tag, name: 'SETQUOTA', root, limits };
}

/**
 * id = "ID" SP id-params-list; id-params-list = "(" *(string SP nstring) ")" / nil (RFC 2971 4).
 * RFC 2971 3.3: field names at most 30 octets, values at most 1024, at most 30 pairs.
 */
function id(lx: Lexer, tag: string): CommandOf<'ID'> {
  lx.sp('ID');
  if (lx.eatWord('NIL')) {
    lx.end('ID');
    return { tag, name: 'ID', params: null };
  }
  lx.expect(LPAREN, `Expected "(" or NIL after ID, got ${lx.excerpt()}`);
  lx.enter();
  const params: Array<[string, string | null]> = [];
  if (!lx.eat(RPAREN)) {
    for (;;) {
      if (params.length >= 30) lx.fail('ID: more than 30 field-value pairs (RFC 2971 3.3)');
      const field = lx.string('ID field');
      if (Buffer.byteLength(field) > 30) lx.fail('ID: field name longer than 30 octets (RFC 2971 3.3)');
      lx.sp('ID field');
      const value = lx.nstring('ID value');
      if (value !== null && Buffer.byteLength(value) > 1024) lx.fail('ID: value longer than 1024 octets (RFC 2971 3.3)');
      params.push([field, value]);
      if (lx.eat(RPAREN)) break;
      if (!lx.eat(SP)) lx.fail(`Expected SP or ")" in ID parameters, got ${lx.excerpt()}`);
    }
  }
  lx.leave();
  lx.end('ID');
  return { tag, name: 'ID', params };
}
