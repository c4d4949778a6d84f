// Mutation fuzzing of the reader and the parser: whatever the bytes, the only error is
// ImapParseError (never an internal one), and chunking never changes what is read.
import { describe, expect, it } from 'vitest';
import { ImapParseError } from '../../../src/imap/protocol/errors.js';
import { parseCommand, parseCommandText } from '../../../src/imap/protocol/parser.js';
import { CommandReader } from '../../../src/imap/protocol/reader.js';
import { feed, randomChunks, rng } from './helpers.js';

const CORPUS = [
  'a001 LOGIN {5}\r\nsmith {6}\r\nsesame',
  'A001 LOGIN {11+}\r\nFRED FOOBAR {7+}\r\nfat man',
  'A02 SELECT INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541 (1:5 3,9:11)))',
  'A142 EXAMINE "Entw&APw-rfe" (CONDSTORE)',
  'A654 FETCH 2:4 (FLAGS BODY[HEADER.FIELDS (DATE FROM)] BODY.PEEK[1.2.MIME]<0.100> BINARY[1] BINARY.SIZE[2])',
  's100 UID FETCH 300:500 (FLAGS MODSEQ EMAILID) (CHANGEDSINCE 12345 VANISHED)',
  'A1 FETCH 1:* FULL',
  'A282 SEARCH RETURN (MIN COUNT SAVE) CHARSET UTF-8 OR (FLAGGED SINCE 1-Feb-1994) NOT FROM "Smith" UID $ MODSEQ "/flags/\\\\draft" all 5',
  'A1 UID SEARCH HEADER {7}\r\nSubject {2+}\r\nhi YOUNGER 30 EMAILID M1 1:5,7,*',
  'a103 UID STORE 6,4,8 (UNCHANGEDSINCE 12121230045) +FLAGS.SILENT (\\Deleted $Junk)',
  'A003 APPEND saved-messages (\\Seen) "17-Jul-1996 02:44:25 -0700" {12}\r\nSubject: x\r\n',
  'A1 APPEND Drafts UTF8 (~{3}\r\na\0b)',
  'A06 LIST (SUBSCRIBED RECURSIVEMATCH SPECIAL-USE) "" ("INBOX" %) RETURN (CHILDREN STATUS (MESSAGES SIZE MAILBOXID))',
  'A002 LSUB "#news." "comp.mail.*"',
  'A042 STATUS blurdybloop (UIDNEXT MESSAGES HIGHESTMODSEQ)',
  'A283 SORT (SUBJECT REVERSE DATE) UTF-8 ALL',
  'A284 UID THREAD REFERENCES US-ASCII TEXT "gewp"',
  'a023 ID ("name" "sodr" "version" NIL)',
  't1 CREATE "Important Messages" (USE (\\Important))',
  'a01 AUTHENTICATE PLAIN dGVzdAB0ZXN0AHRlc3Q=',
  'S0000 SETQUOTA "#user/alice" (STORAGE 510)',
  'A003 UID EXPUNGE 3000:3002',
  'a UID MOVE 42:69 foo',
  'A1 ENABLE CONDSTORE UTF8=ACCEPT',
  'a COMPRESS DEFLATE',
  'A683 RENAME blurdybloop sarasoop',
];

const SPECIALS = '()[]{}<>"\\ *$:,.~+-%0123456789ANZaz\r\n\0\xff';

function mutate(text: string, rand: () => number): Buffer {
  const b = [...Buffer.from(text, 'latin1')];
  const n = 1 + Math.floor(rand() * 4);
  for (let k = 0; k < n; k++) {
    const i = Math.floor(rand() * (b.length + 1));
    const c = SPECIALS.charCodeAt(Math.floor(rand() * SPECIALS.length));
    switch (Math.floor(rand() * 6)) {
      case 0:
        b[i] = c;
        break;
      case 1:
        b.splice(i, 0, c);
        break;
      case 2:
        b.splice(i, 1 + Math.floor(rand() * 5));
        break;
      case 3:
        b.length = Math.min(b.length, i);
        break;
      case 4: {
        // duplicate a slice (nesting, repeated keys)
        const j = Math.floor(rand() * b.length);
        b.splice(i, 0, ...b.slice(Math.min(i, j), Math.max(i, j)).slice(0, 200));
        break;
      }
      default:
        b.splice(i, 0, ...Buffer.from(String(Math.floor(rand() * 1e12)), 'latin1'));
    }
  }
  return Buffer.from(b);
}

function check(bytes: Buffer): 'ok' | 'error' {
  try {
    parseCommandText(bytes, { limits: { maxLiteralSize: 1 << 20 } });
    return 'ok';
  } catch (e) {
    if (!(e instanceof ImapParseError)) throw new Error(`non-ImapParseError for ${JSON.stringify(bytes.toString('latin1'))}: ${e}`);
    if (e.message.startsWith('Internal')) throw new Error(`internal error for ${JSON.stringify(bytes.toString('latin1'))}: ${e.message}`);
    expect(e.message.length).toBeGreaterThan(5);
    return 'error';
  }
}

describe('parser fuzz', () => {
  it('every corpus command parses', () => {
    for (const c of CORPUS) expect(check(Buffer.from(c, 'latin1'))).toBe('ok');
  });

  it('40,000 mutated commands: ImapParseError or a command, nothing else', () => {
    const rand = rng(9051);
    const counts = { ok: 0, error: 0 };
    for (let i = 0; i < 40_000; i++) {
      const base = CORPUS[Math.floor(rand() * CORPUS.length)];
      counts[check(mutate(base, rand))]++;
    }
    // The mutations must exercise both paths.
    expect(counts.ok).toBeGreaterThan(1000);
    expect(counts.error).toBeGreaterThan(10_000);
  });

  it('random bytes', () => {
    const rand = rng(3501);
    for (let i = 0; i < 5000; i++) {
      const len = Math.floor(rand() * 80);
      const bytes = Buffer.alloc(len);
      for (let j = 0; j < len; j++) bytes[j] = rand() < 0.7 ? SPECIALS.charCodeAt(Math.floor(rand() * SPECIALS.length)) : Math.floor(rand() * 256);
      check(Buffer.concat([Buffer.from('A1 '), bytes]));
      check(bytes);
    }
  });
});

describe('reader fuzz', () => {
  it('mutated command streams read the same under any chunking, and parse without internal errors', () => {
    const rand = rng(7888);
    for (let round = 0; round < 300; round++) {
      const parts: Buffer[] = [];
      for (let k = 0; k < 6; k++) {
        const base = CORPUS[Math.floor(rand() * CORPUS.length)];
        parts.push(rand() < 0.5 ? mutate(base, rand) : Buffer.from(base, 'latin1'), Buffer.from('\r\n'));
      }
      const stream = Buffer.concat(parts);
      const limits = { maxLiteralSize: 4096, maxLineLength: 2048 };
      const whole = feed([stream], limits);
      expect(feed(randomChunks(stream, rand, 1 + Math.floor(rand() * 30)), limits)).toEqual(whole);
      const reader = new CommandReader(limits);
      reader.push(stream);
      for (let ev = reader.next(); ev; ev = reader.next()) {
        if (ev.type !== 'command') continue;
        try {
          parseCommand(ev.command, { limits });
        } catch (e) {
          expect(e).toBeInstanceOf(ImapParseError);
          expect((e as Error).message).not.toMatch(/^Internal/);
        }
      }
    }
  });
});
