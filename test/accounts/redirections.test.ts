// A mailbox's redirection and the consent of external targets, on both dialects: validation,
// which targets need a link, tokens (single use, expiry, stored hashed), clean-up, and the
// migration that keeps existing redirect-only targets flowing.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as admin from '../../src/accounts/admin.js';
import * as redirections from '../../src/accounts/redirections.js';
import { migrate } from '../../src/store/migrations.js';
import * as confirmations from '../../src/store/redirect-confirmations-repo.js';
import { sha256Hex } from '../../src/util/ids.js';
import { DIALECTS, freshStore, type FreshStore } from '../helpers/store.js';

const DAY = 86_400_000;

describe.each(DIALECTS)('redirections (%s)', (dialect) => {
  let fresh: FreshStore;
  let ctx: admin.AdminContext;
  const db = () => fresh.store.db;

  beforeAll(async () => {
    fresh = await freshStore(dialect);
    ctx = { store: fresh.store, blobs: fresh.blobs, defaultQuotaBytes: 1000 };
    await admin.addDomain(ctx, 'here.test');
    await admin.addDomain(ctx, 'also-here.test');
    for (const m of ['alice', 'bob', 'gone']) await admin.addMailbox(ctx, `${m}@here.test`);
  });
  afterAll(() => fresh.cleanup());

  /** Plays the confirmation mailer for one row: a token whose hash is stored. */
  async function issueToken(origin: string, target: string, now: number): Promise<string> {
    const row = (await confirmations.findConfirmation(db(), origin, target))!;
    const token = `tok_${origin.length}_${target.length}_${now}_abcdefghijklmnop`.replace(/[^A-Za-z0-9_-]/g, '_');
    expect(await confirmations.claimForSending(db(), row.id, sha256Hex(token), now + 7 * DAY, now)).toBe(true);
    return token;
  }

  it('validates targets and normalises them', async () => {
    await expect(redirections.setMailboxRedirect(ctx, 'alice@here.test', ['not an address'], true)).rejects.toMatchObject({ field: 'targets[0]' });
    await expect(redirections.setMailboxRedirect(ctx, 'alice@here.test', ['Alice@HERE.test'], true)).rejects.toThrow(/cannot redirect to itself/);
    await expect(redirections.setMailboxRedirect(ctx, 'alice@here.test', Array.from({ length: 11 }, (_, i) => `t${i}@x.test`), true)).rejects.toThrow(/at most 10/);
    await expect(redirections.setMailboxRedirect(ctx, 'nobody@here.test', [], true)).rejects.toMatchObject({ kind: 'not_found' });
    const r = await redirections.setMailboxRedirect(ctx, 'alice@here.test', ['Fwd@Remote.TEST', 'fwd@remote.test', 'bob@here.test', 'x@also-here.test'], false);
    expect(r).toEqual({ address: 'alice@here.test', targets: ['fwd@remote.test', 'bob@here.test', 'x@also-here.test'], keepCopy: false });
    expect(await redirections.getMailboxRedirect(ctx, 'alice@here.test')).toEqual(r);
  });

  it('asks only targets on other servers to confirm', async () => {
    const states = await redirections.listTargetStates(ctx, 'alice@here.test');
    expect(states).toEqual([{ address: 'alice@here.test', target: 'fwd@remote.test', status: 'pending', sentAt: null, expiresAt: null, confirmedAt: null }]);
    expect(await confirmations.unsentConfirmations(db(), 10)).toHaveLength(1);
  });

  it('confirms once with an unexpired token, which is stored only as a hash', async () => {
    const now = Date.now();
    const token = await issueToken('alice@here.test', 'fwd@remote.test', now);
    expect(await confirmations.unsentConfirmations(db(), 10)).toHaveLength(0); // claimed: not sent twice
    const rows = await db().selectFrom('redirect_confirmations').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(await redirections.lookupConfirmationToken(fresh.store, token, now)).toEqual({ state: 'valid', origin: 'alice@here.test', target: 'fwd@remote.test' });
    expect(await redirections.lookupConfirmationToken(fresh.store, `${token}x`, now)).toEqual({ state: 'unknown' });
    expect(await redirections.lookupConfirmationToken(fresh.store, '../../etc/passwd', now)).toEqual({ state: 'unknown' });
    expect((await redirections.confirmRedirectToken(fresh.store, token, now)).state).toBe('valid');
    expect((await redirections.confirmRedirectToken(fresh.store, token, now)).state).toBe('unknown');
    expect(await confirmations.isConfirmed(db(), 'alice@here.test', 'fwd@remote.test')).toBe(true);
    expect((await redirections.listTargetStates(ctx, 'alice@here.test'))[0]).toMatchObject({ status: 'confirmed', expiresAt: null });
    await expect(redirections.resendConfirmation(ctx, 'alice@here.test', 'fwd@remote.test')).rejects.toThrow(/already confirmed/);
  });

  it('refuses an expired token and sends a new one on request', async () => {
    await redirections.setMailboxRedirect(ctx, 'bob@here.test', ['late@remote.test'], true);
    const sent = Date.now() - 8 * DAY;
    const token = await issueToken('bob@here.test', 'late@remote.test', sent);
    const now = Date.now();
    expect(await redirections.lookupConfirmationToken(fresh.store, token, now)).toMatchObject({ state: 'expired' });
    expect(await redirections.confirmRedirectToken(fresh.store, token, now)).toMatchObject({ state: 'expired' });
    expect(await confirmations.isConfirmed(db(), 'bob@here.test', 'late@remote.test')).toBe(false);
    expect((await redirections.listTargetStates(ctx, 'bob@here.test'))[0]!.status).toBe('expired');
    const again = await redirections.resendConfirmation(ctx, 'bob@here.test', 'late@remote.test');
    expect(again).toMatchObject({ status: 'pending', sentAt: null });
    expect((await confirmations.unsentConfirmations(db(), 10)).map((r) => r.target)).toEqual(['late@remote.test']);
    // The old link no longer works at all.
    expect(await redirections.lookupConfirmationToken(fresh.store, token, now)).toEqual({ state: 'unknown' });
  });

  it('keeps consent for targets that stay, forgets removed ones, and cleans up with the address', async () => {
    await redirections.setMailboxRedirect(ctx, 'alice@here.test', ['fwd@remote.test', 'new@remote.test'], true);
    expect((await redirections.listTargetStates(ctx, 'alice@here.test')).map((s) => [s.target, s.status])).toEqual([
      ['fwd@remote.test', 'confirmed'],
      ['new@remote.test', 'pending'],
    ]);
    await redirections.setMailboxRedirect(ctx, 'alice@here.test', ['new@remote.test'], true);
    expect((await redirections.listTargetStates(ctx, 'alice@here.test')).map((s) => s.target)).toEqual(['new@remote.test']);
    await redirections.setMailboxRedirect(ctx, 'alice@here.test', [], true);
    expect(await redirections.listTargetStates(ctx, 'alice@here.test')).toEqual([]);
    expect((await redirections.getMailboxRedirect(ctx, 'alice@here.test')).targets).toEqual([]);

    await redirections.setMailboxRedirect(ctx, 'gone@here.test', ['a@remote.test'], true);
    await admin.addRedirect(ctx, 'list@here.test', ['b@remote.test', 'alice@here.test']);
    expect((await redirections.listTargetStates(ctx, 'list@here.test')).map((s) => s.target)).toEqual(['b@remote.test']);
    await admin.removeMailbox(ctx, 'gone@here.test');
    await admin.removeRedirect(ctx, 'list@here.test');
    expect(await redirections.listTargetStates(ctx, 'gone@here.test')).toEqual([]);
    expect(await redirections.listTargetStates(ctx, 'list@here.test')).toEqual([]);
    await admin.addMailbox(ctx, 'temp@also-here.test');
    await redirections.setMailboxRedirect(ctx, 'temp@also-here.test', ['c@remote.test'], true);
    await admin.removeDomain(ctx, 'also-here.test');
    expect(await redirections.listTargetStates(ctx, 'temp@also-here.test')).toEqual([]);
  });

  it('migration 006 keeps the external targets of existing redirect-only addresses confirmed', async () => {
    await admin.addRedirect(ctx, 'old@here.test', ['ext@remote.test', 'bob@here.test']);
    // Back to the schema before 006, with the redirect already there, then migrate again.
    await sql`DROP TABLE redirect_confirmations`.execute(db());
    await sql`ALTER TABLE mailboxes DROP COLUMN redirect_targets`.execute(db());
    await sql`ALTER TABLE mailboxes DROP COLUMN redirect_keep_copy`.execute(db());
    await sql`DELETE FROM schema_migrations WHERE name = '007_redirections'`.execute(db());
    expect(await migrate(db(), fresh.store.dialect)).toEqual(['007_redirections']);
    expect((await redirections.listTargetStates(ctx)).map((s) => [s.address, s.target, s.status])).toEqual([['old@here.test', 'ext@remote.test', 'confirmed']]);
    expect((await redirections.getMailboxRedirect(ctx, 'bob@here.test'))).toEqual({ address: 'bob@here.test', targets: [], keepCopy: true });
  });
});
