// The MX listener: mail from the Internet to our domains. No AUTH here and never a relay: every
// recipient must be one of ours, checked at RCPT (RFC 5321 3.6.2: 550 5.7.1 otherwise).
import { SMTPServer } from 'smtp-server';
import type { DeliveryDeps } from '../delivery/context.js';
import { resolveAddress } from '../delivery/router.js';
import { srsRouting } from '../delivery/redirect.js';
import { baseOptions, receiveData, type IpConnectionLimiter, type TlsPair } from './common.js';
import { installReplyPatch, reply } from './replies.js';

const SRS_REFUSAL = { forged: 'Invalid SRS signature', expired: 'SRS address expired', malformed: 'Malformed SRS address' } as const;

export function createMxServer(deps: DeliveryDeps, tls: TlsPair, limiter: IpConnectionLimiter): SMTPServer {
  installReplyPatch();
  return new SMTPServer({
    ...baseOptions(deps, 'smtp', tls, limiter),
    disabledCommands: ['AUTH'],
    authOptional: true,
    onMailFrom(address, _session, callback) {
      if (!address.address) return callback(); // null sender: bounces must get through
      if (/[^\x00-\x7f]/.test(address.address) && !(address.args as Record<string, unknown>)?.SMTPUTF8) {
        return callback(reply(553, '5.6.7', 'Non-ASCII address requires the SMTPUTF8 parameter'));
      }
      callback();
    },
    async onRcptTo(address, session, callback) {
      try {
        if (session.envelope.rcptTo.length >= deps.config.smtp.maxRecipients) {
          return callback(reply(452, '4.5.3', `Too many recipients: at most ${deps.config.smtp.maxRecipients} per message`));
        }
        const route = await resolveAddress(deps.store.db, address.address, srsRouting(deps), deps.now());
        switch (route.kind) {
          case 'invalid':
            return callback(reply(553, '5.1.3', `Bad recipient address syntax <${address.address}>`));
          case 'remote':
            return callback(reply(550, '5.7.1', `Relaying denied: ${route.domain} is not a domain of this server`));
          case 'unknown':
            return callback(reply(550, '5.1.1', `No such user here <${route.address}>`));
          case 'mailbox':
            if (route.mailbox.quota_bytes > 0 && route.mailbox.used_bytes >= route.mailbox.quota_bytes) {
              return callback(reply(452, '4.2.2', `Mailbox full <${route.address}>, try again later`));
            }
            return callback();
          case 'redirect':
          case 'srs':
            return callback();
          case 'srs-invalid':
            // A bounce address we never made (or made too long ago): refusing it here keeps
            // forged SRS from turning us into a relay.
            return callback(reply(550, '5.7.1', `${SRS_REFUSAL[route.reason]} <${route.address}>`));
        }
      } catch (err) {
        deps.log.error({ err }, 'RCPT check failed');
        callback(reply(451, '4.3.0', 'Temporary local problem, please try again later'));
      }
    },
    onData(stream, session, callback) {
      receiveData(deps, 'mx', stream, session, null).then(
        (msg) => callback(null, msg),
        (err: Error) => callback(err),
      );
    },
  });
}
