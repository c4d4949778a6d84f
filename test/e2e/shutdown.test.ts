// Graceful shutdown: idle clients are let go at once with 421; a transaction in flight finishes
// and is stored before the node stops.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderMessages, provision, startTestNode, type TestNode } from '../helpers/server.js';
import { message, RawSmtp } from '../helpers/smtp-client.js';

describe('graceful shutdown', () => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startTestNode();
    await provision(node.admin, 'example.test', ['alice']);
  });
  afterAll(() => node.cleanup());

  it('answers 421 to idle clients, lets the open transaction finish, then stops', async () => {
    const { client: idle } = await RawSmtp.connect(node.port('smtp'));
    await idle.cmd('EHLO idle.test');
    const { client: busy } = await RawSmtp.connect(node.port('smtp'));
    await busy.cmd('EHLO busy.test');
    await busy.cmd('MAIL FROM:<x@remote.test>');
    await busy.cmd('RCPT TO:<alice@example.test>');
    expect((await busy.cmd('DATA')).code).toBe(354);
    busy.write(message({ from: 'x@remote.test', to: 'alice@example.test', messageId: '<inflight@r>' }));

    const started = Date.now();
    const stopping = node.stop();
    const idleReply = await idle.read();
    expect(`${idleReply.code} ${idleReply.text}`).toMatch(/^421 4\.3\.2 /);
    busy.write('.\r\n');
    expect((await busy.read()).code).toBe(250);
    await stopping;
    expect(Date.now() - started).toBeLessThan(5000);

    await node.restart();
    expect((await folderMessages(node, 'alice@example.test')).map((m) => m.message_id)).toContain('<inflight@r>');
  });
});
