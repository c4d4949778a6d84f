// Stage 2b (submission only), authorize: the From header must name addresses the authenticated
// mailbox may send as (its own and its aliases), as the envelope sender already had to.
import { parseAddress } from '../../util/address.js';
import { SmtpReplyError } from '../../util/errors.js';
import { sendableAddresses } from '../router.js';
import { note, type DeliveryContext, type DeliveryDeps } from '../context.js';

export async function authorizeStage(ctx: DeliveryContext, deps: DeliveryDeps): Promise<void> {
  if (ctx.source !== 'submission' || !ctx.client.mailbox || !ctx.parsed) return;
  const allowed = await sendableAddresses(deps.store.db, ctx.client.mailbox.id);
  const from = ctx.parsed.fromAddresses;
  if (from.length === 0) throw new SmtpReplyError(550, '5.6.0', 'Message has no From header');
  for (const addr of from) {
    const parsed = parseAddress(addr);
    if (!parsed || !allowed.has(parsed.address)) {
      throw new SmtpReplyError(553, '5.7.1', `From address <${addr}> is not one of the addresses of ${ctx.client.mailbox.address}`);
    }
  }
  note(ctx, 'authorize', `From ${from.join(', ')} allowed for ${ctx.client.mailbox.address}`);
}
