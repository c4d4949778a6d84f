// Stage 6, decide: the folder and flags of each copy. System rules run first, per mailbox:
//   1. block and allow lists (src/filters/lists.ts; the mailbox's and its domain's)
//   2. quarantine (DMARC today, spam scores later) → Spam
//   3. a temporary alias's target folder
// then (with their issues) the user's Sieve script and the responder; without them every copy is
// an implicit keep. A submission also keeps a Sent copy.
//
// Lists are looked up for the mailbox that stores the copy. For a redirection, the redirecting
// mailbox (the original recipient) decides first: a sender it blocks puts its copy in Spam or
// drops it, and either way nothing is forwarded (spam is never redirected); a mailbox here that
// receives the redirected copy then applies its own lists too.
//
// An allow entry does not override DMARC quarantine: the sender's domain asked for unauthenticated
// mail to be treated as suspect, and an allow entry cannot tell the real sender from a forgery.
import { note, type DeliveryContext, type DeliveryDeps, type Placement } from '../context.js';
import { decideLists, type ListDecision, type Lists } from '../../filters/lists.js';
import { listsFor } from '../../store/sender-lists-repo.js';
import { countReceived } from '../../store/temporary-aliases-repo.js';
import { parseAddress } from '../../util/address.js';
import { SmtpReplyError } from '../../util/errors.js';
import { fileSystemFolders } from '../../filters/system-folders.js';

export async function decideStage(ctx: DeliveryContext, deps: DeliveryDeps): Promise<void> {
  const lists = new Map<number, Lists>();
  const rejected: Placement[] = [];
  for (const p of ctx.placements) {
    const who = p.mailbox.address;
    let decision: ListDecision | null = null;
    // Our own users' mail to each other and our bounces are not filtered by lists: only mail from outside.
    if (p.copy === 'delivered' && ctx.source === 'mx') {
      let l = lists.get(p.mailbox.id);
      if (!l) lists.set(p.mailbox.id, (l = await listsFor(deps.store.db, p.mailbox.domain_id, p.mailbox.id)));
      decision = decideLists(l, { envelope: ctx.mailFrom, from: ctx.parsed?.fromAddresses ?? [] }, new Set([who, p.rcpt]));
    }
    const because = decision && `${decision.scope} list entry ${decision.entry} (${decision.matched} ${decision.address})`;
    if (decision?.action === 'block') {
      if (p.mailbox.block_action === 'reject') {
        rejected.push(p);
        note(ctx, 'decide', `${who}: blocked by ${because} → rejected`);
      } else {
        toJunk(p);
        note(ctx, 'decide', `${who}: blocked by ${because} → junk`);
      }
      continue;
    }
    if (decision?.action === 'allow') {
      (ctx.allowlisted ??= new Set()).add(p.mailbox.id);
      if (ctx.quarantine) {
        toJunk(p);
        note(ctx, 'decide', `${who}: allowed by ${because}, but into junk: an allow entry does not override ${ctx.quarantine}`);
        continue;
      }
      note(ctx, 'decide', `${who}: allowed by ${because} (skips the spam filter)`);
    }
    // Quarantine (DMARC today, spam scores later): the copy goes to Spam instead of the Inbox.
    if (!decision && ctx.quarantine && p.copy === 'delivered' && p.folderRole === 'inbox') {
      toJunk(p);
      note(ctx, 'decide', `${who}: into junk (${ctx.quarantine})`);
      continue;
    }
    note(ctx, 'decide', `${who}: keep in ${p.folder ?? p.folderRole}${p.temporaryAlias ? ` (temporary alias ${p.temporaryAlias.address})` : ''}`);
  }
  rejected.push(...(await fileSystemFolders(ctx, deps)));
  if (rejected.length) reject(ctx, rejected);
  countTemporaryAliases(ctx);
  const sender = ctx.client.mailbox;
  if (ctx.source === 'submission' && sender) {
    ctx.placements.push({ mailbox: sender, folderRole: 'sent', flags: ['\\Seen'], rcpt: sender.address, copy: 'sent' });
    note(ctx, 'decide', `${sender.address}: copy in sent`);
  }
}

function toJunk(p: Placement): void {
  p.folderRole = 'junk';
  delete p.folder;
}

/**
 * Copies of mailboxes that reject the sender are dropped with their forwards. When that leaves
 * the message nowhere to go (every recipient rejects it), the sender gets 550 5.7.1 at the end of
 * DATA; otherwise the others get it and the trace says who did not.
 */
function reject(ctx: DeliveryContext, rejected: Placement[]): void {
  const gone = new Set(rejected);
  ctx.placements = ctx.placements.filter((p) => !gone.has(p));
  if (ctx.forwards) ctx.forwards = ctx.forwards.filter((f) => !(f.localCopy && gone.has(f.localCopy.placement)));
  if (ctx.placements.length === 0 && !ctx.forwards?.length && ctx.outbound.length === 0) {
    throw new SmtpReplyError(550, '5.7.1', 'Message refused: the recipient does not accept mail from this sender');
  }
  for (const p of rejected) note(ctx, 'decide', `${p.mailbox.address}: copy dropped (sender blocked), the other recipients get theirs`);
}

/** Counts, in commit's transaction, each stored copy that came through a temporary alias, by sender domain. */
function countTemporaryAliases(ctx: DeliveryContext): void {
  const via = ctx.placements.filter((p) => p.temporaryAlias);
  if (via.length === 0) return;
  // The From domain is what the user recognises (a shop's bounce domain often is not); the envelope sender's otherwise.
  const fromAddr = ctx.parsed?.fromAddresses[0];
  const domain = (fromAddr && parseAddress(fromAddr)?.domain) || parseAddress(ctx.mailFrom)?.domain || '(none)';
  (ctx.commitWrites ??= []).push(async (trx) => {
    for (const p of via) {
      // The redirect stage may have dropped the copy since.
      if (ctx.placements.includes(p)) await countReceived(trx, p.temporaryAlias!.id, domain, ctx.receivedAt);
    }
  });
}
