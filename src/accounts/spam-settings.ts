// A mailbox's spam filter settings, shared by the CLI and the JSON API: the spam filter (spam and
// phishing into Spam), the promotions/social filter, refusing at SMTP time above a score, and how
// long Spam and Trash keep messages. Unset values keep their current setting.
import { DEFAULT_SPAM_SETTINGS, saveSpamSettings, spamSettingsOf, type SpamSettings } from '../store/spam-repo.js';
import { invalid } from '../util/errors.js';
import { requireMailbox, type AdminContext } from './admin.js';

export interface SpamSettingsView extends SpamSettings { mailbox: string }

export interface SpamSettingsChange {
  spamFilter?: boolean;
  categoryFilter?: boolean;
  /** null: never refuse. */
  rejectAbove?: number | null;
  /** null: the server's default (spam.expiryDays); 0: keep forever. */
  expiryDays?: number | null;
}

// Below the spam threshold (5) a reject score would refuse mail the filter calls ham.
export const MIN_REJECT_SCORE = 5;

export async function getSpamSettings(ctx: AdminContext, mailbox: string): Promise<SpamSettingsView> {
  const m = await requireMailbox(ctx.store.db, mailbox, 'mailbox');
  const s = (await spamSettingsOf(ctx.store.db, [m.id])).get(m.id) ?? DEFAULT_SPAM_SETTINGS;
  return { mailbox: m.address, ...s };
}

export async function setSpamSettings(ctx: AdminContext, mailbox: string, change: SpamSettingsChange, now = Date.now()): Promise<SpamSettingsView> {
  if (change.rejectAbove != null && !(Number.isFinite(change.rejectAbove) && change.rejectAbove >= MIN_REJECT_SCORE && change.rejectAbove <= 1000)) {
    throw invalid('rejectAbove', `rejectAbove: ${change.rejectAbove} must be a score from ${MIN_REJECT_SCORE} (the spam threshold) to 1000, or off`);
  }
  if (change.expiryDays != null && !(Number.isInteger(change.expiryDays) && change.expiryDays >= 0 && change.expiryDays <= 3650)) {
    throw invalid('expiryDays', `expiryDays: ${change.expiryDays} must be whole days from 0 (keep forever) to 3650`);
  }
  return ctx.store.tx(async (trx) => {
    const m = await requireMailbox(trx, mailbox, 'mailbox');
    const current = (await spamSettingsOf(trx, [m.id])).get(m.id)!;
    const next: SpamSettings = {
      spamFilter: change.spamFilter ?? current.spamFilter,
      categoryFilter: change.categoryFilter ?? current.categoryFilter,
      rejectAbove: change.rejectAbove === undefined ? current.rejectAbove : change.rejectAbove,
      expiryDays: change.expiryDays === undefined ? current.expiryDays : change.expiryDays,
    };
    await saveSpamSettings(trx, m.id, next, now);
    return { mailbox: m.address, ...next };
  });
}
