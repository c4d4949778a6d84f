// Stage 5, route: each recipient to mailboxes (direct, alias, catch-all), redirect targets
// (expanded, loops cut at a fixed depth) or, for mail our users send, other servers.
import { resolveAddress } from '../router.js';
import { note, type DeliveryContext, type DeliveryDeps } from '../context.js';

const MAX_REDIRECT_DEPTH = 5;

export async function routeStage(ctx: DeliveryContext, deps: DeliveryDeps): Promise<void> {
  const seenMailboxes = new Set<number>();
  const seenOutbound = new Set<string>();
  const visit = async (address: string, depth: number, via: string): Promise<void> => {
    const route = await resolveAddress(deps.store.db, address);
    switch (route.kind) {
      case 'mailbox':
        if (seenMailboxes.has(route.mailbox.id)) return note(ctx, 'route', `${address}: ${route.mailbox.address} already gets a copy`);
        seenMailboxes.add(route.mailbox.id);
        ctx.placements.push({ mailbox: route.mailbox, folderRole: 'inbox', flags: [], rcpt: via, copy: 'delivered' });
        return note(ctx, 'route', `${address} → mailbox ${route.mailbox.address}${route.via === 'mailbox' ? '' : ` (${route.via})`}`);
      case 'redirect':
        if (depth >= MAX_REDIRECT_DEPTH) return note(ctx, 'route', `${address}: redirect chain deeper than ${MAX_REDIRECT_DEPTH}, dropped (loop?)`);
        note(ctx, 'route', `${address} redirects to ${route.targets.join(', ')}`);
        for (const t of route.targets) await visit(t, depth + 1, via);
        return;
      case 'remote':
        // Only mail from our own users (or redirects an admin configured) may leave: never a relay.
        if (ctx.source === 'mx' && depth === 0) return note(ctx, 'route', `${address}: not a local domain, refused`);
        if (!seenOutbound.has(route.address)) {
          seenOutbound.add(route.address);
          ctx.outbound.push(route.address);
        }
        return note(ctx, 'route', `${address} → outbound queue`);
      case 'unknown':
      case 'invalid':
        return note(ctx, 'route', `${address}: no such address here, dropped`);
    }
  };
  for (const rcpt of ctx.rcptTo) await visit(rcpt, 0, rcpt);
}
