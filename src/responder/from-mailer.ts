// Codes that verify a responder's alternative From: the API or the CLI records a request (the CLI
// may run without a server), and this mailer, in every node, takes each unsent row with a
// conditional update (two nodes never both send it), draws 6 digits from the CSPRNG, keeps only
// their hash with the expiry, and hands the message to the pipeline from the null sender.
import crypto from 'node:crypto';
import type { DeliveryDeps } from '../delivery/context.js';
import { deliver } from '../delivery/pipeline.js';
import * as repo from '../store/responders-repo.js';
import { findMailboxById } from '../store/domains-repo.js';
import { rfc5322Date } from '../util/dates.js';
import { newId } from '../util/ids.js';
import { startPeriodic } from '../util/periodic.js';
import { fromCodeHash } from './service.js';

export const CODE_VALID_MS = 24 * 3_600_000;
const BATCH = 50;

export interface FromCodeMailer {
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

export function startFromCodeMailer(deps: DeliveryDeps, intervalMs: number): FromCodeMailer {
  return startPeriodic(() => sendUnsent(deps), intervalMs, (err) => deps.log.error({ err }, 'sending responder From codes failed'));
}

async function sendUnsent(deps: DeliveryDeps): Promise<void> {
  for (const row of await repo.unsentFromCodes(deps.store.db, BATCH)) {
    const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
    const now = deps.now();
    if (!(await repo.claimFromCode(deps.store.db, row.id, fromCodeHash(row.id, code), now + CODE_VALID_MS, now))) continue;
    const mailbox = await findMailboxById(deps.store.db, row.mailbox_id);
    if (!mailbox) continue;
    try {
      await deliver(deps, {
        source: 'local',
        client: { ip: null, helo: null, reverseName: null, tls: false, mailbox: null },
        mailFrom: '',
        rcptTo: [row.address],
        raw: codeMessage(deps.config.hostname, { mailbox: mailbox.address, address: row.address, code, now }),
      });
      deps.log.info({ mailbox: mailbox.address, address: row.address }, 'responder From code sent');
    } catch (err) {
      deps.log.error({ err, address: row.address }, 'responder From code not sent; retried next round');
      await repo.markFromCodeUnsent(deps.store.db, row.id);
    }
  }
}

export function codeMessage(hostname: string, m: { mailbox: string; address: string; code: string; now: number }): Buffer {
  const text = [
    'Hello,',
    '',
    `${m.mailbox} asks to send its automatic out-of-office replies with this address`,
    `(${m.address}) as From. To allow it, enter this code where it was asked for:`,
    '',
    `    ${m.code}`,
    '',
    'The code is valid for 24 hours. If you did not expect this, ignore this message:',
    'nothing is sent in your name unless the code is entered.',
    '',
    '-- ',
    `Mailcove at ${hostname}`,
    '',
  ].join('\r\n');
  const headers = [
    `From: Mail verification <no-reply@${m.mailbox.slice(m.mailbox.lastIndexOf('@') + 1)}>`,
    `To: <${m.address}>`,
    `Subject: Verification code ${m.code} for ${m.mailbox}`,
    `Date: ${rfc5322Date(new Date(m.now))}`,
    `Message-ID: <${newId(m.now)}@${hostname}>`,
    // RFC 3834: made by a machine; responders must not answer it.
    'Auto-Submitted: auto-generated',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=us-ascii',
    'Content-Transfer-Encoding: 7bit',
  ];
  return Buffer.from(`${headers.join('\r\n')}\r\n\r\n${text}`, 'latin1');
}
