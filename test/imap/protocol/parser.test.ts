import { describe, expect, it } from 'vitest';
import type { Command, SearchKey } from '../../../src/imap/protocol/ast.js';
import { ImapParseError } from '../../../src/imap/protocol/errors.js';
import { parseAuthenticateResponse, parseCommandText } from '../../../src/imap/protocol/parser.js';

const p = (text: string | Buffer) => parseCommandText(text);
const set = (...ranges: Array<[number | '*', number | '*'] | number | '*'>) => ({
  kind: 'ranges' as const,
  ranges: ranges.map((r) => (Array.isArray(r) ? { from: r[0], to: r[1] } : { from: r, to: r })),
});
const search = (text: string): SearchKey[] => {
  const c = p(text);
  if (c.name !== 'SEARCH') throw new Error('not a SEARCH');
  return c.criteria;
};

/** The ImapParseError a command gives (fails the test when it parses). */
function err(text: string | Buffer, limits?: Parameters<typeof parseCommandText>[1]): ImapParseError {
  try {
    parseCommandText(text, limits);
  } catch (e) {
    expect(e).toBeInstanceOf(ImapParseError);
    return e as ImapParseError;
  }
  throw new Error(`parsed: ${String(text).slice(0, 80)}`);
}

describe('RFC 3501 section 8: the sample session', () => {
  it('parses every client command', () => {
    expect(p('a001 login mrc secret')).toEqual({ tag: 'a001', name: 'LOGIN', username: 'mrc', password: 'secret' });
    expect(p('a002 select inbox')).toEqual({ tag: 'a002', name: 'SELECT', mailbox: 'INBOX', condstore: false, qresync: null });
    expect(p('a003 fetch 12 full')).toEqual({
      tag: 'a003',
      name: 'FETCH',
      uid: false,
      set: set(12),
      macro: 'FULL',
      items: [{ type: 'FLAGS' }, { type: 'INTERNALDATE' }, { type: 'RFC822.SIZE' }, { type: 'ENVELOPE' }, { type: 'BODY' }],
      changedSince: null,
      vanished: false,
    });
    expect(p('a004 fetch 12 body[header]')).toMatchObject({
      items: [{ type: 'BODYSECTION', peek: false, section: { part: [], text: 'HEADER', fields: [] }, partial: null }],
    });
    expect(p('a005 store 12 +flags \\deleted')).toEqual({
      tag: 'a005',
      name: 'STORE',
      uid: false,
      set: set(12),
      operation: 'add',
      silent: false,
      flags: ['\\Deleted'],
      unchangedSince: null,
    });
    expect(p('a006 logout')).toEqual({ tag: 'a006', name: 'LOGOUT' });
  });
});

describe('RFC 3501 / RFC 9051 section 6 examples', () => {
  it('any state', () => {
    expect(p('abcd CAPABILITY')).toEqual({ tag: 'abcd', name: 'CAPABILITY' });
    expect(p('a002 NOOP')).toEqual({ tag: 'a002', name: 'NOOP' });
    expect(p('a001 STARTTLS')).toEqual({ tag: 'a001', name: 'STARTTLS' });
  });

  it('AUTHENTICATE, with and without an initial response (RFC 4959)', () => {
    expect(p('A001 AUTHENTICATE GSSAPI')).toEqual({ tag: 'A001', name: 'AUTHENTICATE', mechanism: 'GSSAPI', initialResponse: null });
    expect(p('a01 authenticate plain dGVzdAB0ZXN0AHRlc3Q=')).toEqual({
      tag: 'a01',
      name: 'AUTHENTICATE',
      mechanism: 'PLAIN',
      initialResponse: Buffer.from('test\0test\0test'),
    });
    expect(p('a02 AUTHENTICATE PLAIN =')).toMatchObject({ initialResponse: Buffer.alloc(0) });
    expect(parseAuthenticateResponse(Buffer.from('*'))).toEqual({ cancel: true });
    expect(parseAuthenticateResponse(Buffer.from('Zm9v'))).toEqual({ cancel: false, data: Buffer.from('foo') });
    expect(parseAuthenticateResponse(Buffer.from(''))).toEqual({ cancel: false, data: Buffer.alloc(0) });
    expect(() => parseAuthenticateResponse(Buffer.from('Zm9'))).toThrow(ImapParseError);
    expect(() => parseAuthenticateResponse(Buffer.from('Zm 9v'))).toThrow(/Invalid base64/);
  });

  it('LOGIN with quoted strings and literals (RFC 7888 example)', () => {
    expect(p('a001 LOGIN SMITH SESAME')).toMatchObject({ username: 'SMITH', password: 'SESAME' });
    expect(p('A001 LOGIN "fred \\"q\\"" "p\\\\w"')).toMatchObject({ username: 'fred "q"', password: 'p\\w' });
    expect(p('A001 LOGIN {11+}\r\nFRED FOOBAR {7+}\r\nfat man')).toMatchObject({ username: 'FRED FOOBAR', password: 'fat man' });
    expect(p('A001 LOGIN {11}\r\nFRED FOOBAR {7}\r\nfat man')).toMatchObject({ username: 'FRED FOOBAR', password: 'fat man' });
    expect(p('A001 LOGIN "jörg" "pässwörd"')).toMatchObject({ username: 'jörg', password: 'pässwörd' });
  });

  it('mailbox commands', () => {
    expect(p('A932 EXAMINE blurdybloop')).toMatchObject({ name: 'EXAMINE', mailbox: 'blurdybloop' });
    expect(p('A003 CREATE owatagusiam/')).toEqual({ tag: 'A003', name: 'CREATE', mailbox: 'owatagusiam/', specialUse: [] });
    expect(p('A683 DELETE blurdybloop')).toEqual({ tag: 'A683', name: 'DELETE', mailbox: 'blurdybloop' });
    expect(p('A683 RENAME blurdybloop sarasoop')).toEqual({ tag: 'A683', name: 'RENAME', from: 'blurdybloop', to: 'sarasoop' });
    expect(p('A002 SUBSCRIBE #news.comp.mail.mime')).toEqual({ tag: 'A002', name: 'SUBSCRIBE', mailbox: '#news.comp.mail.mime' });
    expect(p('A002 UNSUBSCRIBE #news.comp.mail.mime')).toMatchObject({ name: 'UNSUBSCRIBE' });
    expect(p('A002 LSUB "#news." "comp.mail.*"')).toEqual({ tag: 'A002', name: 'LSUB', reference: '#news.', pattern: 'comp.mail.*' });
    expect(p('A042 STATUS blurdybloop (UIDNEXT MESSAGES)')).toEqual({
      tag: 'A042',
      name: 'STATUS',
      mailbox: 'blurdybloop',
      items: ['UIDNEXT', 'MESSAGES'],
    });
    expect(p('A1 STATUS INBOX (messages uidnext uidvalidity unseen deleted size recent highestmodseq appendlimit mailboxid)')).toMatchObject({
      items: ['MESSAGES', 'UIDNEXT', 'UIDVALIDITY', 'UNSEEN', 'DELETED', 'SIZE', 'RECENT', 'HIGHESTMODSEQ', 'APPENDLIMIT', 'MAILBOXID'],
    });
    expect(p('A1 DELETE "Entw&APw-rfe"')).toMatchObject({ mailbox: 'Entw&APw-rfe' });
    expect(p('A1 SELECT "inBox"')).toMatchObject({ mailbox: 'INBOX' });
  });

  it('LIST, plain', () => {
    const base = { selection: { subscribed: false, remote: false, recursiveMatch: false, specialUse: false } };
    expect(p('A101 LIST "" ""')).toEqual({
      tag: 'A101',
      name: 'LIST',
      reference: '',
      patterns: [''],
      ...base,
      return: { subscribed: false, children: false, specialUse: false, status: null },
      extended: false,
    });
    expect(p('A102 LIST #news.comp.mail.misc ""')).toMatchObject({ reference: '#news.comp.mail.misc', patterns: [''] });
    expect(p('A202 LIST ~/Mail/ %')).toMatchObject({ reference: '~/Mail/', patterns: ['%'] });
    expect(p('A1 LIST "" *')).toMatchObject({ patterns: ['*'], extended: false });
    expect(p('A1 LIST "" INBOX/]%*')).toMatchObject({ patterns: ['INBOX/]%*'] });
  });

  it('APPEND (RFC 9051 6.3.12 example) with flags, date-time, literal', () => {
    const msg =
      'Date: Mon, 7 Feb 1994 21:52:25 -0800 (PST)\r\nFrom: Fred Foobar <foobar@Blurdybloop.example>\r\n' +
      'Subject: afternoon meeting\r\n\r\nHello Joe, do you think we can meet at 3:30 tomorrow?\r\n';
    const c = p(`A003 APPEND saved-messages (\\Seen) {${msg.length}}\r\n${msg}`);
    expect(c).toEqual({
      tag: 'A003',
      name: 'APPEND',
      mailbox: 'saved-messages',
      flags: ['\\Seen'],
      date: null,
      message: Buffer.from(msg),
      binary: false,
      utf8: false,
    });
    expect(p('A1 APPEND INBOX "17-Jul-1996 02:44:25 -0700" {1}\r\nx')).toMatchObject({
      flags: [],
      date: new Date('1996-07-17T09:44:25Z'),
    });
    expect(p('A1 APPEND INBOX (\\Seen $Forwarded) " 7-Jul-1996 02:44:25 +0000" {1}\r\nx')).toMatchObject({
      flags: ['\\Seen', '$Forwarded'],
      date: new Date('1996-07-07T02:44:25Z'),
    });
    expect(p('A1 APPEND INBOX () {0}\r\n')).toMatchObject({ flags: [], message: Buffer.alloc(0) });
  });

  it('APPEND of literal8 (RFC 3516) and UTF8 (RFC 6855)', () => {
    expect(p('A003 APPEND Drafts (\\Seen $MDNSent) ~{3}\r\na\0b')).toMatchObject({ message: Buffer.from('a\0b'), binary: true, utf8: false });
    expect(p('A1 APPEND Drafts UTF8 (~{5}\r\nSüß)')).toMatchObject({ message: Buffer.from('Süß'), binary: true, utf8: true });
  });

  it('selected state', () => {
    expect(p('FXXZ CHECK')).toEqual({ tag: 'FXXZ', name: 'CHECK' });
    expect(p('A341 CLOSE')).toEqual({ tag: 'A341', name: 'CLOSE' });
    expect(p('A342 UNSELECT')).toEqual({ tag: 'A342', name: 'UNSELECT' });
    expect(p('A202 EXPUNGE')).toEqual({ tag: 'A202', name: 'EXPUNGE', uid: false });
    expect(p('A003 UID EXPUNGE 3000:3002')).toEqual({ tag: 'A003', name: 'EXPUNGE', uid: true, set: set([3000, 3002]) });
    expect(p('A003 COPY 2:4 MEETING')).toEqual({ tag: 'A003', name: 'COPY', uid: false, set: set([2, 4]), mailbox: 'MEETING' });
    expect(p('a UID MOVE 42:69 foo')).toEqual({ tag: 'a', name: 'MOVE', uid: true, set: set([42, 69]), mailbox: 'foo' });
    expect(p('A003 STORE 2:4 +FLAGS (\\Deleted)')).toMatchObject({ operation: 'add', flags: ['\\Deleted'], silent: false });
    expect(p('A1 STORE 1 FLAGS.SILENT ()')).toMatchObject({ operation: 'set', flags: [], silent: true });
    expect(p('A1 UID STORE 1:* -flags \\seen $Junk \\Flagged')).toMatchObject({
      uid: true,
      set: set([1, '*']),
      operation: 'remove',
      flags: ['\\Seen', '$Junk', '\\Flagged'],
    });
    expect(p('A999 UID FETCH 4827313:4828442 FLAGS')).toMatchObject({ uid: true, set: set([4827313, 4828442]), items: [{ type: 'FLAGS' }] });
  });

  it('IDLE, NAMESPACE, ENABLE, ID, COMPRESS, QUOTA', () => {
    expect(p('A001 IDLE')).toEqual({ tag: 'A001', name: 'IDLE' });
    expect(p('A001 NAMESPACE')).toEqual({ tag: 'A001', name: 'NAMESPACE' });
    expect(p('t2 ENABLE CONDSTORE X-GOOD-IDEA')).toEqual({ tag: 't2', name: 'ENABLE', capabilities: ['CONDSTORE', 'X-GOOD-IDEA'] });
    expect(p('A1 ENABLE utf8=accept IMAP4rev2')).toMatchObject({ capabilities: ['UTF8=ACCEPT', 'IMAP4REV2'] });
    expect(p('a023 ID ("name" "sodr" "version" "19.34" "vendor" "Pink Floyd Music Limited")')).toEqual({
      tag: 'a023',
      name: 'ID',
      params: [
        ['name', 'sodr'],
        ['version', '19.34'],
        ['vendor', 'Pink Floyd Music Limited'],
      ],
    });
    expect(p('a042 ID NIL')).toEqual({ tag: 'a042', name: 'ID', params: null });
    expect(p('a042 ID ("x" NIL)')).toMatchObject({ params: [['x', null]] });
    expect(p('a042 ID ()')).toMatchObject({ params: [] });
    expect(p('a COMPRESS DEFLATE')).toEqual({ tag: 'a', name: 'COMPRESS', mechanism: 'DEFLATE' });
    expect(p('G0001 GETQUOTA "!partition/sda4"')).toEqual({ tag: 'G0001', name: 'GETQUOTA', root: '!partition/sda4' });
    expect(p('A003 GETQUOTAROOT INBOX')).toEqual({ tag: 'A003', name: 'GETQUOTAROOT', mailbox: 'INBOX' });
    expect(p('S0000 SETQUOTA "#user/alice" (STORAGE 510)')).toEqual({
      tag: 'S0000',
      name: 'SETQUOTA',
      root: '#user/alice',
      limits: [{ resource: 'STORAGE', limit: 510 }],
    });
    expect(p('S1 SETQUOTA "" ()')).toMatchObject({ limits: [] });
  });
});

describe('SEARCH (RFC 9051 6.4.4, RFC 4731, RFC 5182, RFC 7162, RFC 5032, RFC 8474)', () => {
  it('RFC examples', () => {
    expect(p('A282 SEARCH FLAGGED SINCE 1-Feb-1994 NOT FROM "Smith"')).toEqual({
      tag: 'A282',
      name: 'SEARCH',
      uid: false,
      charset: null,
      return: null,
      criteria: [
        { type: 'FLAGGED' },
        { type: 'SINCE', date: { year: 1994, month: 2, day: 1 } },
        { type: 'NOT', key: { type: 'FROM', value: 'Smith' } },
      ],
    });
    expect(search('A283 SEARCH TEXT "string not in mailbox"')).toEqual([{ type: 'TEXT', value: 'string not in mailbox' }]);
    expect(p('A284 SEARCH CHARSET UTF-8 TEXT {16}\r\nзначение')).toMatchObject({ charset: 'UTF-8', criteria: [{ type: 'TEXT', value: 'значение' }] });
  });

  it('ESEARCH RETURN options (RFC 4731 examples) and SAVE / $ (RFC 5182)', () => {
    expect(p('A282 SEARCH RETURN (MIN COUNT) FLAGGED SINCE 1-Feb-1994 NOT FROM "Smith"')).toMatchObject({ return: ['MIN', 'COUNT'] });
    expect(p('A283 SEARCH RETURN () FLAGGED')).toMatchObject({ return: [] });
    expect(p('A285 UID SEARCH RETURN (MIN MAX) 1:5000')).toMatchObject({ uid: true, return: ['MIN', 'MAX'], criteria: [{ type: 'SEQUENCE', set: set([1, 5000]) }] });
    expect(p('A1 UID SEARCH RETURN (ALL) CHARSET us-ascii UNSEEN')).toMatchObject({ return: ['ALL'], charset: 'US-ASCII' });
    expect(p('E01 SEARCH RETURN (SAVE) FROM "Fred"')).toMatchObject({ return: ['SAVE'] });
    expect(p('E02 FETCH $ (UID INTERNALDATE FLAGS RFC822.SIZE)')).toMatchObject({ set: { kind: 'saved' } });
    expect(search('A1 UID SEARCH UID $ SMALLER 4096')).toEqual([
      { type: 'UID', set: { kind: 'saved' } },
      { type: 'SMALLER', size: 4096 },
    ]);
    expect(p('C02 UID COPY $ "Other Messages"')).toMatchObject({ set: { kind: 'saved' }, mailbox: 'Other Messages' });
  });

  it('every key of rev1 and rev2', () => {
    const text =
      'A1 SEARCH ALL ANSWERED BCC a BEFORE 1-Jan-2000 BODY b CC c DELETED DRAFT FLAGGED FROM d HEADER X-Y e ' +
      'KEYWORD $Forwarded LARGER 100 NEW NOT SEEN OLD ON 29-Feb-2024 OR SEEN UNSEEN RECENT SEEN SENTBEFORE 2-Jan-2000 ' +
      'SENTON 3-Jan-2000 SENTSINCE 4-Jan-2000 SINCE 5-Jan-2000 SMALLER 200 SUBJECT f TEXT g TO h UID 1:3 UNANSWERED ' +
      'UNDELETED UNDRAFT UNFLAGGED UNKEYWORD $Junk UNSEEN 1,2:*';
    const keys = search(text);
    expect(keys.map((k) => k.type)).toEqual([
      'ALL', 'ANSWERED', 'BCC', 'BEFORE', 'BODY', 'CC', 'DELETED', 'DRAFT', 'FLAGGED', 'FROM', 'HEADER', 'KEYWORD', 'LARGER',
      'NEW', 'NOT', 'OLD', 'ON', 'OR', 'RECENT', 'SEEN', 'SENTBEFORE', 'SENTON', 'SENTSINCE', 'SINCE', 'SMALLER', 'SUBJECT',
      'TEXT', 'TO', 'UID', 'UNANSWERED', 'UNDELETED', 'UNDRAFT', 'UNFLAGGED', 'UNKEYWORD', 'UNSEEN', 'SEQUENCE',
    ]);
    expect(keys[10]).toEqual({ type: 'HEADER', field: 'X-Y', value: 'e' });
    expect(keys[11]).toEqual({ type: 'KEYWORD', flag: '$Forwarded' });
    expect(keys[16]).toEqual({ type: 'ON', date: { year: 2024, month: 2, day: 29 } });
    expect(keys[35]).toEqual({ type: 'SEQUENCE', set: set(1, [2, '*']) });
    expect(search('A1 SEARCH BEFORE "1-Feb-1994" header "Subject" ""')).toEqual([
      { type: 'BEFORE', date: { year: 1994, month: 2, day: 1 } },
      { type: 'HEADER', field: 'Subject', value: '' },
    ]);
  });

  it('nested OR / NOT / groups', () => {
    expect(search('A1 SEARCH OR (SEEN FLAGGED) NOT (OR 1:5 *)')).toEqual([
      {
        type: 'OR',
        left: { type: 'AND', keys: [{ type: 'SEEN' }, { type: 'FLAGGED' }] },
        right: { type: 'NOT', key: { type: 'AND', keys: [{ type: 'OR', left: { type: 'SEQUENCE', set: set([1, 5]) }, right: { type: 'SEQUENCE', set: set('*') } }] } },
      },
    ]);
    expect(search('A1 SEARCH OR OR SEEN DRAFT NOT NOT DELETED')).toEqual([
      { type: 'OR', left: { type: 'OR', left: { type: 'SEEN' }, right: { type: 'DRAFT' } }, right: { type: 'NOT', key: { type: 'NOT', key: { type: 'DELETED' } } } },
    ]);
    expect(search('A1 SEARCH ((SEEN))')).toEqual([{ type: 'AND', keys: [{ type: 'AND', keys: [{ type: 'SEEN' }] }] }]);
  });

  it('MODSEQ (RFC 7162 3.1.5), WITHIN (RFC 5032), OBJECTID (RFC 8474), SAVEDATE (RFC 8514)', () => {
    expect(search('a SEARCH MODSEQ "/flags/\\\\draft" all 620162338')).toEqual([
      { type: 'MODSEQ', modseq: 620162338n, entry: { flag: '\\draft', kind: 'all' } },
    ]);
    expect(search('a SEARCH MODSEQ 0')).toEqual([{ type: 'MODSEQ', modseq: 0n, entry: null }]);
    expect(search('a1 SEARCH UNSEEN YOUNGER 259200')).toEqual([{ type: 'UNSEEN' }, { type: 'YOUNGER', seconds: 259200 }]);
    expect(search('a1 SEARCH OLDER 60')).toEqual([{ type: 'OLDER', seconds: 60 }]);
    expect(search('a SEARCH EMAILID M6d99ac3275bb4e THREADID T64b478a75b7ea9')).toEqual([
      { type: 'EMAILID', id: 'M6d99ac3275bb4e' },
      { type: 'THREADID', id: 'T64b478a75b7ea9' },
    ]);
    expect(search('a SEARCH SAVEDBEFORE 1-Jan-2020 SAVEDATESUPPORTED')).toEqual([
      { type: 'SAVEDBEFORE', date: { year: 2020, month: 1, day: 1 } },
      { type: 'SAVEDATESUPPORTED' },
    ]);
  });

  it('reads strings of another charset as latin1 (the session answers NO [BADCHARSET])', () => {
    expect(p(Buffer.from('A1 SEARCH CHARSET ISO-8859-1 SUBJECT {4}\r\ncaf\xe9', 'latin1'))).toMatchObject({
      charset: 'ISO-8859-1',
      criteria: [{ type: 'SUBJECT', value: 'caf\xe9' }],
    });
  });
});

describe('FETCH (RFC 9051 6.4.5, RFC 3516, RFC 7162, RFC 8474)', () => {
  const items = (text: string) => {
    const c = p(text);
    if (c.name !== 'FETCH') throw new Error('not FETCH');
    return c.items;
  };

  it('macros', () => {
    expect(p('A1 FETCH 1:* ALL')).toMatchObject({ macro: 'ALL', items: [{ type: 'FLAGS' }, { type: 'INTERNALDATE' }, { type: 'RFC822.SIZE' }, { type: 'ENVELOPE' }] });
    expect(p('A1 FETCH 1 fast')).toMatchObject({ macro: 'FAST', items: [{ type: 'FLAGS' }, { type: 'INTERNALDATE' }, { type: 'RFC822.SIZE' }] });
  });

  it('every simple attribute', () => {
    expect(
      items('A1 FETCH 1 (ENVELOPE FLAGS INTERNALDATE RFC822 RFC822.HEADER RFC822.SIZE RFC822.TEXT BODY BODYSTRUCTURE UID MODSEQ EMAILID THREADID SAVEDATE)'),
    ).toEqual(
      ['ENVELOPE', 'FLAGS', 'INTERNALDATE', 'RFC822', 'RFC822.HEADER', 'RFC822.SIZE', 'RFC822.TEXT', 'BODY', 'BODYSTRUCTURE', 'UID', 'MODSEQ', 'EMAILID', 'THREADID', 'SAVEDATE'].map(
        (type) => ({ type }),
      ),
    );
  });

  it('sections with nested part numbers, partials and PEEK', () => {
    expect(items('A654 FETCH 2:4 (FLAGS BODY[HEADER.FIELDS (DATE FROM)])')[1]).toEqual({
      type: 'BODYSECTION',
      peek: false,
      section: { part: [], text: 'HEADER.FIELDS', fields: ['DATE', 'FROM'] },
      partial: null,
    });
    expect(items('A1 FETCH 1 (BODY[] BODY.PEEK[TEXT]<0.2048> BODY[1] BODY[4.2.2.1.MIME] BODY[3.HEADER] BODY[2.TEXT])')).toEqual([
      { type: 'BODYSECTION', peek: false, section: { part: [], text: null, fields: [] }, partial: null },
      { type: 'BODYSECTION', peek: true, section: { part: [], text: 'TEXT', fields: [] }, partial: { offset: 0, length: 2048 } },
      { type: 'BODYSECTION', peek: false, section: { part: [1], text: null, fields: [] }, partial: null },
      { type: 'BODYSECTION', peek: false, section: { part: [4, 2, 2, 1], text: 'MIME', fields: [] }, partial: null },
      { type: 'BODYSECTION', peek: false, section: { part: [3], text: 'HEADER', fields: [] }, partial: null },
      { type: 'BODYSECTION', peek: false, section: { part: [2], text: 'TEXT', fields: [] }, partial: null },
    ]);
    expect(items('A1 FETCH 1 body.peek[1.2.header.fields.not (Received "X-Spam" {4}\r\nX-Ab)]<10.20>')).toEqual([
      {
        type: 'BODYSECTION',
        peek: true,
        section: { part: [1, 2], text: 'HEADER.FIELDS.NOT', fields: ['Received', 'X-Spam', 'X-Ab'] },
        partial: { offset: 10, length: 20 },
      },
    ]);
  });

  it('BINARY, BINARY.PEEK, BINARY.SIZE (RFC 3516)', () => {
    expect(items('t1 FETCH 1 (BINARY.PEEK[1] BINARY[1.2]<0.100> BINARY[] BINARY.SIZE[1])')).toEqual([
      { type: 'BINARY', peek: true, part: [1], partial: null },
      { type: 'BINARY', peek: false, part: [1, 2], partial: { offset: 0, length: 100 } },
      { type: 'BINARY', peek: false, part: [], partial: null },
      { type: 'BINARY.SIZE', part: [1] },
    ]);
  });

  it('CHANGEDSINCE and VANISHED (RFC 7162 examples)', () => {
    expect(p('s100 UID FETCH 300:500 (FLAGS) (CHANGEDSINCE 12345)')).toMatchObject({ changedSince: 12345n, vanished: false });
    expect(p('s100 UID FETCH 300:500 (FLAGS) (CHANGEDSINCE 12345 VANISHED)')).toMatchObject({ uid: true, changedSince: 12345n, vanished: true });
    expect(p('A1 FETCH 1:* (UID FLAGS MODSEQ) (CHANGEDSINCE 9223372036854775807)')).toMatchObject({ changedSince: 9223372036854775807n });
  });
});

describe('SELECT parameters, CREATE USE, LIST-EXTENDED, STORE UNCHANGEDSINCE, SORT, THREAD', () => {
  it('CONDSTORE and QRESYNC (RFC 7162 examples)', () => {
    expect(p('A142 SELECT INBOX (CONDSTORE)')).toMatchObject({ condstore: true, qresync: null });
    expect(p('A02 SELECT INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541))')).toMatchObject({
      qresync: { uidValidity: 67890007, modseq: 20050715194045000n, knownUids: set(41, [43, 211], [214, 541]), seqMatch: null },
    });
    expect(
      p('B02 SELECT INBOX (QRESYNC (67890007 90060115194045000 1:29997 (5000,7500,9000,9990:9999 15000,22500,27000,29970,29973,29976,29979,29982,29985,29988,29991,29994,29997)))'),
    ).toMatchObject({
      qresync: {
        modseq: 90060115194045000n,
        knownUids: set([1, 29997]),
        seqMatch: { seqs: set(5000, 7500, 9000, [9990, 9999]), uids: { kind: 'ranges' } },
      },
    });
    expect(p('A1 EXAMINE INBOX (QRESYNC (1 2 (1 5)) CONDSTORE)')).toMatchObject({
      name: 'EXAMINE',
      condstore: true,
      qresync: { uidValidity: 1, modseq: 2n, knownUids: null, seqMatch: { seqs: set(1), uids: set(5) } },
    });
  });

  it('CREATE-SPECIAL-USE (RFC 6154 5.2)', () => {
    expect(p('t1 CREATE "Important Messages" (USE (\\Important))')).toEqual({ tag: 't1', name: 'CREATE', mailbox: 'Important Messages', specialUse: ['\\Important'] });
    expect(p('t1 CREATE x (USE (\\drafts \\Sent))')).toMatchObject({ specialUse: ['\\drafts', '\\Sent'] });
  });

  it('LIST-EXTENDED (RFC 5258), SPECIAL-USE (RFC 6154), LIST-STATUS (RFC 5819)', () => {
    expect(p('A02 LIST (SUBSCRIBED) "" "*"')).toMatchObject({ selection: { subscribed: true }, patterns: ['*'], extended: true });
    expect(p('A03 LIST () "" "%" RETURN (CHILDREN)')).toMatchObject({ return: { children: true }, extended: true });
    expect(p('A05 LIST (REMOTE SUBSCRIBED) "/" "*"')).toMatchObject({ reference: '/', selection: { remote: true, subscribed: true } });
    expect(p('A06 LIST (SUBSCRIBED RECURSIVEMATCH) "" "%" RETURN (CHILDREN SUBSCRIBED)')).toMatchObject({
      selection: { subscribed: true, recursiveMatch: true },
      return: { children: true, subscribed: true },
    });
    expect(p('C01 LIST "" ("INBOX" "Drafts" Sent/%)')).toMatchObject({ patterns: ['INBOX', 'Drafts', 'Sent/%'], extended: true });
    expect(p('t1 LIST (SPECIAL-USE) "" "*"')).toMatchObject({ selection: { specialUse: true } });
    expect(p('t3 LIST "" "%" RETURN (SPECIAL-USE)')).toMatchObject({ return: { specialUse: true } });
    expect(p('A01 LIST "" % RETURN (STATUS (MESSAGES UNSEEN))')).toMatchObject({ return: { status: ['MESSAGES', 'UNSEEN'] } });
  });

  it('STORE UNCHANGEDSINCE (RFC 7162 example)', () => {
    expect(p('a103 UID STORE 6,4,8 (UNCHANGEDSINCE 12121230045) +FLAGS.SILENT (\\Deleted)')).toEqual({
      tag: 'a103',
      name: 'STORE',
      uid: true,
      set: set(6, 4, 8),
      operation: 'add',
      silent: true,
      flags: ['\\Deleted'],
      unchangedSince: 12121230045n,
    });
    expect(p('a STORE 1 (UNCHANGEDSINCE 0) FLAGS (x)')).toMatchObject({ unchangedSince: 0n });
  });

  it('SORT and THREAD (RFC 5256 examples)', () => {
    expect(p('A282 SORT (SUBJECT) UTF-8 SINCE 1-Feb-1994')).toEqual({
      tag: 'A282',
      name: 'SORT',
      uid: false,
      criteria: [{ key: 'SUBJECT', reverse: false }],
      charset: 'UTF-8',
      search: [{ type: 'SINCE', date: { year: 1994, month: 2, day: 1 } }],
    });
    expect(p('A283 SORT (SUBJECT REVERSE DATE) UTF-8 ALL')).toMatchObject({
      criteria: [
        { key: 'SUBJECT', reverse: false },
        { key: 'DATE', reverse: true },
      ],
    });
    expect(p('A284 UID SORT (ARRIVAL CC FROM SIZE TO DISPLAYFROM DISPLAYTO) US-ASCII TEXT "not in mailbox"')).toMatchObject({ uid: true, charset: 'US-ASCII' });
    expect(p('A283 THREAD ORDEREDSUBJECT UTF-8 SINCE 5-MAR-2000')).toEqual({
      tag: 'A283',
      name: 'THREAD',
      uid: false,
      algorithm: 'ORDEREDSUBJECT',
      charset: 'UTF-8',
      search: [{ type: 'SINCE', date: { year: 2000, month: 3, day: 5 } }],
    });
    expect(p('A284 UID THREAD REFERENCES US-ASCII TEXT "gewp"')).toMatchObject({ uid: true, algorithm: 'REFERENCES' });
  });
});

describe('malformed commands: ImapParseError with a reason', () => {
  const cases: Array<[string, RegExp | string]> = [
    ['A1', 'Expected SP after tag'],
    ['A1 ', 'Expected a command name, got end of command'],
    ['A1  NOOP', 'Expected a command name, got " NOOP"'],
    ['+1 NOOP', /Missing or invalid tag/],
    ['* NOOP', /Missing or invalid tag/],
    ['A"1 NOOP', 'Invalid character in tag: ""1 NOOP"'],
    ['A1 FROB', 'Unknown command FROB'],
    ['A1 UID NOOP', 'Unknown UID command NOOP'],
    ['A1 NOOP now', 'Unexpected characters after NOOP: " now"'],
    ['A1 NOOP ', 'Unexpected trailing space after NOOP'],
    ['A1 LOGIN smith', 'Expected SP after user name'],
    ['A1 LOGIN smith "unterminated', 'Unterminated quoted string in password'],
    ['A1 LOGIN smith "a\\b"', 'Invalid escape in quoted string in password'],
    ['A1 LOGIN smith (x)', 'Expected password, got "(x)"'],
    ['A1 FETCH 1 FOO', 'Unknown FETCH attribute FOO'],
    ['A1 FETCH 1 (FLAGS FOO)', 'Unknown FETCH attribute FOO'],
    ['A1 FETCH 1 (FLAGS', 'Expected SP or ")" in FETCH attribute list, got end of command'],
    ['A1 FETCH 1 FLAGS)', 'Unexpected characters after FETCH: ")"'],
    ['A1 FETCH 1 ()', 'Empty FETCH attribute list'],
    ['A1 FETCH 1 (ALL)', "FETCH macro ALL can't be in a list"],
    ['A1 FETCH 1', 'Expected SP after sequence set'],
    ['A1 FETCH 0 FLAGS', 'Invalid sequence set "0": numbers start at 1'],
    ['A1 FETCH 1:2: FLAGS', 'Invalid sequence set "1:2:": unexpected ":" at offset 3'],
    ['A1 FETCH 1,,2 FLAGS', 'Invalid sequence set "1,,2": expected a number at offset 2'],
    ['A1 FETCH 4294967296 FLAGS', 'Invalid sequence set "4294967296": 4294967296 is over 4294967295'],
    ['A1 FETCH $,1 FLAGS', /"\$" must stand alone|unexpected/],
    ['A1 FETCH 1,$ FLAGS', 'Invalid sequence set "1,$": "$" must stand alone'],
    ['A1 FETCH 1x FLAGS', 'Invalid sequence set "1x"'],
    ['A1 FETCH x FLAGS', 'Expected a sequence set, got "x FLAGS"'],
    ['A1 FETCH 1 BODY[MIME]', 'Invalid section: MIME needs a part number (e.g. 1.MIME)'],
    ['A1 FETCH 1 BODY[1.FOO]', 'Invalid section: unknown section text FOO'],
    ['A1 FETCH 1 BODY[0]', 'Invalid section: part numbers start at 1'],
    ['A1 FETCH 1 BODY[1.]', /Invalid section/],
    ['A1 FETCH 1 BODY[HEADER.FIELDS]', 'Expected SP after HEADER.FIELDS'],
    ['A1 FETCH 1 BODY[HEADER.FIELDS ()]', 'Empty HEADER.FIELDS header list'],
    ['A1 FETCH 1 BODY[HEADER.FIELDS (A:B)]', 'Invalid header field name "A:B"'],
    ['A1 FETCH 1 BODY[TEXT', 'Invalid section: expected "]", got end of command'],
    ['A1 FETCH 1 BODY[]<5>', 'Invalid partial: expected <offset.length>'],
    ['A1 FETCH 1 BODY[]<0.0>', 'Invalid partial: length must not be zero'],
    ['A1 FETCH 1 BODY.PEEK', 'BODY.PEEK needs a section: BODY.PEEK[...]'],
    ['A1 FETCH 1 BINARY[TEXT]', 'Invalid BINARY section: expected part numbers and "]", got "TEXT]"'],
    ['A1 FETCH 1 FLAGS (VANISHED)', 'VANISHED is only allowed in UID FETCH'],
    ['A1 UID FETCH 1 FLAGS (VANISHED)', 'VANISHED requires CHANGEDSINCE'],
    ['A1 UID FETCH 1 FLAGS (CHANGEDSINCE 0)', 'CHANGEDSINCE must not be zero'],
    ['A1 UID FETCH 1 FLAGS (CHANGEDSINCE 9223372036854775808)', /Mod-sequence too large/],
    ['A1 UID FETCH 1 FLAGS (FOO)', 'Unknown FETCH modifier FOO'],
    ['A1 SEARCH', 'Expected SP after SEARCH'],
    ['A1 SEARCH FOO', 'Unknown search key FOO'],
    ['A1 SEARCH (SEEN', 'Missing ")" to close a search key group'],
    ['A1 SEARCH SEEN)', 'Unbalanced ")" in search keys'],
    ['A1 SEARCH ()', 'Unbalanced ")" in search keys'],
    ['A1 SEARCH OR SEEN', 'Expected SP after first OR key'],
    ['A1 SEARCH NOT', 'Expected SP after NOT'],
    ['A1 SEARCH BEFORE 32-Jan-2020', 'Invalid date for BEFORE: "32-Jan-2020" (expected d-Mon-yyyy)'],
    ['A1 SEARCH ON 29-Feb-2023', /Invalid date for ON/],
    ['A1 SEARCH SINCE 1-Foo-2020', /Invalid date for SINCE/],
    ['A1 SEARCH LARGER x', 'Expected a number for LARGER size, got "x"'],
    ['A1 SEARCH UID', 'Expected SP after UID'],
    ['A1 SEARCH CHARSET', 'Expected SP after CHARSET'],
    ['A1 SEARCH RETURN (FOO) ALL', 'Unknown SEARCH return option FOO'],
    ['A1 SEARCH "text"', 'Expected a search key, got a string'],
    ['A1 SEARCH YOUNGER 0', 'YOUNGER interval must not be zero'],
    ['A1 SEARCH EMAILID !x', 'Invalid object id for EMAILID'],
    ['A1 SEARCH MODSEQ "/foo" all 1', 'Invalid MODSEQ entry name "/foo"'],
    ['A1 SELECT INBOX (FOO)', 'Unknown SELECT parameter FOO'],
    ['A1 SELECT INBOX ()', 'Empty SELECT parameters'],
    ['A1 SELECT INBOX (QRESYNC (1 2 1:*))', 'QRESYNC known UIDs must not use "*" or "$"'],
    ['A1 SELECT INBOX (QRESYNC (0 2))', 'QRESYNC UIDVALIDITY must not be zero'],
    ['A1 STATUS INBOX (FOO)', 'Unknown STATUS item FOO'],
    ['A1 STATUS INBOX ()', 'Empty STATUS items'],
    ['A1 STATUS INBOX MESSAGES', 'Expected "(" to start STATUS items, got "MESSAGES"'],
    ['A1 STORE 1 FLAGS', 'Expected SP after FLAGS'],
    ['A1 STORE 1 XFLAGS (\\Seen)', 'Unknown STORE data item XFLAGS (expected FLAGS, +FLAGS or -FLAGS)'],
    ['A1 STORE 1 +FLAGS (\\)', 'Invalid flag: "\\" without a name'],
    ['A1 STORE 1 (FOO 1) FLAGS x', 'Unknown STORE modifier FOO'],
    ['A1 LIST (RECURSIVEMATCH) "" *', 'RECURSIVEMATCH needs another selection option (e.g. SUBSCRIBED)'],
    ['A1 LIST (FOO) "" *', 'Unknown LIST selection option FOO'],
    ['A1 LIST "" * RETURN (FOO)', 'Unknown LIST return option FOO'],
    ['A1 LIST "" * FOO', 'Expected RETURN, got "FOO"'],
    ['A1 LIST "" ()', 'Empty LIST patterns'],
    ['A1 CREATE x (FOO)', 'Unknown CREATE parameter FOO'],
    ['A1 APPEND INBOX', 'Expected SP after mailbox name'],
    ['A1 APPEND INBOX "x"', 'Invalid date-time "x" (expected "dd-Mon-yyyy hh:mm:ss +zzzz")'],
    ['A1 APPEND INBOX "31-Feb-2020 00:00:00 +0000" {1}\r\nx', /Invalid date-time "31-Feb-2020/],
    ['A1 APPEND INBOX "01-Feb-2020 24:00:00 +0000" {1}\r\nx', /Invalid date-time/],
    ['A1 APPEND INBOX hello', 'Expected the message as a literal, got "hello"'],
    ['A1 APPEND INBOX UTF8 ({1}\r\nx)', 'UTF8 APPEND data must be a literal8 (~{n})'],
    ['A1 APPEND INBOX UTF8 (~{1}\r\nx', 'Expected ")" after UTF8 literal, got end of command'],
    ['A1 APPEND INBOX {1}\r\nx {1}\r\ny', 'Only one message per APPEND (MULTIAPPEND is not supported)'],
    ['A1 AUTHENTICATE PLAIN abc', 'Invalid base64 in initial response'],
    ['A1 ENABLE', 'Expected SP after ENABLE'],
    ['A1 ID ("a")', 'Expected SP after ID field'],
    ['A1 ID ("a" "b" "c")', 'Expected SP after ID field'],
    ['A1 ID', 'Expected SP after ID'],
    ['A1 ID ("' + 'x'.repeat(31) + '" NIL)', 'ID: field name longer than 30 octets (RFC 2971 3.3)'],
    ['A1 SORT (FOO) UTF-8 ALL', 'Unknown sort key FOO'],
    ['A1 SORT () UTF-8 ALL', 'Empty SORT criteria'],
    ['A1 SORT (DATE) ALL', 'Expected SP after charset'],
    ['A1 THREAD FOO UTF-8 ALL', 'Unknown THREAD algorithm FOO'],
    ['A1 SETQUOTA "" (STORAGE)', 'Expected SP after STORAGE'],
    ['A1 LOGIN {3}\r\nabc', 'Expected SP after user name'],
    ['A1 NOOP {3}\r\nabc', 'Unexpected literal after NOOP'],
    ['A1 LOGIN "a\0" b', 'NUL in quoted string in user name'],
    ['A1 LOGIN {2}\r\na\0 b', 'NUL in literal in user name'],
    ['A1 LOGIN ~{1}\r\na b', 'literal8 not allowed in user name'],
  ];
  it.each(cases)('%j', (text, reason) => {
    const e = err(text);
    if (typeof reason === 'string') expect(e.message).toBe(reason);
    else expect(e.message).toMatch(reason);
    if (/^A1 /.test(text)) expect(e.tag).toBe('A1');
    expect(e.fatal).toBe(false);
  });

  it('an incomplete command (missing literal data) is not a command', () => {
    expect(err('A1 LOGIN {5}\r\nab').message).toBe('Incomplete command');
  });

  it('invalid UTF-8 in a string', () => {
    expect(err(Buffer.from('A1 SELECT "\xff"', 'latin1')).message).toBe('Invalid UTF-8 in mailbox name');
  });

  it('refuses a literal over the limit from its header (before reading it)', () => {
    const e = err('A1 APPEND INBOX {4000000000}\r\n');
    expect(e.message).toBe('Literal too large: 4000000000 > 52428800');
    expect(e.code).toBe('TOOBIG');
    expect(e.tag).toBe('A1');
    expect(err('A1 APPEND INBOX {101}\r\n', { limits: { maxLiteralSize: 100 } }).message).toBe('Literal too large: 101 > 100');
  });

  it('refuses nesting over the depth limit', () => {
    const deep = (n: number) => 'A1 SEARCH ' + '('.repeat(n) + 'ALL' + ')'.repeat(n);
    expect(p(deep(64)).name).toBe('SEARCH');
    expect(err(deep(65)).message).toBe('Nesting too deep (over 64 levels)');
    expect(err(deep(30_000)).code).toBe('LIMIT');
    expect(err('A1 SEARCH ' + 'NOT '.repeat(65) + 'ALL').message).toBe('Nesting too deep (over 64 levels)');
    expect(err('A1 SEARCH ' + 'OR ALL '.repeat(65) + 'ALL').message).toBe('Nesting too deep (over 64 levels)');
    expect(err('A1 SEARCH ' + 'NOT '.repeat(10) + 'ALL', { limits: { maxNestingDepth: 5 } }).message).toBe('Nesting too deep (over 5 levels)');
    expect(err('A1 FETCH 1 BODY[' + '1.'.repeat(70) + 'TEXT]').message).toBe('Invalid section: more than 64 part levels');
  });

  it('refuses too many sequence ranges', () => {
    const many = Array.from({ length: 101 }, (_, i) => String(2 * i + 1)).join(',');
    expect(err(`A1 FETCH ${many} FLAGS`, { limits: { maxSequenceRanges: 100 } }).message).toMatch(/more than 100 ranges/);
    expect(p(`A1 FETCH ${many} FLAGS`).name).toBe('FETCH');
  });

  it('refuses an over-long line as fatal', () => {
    const e = err('A1 SEARCH SUBJECT "' + 'x'.repeat(70_000) + '"');
    expect(e.message).toBe('Line too long (over 65536 octets)');
    expect(e.fatal).toBe(true);
    expect(e.tag).toBe('A1');
  });
});

describe('parsed commands are plain data', () => {
  it('round-trips through the type', () => {
    const c: Command = p('A1 UID FETCH 1:* (UID FLAGS)');
    if (c.name === 'FETCH') expect(c.set).toEqual(set([1, '*']));
    else throw new Error('expected FETCH');
  });
});
