// Stage 6, decide: the folder and flags of each copy. System rules run first, per mailbox:
//   1. block and allow lists (src/filters/lists.ts; the mailbox's and its domain's)
//   2. quarantine (DMARC) → Spam
//   3. a temporary alias's target folder
//   4. the classifier's verdict (src/filters/system-folders.ts): Spam, Promotions, Social networks
// then, for every delivered copy, SYSTEM_RULES, the mailbox's active Sieve script and
// AFTER_USER_SCRIPT (issue 7, the responder): see src/delivery/sieve-step.ts. Without a script a
// copy is an implicit keep. A submission also keeps a Sent copy.
//
// Lists are looked up for the mailbox that stores the copy. For a redirection, the redirecting
// mailbox (the original recipient) decides first: a sender it blocks puts its copy in Spam or
// drops it, and either way nothing is forwarded (spam is never redirected); a mailbox here that
// receives the redirected copy then applies its own lists too.
//
// An allow entry does not override DMARC quarantine: the sender's domain asked for unauthenticated
// mail to be treated as suspect, and an allow entry cannot tell the real sender from a forgery.
import { note, type DeliveryContext, type DeliveryDeps, type Placement } from '../context.js';
import { decideLists, type ListDecision } from '../../filters/lists.js';
import { mailboxSettings } from '../mailbox-settings.js';
import { countReceived } from '../../store/temporary-aliases-repo.js';
import { parseAddress } from '../../util/address.js';
import { SmtpReplyError } from '../../util/errors.js';
import { newId } from '../../util/ids.js';
import { AFTER_USER_SCRIPT, runCopyRules, sendLocal, sieveCopy, SYSTEM_RULES } from '../sieve-step.js';
import { refusalMessage } from '../sieve-mail.js';
import { headerBlockEnd } from '../headers.js';
import { fileSystemFolders } from '../../filters/system-folders.js';

export async function decideStage(ctx: DeliveryContext, deps: DeliveryDeps): Promise<void> {
  const rejected: Placement[] = [];
  const refused: Refusal[] = [];
  for (const p of ctx.placements) if (!(await systemRules(ctx, deps, p))) rejected.push(p);
  // Spam, phishing, promotions and social networks (issue 6), after the lists (an allowed sender
  // skips the spam filter) and before the user's script; a score over the mailbox's reject level
  // rejects its copy.
  for (const p of await fileSystemFolders(ctx, deps)) if (!rejected.includes(p)) rejected.push(p);
  // A snapshot: the Sieve step replaces a copy by the copies its script makes.
  for (const p of [...ctx.placements]) {
    // Every copy delivered to a mailbox (from the Internet, our users or our own mail), never the Sent copy.
    if (rejected.includes(p) || p.copy !== 'delivered') continue;
    await runCopyRules(SYSTEM_RULES, ctx, deps, p);
    const { refused: reason } = await sieveCopy(ctx, deps, p);
    if (reason !== null) {
      refused.push({ placement: p, reason });
      continue;
    }
    await runCopyRules(AFTER_USER_SCRIPT, ctx, deps, p);
  }
  if (rejected.length || refused.length) reject(ctx, deps, rejected, refused);
  countTemporaryAliases(ctx);
  const sender = ctx.client.mailbox;
  if (ctx.source === 'submission' && sender) {
    ctx.placements.push({ mailbox: sender, folderRole: 'sent', flags: ['\\Seen'], rcpt: sender.address, copy: 'sent' });
    note(ctx, 'decide', `${sender.address}: copy in sent`);
  }
}

/** Block/allow lists and quarantine choose the copy's folder; false when the copy is rejected. */
async function systemRules(ctx: DeliveryContext, deps: DeliveryDeps, p: Placement): Promise<boolean> {
  const who = p.mailbox.address;
  let decision: ListDecision | null = null;
  // Our own users' mail to each other and our bounces are not filtered by lists: only mail from outside.
  if (p.copy === 'delivered' && ctx.source === 'mx') {
    const { lists } = await mailboxSettings(ctx, deps, p.mailbox);
    decision = decideLists(lists, { envelope: ctx.mailFrom, from: ctx.parsed?.fromAddresses ?? [] }, new Set([who, p.rcpt]));
  }
  const because = decision && `${decision.scope} list entry ${decision.entry} (${decision.matched} ${decision.address})`;
  if (decision?.action === 'block') {
    if (p.mailbox.block_action === 'reject') {
      note(ctx, 'decide', `${who}: blocked by ${because} → rejected`);
      return false;
    }
    toJunk(p);
    note(ctx, 'decide', `${who}: blocked by ${because} → junk`);
    return true;
  }
  if (decision?.action === 'allow') {
    (ctx.allowlisted ??= new Set()).add(p.mailbox.id);
    if (ctx.quarantine) {
      toJunk(p);
      note(ctx, 'decide', `${who}: allowed by ${because}, but into junk: an allow entry does not override ${ctx.quarantine}`);
      return true;
    }
    note(ctx, 'decide', `${who}: allowed by ${because} (skips the spam filter)`);
  }
  // Quarantine (DMARC today, spam scores later): the copy goes to Spam instead of the Inbox.
  if (!decision && ctx.quarantine && p.copy === 'delivered' && p.folderRole === 'inbox') {
    toJunk(p);
    note(ctx, 'decide', `${who}: into junk (${ctx.quarantine})`);
    return true;
  }
  note(ctx, 'decide', `${who}: keep in ${p.folder ?? p.folderRole}${p.temporaryAlias ? ` (temporary alias ${p.temporaryAlias.address})` : ''}`);
  return true;
}

function toJunk(p: Placement): void {
  p.folderRole = 'junk';
  delete p.folder;
}

interface Refusal { placement: Placement; reason: string }

/**
 * Copies of mailboxes that reject the sender (block list) or the message (Sieve reject/ereject)
 * are dropped with their forwards. When that leaves the message nowhere to go (every recipient
 * refuses it), the sender gets 550 5.7.1 at the end of DATA, with the script's reason when a
 * script refused (RFC 5429 2.1.1). Otherwise the others get it, the trace says who did not, and a
 * script's refusal goes to the envelope sender as an MDN (RFC 5429 2.1.2) after commit.
 */
function reject(ctx: DeliveryContext, deps: DeliveryDeps, rejected: Placement[], refused: Refusal[]): void {
  const gone = new Set([...rejected, ...refused.map((r) => r.placement)]);
  ctx.placements = ctx.placements.filter((p) => !gone.has(p));
  if (ctx.forwards) ctx.forwards = ctx.forwards.filter((f) => !(f.localCopy && gone.has(f.localCopy.placement)));
  if (ctx.placements.length === 0 && !ctx.forwards?.length && ctx.outbound.length === 0) {
    // Our own mail (bounces, auto-replies, links) has no client to refuse: a failure there would
    // only make its sender retry it forever. The script's refusal drops the copy.
    if (refused.length && ctx.source === 'local') {
      for (const r of refused) note(ctx, 'sieve', `${r.placement.mailbox.address}: copy refused by the script, dropped (our own mail)`);
      return;
    }
    if (refused.length) throw new SmtpReplyError(550, '5.7.1', smtpReason(refused[0]!.reason));
    throw new SmtpReplyError(550, '5.7.1', 'Message refused: the recipient does not accept mail from this sender');
  }
  for (const p of rejected) note(ctx, 'decide', `${p.mailbox.address}: copy dropped (sender blocked), the other recipients get theirs`);
  for (const r of refused) sendRefusal(ctx, deps, r);
}

/** A script's reason as SMTP reply text: one line of printable ASCII (RFC 5429 2.1.1), bounded. */
function smtpReason(reason: string): string {
  const text = reason.replace(/[\r\n\t]+/g, ' ').replace(/[^\x20-\x7e]/g, '?').trim().slice(0, 400);
  return text || 'Message refused by the recipient';
}

function sendRefusal(ctx: DeliveryContext, deps: DeliveryDeps, r: Refusal): void {
  const who = r.placement.mailbox.address;
  // Never to the null sender: a refusal of a bounce would start a loop.
  if (ctx.mailFrom === '') {
    note(ctx, 'sieve', `${who}: copy refused by the script, no refusal sent (null sender)`);
    return;
  }
  const raw = refusalMessage({
    hostname: deps.config.hostname,
    to: ctx.mailFrom,
    recipient: r.placement.rcpt,
    reason: r.reason,
    originalSubject: ctx.parsed?.subject ?? '',
    originalMessageId: ctx.parsed?.messageId ?? null,
    originalHeaders: ctx.raw.subarray(0, headerBlockEnd(ctx.raw)),
    messageId: `<${newId(deps.now())}@${deps.config.hostname}>`,
    now: deps.now(),
  });
  (ctx.afterCommit ??= []).push({
    what: `sieve refusal ${who} → ${ctx.mailFrom}`,
    send: () => sendLocal(deps, '', [ctx.mailFrom], raw),
  });
  note(ctx, 'sieve', `${who}: copy refused by the script, the other recipients get theirs; refusal sent to ${ctx.mailFrom}`);
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
