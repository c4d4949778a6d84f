// Stage 6b, redirect (after decide, so filters and quarantine have placed every copy): which of
// the forwards route found may leave. A forward is held, with the reason in the trace, when the
// message is in a loop (our loop header for the same redirecting address, too many of our loop
// headers, too many hops), when it is spam, or when its target has not confirmed by the link.
// Nothing held is bounced: a loop must not turn into a bounce storm. A mailbox that keeps no
// copy of what it redirects keeps this one when none of its forwards left.
import { isConfirmed } from '../../store/redirect-confirmations-repo.js';
import { isSpamForRedirect, LOOP_HEADER, loopHeadersOf, loopTag, receivedCount } from '../redirect.js';
import { note, type DeliveryContext, type DeliveryDeps, type Forward, type Placement } from '../context.js';

export async function redirectStage(ctx: DeliveryContext, deps: DeliveryDeps): Promise<void> {
  const candidates = ctx.forwards ?? [];
  if (candidates.length === 0) return;
  const loops = loopHeadersOf(ctx, deps.config.hostname);
  const hops = receivedCount(ctx);

  const held = async (f: Forward): Promise<string | null> => {
    if (loops.tags.has(loopTag(deps.config, f.origin))) return `loop: ${f.origin} already redirected this message (${LOOP_HEADER})`;
    if (loops.ours >= deps.config.redirect.maxLoopHeaders) return `loop: ${loops.ours} ${LOOP_HEADER} headers of ${deps.config.hostname}`;
    // Our copy adds a Received: the next server would refuse it as a loop anyway.
    if (hops + 1 > deps.config.smtp.maxReceivedHeaders) return `loop: ${hops} Received headers already`;
    if (isSpamForRedirect(ctx, f)) return `classified as spam${ctx.spam?.reason ? ` (${ctx.spam.reason})` : ''}`;
    if (f.kind === 'redirect' && !(await isConfirmed(deps.store.db, f.origin, f.target))) return 'target not confirmed';
    return null;
  };

  const accepted: Forward[] = [];
  const reached = new Set(ctx.outbound);
  const forwardedCopies = new Set<Placement>();
  for (const f of candidates) {
    const why = await held(f);
    if (why) {
      note(ctx, 'redirect', `${f.origin} → ${f.target}: ${why}, not forwarded`);
      continue;
    }
    if (f.localCopy) forwardedCopies.add(f.localCopy.placement);
    if (reached.has(f.target)) {
      note(ctx, 'redirect', `${f.origin} → ${f.target}: already gets a copy`);
      continue;
    }
    reached.add(f.target);
    accepted.push(f);
    note(ctx, 'redirect', `${f.origin} → ${f.target}: forwarded${f.kind === 'srs-return' ? ' (back to the original sender)' : ''}`);
  }
  ctx.forwards = accepted;

  const keepsNone = new Set(candidates.flatMap((f) => (f.localCopy && !f.localCopy.keep ? [f.localCopy.placement] : [])));
  for (const p of keepsNone) {
    if (!ctx.placements.includes(p)) continue; // route dropped it already: a mailbox here got the message
    if (forwardedCopies.has(p)) {
      ctx.placements = ctx.placements.filter((x) => x !== p);
      note(ctx, 'redirect', `${p.mailbox.address}: no local copy (redirected)`);
    } else {
      note(ctx, 'redirect', `${p.mailbox.address}: kept here, nothing was forwarded`);
    }
  }
}
