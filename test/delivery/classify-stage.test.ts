// The classify stage on its own: what it leaves in the context and the trace, and that a failure
// around the classifier (here: the database the models come from) costs no message.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import type { DeliveryContext, DeliveryDeps } from '../../src/delivery/context.js';
import { classifyStage } from '../../src/delivery/stages/classify.js';
import { parseMessage } from '../../src/mime/index.js';

function context(raw: string, source: DeliveryContext['source'] = 'mx'): DeliveryContext {
  const buf = Buffer.from(raw.replace(/\r?\n/g, '\r\n'));
  return {
    id: 'd1', source, receivedAt: Date.now(), client: { ip: '192.0.2.7', helo: 'mail.remote.test', reverseName: null, tls: false, mailbox: null },
    mailFrom: 'a@remote.test', rcptTo: ['alice@example.test'], raw: buf, parsed: parseMessage(buf), placements: [], outbound: [], trace: [], auth: null, quarantine: null,
  };
}

const MAIL = 'X-Mailcove-Spam: no; score=-9.0\nFrom: a@remote.test\nTo: alice@example.test\nSubject: hello\nDate: Thu, 26 Nov 2026 10:00:00 +0000\nMessage-ID: <x@remote.test>\n\nHi Alice, lunch on Friday?\n';

function deps(db: unknown): DeliveryDeps {
  return { store: { db } as DeliveryDeps['store'], config: configSchema.parse({ hostname: 'mx.example.test' }), log: pino({ level: 'silent' }) } as DeliveryDeps;
}

const failingDb = new Proxy({}, { get: () => () => { throw new Error('database unavailable'); } });

describe('classify stage', () => {
  it('a failure around the classifier leaves the message unclassified and says so', async () => {
    const ctx = context(MAIL);
    await classifyStage(ctx, deps(failingDb));
    expect(ctx.classification).toBeUndefined();
    expect(ctx.spam).toBeUndefined();
    expect(ctx.trace.map((t) => t.note)).toEqual([
      'removed incoming X-Mailcove-Spam headers',
      'classifier failed (database unavailable); delivered to the Inbox unfiltered',
    ]);
    // The forged verdict is gone even so, and none of ours was added.
    expect(ctx.raw.toString()).not.toMatch(/X-Mailcove-Spam/);
  });

  it('mail from our own users is not classified, but a forged verdict is still removed', async () => {
    const ctx = context(MAIL, 'submission');
    await classifyStage(ctx, deps(failingDb));
    expect(ctx.raw.toString()).not.toMatch(/X-Mailcove-Spam/);
    expect(ctx.trace.at(-1)!.note).toMatch(/^skipped: submission mail is not classified/);
  });
});
