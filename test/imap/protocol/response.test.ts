import { describe, expect, it } from 'vitest';
import { formatBodyStructure, formatEnvelope, parseMessage } from '../../../src/mime/index.js';
import { fetchItemName } from '../../../src/imap/protocol/fetch-items.js';
import { parseCommandText } from '../../../src/imap/protocol/parser.js';
import * as r from '../../../src/imap/protocol/response.js';
import { ImapParseError } from '../../../src/imap/protocol/errors.js';

describe('status responses (RFC 9051 7.1)', () => {
  it('tagged and untagged, with response codes', () => {
    expect(r.tagged('A142', 'OK', 'SELECT completed', 'READ-WRITE')).toBe('A142 OK [READ-WRITE] SELECT completed\r\n');
    expect(r.tagged('a1', 'NO', 'Login failed', 'AUTHENTICATIONFAILED')).toBe('a1 NO [AUTHENTICATIONFAILED] Login failed\r\n');
    expect(r.tagged('A1', 'BAD', 'Unknown command FROB')).toBe('A1 BAD Unknown command FROB\r\n');
    expect(r.untagged('OK', 'Limited', { code: 'PERMANENTFLAGS', flags: ['\\Deleted', '\\Seen', '\\*'] })).toBe(
      '* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n',
    );
    expect(r.untagged('OK', 'UIDs valid', { code: 'UIDVALIDITY', value: 3857529045 })).toBe('* OK [UIDVALIDITY 3857529045] UIDs valid\r\n');
    expect(r.untagged('OK', 'Predicted next UID', { code: 'UIDNEXT', value: 4392 })).toBe('* OK [UIDNEXT 4392] Predicted next UID\r\n');
    expect(r.untagged('OK', 'Highest', { code: 'HIGHESTMODSEQ', value: 715194045007n })).toBe('* OK [HIGHESTMODSEQ 715194045007] Highest\r\n');
    expect(r.untagged('PREAUTH', 'IMAP4rev2 server logged in as Smith')).toBe('* PREAUTH IMAP4rev2 server logged in as Smith\r\n');
    expect(r.bye('Autologout; idle for too long')).toBe('* BYE Autologout; idle for too long\r\n');
  });

  it('every response code of the brief', () => {
    const codes: Array<[r.ResponseCode, string]> = [
      ['ALERT', 'ALERT'],
      [{ code: 'CAPABILITY', capabilities: ['IMAP4rev1', 'IDLE'] }, 'CAPABILITY IMAP4rev1 IDLE'],
      ['READ-ONLY', 'READ-ONLY'],
      ['TRYCREATE', 'TRYCREATE'],
      [{ code: 'APPENDUID', uidValidity: 38505, uids: [3955] }, 'APPENDUID 38505 3955'],
      [{ code: 'COPYUID', uidValidity: 38505, source: [304, 319, 320], dest: [3956, 3957, 3958] }, 'COPYUID 38505 304,319:320 3956:3958'],
      [{ code: 'HIGHESTMODSEQ', value: 20010715194045007n }, 'HIGHESTMODSEQ 20010715194045007'],
      ['NOMODSEQ', 'NOMODSEQ'],
      [{ code: 'MODIFIED', set: [7, 9] }, 'MODIFIED 7,9'],
      [{ code: 'MODIFIED', set: '1:3,7' }, 'MODIFIED 1:3,7'],
      ['OVERQUOTA', 'OVERQUOTA'],
      ['LIMIT', 'LIMIT'],
      [{ code: 'BADCHARSET', charsets: ['UTF-8', 'US-ASCII'] }, 'BADCHARSET (UTF-8 US-ASCII)'],
      ['NONEXISTENT', 'NONEXISTENT'],
      ['ALREADYEXISTS', 'ALREADYEXISTS'],
      ['CANNOT', 'CANNOT'],
      ['UNAVAILABLE', 'UNAVAILABLE'],
      ['CLOSED', 'CLOSED'],
      [{ code: 'MAILBOXID', id: 'F2212ea87-6097-4256-9d51-71338625' }, 'MAILBOXID (F2212ea87-6097-4256-9d51-71338625)'],
      ['COMPRESSIONACTIVE', 'COMPRESSIONACTIVE'],
      ['CLIENTBUG', 'CLIENTBUG'],
      ['INUSE', 'INUSE'],
      ['EXPUNGEISSUED', 'EXPUNGEISSUED'],
      ['SERVERBUG', 'SERVERBUG'],
      ['TOOBIG', 'TOOBIG'],
    ];
    for (const [code, text] of codes) {
      expect(r.formatResponseCode(code)).toBe(text);
      expect(r.tagged('t', 'NO', 'x', code)).toBe(`t NO [${text}] x\r\n`);
    }
  });

  it('keeps a response on one line', () => {
    expect(r.tagged('A1', 'BAD', 'bad\r\nA2 OK injected')).toBe('A1 BAD bad  A2 OK injected\r\n');
    expect(r.tagged('A1', 'OK', '')).toBe('A1 OK Completed\r\n');
  });

  it('answers parse errors: tagged BAD, untagged BAD, BYE when fatal', () => {
    expect(r.parseErrorResponse(new ImapParseError('Unknown command FROB', 'A1'))).toBe('A1 BAD Unknown command FROB\r\n');
    expect(r.parseErrorResponse(new ImapParseError('Literal too large: 4000000000 > 52428800', 'A1', 'TOOBIG'))).toBe(
      'A1 BAD [TOOBIG] Literal too large: 4000000000 > 52428800\r\n',
    );
    expect(r.parseErrorResponse(new ImapParseError('Missing or invalid tag: "*"'))).toBe('* BAD Missing or invalid tag: "*"\r\n');
    expect(r.parseErrorResponse(new ImapParseError('Line too long (over 65536 octets)', 'A1', null, true))).toBe(
      '* BYE Line too long (over 65536 octets)\r\n',
    );
  });

  it('continuation requests', () => {
    expect(r.continuation()).toBe('+ Ready\r\n');
    expect(r.continuation('')).toBe('+ \r\n');
    expect(r.continuation('VXNlcm5hbWU6')).toBe('+ VXNlcm5hbWU6\r\n');
  });
});

describe('untagged data (RFC 9051 7.2-7.4)', () => {
  it('mailbox size and expunges', () => {
    expect(r.exists(172)).toBe('* 172 EXISTS\r\n');
    expect(r.recent(1)).toBe('* 1 RECENT\r\n');
    expect(r.expunge(44)).toBe('* 44 EXPUNGE\r\n');
    expect(r.vanished([405, 407, 410, 411, 412], false)).toBe('* VANISHED 405,407,410:412\r\n');
    expect(r.vanished([{ start: 41, end: 41 }, { start: 43, end: 116 }, { start: 118, end: 118 }], true)).toBe('* VANISHED (EARLIER) 41,43:116,118\r\n');
    expect(r.flags(['\\Answered', '\\Flagged', '\\Deleted', '\\Seen', '\\Draft'])).toBe('* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n');
    expect(r.capability(['IMAP4rev2', 'STARTTLS', 'AUTH=GSSAPI', 'LOGINDISABLED'])).toBe('* CAPABILITY IMAP4rev2 STARTTLS AUTH=GSSAPI LOGINDISABLED\r\n');
    expect(r.enabled(['CONDSTORE', 'QRESYNC'])).toBe('* ENABLED CONDSTORE QRESYNC\r\n');
    expect(r.enabled([])).toBe('* ENABLED\r\n');
  });

  it('LIST and LSUB, with the name in modified UTF-7 or UTF-8', () => {
    expect(r.list({ attributes: ['\\Noselect'], delimiter: '/', name: '~/Mail/foo' }, { utf8: false })).toBe('* LIST (\\Noselect) "/" "~/Mail/foo"\r\n');
    expect(r.list({ attributes: [], delimiter: null, name: 'inbox' }, { utf8: false })).toBe('* LIST () NIL "INBOX"\r\n');
    expect(r.list({ attributes: ['\\HasNoChildren', '\\Drafts'], delimiter: '/', name: 'Entwürfe' }, { utf8: false })).toBe(
      '* LIST (\\HasNoChildren \\Drafts) "/" "Entw&APw-rfe"\r\n',
    );
    expect(r.list({ attributes: ['\\HasNoChildren'], delimiter: '/', name: 'Entwürfe' }, { utf8: true })).toBe(
      '* LIST (\\HasNoChildren) "/" {9}\r\nEntwürfe\r\n',
    );
    expect(r.list({ attributes: ['\\Marked'], delimiter: '\\', name: 'a"b' }, { utf8: false, command: 'LSUB' })).toBe('* LSUB (\\Marked) "\\\\" "a\\"b"\r\n');
    expect(r.list({ attributes: ['\\NonExistent'], delimiter: '/', name: 'Fruit', childInfo: ['SUBSCRIBED'] }, { utf8: false })).toBe(
      '* LIST (\\NonExistent) "/" "Fruit" ("CHILDINFO" ("SUBSCRIBED"))\r\n',
    );
    expect(r.list({ attributes: [], delimiter: '/', name: 'NewName', oldName: 'OldName' }, { utf8: false })).toBe(
      '* LIST () "/" "NewName" ("OLDNAME" ("OldName"))\r\n',
    );
  });

  it('STATUS, NAMESPACE, QUOTA, QUOTAROOT, ID', () => {
    expect(r.status('blurdybloop', [['MESSAGES', 231], ['UIDNEXT', 44292]], { utf8: false })).toBe('* STATUS "blurdybloop" (MESSAGES 231 UIDNEXT 44292)\r\n');
    expect(r.status('Entwürfe', [['SIZE', 12345678901], ['HIGHESTMODSEQ', 7n], ['MAILBOXID', 'Fabc']], { utf8: false })).toBe(
      '* STATUS "Entw&APw-rfe" (SIZE 12345678901 HIGHESTMODSEQ 7 MAILBOXID (Fabc))\r\n',
    );
    expect(r.namespace([{ prefix: '', delimiter: '/' }], null, null, { utf8: false })).toBe('* NAMESPACE (("" "/")) NIL NIL\r\n');
    expect(r.namespace([{ prefix: '', delimiter: '/' }], [{ prefix: '~', delimiter: '/' }], [{ prefix: '#shared/', delimiter: '/' }, { prefix: '#public/', delimiter: '/' }], { utf8: false })).toBe(
      '* NAMESPACE (("" "/")) (("~" "/")) (("#shared/" "/")("#public/" "/"))\r\n',
    );
    expect(r.quota('', [{ name: 'STORAGE', usage: 10, limit: 512 }])).toBe('* QUOTA "" (STORAGE 10 512)\r\n');
    expect(r.quota('#user/alice', [{ name: 'STORAGE', usage: 54, limit: 111 }, { name: 'MESSAGE', usage: 42, limit: 1000 }])).toBe(
      '* QUOTA "#user/alice" (STORAGE 54 111 MESSAGE 42 1000)\r\n',
    );
    expect(r.quotaRoot('INBOX', [''], { utf8: false })).toBe('* QUOTAROOT "INBOX" ""\r\n');
    expect(r.quotaRoot('comp.mail.mime', [], { utf8: false })).toBe('* QUOTAROOT "comp.mail.mime"\r\n');
    expect(r.id([['name', 'Cyrus'], ['version', '1.5'], ['support-url', null]])).toBe('* ID ("name" "Cyrus" "version" "1.5" "support-url" NIL)\r\n');
    expect(r.id(null)).toBe('* ID NIL\r\n');
  });

  it('SEARCH, ESEARCH (RFC 4731), SORT (RFC 5256), with MODSEQ (RFC 7162)', () => {
    expect(r.search([2, 84, 882])).toBe('* SEARCH 2 84 882\r\n');
    expect(r.search([])).toBe('* SEARCH\r\n');
    expect(r.search([2, 5, 6, 7, 11, 12, 18, 19, 20, 23], 917162500)).toBe('* SEARCH 2 5 6 7 11 12 18 19 20 23 (MODSEQ 917162500)\r\n');
    expect(r.search([], 917162500)).toBe('* SEARCH\r\n');
    expect(r.esearch({ tag: 'A282', uid: false, min: 2, count: 3 })).toBe('* ESEARCH (TAG "A282") MIN 2 COUNT 3\r\n');
    expect(r.esearch({ tag: 'A283', uid: false, all: [2, 10, 11] })).toBe('* ESEARCH (TAG "A283") ALL 2,10:11\r\n');
    expect(r.esearch({ tag: 'A285', uid: true, min: 7, max: 3800 })).toBe('* ESEARCH (TAG "A285") UID MIN 7 MAX 3800\r\n');
    expect(r.esearch({ tag: 'A286', uid: false, min: null, max: null, all: [], count: 0 })).toBe('* ESEARCH (TAG "A286") COUNT 0\r\n');
    expect(r.esearch({ tag: 'a', uid: true, all: '1:3,5', modseq: 1236n })).toBe('* ESEARCH (TAG "a") UID ALL 1:3,5 MODSEQ 1236\r\n');
    expect(r.sort([2, 3, 6])).toBe('* SORT 2 3 6\r\n');
    expect(r.sort([2, 84, 882], 917162500)).toBe('* SORT 2 84 882 (MODSEQ 917162500)\r\n');
  });

  it('THREAD (RFC 5256 4 examples)', () => {
    const t = (id: number | null, ...children: r.ThreadNode[]): r.ThreadNode => ({ id, children });
    expect(r.thread([t(2), t(3, t(6, t(4, t(23)), t(44, t(7, t(96)))))])).toBe('* THREAD (2)(3 6 (4 23)(44 7 96))\r\n');
    expect(r.thread([t(166, t(167), t(168, t(169))), t(170)])).toBe('* THREAD (166 (167)(168 169))(170)\r\n');
    expect(r.thread([t(null, t(3), t(5))])).toBe('* THREAD ((3)(5))\r\n');
    expect(r.thread([t(null, t(3, t(4)))])).toBe('* THREAD (3 4)\r\n');
    expect(r.thread([])).toBe('* THREAD\r\n');
    // A deep, branching reply tree formats without exhausting the stack.
    let deep = t(1);
    for (let i = 2; i < 50_000; i++) deep = t(i, deep, t(-i));
    expect(r.thread([deep]).length).toBeGreaterThan(100_000);
  });
});

describe('FETCH (RFC 9051 7.5.2)', () => {
  const raw = Buffer.from(
    'Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\r\nFrom: Terry Gray <gray@cac.washington.edu>\r\n' +
      'Subject: IMAP4rev2 WG mtg summary and minutes\r\nTo: imap@cac.washington.edu\r\n' +
      'Message-Id: <B27397-0100000@cac.washington.edu>\r\nMIME-Version: 1.0\r\nContent-Type: TEXT/PLAIN; CHARSET=US-ASCII\r\n\r\nHello\r\n',
  );
  const msg = parseMessage(raw);

  it('formats simple items, ENVELOPE and BODYSTRUCTURE through mime/imap-form', () => {
    const out = r.fetchResponse(12, [
      { item: 'FLAGS', flags: ['\\Seen'] },
      { item: 'INTERNALDATE', date: new Date('1996-07-17T09:44:25Z'), offsetMinutes: -420 },
      { item: 'RFC822.SIZE', value: 4286 },
      { item: 'ENVELOPE', envelope: msg.envelope },
      { item: 'BODY', body: msg.bodyStructure },
      { item: 'BODYSTRUCTURE', body: msg.bodyStructure },
    ]);
    expect(out.toString()).toBe(
      '* 12 FETCH (FLAGS (\\Seen) INTERNALDATE "17-Jul-1996 02:44:25 -0700" RFC822.SIZE 4286 ' +
        `ENVELOPE ${formatEnvelope(msg.envelope)} BODY ${formatBodyStructure(msg.bodyStructure, { extended: false })} ` +
        `BODYSTRUCTURE ${formatBodyStructure(msg.bodyStructure, { extended: true })})\r\n`,
    );
    expect(out.toString()).toContain('ENVELOPE ("Wed, 17 Jul 1996 02:23:25 -0700 (PDT)" "IMAP4rev2 WG mtg summary and minutes" (("Terry Gray" NIL "gray" "cac.washington.edu"))');
  });

  it('UID, MODSEQ, EMAILID, THREADID, SAVEDATE', () => {
    expect(
      r
        .fetchResponse(1, [
          { item: 'UID', value: 4 },
          { item: 'MODSEQ', value: 12121231000n },
          { item: 'EMAILID', id: 'M6d99ac3275bb4e' },
          { item: 'THREADID', id: null },
          { item: 'SAVEDATE', date: null },
        ])
        .toString(),
    ).toBe('* 1 FETCH (UID 4 MODSEQ (12121231000) EMAILID (M6d99ac3275bb4e) THREADID NIL SAVEDATE NIL)\r\n');
  });

  it('message bytes as literals under their item names, literal8 for NUL in BINARY', () => {
    const [att1, att2, att3, att4] = (() => {
      const c = parseCommandText('A1 FETCH 2 (BODY.PEEK[HEADER.FIELDS (DATE FROM)] BODY[1.TEXT]<0.5> BINARY[1] BINARY.SIZE[1])');
      if (c.name !== 'FETCH') throw new Error();
      return c.items.map(fetchItemName);
    })();
    expect([att1, att2, att3, att4]).toEqual(['BODY[HEADER.FIELDS (DATE FROM)]', 'BODY[1.TEXT]<0>', 'BINARY[1]', 'BINARY.SIZE[1]']);
    const hdr = Buffer.from('Date: x\r\nFrom: y\r\n\r\n');
    const out = r.fetchResponse(2, [
      { item: 'CONTENT', name: att1, data: hdr },
      { item: 'CONTENT', name: att2, data: Buffer.from('Hello') },
      { item: 'CONTENT', name: att3, data: Buffer.from('a\0b'), binary: true },
      { item: 'BINARY.SIZE', name: att4, value: 3 },
      { item: 'CONTENT', name: 'BODY[2]', data: null },
      { item: 'CONTENT', name: 'RFC822.TEXT', data: Buffer.from('\xff', 'latin1') },
    ]);
    expect(out.toString('latin1')).toBe(
      '* 2 FETCH (BODY[HEADER.FIELDS (DATE FROM)] {20}\r\nDate: x\r\nFrom: y\r\n\r\n BODY[1.TEXT]<0> {5}\r\nHello BINARY[1] ~{3}\r\na\0b ' +
        'BINARY.SIZE[1] 3 BODY[2] NIL RFC822.TEXT {1}\r\n\xff)\r\n',
    );
    expect(r.fetchResponse(1, [{ item: 'CONTENT', name: 'BINARY[]', data: Buffer.from('ab'), binary: true }]).toString()).toBe(
      '* 1 FETCH (BINARY[] {2}\r\nab)\r\n',
    );
  });

  it('leaves a slot for bytes the session streams', () => {
    const source = { blob: 'abc' };
    const parts = r.fetchResponseParts(7, [
      { item: 'UID', value: 9 },
      { item: 'STREAM', name: 'BODY[]', size: 1234, source },
      { item: 'FLAGS', flags: ['\\Seen'] },
    ]);
    expect(parts).toHaveLength(3);
    expect(parts[0].toString()).toBe('* 7 FETCH (UID 9 BODY[] {1234}\r\n');
    expect(parts[1]).toEqual({ source, size: 1234 });
    expect(parts[2].toString()).toBe(' FLAGS (\\Seen))\r\n');
    expect(() => r.fetchResponse(7, [{ item: 'STREAM', name: 'BODY[]', size: 1, source }])).toThrow(TypeError);
  });

  it('counts literal lengths in UTF-8 octets', () => {
    const out = r.fetchResponse(3, [{ item: 'CONTENT', name: 'BODY[]', data: Buffer.from('é') }]);
    expect(out.toString()).toBe('* 3 FETCH (BODY[] {2}\r\né)\r\n');
  });
});
