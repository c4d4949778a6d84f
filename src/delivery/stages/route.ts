// Stage 5, route: each recipient to mailboxes (direct, alias, catch-all), redirect targets
// (expanded, loops cut at a fixed depth) or, for mail our users send, other servers. Targets on
// other servers reached through a redirection (or through one of our SRS bounce addresses)
// become forwards, which the redirect stage checks after decide.
import { resolveAddress } from '../router.js';
import { note, type DeliveryContext, type DeliveryDeps, type Forward, type Placement } from '../context.js';
import { srsRouting } from '../redirect.js';
import { mailboxRedirectTargets } from '../../accounts/redirections.js';

const MAX_REDIRECT_DEPTH = 5;

/** Which redirection led to an address: its origin, and the origin mailbox's own copy. */
type Via = Pick<Forward, 'origin' | 'kind' | 'localCopy'>;

export async function routeStage(ctx: DeliveryContext, deps: DeliveryDeps): Promise<void> {
  const seenMailboxes = new Set<number>();
  const seenOutbound = new Set<string>();
  const redirecting = new Set<number>();
  const srs = srsRouting(deps);
  /** True when the address led to a mailbox here (which then has a copy). */
  const visit = async (address: string, depth: number, rcpt: string, from?: Via): Promise<boolean> => {
    const route = await resolveAddress(deps.store.db, address, srs, deps.now());
    switch (route.kind) {
      case 'mailbox': {
        if (seenMailboxes.has(route.mailbox.id)) {
          // Back into a mailbox whose redirection is being followed: a loop, which must not count
          // as "delivered here", or every mailbox of the loop would drop its copy.
          if (redirecting.has(route.mailbox.id)) return noMailbox(`${address}: back to ${route.mailbox.address} (redirect loop)`);
          note(ctx, 'route', `${address}: ${route.mailbox.address} already gets a copy`);
          return true;
        }
        seenMailboxes.add(route.mailbox.id);
        const placement: Placement = { mailbox: route.mailbox, folderRole: 'inbox', flags: [], rcpt, copy: 'delivered' };
        if (route.temporaryAlias) {
          placement.temporaryAlias = route.temporaryAlias;
          if (route.temporaryAlias.folder) placement.folder = route.temporaryAlias.folder;
        }
        ctx.placements.push(placement);
        note(ctx, 'route', `${address} → mailbox ${route.mailbox.address}${route.via === 'mailbox' ? '' : ` (${route.via})`}`);
        const targets = mailboxRedirectTargets(route.mailbox);
        if (targets.length === 0) return true;
        if (depth >= MAX_REDIRECT_DEPTH) {
          note(ctx, 'route', `${route.mailbox.address}: redirect chain deeper than ${MAX_REDIRECT_DEPTH}, not redirected (loop?)`);
          return true;
        }
        const keep = route.mailbox.redirect_keep_copy !== 0;
        note(ctx, 'route', `${route.mailbox.address} redirects to ${targets.join(', ')}${keep ? ' and keeps a copy' : ''}`);
        let reachedHere = false;
        redirecting.add(route.mailbox.id);
        for (const t of targets) {
          if (await visit(t, depth + 1, rcpt, { origin: route.mailbox.address, kind: 'redirect', localCopy: { placement, keep } })) reachedHere = true;
        }
        redirecting.delete(route.mailbox.id);
        // A mailbox here got it: redirected already, so no copy stays (forwards elsewhere still go).
        if (!keep && reachedHere) {
          ctx.placements = ctx.placements.filter((p) => p !== placement);
          note(ctx, 'route', `${route.mailbox.address}: no local copy (redirected)`);
        }
        return true;
      }
      case 'redirect': {
        if (depth >= MAX_REDIRECT_DEPTH) return noMailbox(`${address}: redirect chain deeper than ${MAX_REDIRECT_DEPTH}, dropped (loop?)`);
        note(ctx, 'route', `${address} redirects to ${route.targets.join(', ')}`);
        let reachedHere = false;
        for (const t of route.targets) if (await visit(t, depth + 1, rcpt, { origin: route.address, kind: 'redirect' })) reachedHere = true;
        return reachedHere;
      }
      case 'srs':
        // A bounce (or reply) to a sender we rewrote: back to where the message came from.
        if (depth >= MAX_REDIRECT_DEPTH) return noMailbox(`${address}: SRS chain deeper than ${MAX_REDIRECT_DEPTH}, dropped`);
        note(ctx, 'route', `${address}: SRS address of ours, returns to ${route.original}`);
        return visit(route.original, depth + 1, rcpt, { origin: route.address, kind: 'srs-return' });
      case 'srs-invalid':
        return noMailbox(`${address}: SRS address that does not verify (${route.reason}), dropped`);
      case 'remote':
        if (from) {
          (ctx.forwards ??= []).push({ ...from, target: route.address });
          return noMailbox(`${address}: on another server, forwarded for ${from.origin} if the redirect stage agrees`);
        }
        // Only mail from our own users may leave otherwise: never a relay.
        if (ctx.source === 'mx' && depth === 0) return noMailbox(`${address}: not a local domain, refused`);
        if (!seenOutbound.has(route.address)) {
          seenOutbound.add(route.address);
          ctx.outbound.push(route.address);
        }
        return noMailbox(`${address} → outbound queue`);
      case 'unknown':
        return noMailbox(`${address}: no such address here${route.reason ? ` (${route.reason})` : ''}, dropped`);
      case 'invalid':
        return noMailbox(`${address}: no such address here, dropped`);
    }
  };
  /** Notes what happened to an address that reached no mailbox here. */
  const noMailbox = (text: string): false => {
    note(ctx, 'route', text);
    return false;
  };
  for (const rcpt of ctx.rcptTo) await visit(rcpt, 0, rcpt);
}
