// Stage 4, classify (mail from the Internet only): spam, phishing and email type (src/spam), once
// per message with the global model. The verdict goes to ctx.classification (the decide stage
// files each copy by it, applying each recipient mailbox's own model: src/filters/system-folders.ts),
// ctx.spam (spam is never redirected), an X-Mailcove-Spam header on top (incoming ones claiming
// to be ours removed first) and the trace, which says why: score, type and the top reasons.
// Our own users' mail is not classified: they logged in, and their mail to each other is theirs.
//
// The classifier never throws; anything around it that fails (loading models) is noted and the
// message goes on unclassified, into the Inbox: a filter must never cost a message.
import { classify, type Classification, type Reason } from '../../spam/index.js';
import { currentGlobalBytes, currentModels } from '../../filters/spam-models.js';
import { stripHeader } from '../headers.js';
import { note, type DeliveryContext, type DeliveryDeps } from '../context.js';
import { globalModelStampOf, localDomains } from '../mailbox-settings.js';

export const SPAM_HEADER = 'X-Mailcove-Spam';

export async function classifyStage(ctx: DeliveryContext, deps: DeliveryDeps): Promise<void> {
  // Whoever sent it, a header claiming our verdict is a forgery (or a stale copy of ours).
  const stripped = stripHeader(ctx.raw, SPAM_HEADER);
  if (stripped !== ctx.raw) {
    ctx.raw = stripped;
    note(ctx, 'classify', `removed incoming ${SPAM_HEADER} headers`);
  }
  if (ctx.source !== 'mx') return note(ctx, 'classify', `skipped: ${ctx.source} mail is not classified (the sender logged in or it is our own)`);
  if (!ctx.parsed) return note(ctx, 'classify', 'skipped: the message could not be parsed; delivered to the Inbox');
  let c: Classification;
  try {
    const context = classifyContext(ctx, await localDomains(ctx, deps));
    const stamp = await globalModelStampOf(ctx, deps);
    const inline = async () => classify({ raw: ctx.raw, parsed: ctx.parsed! }, context, await currentModels(deps.store.db, stamp));
    if (deps.classifyPool) {
      // A worker that failed (stopped, or the pool gave up on them) costs only the offload.
      try {
        c = await deps.classifyPool.classify(ctx.raw, context, await currentGlobalBytes(deps.store.db, stamp));
      } catch (err) {
        deps.log.warn({ err, delivery: ctx.id }, 'classifier worker failed; classifying on the event loop');
        note(ctx, 'classify', `worker failed (${(err as Error).message}); classified on the event loop`);
        c = await inline();
      }
    } else c = await inline();
  } catch (err) {
    deps.log.error({ err, delivery: ctx.id }, 'spam classification failed');
    return note(ctx, 'classify', `classifier failed (${(err as Error).message}); delivered to the Inbox unfiltered`);
  }
  ctx.classification = c;
  if (c.error) {
    note(ctx, 'classify', `${c.error}; delivered to the Inbox unfiltered`);
    return;
  }
  const junk = c.spam.isSpam || c.phishing.isPhishing;
  // Sieve's spamtest wants [0, 1]: the score in points over 10 (the threshold, 5, is the middle).
  ctx.spam = { isSpam: junk, reason: junk ? spamReason(c) : undefined, score: Math.min(1, Math.max(0, c.spam.score / 10)) };
  ctx.raw = Buffer.concat([Buffer.from(`${SPAM_HEADER}: ${c.header}\r\n`), ctx.raw]);
  for (const line of explain(c)) note(ctx, 'classify', line);
}

/** What the classifier needs to know of the delivery (the recipient is set per mailbox later). */
export function classifyContext(ctx: DeliveryContext, domains: string[], recipient: string | null = null) {
  return {
    auth: ctx.auth,
    recipient,
    localDomains: domains,
    source: ctx.source,
    clientIp: ctx.client.ip,
    helo: ctx.client.helo,
    mailFrom: ctx.mailFrom,
    receivedAt: ctx.receivedAt,
  };
}

const points = (w: number) => `${w > 0 ? '+' : ''}${w.toFixed(1)}`;

/** The reasons that moved the score most, as "RULE +3.5 (detail)". */
export function topReasons(reasons: Reason[], n = 3): string {
  return reasons
    .filter((r) => r.weight !== 0)
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .slice(0, n)
    .map((r) => `${r.rule} ${points(r.weight)} (${r.detail})`)
    .join('; ');
}

export function spamReason(c: Classification): string {
  const what = c.phishing.isPhishing ? 'phishing' : 'spam';
  return `${what}, score ${c.spam.score.toFixed(1)}: ${topReasons(c.spam.reasons, 2)}`;
}

/** The trace lines: enough for "why is this message in Spam / Promotions?". */
export function explain(c: Classification): string[] {
  const lines = [`spam score ${c.spam.score.toFixed(1)} (${c.spam.isSpam ? 'spam' : 'not spam'}), type ${c.type}${c.phishing.isPhishing ? ', phishing' : ''}`];
  const top = topReasons(c.spam.reasons);
  if (top) lines.push(`spam reasons: ${top}`);
  if (c.phishing.isPhishing) lines.push(`phishing reasons: ${topReasons(c.phishing.reasons)}`);
  if (c.type !== 'normal' && c.type !== 'spam' && c.typeReasons.length) lines.push(`type ${c.type} because: ${topReasons(c.typeReasons)}`);
  if (c.truncated.length) lines.push(`only part of the message was read: ${c.truncated.slice(0, 3).join(', ')}`);
  return lines;
}
