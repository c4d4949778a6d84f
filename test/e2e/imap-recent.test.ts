// \Recent (RFC 3501 2.3.2) across sessions: a message is recent to the first session told of it
// (SELECT, or the EXISTS of a selected session); EXAMINE sees it without taking it; IMAP4rev2
// sessions never see \Recent or RECENT.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provision, startTestNode, TEST_DIALECTS, type TestNode } from '../helpers/server.js';
import { RawImap } from '../helpers/imap-client.js';

const MSG = 'From: a@example.net\r\nSubject: recent\r\n\r\nhello\r\n';

describe.each(TEST_DIALECTS)('IMAP \\Recent (%s)', (dialect) => {
  let node: TestNode;
  let pw: Record<string, string>;
  const user = 'rita@example.test';

  async function login(): Promise<RawImap> {
    const { client } = await RawImap.connect(node.port('imaps'), { tls: true });
    expect((await client.cmd(`LOGIN ${user} ${pw[user]}`)).status).toBe('OK');
    return client;
  }
  const append = async (c: RawImap) => expect((await c.cmd(`APPEND INBOX {${MSG.length}+}\r\n${MSG}`)).status).toBe('OK');
  const statusRecent = async (c: RawImap) => (await c.cmd('STATUS INBOX (RECENT)')).untagged.find((l) => l.startsWith('* STATUS'));

  beforeAll(async () => {
    node = await startTestNode({ dialect });
    pw = await provision(node.admin, 'example.test', ['rita']);
  });
  afterAll(() => node.cleanup());

  it('goes to the first session told, shows in FLAGS and SEARCH, and EXAMINE does not take it', async () => {
    const a = await login();
    const b = await login();
    const sel = await a.cmd('SELECT INBOX');
    expect(sel.untagged).toContain('* 0 RECENT');

    await append(b);
    expect(await statusRecent(b)).toBe('* STATUS "INBOX" (RECENT 1)');
    const noop = await a.cmd('NOOP');
    expect(noop.untagged).toEqual(['* 1 EXISTS', '* 1 RECENT']);
    expect(await statusRecent(b)).toBe('* STATUS "INBOX" (RECENT 0)');
    expect((await a.cmd('FETCH 1 FLAGS')).untagged).toEqual(['* 1 FETCH (FLAGS (\\Recent))']);
    expect((await a.cmd('SEARCH RECENT')).untagged).toEqual(['* SEARCH 1']);
    expect((await a.cmd('SEARCH NEW')).untagged).toEqual(['* SEARCH 1']);
    expect((await a.cmd('SEARCH OLD')).untagged).toEqual(['* SEARCH']);
    expect((await a.cmd('STORE 1 +FLAGS (\\Seen)')).untagged).toEqual(['* 1 FETCH (FLAGS (\\Seen \\Recent))']);
    expect((await a.cmd('SEARCH NEW')).untagged).toEqual(['* SEARCH']);

    // b selects first after the second message: it is b's, not a's.
    await append(b);
    const selB = await b.cmd('SELECT INBOX');
    expect(selB.untagged).toContain('* 2 EXISTS');
    expect(selB.untagged).toContain('* 1 RECENT');
    expect((await b.cmd('FETCH 1:2 FLAGS')).untagged).toEqual(['* 1 FETCH (FLAGS (\\Seen))', '* 2 FETCH (FLAGS (\\Recent))']);
    const noopA = await a.cmd('NOOP');
    expect(noopA.untagged).toEqual(['* 2 EXISTS', '* 1 RECENT']);
    expect((await a.cmd('SEARCH RECENT')).untagged).toEqual(['* SEARCH 1']);

    // EXAMINE sees a new message as recent and leaves it to the next SELECT.
    await b.cmd('UNSELECT');
    await append(b);
    const c = await login();
    expect((await c.cmd('EXAMINE INBOX')).untagged).toContain('* 1 RECENT');
    const d = await login();
    expect((await d.cmd('SELECT INBOX')).untagged).toContain('* 1 RECENT');
    for (const x of [a, b, c, d]) await x.cmd('LOGOUT');
  });

  it('is never shown to IMAP4rev2 sessions', async () => {
    const b = await login();
    await append(b);
    const r = await login();
    expect((await r.cmd('ENABLE IMAP4rev2')).status).toBe('OK');
    const sel = await r.cmd('SELECT INBOX');
    expect(sel.untagged.some((l) => /RECENT/.test(l))).toBe(false);
    expect((await r.cmd('FETCH 4 FLAGS')).untagged).toEqual(['* 4 FETCH (FLAGS ())']);
    await append(b);
    expect((await r.cmd('NOOP')).untagged).toEqual(['* 5 EXISTS']);
    for (const x of [b, r]) await x.cmd('LOGOUT');
  });
});
