// The delivery pipeline, top to bottom. Every message, from the Internet (MX), from one of our
// users (submission) or generated here (bounces), runs these stages in this order; each is a
// function of the context that adds to its trace.
//
//   1. spool         (front end) DATA streamed in, size enforced while streaming; small messages
//                    stay in memory, larger ones spill to a spool file
//   2. parse         MIME structure, ENVELOPE, BODYSTRUCTURE, text; hop count (loops)
//      authorize     submission only: From must be the sender's own address
//   3. authenticate  mail from the Internet: SPF, DKIM, DMARC, ARC; Authentication-Results;
//                    DMARC reject → 550, quarantine → Spam, a deciding DNS error → 451
//   4. classify      spam, phishing, email type (promotion, social...) with the global model
//   5. route         recipients → mailboxes, redirects, outbound queue
//   6. decide        folder and flags of each copy (filters refine this)
//      redirect      which redirections to other servers leave (consent, spam, loops)
//   7. commit        bytes once, rows in one transaction, then events; then the 250
//      (after)       mail the delivery owes (Sieve vacation, notify, refusals), ctx.afterCommit
import fs from 'node:fs/promises';
import { deliveryRecord, note, type DeliveryContext, type DeliveryDeps, type ClientInfo, type Source } from './context.js';
import { parseStage } from './stages/parse.js';
import { authorizeStage } from './stages/authorize.js';
import { authenticateStage } from './stages/authenticate.js';
import { classifyStage } from './stages/classify.js';
import { routeStage } from './stages/route.js';
import { decideStage } from './stages/decide.js';
import { redirectStage } from './stages/redirect.js';
import { commitStage } from './stages/commit.js';
import { newId } from '../util/ids.js';
import { SmtpReplyError } from '../util/errors.js';
import { insertDelivery } from '../store/deliveries-repo.js';

export type Stage = (ctx: DeliveryContext, deps: DeliveryDeps) => Promise<void>;

export const STAGES: ReadonlyArray<readonly [string, Stage]> = [
  ['parse', parseStage],
  ['authorize', authorizeStage],
  ['authenticate', authenticateStage],
  ['classify', classifyStage],
  ['route', routeStage],
  ['decide', decideStage],
  ['redirect', redirectStage],
  ['commit', commitStage],
];

export interface Incoming {
  source: Source;
  client: ClientInfo;
  mailFrom: string;
  rcptTo: string[];
  /** The spool file a large message was streamed into, or the bytes of a small one (or of our own). */
  spoolPath?: string;
  raw?: Buffer;
  id?: string;
  receivedAt?: number;
}

export async function deliver(deps: DeliveryDeps, incoming: Incoming): Promise<DeliveryContext> {
  const raw = incoming.raw ?? (await fs.readFile(incoming.spoolPath!));
  const ctx: DeliveryContext = {
    id: incoming.id ?? newId(),
    source: incoming.source,
    receivedAt: incoming.receivedAt ?? deps.now(),
    client: incoming.client,
    mailFrom: incoming.mailFrom,
    rcptTo: incoming.rcptTo,
    raw,
    parsed: null,
    placements: [],
    outbound: [],
    trace: [],
    auth: null,
    quarantine: null,
  };
  const log = deps.log.child({ delivery: ctx.id });
  const started = process.hrtime.bigint();
  try {
    for (const [name, stage] of STAGES) {
      try {
        await stage(ctx, deps);
      } catch (err) {
        // A policy refusal (not a local failure of commit) is kept with its trace, so
        // `mailcove trace` can say why the sender got it.
        if (err instanceof SmtpReplyError && name !== 'commit') await recordRefusal(deps, ctx, name, err);
        throw err;
      }
      log.debug({ stage: name }, 'stage done');
    }
    // The message is stored: what it owes (auto-replies, refusals) can go. A failure here is the
    // reply's, not the message's, so it is logged and the sender still gets 250.
    for (const job of ctx.afterCommit ?? []) {
      try {
        await job.send();
      } catch (err) {
        log.error({ err, what: job.what }, 'sending mail owed by the delivery failed');
      }
    }
  } finally {
    deps.metrics.deliveryDuration.observe(Number(process.hrtime.bigint() - started) / 1e9);
    if (incoming.spoolPath) await fs.rm(incoming.spoolPath, { force: true });
  }
  log.info({ source: ctx.source, from: ctx.mailFrom, rcpt: ctx.rcptTo, size: raw.length, stored: ctx.placements.length, queued: ctx.outbound.length }, 'delivered');
  return ctx;
}

async function recordRefusal(deps: DeliveryDeps, ctx: DeliveryContext, stage: string, err: SmtpReplyError): Promise<void> {
  const reply = `${err.code} ${err.enhanced} ${err.text}`;
  note(ctx, 'reply', `${reply} (from the ${stage} stage)`);
  try {
    await deps.store.batchTx((trx) =>
      insertDelivery(trx, deliveryRecord(ctx, `${err.code >= 500 ? 'refused' : 'deferred'}: ${reply}`)),
    );
  } catch (e) {
    // The reply goes out regardless; the record is for the admin.
    deps.log.error({ err: e, delivery: ctx.id }, 'recording a refused delivery failed');
  }
}
