// The spam-wave report: spam filed into Spam in the last days, counted by sender, sender domain,
// client IP and the rule that weighed most, with how many mailboxes each reached. For the admin
// (every mailbox) and for a user (one mailbox). Reads spam_log, written when copies are filed.
import type { Db } from '../store/db.js';
import { spamWaves, type WaveKey } from '../store/spam-repo.js';

export interface WaveRow { value: string | null; count: number; mailboxes: number; lastAt: number }

export interface SpamWaveReport {
  days: number;
  since: number;
  mailbox: string | null;
  bySender: WaveRow[];
  byDomain: WaveRow[];
  byIp: WaveRow[];
  byReason: WaveRow[];
}

export const MAX_WAVE_DAYS = 90;

export async function spamWaveReport(db: Db, opts: { days: number; now: number; mailbox?: { id: number; address: string } }): Promise<SpamWaveReport> {
  const since = opts.now - opts.days * 86_400_000;
  const id = opts.mailbox?.id ?? null;
  const by = (key: WaveKey) => spamWaves(db, key, since, id);
  return {
    days: opts.days,
    since,
    mailbox: opts.mailbox?.address ?? null,
    bySender: await by('sender'),
    byDomain: await by('sender_domain'),
    byIp: await by('ip'),
    byReason: await by('reason'),
  };
}
