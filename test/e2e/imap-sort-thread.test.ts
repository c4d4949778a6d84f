// SORT and THREAD (RFC 5256) over a real socket: messages APPENDed with chosen INTERNALDATEs and
// one delivered over SMTP, then exact `* SORT` and `* THREAD` answers, with and without UID.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nodemailer from 'nodemailer';
import { provision, startTestNode, TEST_DIALECTS, type TestNode } from '../helpers/server.js';
import { RawImap } from '../helpers/imap-client.js';

function message(h: Record<string, string>): string {
  return Object.entries(h)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('') + '\r\nbody\r\n';
}

// seq: Date header (sent date), internal date, subject, from, threading headers
const MESSAGES: Array<{ internal: string; headers: Record<string, string> }> = [
  {
    internal: '10-Jan-2024 10:00:00 +0000',
    headers: { 'Message-ID': '<a@t>', Date: 'Tue, 2 Jan 2024 10:00:00 +0000', Subject: 'Project plan', From: 'Carol <carol@remote.test>', To: 'alice@example.test' },
  },
  {
    internal: '11-Jan-2024 10:00:00 +0000',
    headers: { 'Message-ID': '<b@t>', 'In-Reply-To': '<a@t>', References: '<a@t>', Date: 'Thu, 4 Jan 2024 10:00:00 +0000', Subject: 'Re: Project plan', From: 'alice@example.test', To: 'carol@remote.test' },
  },
  {
    internal: '12-Jan-2024 10:00:00 +0000',
    headers: { 'Message-ID': '<c@t>', Date: 'Wed, 3 Jan 2024 12:00:00 +0200', Subject: 'Lunch', From: 'Bob <BOB@remote.test>', To: 'alice@example.test' },
  },
  {
    internal: '13-Jan-2024 10:00:00 +0000',
    headers: { 'Message-ID': '<d@t>', 'In-Reply-To': '<b@t>', References: '<a@t>\r\n <b@t>', Date: 'Fri, 5 Jan 2024 10:00:00 +0000', Subject: 'Re: Project plan', From: 'dave@remote.test', To: 'alice@example.test' },
  },
  {
    // No Date header: INTERNALDATE is its sent date. No references: grouped with "Lunch" by subject.
    internal: '01-Jan-2024 10:00:00 +0000',
    headers: { 'Message-ID': '<e@t>', Subject: 'Re: Lunch', From: 'Eve <eve@remote.test>', To: 'alice@example.test' },
  },
];

describe.each(TEST_DIALECTS)('IMAP SORT and THREAD (%s)', (dialect) => {
  let node: TestNode;
  let client: RawImap;
  const alice = 'alice@example.test';

  beforeAll(async () => {
    node = await startTestNode({ dialect });
    const pw = await provision(node.admin, 'example.test', ['alice']);
    ({ client } = await RawImap.connect(node.port('imaps'), { tls: true }));
    expect((await client.cmd(`LOGIN ${alice} ${pw[alice]}`)).status).toBe('OK');
    for (const m of MESSAGES) {
      const raw = message(m.headers);
      const r = await client.cmd(`APPEND INBOX "${m.internal}" {${raw.length}+}\r\n${raw}`);
      expect(r.status).toBe('OK');
    }
    // The sixth arrives over SMTP: a reply deeper in the "Project plan" thread.
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: node.port('smtp'), secure: false, ignoreTLS: true, name: 'client.remote.test' });
    await transport.sendMail({
      from: 'Zoe <zoe@remote.test>',
      to: alice,
      subject: 'Re: Project plan',
      text: 'agreed',
      messageId: '<f@t>',
      inReplyTo: '<d@t>',
      references: ['<a@t>', '<b@t>', '<d@t>'],
      date: new Date('2024-01-06T10:00:00Z'),
    });
    const sel = await client.cmd('SELECT INBOX');
    expect(sel.untagged).toContain('* 6 EXISTS');
  });
  afterAll(async () => {
    client?.close();
    await node.cleanup();
  });

  it('advertises SORT and both THREAD algorithms after login', async () => {
    const caps = (await client.cmd('CAPABILITY')).untagged[0]!;
    for (const c of ['SORT', 'THREAD=ORDEREDSUBJECT', 'THREAD=REFERENCES']) expect(caps.split(' ')).toContain(c);
  });

  it('SORT by date, arrival, subject, from, size; REVERSE; with a search', async () => {
    const sort = async (args: string) => {
      const r = await client.cmd(args);
      expect(r.tagged).toMatch(/^T\d+ OK /);
      expect(r.untagged).toHaveLength(1);
      return r.untagged[0];
    };
    // Sent dates: 2, 4, 3 (10:00Z), 5, 1 (INTERNALDATE), 6 Jan.
    expect(await sort('SORT (REVERSE DATE) UTF-8 ALL')).toBe('* SORT 6 4 2 3 1 5');
    expect(await sort('SORT (DATE) US-ASCII ALL')).toBe('* SORT 5 1 3 2 4 6');
    expect(await sort('SORT (ARRIVAL) UTF-8 ALL')).toBe('* SORT 5 1 2 3 4 6');
    // Base subjects: "Lunch" (3, 5), then "Project plan" (1, 2, 4, 6) in mailbox order, newest first inside.
    expect(await sort('SORT (SUBJECT) UTF-8 ALL')).toBe('* SORT 3 5 1 2 4 6');
    expect(await sort('SORT (SUBJECT REVERSE DATE) UTF-8 ALL')).toBe('* SORT 3 5 6 4 2 1');
    // addr-mailbox, case-insensitive: alice, BOB, carol, dave, eve, zoe.
    expect(await sort('SORT (FROM) UTF-8 ALL')).toBe('* SORT 2 3 1 4 5 6');
    expect(await sort('SORT (REVERSE FROM) UTF-8 ALL')).toBe('* SORT 6 5 4 1 3 2');
    // Display names: alice@example.test, Bob, Carol, dave@remote.test, Eve, Zoe.
    expect(await sort('SORT (DISPLAYFROM) UTF-8 ALL')).toBe('* SORT 2 3 1 4 5 6');
    expect(await sort('SORT (SUBJECT DATE) UTF-8 SUBJECT "project" NOT FROM "carol"')).toBe('* SORT 2 4 6');
    expect(await sort('SORT (DATE) UTF-8 SUBJECT "nothing like this"')).toBe('* SORT');
    // CONDSTORE (RFC 7162 3.1.5): a MODSEQ search key adds the highest mod-sequence.
    expect(await sort('SORT (DATE) UTF-8 MODSEQ 1')).toMatch(/^\* SORT 5 1 3 2 4 6 \(MODSEQ \d+\)$/);
    const size = await sort('SORT (SIZE) UTF-8 ALL');
    expect(size!.split(' ').slice(2).sort()).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it('THREAD REFERENCES and ORDEREDSUBJECT, with sequence numbers and UIDs', async () => {
    const t = await client.cmd('THREAD REFERENCES UTF-8 ALL');
    expect(t.untagged).toEqual(['* THREAD (1 2 4 6)(3 5)']);
    expect(t.tagged).toMatch(/OK/);
    expect((await client.cmd('THREAD ORDEREDSUBJECT UTF-8 ALL')).untagged).toEqual(['* THREAD (5 3)(1 (2)(4)(6))']);
    // Only some messages: the missing parent's replies still thread by References.
    expect((await client.cmd('THREAD REFERENCES UTF-8 NOT SUBJECT "lunch" NOT HEADER Message-ID "<a@t>"')).untagged).toEqual(['* THREAD (2 4 6)']);
    // Without 2 (<b@t>), its place is a dummy with one child, pruned: 4 hangs under 1 directly.
    expect((await client.cmd('THREAD REFERENCES UTF-8 NOT FROM "alice" SUBJECT "project"')).untagged).toEqual(['* THREAD (1 4 6)']);
  });

  it('UID SORT and UID THREAD answer UIDs (here not the sequence numbers: the first message is gone)', async () => {
    // Expunge message 1 so that sequence numbers and UIDs differ.
    expect((await client.cmd('STORE 1 +FLAGS.SILENT (\\Deleted)')).status).toBe('OK');
    expect((await client.cmd('EXPUNGE')).untagged).toEqual(['* 1 EXPUNGE']);
    const uids = (await client.cmd('UID SEARCH ALL')).untagged[0];
    expect(uids).toBe('* SEARCH 2 3 4 5 6');
    expect((await client.cmd('UID SORT (REVERSE DATE) UTF-8 ALL')).untagged).toEqual(['* SORT 6 4 2 3 5']);
    expect((await client.cmd('SORT (REVERSE DATE) UTF-8 ALL')).untagged).toEqual(['* SORT 5 3 1 2 4']);
    // <a@t> is gone: its dummy is pruned and UID 2 (4 Jan) heads that thread, now after "Lunch" (3 Jan).
    expect((await client.cmd('UID THREAD REFERENCES UTF-8 ALL')).untagged).toEqual(['* THREAD (3 5)(2 4 6)']);
    expect((await client.cmd('THREAD REFERENCES UTF-8 ALL')).untagged).toEqual(['* THREAD (2 4)(1 3 5)']);
    expect((await client.cmd('UID THREAD ORDEREDSUBJECT UTF-8 ALL')).untagged).toEqual(['* THREAD (5 3)(2 (4)(6))']);
  });

  it('refuses other charsets with BADCHARSET, and bad syntax with BAD', async () => {
    expect((await client.cmd('SORT (DATE) ISO-8859-1 ALL')).tagged).toMatch(/^T\d+ NO \[BADCHARSET \(UTF-8 US-ASCII\)\] /);
    expect((await client.cmd('UID THREAD REFERENCES KOI8-R ALL')).tagged).toMatch(/^T\d+ NO \[BADCHARSET \(UTF-8 US-ASCII\)\] /);
    expect((await client.cmd('SORT (DATE) ALL')).status).toBe('BAD');
    expect((await client.cmd('THREAD X-FANCY UTF-8 ALL')).status).toBe('BAD');
    expect((await client.cmd('SORT (REVERSE) UTF-8 ALL')).status).toBe('BAD');
  });
});
