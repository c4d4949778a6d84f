// Block and allow lists and temporary aliases, end to end: mail in over SMTP, read back over IMAP,
// decisions checked in the trace; the clock is injected for alias expiry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as admin from '../../src/accounts/admin.js';
import * as lists from '../../src/accounts/sender-lists.js';
import * as temp from '../../src/aliases/temporary.js';
import { traceMessage } from '../../src/delivery/trace.js';
import { provision, startTestNode, TEST_DIALECTS, type TestNode } from '../helpers/server.js';
import { message, smtpTransaction } from '../helpers/smtp-client.js';
import { RawImap } from '../helpers/imap-client.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';

const HOUR = 3600_000;

const send = (port: number, from: string, rcpts: string[], raw: string) => smtpTransaction(port, from, rcpts, raw, 'client.remote.test');

describe.each(TEST_DIALECTS)('block/allow lists and temporary aliases (%s)', (dialect) => {
  let node: TestNode;
  let dns: TestDnsServer;
  let port: number;
  let clock = Date.now();
  let pw: Record<string, string>;

  /** Subjects of a folder, over IMAP. */
  async function subjects(address: string, folder: string): Promise<string[]> {
    const { client } = await RawImap.connect(node.port('imaps'), { tls: true });
    expect((await client.cmd(`LOGIN ${address} ${pw[address]}`)).status).toBe('OK');
    expect((await client.cmd(`SELECT "${folder}"`)).status).toBe('OK');
    const r = await client.cmd('FETCH 1:* (BODY.PEEK[HEADER.FIELDS (SUBJECT)])');
    await client.cmd('LOGOUT');
    client.close();
    return r.untagged.filter((l) => l.startsWith('Subject: ')).map((l) => l.slice('Subject: '.length));
  }

  const trace = async (messageId: string) => (await traceMessage(node.server.deps.store, messageId)).deliveries[0]!.trace.map((t) => t.note);

  beforeAll(async () => {
    dns = await startDnsServer({
      'quar.test': { TXT: ['v=spf1 -all'] },
      '_dmarc.quar.test': { TXT: ['v=DMARC1; p=quarantine'] },
    });
    node = await startTestNode({ dialect, now: () => clock, config: { dns: { servers: [dns.address], timeoutMs: 2000 } } });
    port = node.port('smtp');
    pw = await provision(node.admin, 'example.test', ['alice', 'bob', 'carol']);
    Object.assign(pw, await provision(node.admin, 'catch.test', ['catchall', 'dave']));
    await admin.addAlias(node.admin, 'al@example.test', 'alice@example.test');
  });
  afterAll(async () => {
    await node.cleanup();
    await dns.close();
  });

  it('a blocked domain lands in Spam, matched on the From header too', async () => {
    await lists.addListEntry(node.admin, { mailbox: 'alice@example.test' }, 'block', 'spam.xyz');
    let r = await send(port, 'x@mail.spam.xyz', ['alice@example.test'], message({ from: 'x@mail.spam.xyz', to: 'alice@example.test', subject: 'blocked envelope', messageId: '<b1@t>' }));
    expect(r.data!.code).toBe(250);
    // The envelope sender is innocent; the From header is not.
    r = await send(port, 'bounce@esp.test', ['alice@example.test'], message({ from: 'Deals <deals@spam.xyz>', to: 'alice@example.test', subject: 'blocked from', messageId: '<b2@t>' }));
    expect(r.data!.code).toBe(250);
    expect(await subjects('alice@example.test', 'Spam')).toEqual(['blocked envelope', 'blocked from']);
    expect(await subjects('alice@example.test', 'INBOX')).toEqual([]);
    expect(await trace('<b1@t>')).toContain('alice@example.test: blocked by mailbox list entry spam.xyz (envelope sender x@mail.spam.xyz) → junk');
    expect(await trace('<b2@t>')).toContain('alice@example.test: blocked by mailbox list entry spam.xyz (From deals@spam.xyz) → junk');
  });

  it('the reject setting refuses with 550 5.7.1 when every recipient rejects, else drops that copy', async () => {
    await lists.setBlockAction(node.admin, 'bob@example.test', 'reject');
    await lists.addListEntry(node.admin, { mailbox: 'bob@example.test' }, 'block', '*@reject.test');
    let r = await send(port, 'x@reject.test', ['bob@example.test'], message({ from: 'x@reject.test', to: 'bob@example.test', subject: 'refused', messageId: '<r1@t>' }));
    expect(r.data!.code).toBe(550);
    expect(r.data!.text).toMatch(/^5\.7\.1 /);
    expect(await trace('<r1@t>')).toContain('bob@example.test: blocked by mailbox list entry *@reject.test (envelope sender x@reject.test) → rejected');

    r = await send(port, 'x@reject.test', ['bob@example.test', 'carol@example.test'], message({ from: 'x@reject.test', to: 'bob@example.test', subject: 'half', messageId: '<r2@t>' }));
    expect(r.data!.code).toBe(250);
    expect(await subjects('carol@example.test', 'INBOX')).toContain('half');
    expect(await subjects('bob@example.test', 'INBOX')).not.toContain('half');
    expect(await subjects('bob@example.test', 'Spam')).not.toContain('half');
    expect(await trace('<r2@t>')).toContain('bob@example.test: copy dropped (sender blocked), the other recipients get theirs');
  });

  it('domain lists apply to every mailbox; a mailbox allow entry wins and is flagged in the trace', async () => {
    await lists.addListEntry(node.admin, { domain: 'example.test' }, 'block', '*@bad.test');
    await lists.addListEntry(node.admin, { mailbox: 'carol@example.test' }, 'allow', 'Friend@BAD.test');
    await send(port, 'friend@bad.test', ['carol@example.test', 'alice@example.test'], message({ from: 'friend@bad.test', to: 'carol@example.test', subject: 'from a friend', messageId: '<a1@t>' }));
    expect(await subjects('carol@example.test', 'INBOX')).toContain('from a friend');
    expect(await subjects('alice@example.test', 'Spam')).toContain('from a friend');
    const notes = await trace('<a1@t>');
    expect(notes).toContain('carol@example.test: allowed by mailbox list entry friend@bad.test (envelope sender friend@bad.test) (skips the spam filter)');
    expect(notes).toContain('alice@example.test: blocked by domain list entry *@bad.test (envelope sender friend@bad.test) → junk');
  });

  it('an allow entry does not override DMARC quarantine', async () => {
    await lists.addListEntry(node.admin, { mailbox: 'carol@example.test' }, 'allow', '*@quar.test');
    await send(port, 'ceo@quar.test', ['carol@example.test'], message({ from: 'ceo@quar.test', to: 'carol@example.test', subject: 'forged ceo', messageId: '<q1@t>' }));
    expect(await subjects('carol@example.test', 'Spam')).toContain('forged ceo');
    expect((await trace('<q1@t>')).some((n) => /^carol@example\.test: allowed by mailbox list entry \*@quar\.test .*but into junk: an allow entry does not override DMARC/.test(n))).toBe(true);
  });

  it('refuses allow entries matching the own address, an alias or the own domain', async () => {
    for (const entry of ['alice@example.test', 'al@example.test', '*@example.test', 'example.test']) {
      await expect(lists.addListEntry(node.admin, { mailbox: 'alice@example.test' }, 'allow', entry)).rejects.toMatchObject({ field: 'entry', message: expect.stringMatching(/forge/) });
    }
    await expect(lists.addListEntry(node.admin, { mailbox: 'alice@example.test' }, 'block', 'a b@x.test')).rejects.toMatchObject({ field: 'entry', message: expect.stringContaining('"a b@x.test"') });
  });

  it('a temporary alias files into its folder, keeps the alias as recipient and counts sender domains', async () => {
    const { client } = await RawImap.connect(node.port('imaps'), { tls: true });
    await client.cmd(`LOGIN alice@example.test ${pw['alice@example.test']}`);
    expect((await client.cmd('CREATE Shops')).status).toBe('OK');
    await client.cmd('LOGOUT');
    client.close();
    const a = await temp.addTemporaryAlias(node.admin, 'alice@example.test', { prefix: 'Shop', note: 'shop.example', folder: 'Shops' }, clock);
    expect(a.address).toMatch(/^shop\.[a-z2-7]{8}@example\.test$/);
    for (const [from, subject] of [['news@shop.example', 'deal 1'], ['news@shop.example', 'deal 2'], ['spam@leaker.test', 'leaked']] as const) {
      const r = await send(port, `bounce@esp.test`, [a.address], message({ from, to: a.address, subject, messageId: `<t-${subject.replace(' ', '')}@t>` }));
      expect(r.data!.code).toBe(250);
    }
    expect(await subjects('alice@example.test', 'Shops')).toEqual(['deal 1', 'deal 2', 'leaked']);
    const notes = await trace('<t-deal1@t>');
    expect(notes).toContain(`${a.address} → mailbox alice@example.test (temporary alias)`);
    expect(notes).toContain(`alice@example.test: keep in Shops (temporary alias ${a.address})`);
    const [listed] = await temp.listTemporaryAliases(node.admin, 'alice@example.test', clock);
    expect(listed).toMatchObject({ address: a.address, status: 'active', received: 3, note: 'shop.example', folder: 'Shops' });
    expect(listed!.senders.map((s) => [s.domain, s.count])).toEqual([['shop.example', 2], ['leaker.test', 1]]);
  });

  it('a disabled, expired or deleted alias is refused at RCPT with 550 5.1.1, even where a catch-all exists', async () => {
    const a = await temp.addTemporaryAlias(node.admin, 'dave@catch.test', { note: 'forum', expiresAt: clock + HOUR }, clock);
    const rcpt = async () => (await send(port, 'x@remote.test', [a.address], message({ from: 'x@remote.test', to: a.address })).then((r) => r.rcpt[0]!));
    expect((await rcpt()).code).toBe(250);

    await temp.updateTemporaryAlias(node.admin, a.address, { enabled: false }, clock);
    let r = await rcpt();
    expect(r.code).toBe(550);
    expect(r.text).toBe(`5.1.1 No such user here <${a.address}>`);
    await temp.updateTemporaryAlias(node.admin, a.address, { enabled: true }, clock);
    expect((await rcpt()).code).toBe(250);

    clock += 2 * HOUR;
    r = await rcpt();
    expect(r.code).toBe(550);
    expect(r.text).toMatch(/^5\.1\.1 /);
    expect((await temp.listTemporaryAliases(node.admin, 'dave@catch.test', clock))[0]!.status).toBe('expired');

    const b = await temp.addTemporaryAlias(node.admin, 'dave@catch.test', { address: 'forum-2026@catch.test' }, clock);
    await temp.removeTemporaryAlias(node.admin, b.address, clock);
    r = (await send(port, 'x@remote.test', [b.address], message({ from: 'x@remote.test', to: b.address }))).rcpt[0]!;
    expect(r.code).toBe(550);
    expect(r.text).toBe(`5.1.1 No such user here <${b.address}>`);
    // The address is never handed out again, and other unknown addresses still reach the catch-all.
    await expect(temp.addTemporaryAlias(node.admin, 'dave@catch.test', { address: b.address }, clock)).rejects.toMatchObject({ kind: 'conflict', field: 'address' });
    expect((await send(port, 'x@remote.test', ['whoever@catch.test'], message({ from: 'x@remote.test', to: 'whoever@catch.test' }))).rcpt[0]!.code).toBe(250);
  });
});
