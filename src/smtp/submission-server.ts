// Submission (RFC 6409) on 587 with STARTTLS and 465 with implicit TLS (RFC 8314): our users send
// mail. AUTH PLAIN/LOGIN only over TLS, with a mailbox address and one of its device passwords;
// the envelope sender and From must be the mailbox's own addresses; sending limits apply at RCPT.
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import type { DeliveryDeps } from '../delivery/context.js';
import { resolveAddress, sendableAddresses } from '../delivery/router.js';
import { checkSendingLimits, limitsFor } from '../delivery/sending-limits.js';
import { mailboxLogin } from '../accounts/mailbox-login.js';
import type { AuthLimiter } from '../accounts/auth-limiter.js';
import { findMailboxById } from '../store/domains-repo.js';
import { parseAddress } from '../util/address.js';
import type { Row } from '../store/schema.js';
import { asReply, baseOptions, receiveData, type IpConnectionLimiter, type TlsPair } from './common.js';
import { installReplyPatch, reply } from './replies.js';

interface SubmissionUser { mailboxId: number; address: string }

async function sessionMailbox(deps: DeliveryDeps, session: SMTPServerSession): Promise<Row<'mailboxes'> | undefined> {
  const user = session.user as unknown as SubmissionUser | undefined;
  return user ? findMailboxById(deps.store.db, user.mailboxId) : undefined;
}

export function createSubmissionServer(
  deps: DeliveryDeps,
  tls: TlsPair,
  limiter: IpConnectionLimiter,
  auth: AuthLimiter,
  opts: { implicitTls: boolean },
): SMTPServer {
  installReplyPatch();
  return new SMTPServer({
    ...baseOptions(deps, opts.implicitTls ? 'submissions' : 'submission', tls, limiter),
    secure: opts.implicitTls,
    authMethods: ['PLAIN', 'LOGIN'],
    authOptional: false,
    allowInsecureAuth: false,
    async onAuth(creds, session, callback) {
      const result = await mailboxLogin(deps.store, auth, creds.username ?? '', creds.password ?? '', session.remoteAddress);
      if (result.ok) return callback(null, { user: { mailboxId: result.mailbox.id, address: result.mailbox.address } as never });
      deps.metrics.smtpAuthFailures.inc({ listener: opts.implicitTls ? 'submissions' : 'submission' });
      if (result.reason === 'locked') {
        return callback(reply(454, '4.7.0', `Too many failed logins, try again in ${Math.ceil(result.retryAfterMs / 60_000)} minutes`));
      }
      callback(reply(535, '5.7.8', 'Authentication credentials invalid'));
    },
    async onMailFrom(address, session, callback) {
      try {
        const mailbox = await sessionMailbox(deps, session);
        if (!mailbox) return callback(reply(530, '5.7.0', 'Authentication required'));
        if (mailbox.kind === 'catchall') return callback(reply(550, '5.7.1', 'The catch-all address cannot send mail'));
        const parsed = parseAddress(address.address ?? '');
        const allowed = await sendableAddresses(deps.store.db, mailbox.id);
        if (!parsed || !allowed.has(parsed.address)) {
          return callback(reply(553, '5.7.1', `Sender address <${address.address}> is not one of the addresses of ${mailbox.address}`));
        }
        callback();
      } catch (err) {
        callback(asReply(deps, err));
      }
    },
    async onRcptTo(address, session, callback) {
      try {
        const mailbox = await sessionMailbox(deps, session);
        if (!mailbox) return callback(reply(530, '5.7.0', 'Authentication required'));
        const route = await resolveAddress(deps.store.db, address.address, undefined, deps.now());
        if (route.kind === 'invalid') return callback(reply(553, '5.1.3', `Bad recipient address syntax <${address.address}>`));
        if (route.kind === 'unknown') return callback(reply(550, '5.1.1', `No such user here <${route.address}>`));
        const limits = await limitsFor(deps.store.db, deps.config, mailbox);
        await checkSendingLimits(deps.store.db, limits, mailbox, session.envelope.rcptTo.length + 1, deps.now());
        callback();
      } catch (err) {
        callback(asReply(deps, err));
      }
    },
    onData(stream, session, callback) {
      sessionMailbox(deps, session)
        .then((mailbox) => receiveData(deps, 'submission', stream, session, mailbox ?? null))
        .then(
          (msg) => callback(null, msg),
          (err: Error) => callback(err),
        );
    },
  });
}
