// Sending limits of a mailbox (the seed's To/CC/BCC guidance): recipients per message, and
// recipients per sliding 24 hours, each recipient counting as one. The mailbox's own value wins,
// then its domain's, then the configured default.
import type { Config } from '../config/schema.js';
import type { Db } from '../store/db.js';
import type { Row } from '../store/schema.js';
import { sentInWindow } from '../store/send-log-repo.js';
import { SmtpReplyError } from '../util/errors.js';

const DAY_MS = 24 * 3600_000;

export interface Limits { perMessage: number; per24h: number }

export async function limitsFor(db: Db, config: Config, mailbox: Row<'mailboxes'>): Promise<Limits> {
  const domain = await db.selectFrom('domains').selectAll().where('id', '=', mailbox.domain_id).executeTakeFirst();
  return {
    perMessage: mailbox.max_recipients_per_message ?? domain?.max_recipients_per_message ?? config.sending.maxRecipientsPerMessage,
    per24h: mailbox.max_recipients_per_24h ?? domain?.max_recipients_per_24h ?? config.sending.maxRecipientsPer24h,
  };
}

/** Throws the SMTP reply to give when `count` recipients for this message would break a limit. */
export async function checkSendingLimits(db: Db, limits: Limits, mailbox: Row<'mailboxes'>, count: number, now: number): Promise<void> {
  if (count > limits.perMessage) {
    throw new SmtpReplyError(452, '4.5.3', `Too many recipients: at most ${limits.perMessage} per message (To, Cc and Bcc together)`);
  }
  const { total, rows } = await sentInWindow(db, mailbox.id, now, DAY_MS);
  if (total + count <= limits.per24h) return;
  // The earliest moment enough of the window has expired for this message to fit.
  let freed = 0;
  let at = now + DAY_MS;
  for (const r of rows) {
    freed += r.recipients;
    if (total - freed + count <= limits.per24h) {
      at = r.at + DAY_MS;
      break;
    }
  }
  const when = new Date(at).toISOString().replace(/\.\d+Z$/, 'Z');
  throw new SmtpReplyError(
    450,
    '4.7.1',
    `Sending limit reached: at most ${limits.per24h} recipients per 24 hours (${total} used); ${count > limits.per24h ? 'this message has too many recipients to ever fit' : `enough frees up at ${when}`}`,
  );
}
