// SEARCH over a real session: TEXT and BODY through the full-text index (words in order, the last
// one as a prefix; strings without word characters matched as substrings), header keys over
// decoded header values, copies keep their index entry, and another mailbox's mail is never found.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provision, startTestNode, TEST_DIALECTS, type TestNode } from '../helpers/server.js';
import { RawImap } from '../helpers/imap-client.js';

const MESSAGES = [
  'From: =?utf-8?q?J=C3=B6rg?= <joerg@example.com>\r\nTo: alice@example.test\r\nSubject: Quarterly revenue\r\n\r\nThe supermarket opens at nine.\r\n',
  'From: carol@example.net\r\nTo: Bob Builder <bob@example.net>\r\nSubject: hello\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Marketing plan for caf=C3=A9s</p>\r\n'.replace('caf=C3=A9s', 'cafés'),
  'From: dan@example.org\r\nSubject: prices\r\n\r\nprice: $$ 100 @ noon\r\n',
];

async function append(c: RawImap, folder: string, msg: string): Promise<void> {
  const bytes = Buffer.byteLength(msg);
  const r = await c.cmd(`APPEND ${folder} {${bytes}+}\r\n${msg}`);
  expect(r.tagged).toMatch(/OK \[APPENDUID/);
}

/** A non-ASCII search string goes as a literal (LITERAL+). */
const lit = (s: string) => `{${Buffer.byteLength(s)}+}\r\n${s}`;

function uids(untagged: string[]): number[] {
  const line = untagged.find((l) => l.startsWith('* SEARCH'))!;
  return line.slice('* SEARCH'.length).trim().split(' ').filter(Boolean).map(Number);
}

describe.each(TEST_DIALECTS)('IMAP SEARCH through the index (%s)', (dialect) => {
  let node: TestNode;
  let pw: Record<string, string>;
  let alice: RawImap;

  async function login(user: string): Promise<RawImap> {
    const { client } = await RawImap.connect(node.port('imaps'), { tls: true });
    expect((await client.cmd(`LOGIN ${user} ${pw[user]}`)).status).toBe('OK');
    return client;
  }
  const search = async (q: string) => {
    const r = await alice.cmd(`UID SEARCH CHARSET UTF-8 ${q}`);
    expect(r.tagged).toMatch(/^T\d+ OK/);
    return uids(r.untagged);
  };

  beforeAll(async () => {
    node = await startTestNode({ dialect });
    pw = await provision(node.admin, 'example.test', ['alice', 'bob']);
    const bob = await login('bob@example.test');
    await append(bob, 'INBOX', 'From: x@example.net\r\nSubject: other\r\n\r\nrevenue marketing $$ joerg\r\n');
    await bob.cmd('LOGOUT');
    alice = await login('alice@example.test');
    for (const m of MESSAGES) await append(alice, 'INBOX', m);
    await alice.cmd('SELECT INBOX');
  });
  afterAll(async () => {
    await alice.cmd('LOGOUT');
    await node.cleanup();
  });

  it('TEXT covers header values; BODY only the body', async () => {
    expect(await search('TEXT revenue')).toEqual([1]);
    expect(await search('BODY revenue')).toEqual([]);
    expect(await search('TEXT nine')).toEqual([1]);
    expect(await search('TEXT "Bob Builder"')).toEqual([2]);
    expect(await search('TEXT joerg@example.com')).toEqual([1]);
  });

  it('matches words in order, the last as a prefix, case-insensitively, HTML as text', async () => {
    expect(await search('BODY MARKET')).toEqual([2]); // "Marketing"; not the middle of "supermarket"
    expect(await search('BODY "plan for"')).toEqual([2]);
    expect(await search('BODY "for plan"')).toEqual([]);
    expect(await search(`BODY ${lit('cafés')}`)).toEqual([2]);
    expect(await search('BODY p')).toEqual([2, 3]); // "plan", "price"
  });

  it('matches strings without word characters as substrings', async () => {
    expect(await search('TEXT "$$"')).toEqual([3]);
    expect(await search('BODY "@"')).toEqual([3]);
  });

  it('combines index hits with other keys, NOT and OR', async () => {
    expect(await search('NOT TEXT revenue')).toEqual([2, 3]);
    expect(await search(`OR TEXT revenue BODY ${lit('cafés')}`)).toEqual([1, 2]);
    expect(await search('TEXT revenue UID 2:*')).toEqual([]);
  });

  it('header keys match decoded values as substrings', async () => {
    expect(await search(`FROM ${lit('jörg')}`)).toEqual([1]);
    expect(await search('FROM EXAMPLE.COM')).toEqual([1]);
    expect(await search('TO "bob builder"')).toEqual([2]);
    expect(await search('SUBJECT "terly rev"')).toEqual([1]);
    expect(await search('HEADER Content-Type html')).toEqual([2]);
    expect(await search('HEADER X-Missing ""')).toEqual([]);
  });

  it('a copy is found in its new folder', async () => {
    expect((await alice.cmd('CREATE Kept')).status).toBe('OK');
    expect((await alice.cmd('UID COPY 1 Kept')).status).toBe('OK');
    await alice.cmd('SELECT Kept');
    expect(await search('TEXT revenue')).toEqual([1]);
    expect(await search(`FROM ${lit('jörg')}`)).toEqual([1]);
    await alice.cmd('SELECT INBOX');
  });
});
