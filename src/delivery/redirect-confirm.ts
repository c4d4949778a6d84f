// Confirmation links for redirect targets on other servers (as the seed's provider does: a
// target receives nothing until it accepts). Admin operations only record a pending row; this
// mailer, running in every node, takes each unsent row (a conditional update, so two nodes never
// both send one), makes a random single-use token, keeps only its SHA-256 with the expiry, and
// hands the message to the delivery pipeline like any mail of ours (source 'local', null
// sender: nothing bounces back to it). A failed hand-over puts the row back for the next round.
import type { Config } from '../config/schema.js';
import { listenerAddress } from '../config/load.js';
import * as confirmations from '../store/redirect-confirmations-repo.js';
import { rfc5322Date } from '../util/dates.js';
import { newId, newSecret, sha256Hex } from '../util/ids.js';
import { startPeriodic } from '../util/periodic.js';
import type { DeliveryDeps } from './context.js';
import { deliver } from './pipeline.js';

const DAY_MS = 86_400_000;
const BATCH = 50;
export const CONFIRM_PATH = '/confirm-redirect';

export interface ConfirmationMailer {
  /** Sends every unsent confirmation now (after any round in progress). */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

export function startConfirmationMailer(deps: DeliveryDeps, intervalMs: number): ConfirmationMailer {
  return startPeriodic(() => sendUnsent(deps), intervalMs, (err) => deps.log.error({ err }, 'sending redirect confirmations failed'));
}

async function sendUnsent(deps: DeliveryDeps): Promise<void> {
  for (const row of await confirmations.unsentConfirmations(deps.store.db, BATCH)) {
    const token = newSecret(32);
    const now = deps.now();
    const expiresAt = now + deps.config.redirect.confirmDays * DAY_MS;
    if (!(await confirmations.claimForSending(deps.store.db, row.id, sha256Hex(token), expiresAt, now))) continue;
    try {
      await deliver(deps, {
        source: 'local',
        client: { ip: null, helo: null, reverseName: null, tls: false, mailbox: null },
        mailFrom: '',
        rcptTo: [row.target],
        raw: confirmationMessage(deps.config, { origin: row.origin, target: row.target, token, now }),
      });
      deps.log.info({ origin: row.origin, target: row.target }, 'redirect confirmation sent');
    } catch (err) {
      deps.log.error({ err, origin: row.origin, target: row.target }, 'redirect confirmation not sent; retried next round');
      await confirmations.markUnsent(deps.store.db, row.id);
    }
  }
}

/** Where people reach this node's web pages: http.publicUrl, else the host name and the HTTP listener's port. */
export function publicBaseUrl(config: Config): string {
  if (config.http.publicUrl) return config.http.publicUrl.replace(/\/+$/, '');
  const scheme = config.http.tls ? 'https' : 'http';
  const port = listenerAddress(config.listen.http)?.port;
  const shown = port && port !== (scheme === 'https' ? 443 : 80) ? `:${port}` : '';
  return `${scheme}://${config.hostname}${shown}`;
}

export function confirmationUrl(config: Config, token: string): string {
  return `${publicBaseUrl(config)}${CONFIRM_PATH}/${token}`;
}

export function confirmationMessage(config: Config, m: { origin: string; target: string; token: string; now: number }): Buffer {
  const days = config.redirect.confirmDays;
  const text = [
    'Hello,',
    '',
    `${m.origin} asks to redirect the mail it receives to this address (${m.target}).`,
    '',
    `To accept, open this link within ${days} day${days === 1 ? '' : 's'} and confirm:`,
    '',
    confirmationUrl(config, m.token),
    '',
    'If you did not expect this, ignore this message: nothing is redirected to you',
    'unless the link is used.',
    '',
    '-- ',
    `Mailcove at ${config.hostname}`,
    '',
  ].join('\r\n');
  const ascii = /^[\x00-\x7f]*$/.test(text);
  const headers = [
    `From: Mail redirection <no-reply@${m.origin.slice(m.origin.lastIndexOf('@') + 1)}>`,
    `To: <${m.target}>`,
    'Subject: Confirm a mail redirection to this address',
    `Date: ${rfc5322Date(new Date(m.now))}`,
    `Message-ID: <${newId(m.now)}@${config.hostname}>`,
    // RFC 3834: made by a machine; responders must not answer it.
    'Auto-Submitted: auto-generated',
    'MIME-Version: 1.0',
    `Content-Type: text/plain; charset=${ascii ? 'us-ascii' : 'utf-8'}`,
    `Content-Transfer-Encoding: ${ascii ? '7bit' : 'base64'}`,
  ];
  const body = ascii ? text : (Buffer.from(text, 'utf8').toString('base64').match(/.{1,76}/g) ?? []).join('\r\n') + '\r\n';
  return Buffer.from(`${headers.join('\r\n')}\r\n\r\n${body}`, 'utf8');
}
