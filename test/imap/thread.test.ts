// THREAD=ORDEREDSUBJECT and THREAD=REFERENCES (RFC 5256 3): pure, written with the response builder.
import { describe, expect, it } from 'vitest';
import { thread as formatThread } from '../../src/imap/protocol/response.js';
import { messageIds, subjectInfo, threadOrderedSubject, threadReferences, type ThreadMessage } from '../../src/imap/thread.js';
import { baseSubject } from '../../src/mime/text.js';

const day = (d: number, h = 0) => `Mon, ${d} Jan 2024 ${String(h).padStart(2, '0')}:00:00 +0000`;

function m(seq: number, o: { date?: string | null; subject?: string | null; mid?: string | null; irt?: string | null; refs?: string | null; internal?: number } = {}): ThreadMessage {
  return {
    seq,
    id: seq,
    internalDate: o.internal ?? 0,
    date: o.date === undefined ? day(1, seq % 24) : o.date,
    subject: o.subject === undefined ? `Subject ${seq}` : o.subject,
    messageId: o.mid === undefined ? `<m${seq}@x>` : o.mid,
    inReplyTo: o.irt ?? null,
    references: o.refs ?? null,
  };
}

const refs = (ms: ThreadMessage[]) => formatThread(threadReferences(ms)).replace(/\r\n$/, '');
const ordered = (ms: ThreadMessage[]) => formatThread(threadOrderedSubject(ms)).replace(/\r\n$/, '');

describe('subjects and message ids', () => {
  it('base subject agrees with mime/text.ts and marks replies and forwards', () => {
    for (const [s, base, reply] of [
      ['Re: hello', 'hello', true],
      ['hello', 'hello', false],
      ['[list] hello', 'hello', false],
      ['[list]', '[list]', false],
      ['hello (fwd)', 'hello', true],
      ['[Fwd: Re: [list] hello]', 'hello', true],
      ['Fw:  re [x]: hello  ', 'hello', true],
      ['=?utf-8?q?Re=3A_caf=C3=A9?=', 'café', true],
      ['  ', '', false],
    ] as const) {
      expect(subjectInfo(s)).toEqual({ base, reply });
      expect(baseSubject(s)).toBe(base);
    }
    expect(subjectInfo(null)).toEqual({ base: '', reply: false });
  });

  it('message ids: only <...> tokens, in order', () => {
    expect(messageIds('<a@x> junk <b@y>\t<> <c@z>')).toEqual(['<a@x>', '<b@y>', '<c@z>']);
    expect(messageIds('no brackets')).toEqual([]);
    expect(messageIds(null)).toEqual([]);
  });
});

describe('THREAD=ORDEREDSUBJECT', () => {
  it('groups by base subject, first message the parent of the rest, threads by first date', () => {
    const ms = [
      m(1, { subject: 'Alpha', date: day(3) }),
      m(2, { subject: 'Re: alpha', date: day(1) }),
      m(3, { subject: 'Beta', date: day(2) }),
      m(4, { subject: 'beta', date: day(4) }),
      m(5, { subject: 'Alpha', date: day(5) }),
      m(6, { subject: 'Gamma', date: day(2) }), // same date as 3: mailbox order
    ];
    expect(ordered(ms)).toBe('* THREAD (2 (1)(5))(3 4)(6)');
    expect(ordered([])).toBe('* THREAD');
  });

  it('equal dates keep mailbox order, whatever the input order', () => {
    const ms = [m(3, { subject: 'x', date: day(1) }), m(1, { subject: 'x', date: day(1) }), m(2, { subject: 'Re: x', date: day(1) })];
    expect(ordered(ms)).toBe('* THREAD (1 (2)(3))');
  });
});

describe('THREAD=REFERENCES', () => {
  it('builds the tree from References and sorts siblings and threads by sent date', () => {
    const ms = [
      m(1, { subject: 'Hello', mid: '<a>', date: day(2) }),
      m(2, { subject: 'Re: Hello', mid: '<b>', refs: '<a>', date: day(3) }),
      m(3, { subject: 'Re: Hello', mid: '<c>', refs: '<a> <b>', date: day(5) }),
      m(4, { subject: 'Re: Hello', mid: '<d>', refs: '<a>', date: day(4) }),
      m(5, { subject: 'Other', mid: '<e>', date: day(1) }),
    ];
    expect(refs(ms)).toBe('* THREAD (5)(1 (2 3)(4))');
  });

  it('a reply may arrive before its parent', () => {
    expect(refs([m(1, { mid: '<b>', refs: '<a>', subject: 'Re: x', date: day(2) }), m(2, { mid: '<a>', subject: 'x', date: day(1) })])).toBe('* THREAD (2 1)');
  });

  it('In-Reply-To when there is no usable References', () => {
    const ms = [
      m(1, { mid: '<a>', subject: 'q', date: day(1) }),
      m(2, { mid: '<b>', irt: '<a> <zz>', refs: 'garbage without ids', subject: 'other words', date: day(2) }),
    ];
    expect(refs(ms)).toBe('* THREAD (1 2)');
  });

  it('missing parents: dummies pruned, kept at the top level only for several children', () => {
    // Two replies to a message we don't have: a dummy at the top level.
    expect(refs([m(1, { refs: '<gone>', subject: 'Re: lost', date: day(1) }), m(2, { refs: '<gone>', subject: 'Re: lost', date: day(2) })])).toBe('* THREAD ((1)(2))');
    // One reply: promoted to the top level.
    expect(refs([m(1, { refs: '<gone>', subject: 'Re: lost' })])).toBe('* THREAD (1)');
    // A missing message in the middle of a chain: its children move up to its parent.
    const mid = [
      m(1, { mid: '<a>', subject: 't', date: day(1) }),
      m(2, { mid: '<c>', refs: '<a> <b>', subject: 'Re: t', date: day(2) }),
      m(3, { mid: '<d>', refs: '<a> <b>', subject: 'Re: t', date: day(3) }),
    ];
    expect(refs(mid)).toBe('* THREAD (1 (2)(3))');
  });

  it('messages without a Message-ID are threads of their own, unless they refer to one', () => {
    const ms = [
      m(1, { mid: null, subject: 'one', date: day(1) }),
      m(2, { mid: 'no-angle-brackets', subject: 'two', date: day(2) }),
      m(3, { mid: null, irt: '<m1@x>', subject: 'three', date: day(3) }),
    ];
    expect(refs(ms)).toBe('* THREAD (1)(2)(3)');
    const withParent = [m(1, { mid: '<p>', subject: 'p', date: day(1) }), m(2, { mid: null, refs: '<p>', subject: 'q', date: day(2) })];
    expect(refs(withParent)).toBe('* THREAD (1 2)');
  });

  it('duplicate Message-IDs: only the first message (lowest sequence number) owns it', () => {
    const ms = [
      m(2, { mid: '<dup>', subject: 'B', date: day(2) }),
      m(1, { mid: '<dup>', subject: 'A', date: day(1) }),
      m(3, { mid: '<r>', refs: '<dup>', subject: 'Re: A', date: day(3) }),
    ];
    expect(refs(ms)).toBe('* THREAD (1 3)(2)');
  });

  it('loops in References never create a cycle', () => {
    // Each refers to the other: the second can't become the parent's parent's child.
    expect(refs([m(1, { mid: '<a>', refs: '<b>', subject: 'loop', date: day(1) }), m(2, { mid: '<b>', refs: '<a>', subject: 'loop', date: day(2) })])).toBe('* THREAD (2 1)');
    // A message referring to itself, and a References line that repeats an id.
    expect(refs([m(1, { mid: '<a>', refs: '<a>', subject: 's' })])).toBe('* THREAD (1)');
    expect(refs([m(1, { mid: '<a>', refs: '<x> <y> <x>', subject: 's' })])).toBe('* THREAD (1)');
    // A three-message cycle: every message appears exactly once.
    const three = [
      m(1, { mid: '<a>', refs: '<c>', subject: 'c1', date: day(1) }),
      m(2, { mid: '<b>', refs: '<a>', subject: 'c2', date: day(2) }),
      m(3, { mid: '<c>', refs: '<b>', subject: 'c3', date: day(3) }),
    ];
    const out = refs(three);
    expect(out.match(/\d+/g)!.sort()).toEqual(['1', '2', '3']);
    expect(out).toBe('* THREAD (3 1 2)');
  });

  it('a later message fixes a parent guessed from a truncated References line', () => {
    const ms = [
      m(1, { mid: '<a>', subject: 'x', date: day(1) }),
      m(2, { mid: '<b>', refs: '<a>', subject: 'Re: x', date: day(2) }),
      m(3, { mid: '<d>', refs: '<a> <c>', subject: 'Re: x', date: day(4) }), // <c> unknown so far
      m(4, { mid: '<c>', refs: '<a> <b>', subject: 'Re: x', date: day(3) }),
    ];
    // <c> was linked under <a> by message 3; message 4 (<c>) itself says its parent is <b>.
    expect(refs(ms)).toBe('* THREAD (1 2 4 3)');
  });

  it('groups top-level threads by base subject (step 5)', () => {
    // A reply without References goes under the original; a second original makes a dummy.
    const ms = [
      m(1, { mid: '<a>', subject: 'Meeting', date: day(1) }),
      m(2, { mid: '<b>', subject: 'Re: Meeting', date: day(2) }),
      m(3, { mid: '<c>', subject: 'meeting', date: day(3) }),
    ];
    expect(refs(ms)).toBe('* THREAD ((1 2)(3))');
    // Two replies: siblings under a dummy.
    expect(refs([m(1, { subject: 'Re: foo', date: day(1) }), m(2, { subject: 'Fwd: foo', date: day(2) })])).toBe('* THREAD ((1)(2))');
    // The non-reply becomes the parent even when it is newer.
    expect(refs([m(1, { subject: 'Re: bar', date: day(1) }), m(2, { subject: 'bar', date: day(2) })])).toBe('* THREAD (2 1)');
    // A dummy thread takes the original and replies that share its base subject.
    const dummy = [
      m(1, { refs: '<gone>', subject: 'Re: z', date: day(1) }),
      m(2, { refs: '<gone>', subject: 'Re: z', date: day(2) }),
      m(3, { subject: 'z', date: day(3) }),
    ];
    expect(refs(dummy)).toBe('* THREAD ((1)(2)(3))');
    // Empty base subjects are never grouped.
    expect(refs([m(1, { subject: 'Re:', date: day(1) }), m(2, { subject: '', date: day(2) }), m(3, { subject: null, date: day(3) })])).toBe('* THREAD (1)(2)(3)');
  });

  it('equal or missing dates: mailbox order; missing Date uses INTERNALDATE', () => {
    const same = [m(2, { subject: 'b', date: day(1) }), m(1, { subject: 'a', date: day(1) }), m(3, { subject: 'c', date: day(1) })];
    expect(refs(same)).toBe('* THREAD (1)(2)(3)');
    const internal = [
      m(1, { subject: 'a', date: day(2) }),
      m(2, { subject: 'b', date: null, internal: Date.UTC(2024, 0, 1) }),
      m(3, { subject: 'c', date: 'rubbish', internal: Date.UTC(2024, 0, 3) }),
    ];
    expect(refs(internal)).toBe('* THREAD (2)(1)(3)');
    expect(refs([])).toBe('* THREAD');
  });

  it('a chain of 50,000 replies neither overflows the stack nor takes long', () => {
    const ms: ThreadMessage[] = [];
    for (let i = 1; i <= 50_000; i++) ms.push(m(i, { mid: `<${i}>`, irt: i > 1 ? `<${i - 1}>` : null, subject: 'Re: long', date: null, internal: i }));
    const t0 = Date.now();
    const out = refs(ms);
    expect(out.startsWith('* THREAD (1 2 3 ')).toBe(true);
    expect(out.endsWith(' 49999 50000)')).toBe(true);
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});
