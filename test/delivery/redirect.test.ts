// The rules of redirected mail without sockets: the spam predicate, our loop headers, and what
// prepareRedirect makes of the envelope sender and the bytes.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as admin from '../../src/accounts/admin.js';
import { configSchema } from '../../src/config/schema.js';
import type { DeliveryContext, DeliveryDeps, Forward, Placement } from '../../src/delivery/context.js';
import { isSpamForRedirect, LOOP_HEADER, loopHeadersOf, loopTag, prepareRedirect } from '../../src/delivery/redirect.js';
import { EventBus } from '../../src/events/bus.js';
import { deliver } from '../../src/delivery/pipeline.js';
import { setMailboxRedirect } from '../../src/accounts/redirections.js';
import { Metrics } from '../../src/metrics/registry.js';
import { parseMessage } from '../../src/mime/index.js';
import { createSrs } from '../../src/srs/srs.js';
import { freshStore, type FreshStore } from '../helpers/store.js';

const SECRET = 'a secret only these tests know';
const config = configSchema.parse({ hostname: 'mx.here.test', srs: { secret: SECRET } });

function context(opts: { raw?: string; mailFrom?: string; forwards?: Forward[]; placements?: Placement[] } = {}): DeliveryContext {
  const raw = Buffer.from(opts.raw ?? 'Subject: hi\r\n\r\nbody\r\n');
  return {
    id: 'D1',
    source: 'mx',
    receivedAt: Date.now(),
    client: { ip: '192.0.2.1', helo: 'client.test', reverseName: null, tls: false, mailbox: null },
    mailFrom: opts.mailFrom ?? 'ext@sender.test',
    rcptTo: ['alice@here.test'],
    raw,
    parsed: parseMessage(raw),
    placements: opts.placements ?? [],
    outbound: [],
    trace: [],
    auth: null,
    quarantine: null,
    forwards: opts.forwards,
  };
}

const placement = (folderRole: string) => ({ mailbox: { address: 'alice@here.test' }, folderRole, flags: [], rcpt: 'alice@here.test', copy: 'delivered' }) as unknown as Placement;

describe('isSpamForRedirect', () => {
  it('is true for a message-level spam verdict, or when the mailbox files its copy into Spam', () => {
    const inbox = placement('inbox');
    const junk = placement('junk');
    expect(isSpamForRedirect(context())).toBe(false);
    expect(isSpamForRedirect(context(), { localCopy: { placement: inbox, keep: true } })).toBe(false);
    expect(isSpamForRedirect(context(), { localCopy: { placement: junk, keep: true } })).toBe(true);
    expect(isSpamForRedirect({ ...context(), spam: { isSpam: true, reason: 'DMARC quarantine' } })).toBe(true);
    expect(isSpamForRedirect({ ...context(), spam: { isSpam: false } }, { localCopy: { placement: inbox, keep: false } })).toBe(false);
  });
});

describe('loop headers', () => {
  it('counts ours by host name and collects the origin tags of every node', () => {
    const tag = loopTag(config, 'Alice@here.test');
    expect(tag).toMatch(/^[0-9a-f]{16}$/);
    expect(loopTag(config, 'alice@here.test')).toBe(tag);
    expect(loopTag(configSchema.parse({ srs: { secret: 'another node entirely' } }), 'alice@here.test')).not.toBe(tag);
    const raw = [
      `${LOOP_HEADER}: mx.here.test; origin=${tag}`,
      `x-mailcove-loop: MX.HERE.TEST; origin=0123456789abcdef`,
      `${LOOP_HEADER}: mx.elsewhere.test; origin=fedcba9876543210`,
      `${LOOP_HEADER}: mx.here.test`,
      'Subject: hi',
      '',
      'body',
    ].join('\r\n');
    const seen = loopHeadersOf(context({ raw }), 'mx.here.test');
    expect(seen.ours).toBe(3);
    expect([...seen.tags].sort()).toEqual(['0123456789abcdef', 'fedcba9876543210', tag].sort());
  });
});

describe('prepareRedirect', () => {
  let fresh: FreshStore;
  let deps: DeliveryDeps;
  const now = Date.UTC(2026, 10, 26, 12);
  const srs = createSrs({ secrets: [SECRET], now: () => now });
  const fwd = (origin: string, target: string, kind: Forward['kind'] = 'redirect'): Forward => ({ origin, target, kind });

  beforeAll(async () => {
    fresh = await freshStore('sqlite');
    deps = { store: fresh.store, blobs: fresh.blobs, events: new EventBus(), config, log: pino({ level: 'silent' }), metrics: new Metrics({ processMetrics: false }), now: () => now };
    const ctx = { store: fresh.store, blobs: fresh.blobs, defaultQuotaBytes: 0 };
    await admin.addDomain(ctx, 'here.test');
    await admin.addDomain(ctx, 'other-here.test');
  });
  afterAll(async () => {
    deps.metrics.close();
    await fresh.cleanup();
  });

  it('rewrites an external sender with SRS in the domain of the redirecting address', async () => {
    const ctx = context({ forwards: [fwd('alice@here.test', 'a@remote.test'), fwd('team@other-here.test', 'b@remote.test'), fwd('bob@here.test', 'c@remote.test')] });
    const out = await prepareRedirect(ctx, deps, ctx.raw);
    expect(out.envelopes).toHaveLength(2);
    const [first, second] = out.envelopes;
    expect(first!.recipients).toEqual(['a@remote.test', 'c@remote.test']);
    expect(first!.sender).toMatch(/^SRS0=.{4}=..=sender\.test=ext@here\.test$/);
    expect(srs.reverse(first!.sender)).toEqual({ ok: true, address: 'ext@sender.test' });
    expect(second!.sender).toMatch(/@other-here\.test$/);
    expect(second!.recipients).toEqual(['b@remote.test']);
    // One loop header per redirecting address on top of the bytes, which are otherwise unchanged.
    const text = out.raw.toString('latin1');
    const lines = text.split('\r\n');
    expect(lines.slice(0, 3)).toEqual(['alice@here.test', 'team@other-here.test', 'bob@here.test'].map((o) => `${LOOP_HEADER}: mx.here.test; origin=${loopTag(config, o)}`));
    expect(out.raw.subarray(out.raw.length - ctx.raw.length).equals(ctx.raw)).toBe(true);
  });

  it('uses srs.domain when configured', async () => {
    const ctx = context({ forwards: [fwd('alice@here.test', 'a@remote.test')] });
    const out = await prepareRedirect(ctx, { ...deps, config: { ...config, srs: { ...config.srs, domain: 'srs.here.test' } } }, ctx.raw);
    expect(out.envelopes[0]!.sender).toMatch(/^SRS0=.*@srs\.here\.test$/);
  });

  it('keeps the null sender null and a sender of our own domains as it is', async () => {
    const bounce = context({ mailFrom: '', forwards: [fwd('SRS0=x@here.test', 'ext@sender.test', 'srs-return')] });
    expect((await prepareRedirect(bounce, deps, bounce.raw)).envelopes).toEqual([{ sender: '', recipients: ['ext@sender.test'] }]);
    const ours = context({ mailFrom: 'carol@other-here.test', forwards: [fwd('alice@here.test', 'a@remote.test')] });
    expect((await prepareRedirect(ours, deps, ours.raw)).envelopes).toEqual([{ sender: 'carol@other-here.test', recipients: ['a@remote.test'] }]);
  });

  it('forwards with the original sender, and says so, when the SRS address would be too long', async () => {
    const long = `${'x'.repeat(45)}@sender.test`;
    const ctx = context({ mailFrom: long, forwards: [fwd('alice@here.test', 'a@remote.test')] });
    const out = await prepareRedirect(ctx, deps, ctx.raw);
    expect(out.envelopes).toEqual([{ sender: long, recipients: ['a@remote.test'] }]);
    expect(ctx.trace.map((t) => t.note)).toEqual([expect.stringMatching(/^a@remote\.test: sender not rewritten \(rewritten local part would be \d+ octets \(at most 64\)\)/)]);
  });
});

describe('route and redirect stages (pipeline on a real store, no sockets)', () => {
  let fresh: FreshStore;
  let deps: DeliveryDeps;
  let ctx: admin.AdminContext;

  beforeAll(async () => {
    fresh = await freshStore('sqlite');
    deps = { store: fresh.store, blobs: fresh.blobs, events: new EventBus(), config, log: pino({ level: 'silent' }), metrics: new Metrics({ processMetrics: false }), now: Date.now };
    ctx = { store: fresh.store, blobs: fresh.blobs, defaultQuotaBytes: 0 };
    await admin.addDomain(ctx, 'here.test');
    for (const m of ['a', 'b', 'c', 'd', 'e']) await admin.addMailbox(ctx, `${m}@here.test`);
    await admin.addAlias(ctx, 'alias-of-e@here.test', 'e@here.test');
  });
  afterAll(async () => {
    deps.metrics.close();
    await fresh.cleanup();
  });

  const send = (rcpt: string) =>
    deliver(deps, {
      source: 'mx',
      client: { ip: '192.0.2.1', helo: 'client.test', reverseName: null, tls: false, mailbox: null },
      mailFrom: 'ext@sender.test',
      rcptTo: [rcpt],
      raw: Buffer.from(`From: ext@sender.test\r\nTo: ${rcpt}\r\nSubject: t\r\n\r\nbody\r\n`),
    });
  const stored = (c: DeliveryContext) => c.placements.map((p) => p.mailbox.address).sort();
  const notes = (c: DeliveryContext) => c.trace.map((t) => t.note);

  it('a mailbox redirecting here without a copy leaves the copy to its target', async () => {
    await setMailboxRedirect(ctx, 'a@here.test', ['b@here.test'], false);
    const c = await send('a@here.test');
    expect(stored(c)).toEqual(['b@here.test']);
    expect(notes(c)).toContain('a@here.test: no local copy (redirected)');
  });

  it('a redirect loop between two mailboxes that keep no copy keeps exactly one', async () => {
    await setMailboxRedirect(ctx, 'b@here.test', ['a@here.test'], false);
    const c = await send('a@here.test');
    expect(stored(c)).toEqual(['b@here.test']);
    expect(notes(c)).toContain('a@here.test: back to a@here.test (redirect loop)');
    await setMailboxRedirect(ctx, 'b@here.test', [], true);
  });

  it('keeps the copy when nothing could be forwarded, drops it when a mailbox here got it', async () => {
    await setMailboxRedirect(ctx, 'c@here.test', ['x@remote.test'], false);
    const kept = await send('c@here.test');
    expect(stored(kept)).toEqual(['c@here.test']);
    expect(notes(kept)).toEqual(expect.arrayContaining(['c@here.test → x@remote.test: target not confirmed, not forwarded', 'c@here.test: kept here, nothing was forwarded']));
    await setMailboxRedirect(ctx, 'c@here.test', ['x@remote.test', 'd@here.test'], false);
    const moved = await send('c@here.test');
    expect(stored(moved)).toEqual(['d@here.test']);
    expect(moved.forwards).toEqual([]);
  });

  it('follows a mailbox redirection for mail to its aliases too', async () => {
    await setMailboxRedirect(ctx, 'e@here.test', ['d@here.test'], true);
    const c = await send('alias-of-e@here.test');
    expect(stored(c)).toEqual(['d@here.test', 'e@here.test']);
  });
});
