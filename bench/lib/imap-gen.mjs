// bench/lib/imap-gen: IMAP command generator for bench/imap-fuzz.mjs. Grammar-based generation of
// (mostly) valid commands of every type the parser knows, and mutations of them. Everything is
// produced as the bytes a client puts on the wire, literals inline (`{n}\r\n<data>`), without the
// final CRLF. Deterministic: all randomness comes from the `rand` given (mulberry32).

/** mulberry32: small, fast, seedable. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Gen {
  constructor(rand, opts = {}) {
    this.r = rand;
    // Live sessions: keep literals short so that a wrong size stalls the session for little.
    this.maxLiteral = opts.maxLiteral ?? 2000;
    // Live sessions: commands that end the session (LOGOUT, STARTTLS, COMPRESS: the rest of the batch is
    // then garbage to TLS or the inflater) and 64 KB lines (fatal) are rarer, so a batch is not wasted.
    this.live = opts.live ?? false;
    this.literalSizes = this.live ? [0, 1, 3, 17, 100, 1000, 4000000000, 1e20] : [0, 1, 3, 17, 100, 4096, 65536, 65537, 1 << 20, 4000000000, 1e20];
    this.mailboxes = opts.mailboxes ?? ['INBOX', 'Sent', 'Drafts', 'Trash', 'Junk', 'Archive', 'fuzz', 'fuzz/sub', 'Entw&APw-rfe'];
  }

  // ---- primitives
  int(n) {
    return Math.floor(this.r() * n);
  }
  chance(p) {
    return this.r() < p;
  }
  pick(a) {
    return a[Math.floor(this.r() * a.length)];
  }
  many(min, max, f, sep = ' ') {
    const n = min + this.int(max - min + 1);
    const out = [];
    for (let i = 0; i < n; i++) out.push(f());
    return out.join(sep);
  }

  tag() {
    if (this.chance(0.05)) return this.pick(['*', '+', '', 'A*', 'a{1}', '"t"', 'x'.repeat(300), 'A%1', 'DONE']);
    return this.pick(['A', 'a', 't', 'x', 'TAG']) + this.int(100000);
  }

  number() {
    const x = this.r();
    if (x < 0.6) return String(1 + this.int(20));
    if (x < 0.8) return String(this.int(100000));
    return this.pick(['0', '4294967295', '4294967296', '18446744073709551615', '99999999999999999999999', '9007199254740993', '-1', '00001', '1e9']);
  }

  seqNumber() {
    return this.chance(0.15) ? '*' : this.number();
  }

  seqSet() {
    if (this.chance(0.08)) return '$';
    if (this.chance(0.02)) return Array.from({ length: 200 + this.int(2000) }, (_, i) => `${i * 2 + 1}:${i * 2 + 2}`).join(',');
    return this.many(1, 4, () => (this.chance(0.5) ? `${this.seqNumber()}:${this.seqNumber()}` : this.seqNumber()), ',');
  }

  text(maxLen = 20) {
    const n = this.int(maxLen);
    const chars = 'abcXYZ019 _-.@/%*&~\\"()[]{}+=äöü日本';
    let s = '';
    for (let i = 0; i < n; i++) s += this.pick(chars);
    return s;
  }

  atom() {
    return this.pick(['foo', 'INBOX', 'Subject', 'From', 'u@fuzz.test', 'x', 'NIL', 'bar.baz', '$Junk', 'ABC123']);
  }

  quoted(s) {
    return '"' + s.replace(/[\\"]/g, (c) => '\\' + c) + '"';
  }

  literal(data, kind = this.pick(['sync', 'nonsync', 'sync'])) {
    const b = Buffer.from(data, 'utf8');
    const plus = kind === 'nonsync' ? '+' : '';
    return `{${b.length}${plus}}\r\n${data}`;
  }

  /** astring: atom, quoted or literal. */
  astring(value = null) {
    const v = value ?? (this.chance(0.5) ? this.atom() : this.text());
    const x = this.r();
    if (x < 0.5 && /^[A-Za-z0-9@._$/-]+$/.test(v)) return v;
    if (x < 0.85) return this.quoted(v);
    return this.literal(v);
  }

  mailbox() {
    if (this.chance(0.15)) {
      return this.astring(
        this.pick(['..', '../x', '%', '*', '#news.comp', '#user/other', '&', '&-', '&AGE', '&Jjo-!', 'INBOX/', '/INBOX', 'a//b', '', '~root', 'INBOX.', 'x'.repeat(400), 'Other/../INBOX', '&ZeVnLIqe-']),
      );
    }
    return this.astring(this.pick(this.mailboxes));
  }

  flag() {
    return this.pick(['\\Seen', '\\Answered', '\\Flagged', '\\Deleted', '\\Draft', '\\Recent', '$Junk', '$NotJunk', '$Forwarded', 'custom', '\\Bogus', '\\*', '$MDNSent']);
  }

  flagList() {
    return `(${this.many(0, 4, () => this.flag())})`;
  }

  date() {
    return this.pick(['1-Feb-1994', '01-Jan-2026', '31-Dec-1999', '30-Feb-2020', '1-Foo-2020', '1-Jan-99999', '26-Nov-2026']);
  }

  dateTime() {
    return this.quoted(this.pick(['17-Jul-1996 02:44:25 -0700', ' 1-Jan-2026 00:00:00 +0000', '26-Nov-2026 23:59:59 +1400', '31-Apr-2026 25:61:61 +9999', 'garbage']));
  }

  // ---- FETCH
  section() {
    const parts = this.chance(0.5) ? this.many(1, 3, () => String(1 + this.int(4)), '.') : '';
    const txt = this.pick(['', 'HEADER', 'TEXT', 'MIME', 'HEADER.FIELDS', 'HEADER.FIELDS.NOT']);
    let s = parts;
    if (txt) {
      if (txt === 'MIME' && !parts) s = '1';
      s += (s ? '.' : '') + txt;
      if (txt.startsWith('HEADER.FIELDS')) s += ` (${this.many(1, 4, () => this.astring(this.pick(['Date', 'From', 'Subject', 'To', 'Message-ID', 'X-Foo'])))})`;
    }
    return `[${s}]`;
  }

  partial() {
    return this.chance(0.3) ? `<${this.number()}.${this.number()}>` : '';
  }

  fetchAtt() {
    const x = this.int(16);
    switch (x) {
      case 0:
        return `BODY${this.section()}${this.partial()}`;
      case 1:
        return `BODY.PEEK${this.section()}${this.partial()}`;
      case 2:
        return `BINARY${this.chance(0.5) ? '.PEEK' : ''}[${this.many(0, 3, () => String(1 + this.int(3)), '.')}]${this.partial()}`;
      case 3:
        return `BINARY.SIZE[${this.many(0, 2, () => String(1 + this.int(3)), '.')}]`;
      default:
        return this.pick(['FLAGS', 'UID', 'ENVELOPE', 'BODYSTRUCTURE', 'BODY', 'INTERNALDATE', 'RFC822.SIZE', 'RFC822', 'RFC822.HEADER', 'RFC822.TEXT', 'MODSEQ', 'EMAILID', 'THREADID', 'SAVEDATE', 'PREVIEW']);
    }
  }

  fetchAtts() {
    if (this.chance(0.2)) return this.pick(['ALL', 'FAST', 'FULL']);
    if (this.chance(0.2)) return this.fetchAtt();
    return `(${this.many(1, 5, () => this.fetchAtt())})`;
  }

  // ---- SEARCH
  searchKey(depth = 0) {
    const x = this.int(depth > 3 ? 30 : 36);
    switch (x) {
      case 0:
        return this.pick(['ALL', 'ANSWERED', 'DELETED', 'DRAFT', 'FLAGGED', 'NEW', 'OLD', 'RECENT', 'SEEN', 'UNANSWERED', 'UNDELETED', 'UNDRAFT', 'UNFLAGGED', 'UNSEEN']);
      case 1:
      case 2:
        return `${this.pick(['BCC', 'BODY', 'CC', 'FROM', 'SUBJECT', 'TEXT', 'TO'])} ${this.astring()}`;
      case 3:
        return `${this.pick(['BEFORE', 'ON', 'SINCE', 'SENTBEFORE', 'SENTON', 'SENTSINCE'])} ${this.date()}`;
      case 4:
        return `HEADER ${this.astring(this.pick(['Subject', 'X-Foo', 'Message-ID']))} ${this.astring()}`;
      case 5:
        return `${this.pick(['KEYWORD', 'UNKEYWORD'])} ${this.pick(['$Junk', 'custom', '\\Seen', 'foo'])}`;
      case 6:
        return `${this.pick(['LARGER', 'SMALLER'])} ${this.number()}`;
      case 7:
        return `UID ${this.seqSet()}`;
      case 8:
        return this.seqSet();
      case 9:
        return `${this.pick(['OLDER', 'YOUNGER'])} ${this.number()}`;
      case 10:
        return `MODSEQ ${this.chance(0.3) ? `"/flags/\\\\seen" ${this.pick(['all', 'shared', 'priv'])} ` : ''}${this.number()}`;
      case 11:
        return `${this.pick(['EMAILID', 'THREADID'])} ${this.pick(['M1', 'Tabc', 'x'.repeat(100), '-'])}`;
      default:
        if (x < 30) return this.pick(['ALL', 'SEEN', 'UNSEEN', 'FLAGGED', 'DELETED']);
        if (x < 32) return `NOT ${this.searchKey(depth + 1)}`;
        if (x < 34) return `OR ${this.searchKey(depth + 1)} ${this.searchKey(depth + 1)}`;
        return `(${this.many(1, 3, () => this.searchKey(depth + 1))})`;
    }
  }

  searchReturn() {
    return this.chance(0.3) ? `RETURN (${this.many(0, 3, () => this.pick(['MIN', 'MAX', 'ALL', 'COUNT', 'SAVE']))}) ` : '';
  }

  charset() {
    return this.pick(['UTF-8', 'US-ASCII', 'ISO-8859-1', 'utf-8', '"UTF-8"', 'BOGUS']);
  }

  // ---- commands
  command(names = null) {
    let name = names ? this.pick(names) : this.pick(COMMANDS);
    if (this.live && SESSION_ENDERS.has(name) && !this.chance(0.1)) name = this.pick(COMMANDS.filter((c) => !SESSION_ENDERS.has(c)));
    return `${this.tag()} ${this.body(name)}`;
  }

  body(name) {
    const uid = () => (this.chance(0.5) ? 'UID ' : '');
    switch (name) {
      case 'CAPABILITY':
      case 'NOOP':
      case 'LOGOUT':
      case 'STARTTLS':
      case 'NAMESPACE':
      case 'CHECK':
      case 'CLOSE':
      case 'UNSELECT':
      case 'IDLE':
        return name;
      case 'LOGIN':
        return `LOGIN ${this.astring(this.pick(['u@fuzz.test', 'U@FUZZ.TEST', 'other@fuzz.test', 'root', '']))} ${this.astring(this.pick(['wrong-password-123', 'x', '', 'a'.repeat(200)]))}`;
      case 'AUTHENTICATE': {
        const mech = this.pick(['PLAIN', 'LOGIN', 'XOAUTH2', 'CRAM-MD5', 'plain']);
        if (this.chance(0.4)) return `AUTHENTICATE ${mech}`; // waits for a response line
        const ir = this.pick(['=', Buffer.from('\0u@fuzz.test\0wrong').toString('base64'), 'AGZvbwBiYXI=', '!!!!', 'AAA', Buffer.from(this.text(50)).toString('base64')]);
        return `AUTHENTICATE ${mech} ${ir}`;
      }
      case 'ENABLE':
        return `ENABLE ${this.many(1, 3, () => this.pick(['CONDSTORE', 'QRESYNC', 'IMAP4rev2', 'UTF8=ACCEPT', 'BOGUS', 'X-FOO']))}`;
      case 'SELECT':
      case 'EXAMINE': {
        let p = '';
        const y = this.r();
        if (y < 0.2) p = ' (CONDSTORE)';
        else if (y < 0.35) {
          const known = this.chance(0.5) ? ` ${this.seqSet()}` : '';
          const match = known && this.chance(0.5) ? ` (${this.seqSet()} ${this.seqSet()})` : '';
          p = ` (QRESYNC (${this.number()} ${this.number()}${known}${match}))`;
        }
        return `${name} ${this.mailbox()}${p}`;
      }
      case 'CREATE':
        return `CREATE ${this.mailbox()}${this.chance(0.2) ? ` (USE (${this.many(1, 2, () => this.pick(['\\Important', '\\Archive', '\\Drafts', '\\Junk', '\\Sent', '\\Trash', '\\All', '\\Bogus']))}))` : ''}`;
      case 'DELETE':
      case 'SUBSCRIBE':
      case 'UNSUBSCRIBE':
      case 'GETQUOTAROOT':
        return `${name} ${this.mailbox()}`;
      case 'RENAME':
        return `RENAME ${this.mailbox()} ${this.mailbox()}`;
      case 'LIST': {
        const sel = this.chance(0.3) ? `(${this.many(0, 3, () => this.pick(['SUBSCRIBED', 'REMOTE', 'RECURSIVEMATCH', 'SPECIAL-USE']))}) ` : '';
        const ref = this.astring(this.pick(['', '#news.', 'INBOX', '~', '/']));
        const pat = () => this.astring(this.pick(['*', '%', 'INBOX', '%/%', '*fuzz*', '', '..', '#user/*', '&-*']));
        const pats = this.chance(0.2) ? `(${this.many(1, 3, pat)})` : pat();
        const ret = this.chance(0.3) ? ` RETURN (${this.many(0, 3, () => this.pick(['SUBSCRIBED', 'CHILDREN', 'SPECIAL-USE', 'STATUS (MESSAGES UIDNEXT SIZE MAILBOXID)']))})` : '';
        return `LIST ${sel}${ref} ${pats}${ret}`;
      }
      case 'LSUB':
        return `LSUB ${this.astring(this.pick(['', '#news.']))} ${this.astring(this.pick(['*', '%', 'INBOX']))}`;
      case 'STATUS':
        return `STATUS ${this.mailbox()} (${this.many(0, 4, () => this.pick(['MESSAGES', 'UIDNEXT', 'UIDVALIDITY', 'UNSEEN', 'DELETED', 'SIZE', 'RECENT', 'HIGHESTMODSEQ', 'APPENDLIMIT', 'MAILBOXID', 'BOGUS']))})`;
      case 'APPEND': {
        const msg = this.message();
        const flags = this.chance(0.5) ? ` ${this.flagList()}` : '';
        const date = this.chance(0.3) ? ` ${this.dateTime()}` : '';
        const lit = this.chance(0.15) ? ` UTF8 (~{${Buffer.byteLength(msg)}}\r\n${msg})` : ` ${this.chance(0.1) ? '~' : ''}${this.literal(msg).replace(/^/, '')}`;
        return `APPEND ${this.mailbox()}${flags}${date}${lit}`;
      }
      case 'EXPUNGE':
        return this.chance(0.5) ? 'EXPUNGE' : `UID EXPUNGE ${this.seqSet()}`;
      case 'SEARCH':
        return `${uid()}SEARCH ${this.searchReturn()}${this.chance(0.2) ? `CHARSET ${this.charset()} ` : ''}${this.many(1, 3, () => this.searchKey())}`;
      case 'FETCH': {
        const mod = this.chance(0.15) ? ` (CHANGEDSINCE ${this.number()}${this.chance(0.5) ? ' VANISHED' : ''})` : '';
        return `${uid()}FETCH ${this.seqSet()} ${this.fetchAtts()}${mod}`;
      }
      case 'STORE': {
        const unch = this.chance(0.15) ? ` (UNCHANGEDSINCE ${this.number()})` : '';
        const op = this.pick(['FLAGS', '+FLAGS', '-FLAGS', 'FLAGS.SILENT', '+FLAGS.SILENT', '-FLAGS.SILENT']);
        const flags = this.chance(0.7) ? this.flagList() : this.many(1, 3, () => this.flag());
        return `${uid()}STORE ${this.seqSet()}${unch} ${op} ${flags}`;
      }
      case 'COPY':
      case 'MOVE':
        return `${uid()}${name} ${this.seqSet()} ${this.mailbox()}`;
      case 'SORT':
        return `${uid()}SORT ${this.searchReturn()}(${this.many(1, 4, () => (this.chance(0.3) ? 'REVERSE ' : '') + this.pick(['ARRIVAL', 'CC', 'DATE', 'FROM', 'SIZE', 'SUBJECT', 'TO', 'DISPLAYFROM', 'DISPLAYTO', 'BOGUS']))}) ${this.charset()} ${this.many(1, 2, () => this.searchKey())}`;
      case 'THREAD':
        return `${uid()}THREAD ${this.pick(['REFERENCES', 'ORDEREDSUBJECT', 'REFS', 'BOGUS'])} ${this.charset()} ${this.many(1, 2, () => this.searchKey())}`;
      case 'GETQUOTA':
        return `GETQUOTA ${this.astring(this.pick(['', 'u@fuzz.test', '#user/alice', 'INBOX']))}`;
      case 'SETQUOTA':
        return `SETQUOTA ${this.astring(this.pick(['', '#user/alice']))} (${this.many(0, 2, () => `${this.pick(['STORAGE', 'MESSAGE', 'BOGUS'])} ${this.number()}`)})`;
      case 'COMPRESS':
        return `COMPRESS ${this.pick(['DEFLATE', 'GZIP', 'deflate'])}`;
      case 'ID':
        return this.chance(0.2) ? 'ID NIL' : `ID (${this.many(0, 4, () => `${this.quoted(this.pick(['name', 'version', 'os', 'x'.repeat(40)]))} ${this.chance(0.2) ? 'NIL' : this.astring()}`)})`;
      default: // unknown commands
        return `${this.pick(['XYZZY', 'GETACL', 'SETMETADATA', 'UID NOOP', 'UID', 'X-' + this.text(8), 'SELECT', 'FETCH 1'])}${this.chance(0.5) ? ' ' + this.text(30) : ''}`;
    }
  }

  message() {
    const body = this.chance(0.2) ? 'x'.repeat(this.int(this.maxLiteral)) : `Line ${this.int(1000)}\r\n`;
    // Sometimes malformed headers: APPEND parses the message as delivery does (envelope, MIME).
    const addr = () => (this.chance(0.8) ? 'a@remote.test' : this.pick(BAD_ADDRESSES));
    const extra = this.chance(0.1) ? this.pick(BAD_HEADERS) : '';
    return `From: ${addr()}\r\nTo: ${this.chance(0.9) ? 'u@fuzz.test' : this.pick(BAD_ADDRESSES)}\r\nSubject: fuzz ${this.int(1e6)} ${this.text(10)}\r\nMessage-ID: <f${this.int(1e9)}@fuzz.test>\r\n${extra}\r\n${body}`;
  }

  // ---- mutations
  /** One input: a generated command, a mutation of it, or garbage. Returns a Buffer without CRLF. */
  input(names = null) {
    const x = this.r();
    const base = Buffer.from(this.command(names), 'utf8');
    // Parser: 30 % generated, 50 % mutated, 10 % pathological, 10 % random bytes. Live: more valid
    // commands (55 / 35 / 4 / 6), since those are what reach the command handlers and the store.
    const [valid, mutated, special] = this.live ? [0.55, 0.9, 0.94] : [0.3, 0.8, 0.9];
    if (x < valid) return base;
    if (x < mutated) return this.mutate(base);
    if (x < special) return this.special();
    return this.randomBytes();
  }

  mutate(buf) {
    const b = [...buf];
    const n = 1 + this.int(4);
    for (let k = 0; k < n; k++) {
      const i = this.int(b.length + 1);
      switch (this.int(11)) {
        case 0: // byte flip
          if (b.length) b[Math.min(i, b.length - 1)] ^= 1 << this.int(8);
          break;
        case 1: // special char replaced
          b[i] = SPECIALS.charCodeAt(this.int(SPECIALS.length));
          break;
        case 2: // insert special char
          b.splice(i, 0, SPECIALS.charCodeAt(this.int(SPECIALS.length)));
          break;
        case 3: // delete a few
          b.splice(i, 1 + this.int(5));
          break;
        case 4: // truncate
          b.length = Math.min(b.length, i);
          break;
        case 5: {
          // duplicate a slice
          const j = this.int(b.length + 1);
          b.splice(i, 0, ...b.slice(Math.min(i, j), Math.max(i, j)).slice(0, 300));
          break;
        }
        case 6: // huge number
          b.splice(i, 0, ...Buffer.from(this.pick(['4294967296', '18446744073709551616', '99999999999999999999999999999', '0', '-1', '9007199254740993'])));
          break;
        case 7: {
          // literal header with a wrong size (the data after it is whatever follows)
          const size = this.pick(this.literalSizes);
          const d = this.int(3) - 1;
          // (live: a huge non-synchronising one is fatal, BYE, so keep it rarer there)
          const plus = this.chance(0.5) && !(this.live && size > 1e6 && !this.chance(0.15)) ? '+' : '';
          const hdr = `${this.pick(['', '', '~'])}{${Math.max(0, size + d)}${plus}}\r\n`;
          b.splice(i, 0, ...Buffer.from(hdr));
          break;
        }
        case 8: {
          // deep parentheses
          const depth = this.pick([10, 63, 64, 65, 100, 1000, 5000]);
          b.splice(i, 0, ...Buffer.from('('.repeat(depth) + (this.chance(0.5) ? ')'.repeat(depth) : '')));
          break;
        }
        case 9: // an insertion of a random byte
          b.splice(i, 0, this.int(256));
          break;
        default: {
          // a piece of another command
          const other = Buffer.from(this.command(), 'utf8');
          const s = this.int(other.length);
          b.splice(i, 0, ...other.subarray(s, s + 1 + this.int(60)));
        }
      }
    }
    return Buffer.from(b);
  }

  special() {
    const t = this.tag();
    switch (this.int(14)) {
      case 0:
        return Buffer.from(`${t} FETCH 1 ${'('.repeat(10000)}`);
      case 1:
        return Buffer.from(`${t} SEARCH ${'NOT '.repeat(3000)}ALL`);
      case 2:
        return Buffer.from(`${t} SEARCH ${'OR ALL '.repeat(2000)}ALL`);
      case 3:
        return Buffer.from(`${t} SEARCH ${'('.repeat(500)}ALL${')'.repeat(500)}`);
      case 4:
        return Buffer.from(`${t} LOGIN {4000000000}\r\n`);
      case 5:
        return Buffer.from(`${t} APPEND INBOX {4000000000+}\r\nabc`);
      case 6:
        return Buffer.from(`${t} FETCH ${'1,'.repeat(20000)}1 FLAGS`);
      case 7:
        return Buffer.from(`${t} FETCH 1 BODY[${'1.'.repeat(200)}1]`);
      case 8:
        return Buffer.from(`${t} LIST "" ${'x'.repeat(70000)}`);
      case 9:
        return Buffer.from(`${t} SELECT ${this.quoted('\0\x01\x7f\xff')}`, 'latin1');
      case 10:
        return Buffer.from(`${t} ID (${'"k" "v" '.repeat(200)})`);
      case 11:
        return Buffer.from(`${t} STORE 1 FLAGS (${'\\Seen '.repeat(5000)})`);
      case 12:
        return Buffer.from(`${t} LOGIN ~{5}\r\na\0b\0c x`, 'latin1');
      default:
        return Buffer.from(`${t} FETCH 1:* BODY.PEEK[]<${'9'.repeat(40)}.${'9'.repeat(40)}>`);
    }
  }

  randomBytes() {
    const len = this.int(this.chance(0.9) ? 100 : 5000);
    const b = Buffer.alloc(len);
    for (let j = 0; j < len; j++) b[j] = this.chance(0.7) ? SPECIALS.charCodeAt(this.int(SPECIALS.length)) : this.int(256);
    return b;
  }
}

export const COMMANDS = [
  'CAPABILITY', 'NOOP', 'LOGOUT', 'STARTTLS', 'NAMESPACE', 'CHECK', 'CLOSE', 'UNSELECT', 'IDLE', 'LOGIN', 'AUTHENTICATE',
  'ENABLE', 'SELECT', 'EXAMINE', 'CREATE', 'DELETE', 'SUBSCRIBE', 'UNSUBSCRIBE', 'GETQUOTAROOT', 'RENAME', 'LIST', 'LSUB',
  'STATUS', 'APPEND', 'EXPUNGE', 'SEARCH', 'FETCH', 'STORE', 'COPY', 'MOVE', 'SORT', 'THREAD', 'GETQUOTA', 'SETQUOTA',
  'COMPRESS', 'ID', 'UNKNOWN',
];

const BAD_ADDRESSES = [
  'a@rem)te.test', ')', '(unclosed comment', '"unterminated <a@b>', 'a@[1.2.3', '<>', '<<a@b>>', 'g: a@b, c@d', 'g:;', '@', ',,,',
  '=?utf-8?B?broken?= <a@b>', '=?x?Q?=ZZ?= <a@b>', 'a@b (c (d) e', '\\"x\\" <a@b>', 'a'.repeat(2000) + '@b', '"a" "b" <c@d>', ':;<>@,.',
];
const BAD_HEADERS = [
  'Content-Type: multipart/mixed; boundary=\r\n',
  'Content-Type: multipart/mixed; boundary="b"\r\n',
  'Content-Type: text/plain; charset="=?\r\n',
  'Content-Transfer-Encoding: base64\r\n',
  'Date: Mon, 32 Foo 99999 25:61:61 +9999\r\n',
  'Subject: =?utf-8?B?' + 'A'.repeat(100) + '\r\n',
  'Reply-To: )\r\n',
  'MIME-Version: 1.0\r\nContent-Type: message/rfc822\r\n',
];

const SESSION_ENDERS = new Set(['LOGOUT', 'STARTTLS', 'COMPRESS']);

export const SPECIALS = '()[]{}<>"\\ *$:,.~+-%0123456789ANZaz\r\n\0\xff';
